import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { loadConfig } from '../../api/config';
import { stripeFor } from '../../api/donations/stripe-client';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe';
import type { TestApp } from '../helpers/app';
import { startDonation } from '../helpers/donations';
import { createAssociation } from '../helpers/factories';

/**
 * The Cloudflare Workers build (api/worker.ts, wrangler.toml) running in workerd through
 * wrangler's unstable_startWorker, against a real PostgreSQL behind the local Hyperdrive
 * binding, with mail going to a fake mail provider's HTTP API on 127.0.0.1.
 *
 * PostgreSQL: TEST_DATABASE_URL (CI) or postgres://root@127.0.0.1:5432/test. The test makes a
 * database of its own there, migrates it from Node (the Worker never migrates) and drops it.
 * Unreachable: fails under CI, skips with a message otherwise.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BASE_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
const DATABASE = `kw_worker_test_${process.pid}`;
const CRON = '*/5 * * * *';
const MAIL_KEY = 're_worker_test_key';
// The BASE_URL of wrangler.toml's [vars]: reset links must be built from it.
const BASE_URL = 'https://kassenwart.example.org';

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Hyperdrive's local mode refuses a connection string without a password; trust auth ignores it. */
function withPassword(url: string) {
  const u = new URL(url);
  if (!u.password) u.password = 'kassenwart';
  return u.toString();
}

function redacted(url: string) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

async function unreachable(url: string): Promise<string | null> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

const pgProblem = await unreachable(BASE_DATABASE_URL);
if (pgProblem && !process.env.CI) {
  console.warn(
    `tests/api/worker.test.ts: PostgreSQL at ${redacted(BASE_DATABASE_URL)} is unreachable (${pgProblem}); ` +
      'the Worker tests are skipped. Start it or set TEST_DATABASE_URL (under CI this fails).',
  );
}

/** A mail provider's HTTP API: records every POST, answers { id }. */
interface ReceivedMail {
  headers: IncomingHttpHeaders;
  body: { from: string; to: string[]; subject: string; text: string; html?: string };
}
function startMailApi() {
  const received: ReceivedMail[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `msg_${received.length}` }));
    });
  });
  return new Promise<{ server: Server; url: string; received: ReceivedMail[] }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/emails`, received }),
    ),
  );
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type StartedWorker = Awaited<ReturnType<(typeof import('wrangler'))['unstable_startWorker']>>;

// The first request waits for wrangler's first bundle; a reload takes a few seconds (more on a busy machine).
describe.skipIf(pgProblem !== null && !process.env.CI)('Cloudflare Worker in workerd, PostgreSQL through Hyperdrive', { timeout: 60_000 }, () => {
  let admin: postgres.Sql | undefined;
  let sql: postgres.Sql | undefined;
  let mailApi: Awaited<ReturnType<typeof startMailApi>> | undefined;
  let fake: FakeStripe | undefined;
  let database: ReturnType<typeof openPostgres> | undefined;
  let worker: StartedWorker | undefined;
  let origin: string;
  let bindings: Record<string, { type: 'plain_text' | 'secret_text'; value: string } | { type: 'hyperdrive'; id: string; localConnectionString: string }>;

  beforeAll(async () => {
    if (pgProblem) throw new Error(`CI: PostgreSQL at ${redacted(BASE_DATABASE_URL)} is unreachable: ${pgProblem}`);
    admin = postgres(BASE_DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
    await admin.unsafe(`create database ${DATABASE}`);
    const url = withDatabase(BASE_DATABASE_URL, DATABASE);
    const migrating = openPostgres(url, { max: 1 });
    await migrateToLatest(migrating.db);
    await migrating.close();
    sql = postgres(url, { max: 2, onnotice: () => {} });
    database = openPostgres(url, { max: 1 });

    mailApi = await startMailApi();
    fake = await startFakeStripe();

    // wrangler reads these at run time: no calls to Cloudflare, no telemetry
    process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
    process.env.WRANGLER_SEND_METRICS = 'false';
    const { unstable_startWorker } = await import('wrangler');
    bindings = {
      // replaces wrangler.toml's localConnectionString: this test's own database
      HYPERDRIVE: { type: 'hyperdrive', id: 'kassenwart-worker-test', localConnectionString: withPassword(url) },
      MAIL_API_URL: { type: 'plain_text', value: mailApi.url },
      MAIL_API_KEY: { type: 'secret_text', value: MAIL_KEY },
      LOG_LEVEL: { type: 'plain_text', value: 'warn' },
      STRIPE_SECRET_KEY: { type: 'secret_text', value: fake.env.STRIPE_SECRET_KEY! },
      STRIPE_WEBHOOK_SECRET: { type: 'secret_text', value: fake.env.STRIPE_WEBHOOK_SECRET! },
      STRIPE_API_URL: { type: 'plain_text', value: fake.url },
    };
    worker = await unstable_startWorker({
      config: join(ROOT, 'wrangler.toml'),
      bindings,
      sendMetrics: false,
      // `wrangler dev` and `deploy` derive this from compatibility_flags; unstable_startWorker does
      // not, and would bundle without the Node compatibility layer (with a warning per node: import)
      build: { nodejsCompatMode: 'v2' },
      dev: {
        server: { hostname: '127.0.0.1', port: 0 },
        inspector: false,
        watch: false,
        persist: false,
        logLevel: 'warn',
      },
    });
    await worker.ready;
    origin = (await worker.url).origin;
  }, 120_000);

  afterAll(async () => {
    await worker?.dispose();
    await fake?.close();
    await database?.close();
    await new Promise<void>((resolve) => (mailApi ? mailApi.server.close(() => resolve()) : resolve()));
    await sql?.end({ timeout: 5 });
    if (admin) {
      await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
      await admin.end({ timeout: 5 });
    }
  }, 60_000);

  it('answers /health from PostgreSQL', async () => {
    const response = await fetch(`${origin}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'postgres' });
  });

  it('shows the German setup page while nobody is set up', async () => {
    const response = await fetch(`${origin}/setup`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('Kassenwart einrichten');
    expect(html).toContain('lang="de"');
  });

  it('refuses the API without a login as problem+json', async () => {
    const response = await fetch(`${origin}/api/v1/me`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { status: number };
    expect(problem.status).toBe(401);
  });

  it('delivers a reset mail through waitUntil after the response, over the mail HTTP API', async () => {
    await sql!`insert into users (email, name, role, status, language) values ('ayse@example.org', 'Ayşe Yılmaz', 'treasurer', 'active', 'de')`;
    const form = await fetch(`${origin}/password/forgot`);
    expect(form.status).toBe(200);
    const csrf = /kw_csrf=([A-Za-z0-9_-]{43})/.exec(form.headers.getSetCookie().join('\n'))?.[1];
    expect(csrf).toBeDefined();

    const before = mailApi!.received.length;
    const response = await fetch(`${origin}/password/forgot`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `kw_csrf=${csrf}` },
      body: new URLSearchParams({ _csrf: csrf!, email: 'ayse@example.org' }).toString(),
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login');

    // no cron run in between: the request's own background task sends it
    const mail = await until('the reset mail', () => mailApi!.received[before]);
    expect(mail.headers.authorization).toBe(`Bearer ${MAIL_KEY}`);
    expect(mail.body.to).toEqual(['ayse@example.org']);
    expect(mail.body.from).toBe('Kassenwart <kassenwart@example.org>');
    expect(mail.body.text).toContain(`${BASE_URL}/password/reset?token=`);

    // marked sent after the mail API answered: the request's database client outlived the response
    const row = await until('the outbox row marked sent', async () => {
      const [r] = await sql!`select status, message_id, attempts from outbox where to_address = 'ayse@example.org'`;
      return r?.status === 'sent' ? r : undefined;
    });
    expect(row).toMatchObject({ status: 'sent', message_id: `msg_${before + 1}`, attempts: 1 });
  });

  it('verifies a Stripe webhook with WebCrypto, stores it, and books the gift through waitUntil', async () => {
    await createAssociation(database!.db);
    const host = { db: database!.db, deps: { payments: stripeFor(loadConfig(fake!.env)) }, clock: { now: () => new Date() } } as unknown as TestApp;
    const { sessionId } = await startDonation(host, { amount_cents: 4200, email: 'worker@example.org', name: 'Lea Wolf' });
    const [completed] = fake!.completeCheckout(sessionId, { method: 'card' });

    const forged = await fake!.deliver(origin, completed!, { secret: 'whsec_forged' });
    expect(forged.status).toBe(400);
    const delivered = await fake!.deliver(origin, completed!);
    expect(delivered.status).toBe(200);
    // the Worker re-reads the session from (fake) Stripe after the answer, within waitUntil
    const gift = await until('the booked gift', async () => (await sql!`select amount_cents, method, status from donations where stripe_checkout_session_id = ${sessionId}`)[0]);
    expect({ ...gift, amount_cents: Number(gift.amount_cents) }).toEqual({ amount_cents: 4200, method: 'stripe_card', status: 'succeeded' });
    const [event] = await sql!`select status from stripe_events where id = ${completed!.id}`;
    expect(event).toMatchObject({ status: 'processed' });
    // the thank-you mail leaves with the next cron run, over the mail HTTP API
    const before = mailApi!.received.length;
    const cron = await fetch(`${origin}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(CRON)}`);
    expect(await cron.text()).toBe('ok');
    expect(mailApi!.received.slice(before).map((m) => [m.body.to, m.body.subject])).toEqual([[['worker@example.org'], 'Danke für Ihre Spende – Laissez-passer e.V.']]);
  });

  it('gives a member in the portal their data export as a PDF (fonts bundled into the Worker)', async () => {
    const [type] = await sql!`insert into membership_types (name, fee_cents, interval, created_at) values ('Ordentlich', 6000, 'yearly', now()) returning id`;
    const [member] = await sql!`insert into members (member_number, first_name, last_name, email, status, membership_type_id, payment_method, language, join_date, created_at, updated_at)
      values (901, 'Şükrü', 'Özdemir', 'sukru@example.org', 'active', ${type.id}, 'transfer', 'tr', '2024-01-01', now(), now()) returning id`;
    const token = 'workerPortalSessionToken0123456789abcdefghi'; // 43 characters, like a real one
    await sql!`insert into portal_sessions (id, member_id, created_at, expires_at) values (${createHash('sha256').update(token).digest('hex')}, ${member.id}, now(), now() + interval '1 hour')`;
    const response = await fetch(`${origin}/portal/data.pdf`, { headers: { cookie: `kw_portal=${token}` }, redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    // the text reads back, in the member's language, with the name in its own letters
    const text = spawnSync('pdftotext', ['-', '-'], { input: bytes }).stdout.toString('utf8');
    expect(text).toContain('Şükrü Özdemir');
  });

  it('runs the outbox and the clean-up jobs on the cron trigger', async () => {
    const [user] = await sql!`insert into users (email, name, role, status) values ('kai@example.org', 'Kai Berg', 'board', 'active') returning id`;
    await sql!`insert into sessions (id, user_id, created_at, expires_at)
               values ('expired-session', ${user.id}, now() - interval '2 days', now() - interval '1 day'),
                      ('live-session', ${user.id}, now(), now() + interval '1 day')`;
    await sql!`insert into outbox (created_at, template, language, to_address, subject, text_body, html_body, status, next_attempt_at)
               values (now(), 'invite', 'de', 'vorstand@example.org', 'Einladung', 'Willkommen', null, 'pending', now() - interval '1 minute')`;
    const before = mailApi!.received.length;

    // wrangler's Worker.scheduled() looks the Worker up in the wrong Miniflare in 4.86 ("worker not
    // found"); the dev server's documented trigger URL runs the same handler. It answers once the
    // handler and its waitUntil work are done: 200 "ok", or 500 "exception" when the jobs failed.
    const response = await fetch(`${origin}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(CRON)}`);
    expect(await response.text()).toBe('ok');
    expect(response.status).toBe(200);

    expect(mailApi!.received).toHaveLength(before + 1);
    const mail = mailApi!.received[before];
    expect(mail.headers.authorization).toBe(`Bearer ${MAIL_KEY}`);
    expect(mail.body).toMatchObject({ to: ['vorstand@example.org'], subject: 'Einladung', text: 'Willkommen' });
    expect(mail.body).not.toHaveProperty('html');
    const [row] = await sql!`select status, message_id from outbox where to_address = 'vorstand@example.org'`;
    expect(row).toMatchObject({ status: 'sent', message_id: `msg_${before + 1}` });
    const sessions = await sql!`select id from sessions order by id`;
    expect(sessions.map((s) => s.id)).toEqual(['live-session']);
  });

  it('answers 500 naming the variable when the configuration is wrong', async () => {
    await worker!.patchConfig({ bindings: { ...bindings, LOG_LEVEL: { type: 'plain_text', value: 'loud' } } });
    // the reload is asynchronous: the old Worker may answer a request or two before it is replaced
    const response = await until('the reloaded Worker', async () => {
      const r = await fetch(`${origin}/health`);
      if (r.status === 200) {
        await r.body?.cancel();
        return undefined;
      }
      return r;
    }, 30_000);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('LOG_LEVEL');
    expect(text).toContain('Konfigurationsfehler');
  });
});

describe('Cloudflare Worker bundle', () => {
  it('builds offline and leaves PGlite, @hono/node-server and nodemailer out', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'kassenwart-worker-bundle-'));
    try {
      await promisify(execFile)(
        process.execPath,
        [join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', outdir],
        { cwd: ROOT, env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' } },
      );
      const map = JSON.parse(readFileSync(join(outdir, 'worker.js.map'), 'utf8')) as { sources: string[] };
      const packages = new Set(
        map.sources.filter((s) => s.includes('node_modules/')).map((s) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s)![1]),
      );
      expect(packages).toContain('postgres');
      expect(packages).toContain('hono');
      for (const unwanted of ['@electric-sql/pglite', '@hono/node-server', 'nodemailer']) {
        expect(packages, unwanted).not.toContain(unwanted);
      }
      const own = map.sources.filter((s) => !s.includes('node_modules/'));
      expect(own.filter((s) => /api\/node\.ts|db\/embedded\.ts|smtp-transport\.ts|db\/connect\.ts/.test(s))).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 60_000);
});
