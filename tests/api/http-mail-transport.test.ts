import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpMailTransport } from '../../api/mail/http-transport';

/** A mail provider's HTTP API on 127.0.0.1: records what arrives, answers what the test says. */
interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let url: string;
let received: Received[] = [];
let answer: { status: number; body: string } = { status: 200, body: '{}' };

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/emails`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  answer = { status: 200, body: '{}' };
});

const message = {
  from: 'Laissez-passer e.V. <kasse@example.org>',
  to: 'mitglied@example.org',
  subject: 'Passwort zurücksetzen – Laissez-passer e.V.',
  text: 'Hallo Ayşe,\n\nder Link gilt eine Stunde.',
  html: '<p>Hallo Ayşe,</p><p>der Link gilt eine Stunde.</p>',
};

describe('httpMailTransport', () => {
  it('POSTs the mail as JSON with the bearer key and returns the provider id', async () => {
    answer = { status: 200, body: JSON.stringify({ id: 'msg_4711' }) };
    const result = await httpMailTransport(url, 're_test_key').send(message);

    expect(result).toEqual({ messageId: 'msg_4711' });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/emails');
    expect(request.headers.authorization).toBe('Bearer re_test_key');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      from: message.from,
      to: ['mitglied@example.org'],
      subject: message.subject,
      text: message.text,
      html: message.html,
    });
  });

  it('leaves html out when the mail has none', async () => {
    await httpMailTransport(url, 'k').send({ ...message, html: null });
    expect(JSON.parse(received[0].body)).not.toHaveProperty('html');
  });

  it('throws with the status and the provider message when the API answers 500', async () => {
    answer = { status: 500, body: '{"message":"internal server error"}' };
    await expect(httpMailTransport(url, 'k').send(message)).rejects.toThrow(/mail API answered 500: .*internal server error/);
    expect(received).toHaveLength(1);
  });

  it('throws on a refused key (401), so the outbox keeps the mail for a retry', async () => {
    answer = { status: 401, body: '{"message":"invalid api key"}' };
    await expect(httpMailTransport(url, 'wrong').send(message)).rejects.toThrow(/401/);
  });
});
