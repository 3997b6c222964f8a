// `npm run bench:cold-start`: how long from starting Kassenwart until /health answers 200 — on a
// fresh data folder (with and without the pre-migrated image) and on a restart. Writes the
// result to docs/benchmarks.md. Targets: fresh ≤ 3 s, restart ≤ 1 s.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { imagePath } from '../../db/embedded';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = 5;
const POLL_MS = 25;

type Command = 'node' | 'npm start';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts Kassenwart, returns ms until the first 200 on /health, and stops it again. */
async function coldStart(dataDir: string, command: Command = 'node'): Promise<number> {
  const port = await freePort();
  // DATABASE_URL and mail settings emptied: the embedded database is what is measured.
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', SMTP_URL: '', MAIL_API_URL: '' };
  const started = performance.now();
  // Own process group, so SIGTERM reaches npm's children too (npm -> sh -> node).
  const child =
    command === 'node'
      ? spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] })
      : spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    for (;;) {
      if (gone) throw new Error(`Kassenwart exited before answering /health:\n${stderr}`);
      if (performance.now() - started > 60_000) throw new Error(`no answer on /health within 60 s:\n${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) }).then(
        (res) => res.status === 200,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await stop(child, exited);
  }
}

async function stop(child: ChildProcess, exited: Promise<void>) {
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    /* already gone */
  }
  await exited;
  // npm may exit before its node child: wait until the whole group is gone.
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(-child.pid!, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function freshStarts(runs: number, command: Command = 'node', beforeEach = () => {}) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'kassenwart-bench-'));
    try {
      beforeEach();
      times.push(await coldStart(dir, command));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return times;
}

async function restarts(runs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'kassenwart-bench-'));
  try {
    await coldStart(dir); // creates the database
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await coldStart(dir));
    return times;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fresh starts with the image moved away; a start without image writes one, so remove that each time. */
async function withoutImage(runs: number) {
  const image = imagePath();
  const parked = `${image}.bench-parked`;
  renameSync(image, parked);
  const restore = () => {
    rmSync(image, { recursive: true, force: true });
    if (existsSync(parked)) renameSync(parked, image);
  };
  const interrupted = () => (restore(), process.exit(130));
  process.once('SIGINT', interrupted);
  try {
    return await freshStarts(runs, 'node', () => rmSync(image, { recursive: true, force: true }));
  } finally {
    process.off('SIGINT', interrupted);
    restore();
  }
}

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
};
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

if (!existsSync(imagePath())) {
  // What `npm install` would have done (postinstall): the fresh figure is meant with the image.
  console.error(`Datenbank-Abbild wird erstellt / building the database image ${imagePath()} …`);
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-db-image.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0 || !existsSync(imagePath())) process.exit(1);
}
const load = loadavg()[0]!.toFixed(2);
console.error('Aufwärmlauf / warm-up run (bundle, file cache) …');
await freshStarts(1);
console.error(`fresh × ${RUNS} …`);
const fresh = stats(await freshStarts(RUNS));
console.error(`restart × ${RUNS} …`);
const restart = stats(await restarts(RUNS));
console.error(`fresh without image × ${RUNS} …`);
const noImage = stats(await withoutImage(RUNS));
console.error('npm start × 3 …');
const npmStart = stats(await freshStarts(3, 'npm start'));

const met = (ms: number, target: number) => (ms <= target ? 'yes' : '**no**');
const table = [
  '| start | runs | median | min | max | target | met |',
  '|---|---|---|---|---|---|---|',
  `| fresh DATA_DIR, pre-migrated image | ${RUNS} | ${s(fresh.median)} | ${s(fresh.min)} | ${s(fresh.max)} | ≤ 3 s | ${met(fresh.median, 3000)} |`,
  `| restart on existing database | ${RUNS} | ${s(restart.median)} | ${s(restart.min)} | ${s(restart.max)} | ≤ 1 s | ${met(restart.median, 1000)} |`,
  `| fresh DATA_DIR, no image (initdb + migrations + writing the image) | ${RUNS} | ${s(noImage.median)} | ${s(noImage.min)} | ${s(noImage.max)} | – | – |`,
  `| fresh DATA_DIR, pre-migrated image, literally \`npm start\` | 3 | ${s(npmStart.median)} | ${s(npmStart.min)} | ${s(npmStart.max)} | ≤ 3 s | ${met(npmStart.median, 3000)} |`,
].join('\n');

const section = `## Cold start (bench/cold-start)

\`npm run bench:cold-start\` — time from spawning the server until the first \`200\` on \`/health\`
(polled every ${POLL_MS} ms), each child stopped with SIGTERM before the next. The child is
\`node scripts/start.mjs\` (what \`npm start\` runs, without npm's own start-up: it imports the esbuild
bundle dist/node.mjs, rebuilt when a source is newer); the last row is literally \`npm start\`.
Fresh runs use a new empty temp DATA_DIR each, copied from the pre-migrated template
db/image/pgdata-<migration>/; one unmeasured warm-up run comes first (bundle, file cache).

Machine: Node ${process.version}, ${availableParallelism()} cores (\`nproc\`), ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${load} at start and ${loadavg()[0]!.toFixed(2)} at the end (other work on the machine slows every figure), ${new Date().toISOString().slice(0, 10)}.

${table}

The pre-migrated template (\`db/image/\`, written by \`npm install\`) saves ${s(noImage.median - fresh.median)} on a fresh start (median).
Targets: fresh ≤ 3 s — ${fresh.median <= 3000 ? 'met' : 'not met'}; restart ≤ 1 s — ${restart.median <= 1000 ? 'met' : 'not met'}.
`;

console.log(`\n${section}`);
const doc = join(ROOT, 'docs', 'benchmarks.md');
const before = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n\nMeasured results of the benchmarks in `bench/`. Re-run them after changes that could matter.\n';
const pattern = /## Cold start \(bench\/cold-start\)\n[\s\S]*?(?=\n## |$)/;
mkdirSync(dirname(doc), { recursive: true });
writeFileSync(doc, pattern.test(before) ? before.replace(pattern, () => section) : `${before.trimEnd()}\n\n${section}`);
console.error(`→ ${doc}`);
