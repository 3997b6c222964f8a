// The floor of the receipts benchmark (issue #5, "Benchmark"): bare pdfkit drawing the same
// Sammelbestätigungen (receipt page + Anlage) as the annual run, on the same cores, with the
// app's own renderReceiptPdf — but no database, no numbering, no SHA-256, no archive, no mail.
// The annual run's throughput is reported against this (target ≥ 2/3 of it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { renderReceiptPdf } from '../../templates/pdf/receipt';
import { sammelReceiptData } from './fixtures/sammel-data';
import type { RenderWorkerData, RenderWorkerMessage } from './render-worker';

export { GIFTS_PER_RECEIPT, sammelReceiptData, YEAR } from './fixtures/sammel-data';

/**
 * Starts a worker thread on a .ts module. `node --import tsx` registers tsx's loader in the main
 * thread only, and on Node 20 a worker neither inherits it nor honours
 * `execArgv: ['--import', 'tsx']` (the .ts entry fails with ERR_UNKNOWN_FILE_EXTENSION; tried).
 * So the thread starts from a two-line eval script that registers tsx through its API and then
 * imports the entry; everything the entry imports is TypeScript as usual.
 */
export function startTsWorker(entry: URL, workerData: unknown): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

/** The first page of the floor's output must be a real receipt: the donor's name read back by pdftotext. */
async function checkOneReceipt(): Promise<void> {
  const data = sammelReceiptData(0);
  const dir = mkdtempSync(join(tmpdir(), 'receipts-floor-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, await renderReceiptPdf(data));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim()).length;
    if (!text.includes(data.donor.name) || !text.includes('Anlage zur Sammelbestätigung') || pages !== 2) {
      throw new Error(`floor: the rendered receipt does not read back as a 2-page Sammelbestätigung for ${data.donor.name}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface FloorResult {
  receipts: number;
  seconds: number;
  perSecond: number;
  /** Not timed: starting the threads, building their data and the warm-up renders. */
  startSeconds: number;
  /** Total PDF bytes produced (and dropped); a sanity figure, ≈ 2 pages × N. */
  bytes: number;
}

/**
 * Renders `receipts` Sammelbestätigungen (5 gifts each, sammelReceiptData(0 … receipts-1)) in
 * `threads` worker threads, split evenly, and times from the moment all threads are ready and
 * told to go until the last one is done. The thread start and warm-up stay outside the clock:
 * the floor is the best pdfkit does here, so the comparison with the annual run is not flattered.
 */
export async function measureFloor(opts: { receipts: number; threads: number }): Promise<FloorResult> {
  const { receipts, threads } = opts;
  if (!Number.isInteger(receipts) || receipts < 1 || !Number.isInteger(threads) || threads < 1) {
    throw new Error(`measureFloor: receipts and threads must be positive integers (got ${receipts}, ${threads})`);
  }
  await checkOneReceipt();

  const entry = new URL('./render-worker.ts', import.meta.url);
  const started = performance.now();
  const workers: Worker[] = [];
  const ready: Promise<void>[] = [];
  const done: Promise<{ receipts: number; bytes: number }>[] = [];
  for (let t = 0; t < threads; t++) {
    const range: RenderWorkerData = { from: Math.floor((t * receipts) / threads), to: Math.floor(((t + 1) * receipts) / threads) };
    const worker = startTsWorker(entry, range);
    workers.push(worker);
    // each thread answers twice, 'ready' then 'done'; an error or an early exit fails both
    let onReady!: () => void;
    let onDone!: (r: { receipts: number; bytes: number }) => void;
    const failed = new Promise<never>((_, reject) => {
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`floor: render thread ${t} exited (code ${code}) before it was done`)));
    });
    failed.catch(() => {}); // observed through ready/done below
    ready.push(Promise.race([new Promise<void>((r) => (onReady = r)), failed]));
    done.push(Promise.race([new Promise<{ receipts: number; bytes: number }>((r) => (onDone = r)), failed]));
    worker.on('message', (m: RenderWorkerMessage) => (m.type === 'ready' ? onReady() : onDone(m)));
  }

  try {
    await Promise.all(ready);
    const go = performance.now();
    for (const w of workers) w.postMessage('go');
    const results = await Promise.all(done);
    const seconds = (performance.now() - go) / 1000;
    const rendered = results.reduce((a, r) => a + r.receipts, 0);
    if (rendered !== receipts) throw new Error(`floor: ${rendered} receipts rendered, ${receipts} asked for`);
    return {
      receipts,
      seconds,
      perSecond: receipts / seconds,
      startSeconds: (go - started) / 1000,
      bytes: results.reduce((a, r) => a + r.bytes, 0),
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
