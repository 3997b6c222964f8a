// `npm start` as a person runs it: scripts/start.mjs with its bundle (dist/node.mjs, packages
// bundled in, PGlite's WebAssembly loaded ahead), a real port and a real data folder. The other
// tests run the sources through tsx; only this one proves the bundle starts, serves pages, stops
// cleanly on SIGTERM and finds its data again.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '../../db/embedded';
import { Client } from '../helpers/client';
import { PASSWORD, setupForm } from '../helpers/factories';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const root = mkdtempSync(join(tmpdir(), 'kassenwart-start-test-'));
const running = new Set<ChildProcess>();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

function start(dataDir: string, port: number): Started {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, PORT: String(port) };
  // As from a shell: none of the test run's settings (vitest sets BASE_URL=/, NODE_ENV=test).
  for (const name of ['DATABASE_URL', 'SMTP_URL', 'MAIL_API_URL', 'MAIL_API_KEY', 'BASE_URL', 'NODE_ENV', 'LOG_LEVEL']) delete env[name];
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, port, output: () => output, exited };
}

async function healthy(server: Started) {
  let gone = false;
  void server.exited.then(() => (gone = true));
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (gone) throw new Error(`Kassenwart exited before answering /health:\n${server.output()}`);
    const res = await fetch(`http://127.0.0.1:${server.port}/health`).catch(() => null);
    if (res?.status === 200) return res.json();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no answer on /health within 60 s:\n${server.output()}`);
}

/** The test client, over real HTTP instead of app.request. */
function http(server: Started) {
  return new Client({
    request: (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${server.port}${path}`, init),
  } as never);
}

describe('npm start (scripts/start.mjs and its bundle)', () => {
  const dataDir = join(root, 'data');
  let first: Started;

  beforeAll(async () => {
    first = start(dataDir, await freePort());
    await healthy(first);
  }, 120_000);

  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the setup page of a fresh data folder, rendered from the bundle', async () => {
    expect(await healthy(first)).toEqual({ status: 'ok', database: 'pglite' });
    const setup = await fetch(`http://127.0.0.1:${first.port}/setup`);
    expect(setup.status).toBe(200);
    expect(await setup.text()).toContain('Kassenwart einrichten');
    expect(first.output()).toContain('Neue eingebettete Datenbank');
  });

  it('refuses a second start on the same data folder, naming the process that holds it', async () => {
    const second = start(dataDir, await freePort());
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`wird schon von Prozess ${first.child.pid} benutzt`);
    expect(second.output()).not.toMatch(/^\s+at /m); // a sentence, not a stack
    expect((await fetch(`http://127.0.0.1:${first.port}/health`)).status).toBe(200);
  }, 60_000);

  it('refuses a port in use with a clear message', async () => {
    const other = start(join(root, 'other'), first.port);
    expect(await other.exited).toBe(1);
    expect(other.output()).toContain(`Port ${first.port} ist belegt`);
    expect(other.output()).not.toMatch(/^\s+at /m);
    expect(existsSync(join(root, 'other', 'kassenwart.lock'))).toBe(false);
  }, 60_000);

  it('keeps what was written before SIGTERM and finds it after a restart', async () => {
    const client = http(first);
    const res = await client.post('/setup', setupForm({ 'admin.email': 'amina@example.org' }));
    expect(res.status).toBe(302);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, 'kassenwart.lock'))).toBe(false);

    // Read straight from the folder, as the next start will.
    const database = await openEmbedded(dataDir);
    try {
      const users = await database.db.selectFrom('users').select(['email', 'role']).execute();
      expect(users).toEqual([{ email: 'amina@example.org', role: 'admin' }]);
    } finally {
      await database.close();
    }

    const again = start(dataDir, await freePort());
    await healthy(again);
    expect(again.output()).not.toContain('Neue eingebettete Datenbank');
    const setup = await fetch(`http://127.0.0.1:${again.port}/setup`, { redirect: 'manual' });
    expect(setup.headers.get('location')).toBe('/login');
    const login = await http(again).post('/login', { email: 'amina@example.org', password: PASSWORD, next: '/' });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 120_000);

  it('bundles no package code that looks for files beside itself (it would look in dist/)', () => {
    const bundle = readFileSync(join(ROOT, 'dist', 'node.mjs'), 'utf8');
    expect(bundle).not.toMatch(/\b(__dirname|__filename|require\.resolve)\b/);
    // PGlite stays in node_modules, loading pglite.wasm beside its own file.
    expect(bundle).toMatch(/from "@electric-sql\/pglite"/);
  });
});
