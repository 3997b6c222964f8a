import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 for tests: nodemailer talks real SMTP to it. `reject` makes it
 * refuse every message (to exercise retries).
 */
export async function startSmtp() {
  const received: ParsedMail[] = [];
  const state = { reject: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (state.reject) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        received.push(await simpleParser(Buffer.concat(chunks)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type TestSmtp = Awaited<ReturnType<typeof startSmtp>>;

export function linkIn(mail: ParsedMail): string {
  const link = /https?:\/\/\S+token=[\w-]+/.exec(mail.text ?? '')?.[0];
  if (!link) throw new Error(`no link in mail: ${mail.text}`);
  return link;
}
