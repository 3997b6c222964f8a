import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReceiptData } from '../../templates/pdf/receipt';
import type { ReceiptRenderer } from './renderer';

/**
 * A pool of worker threads drawing receipt PDFs (Node only: api/node.ts and the CLI install it
 * with useReceiptRenderer). A batch is split into one contiguous slice per thread; the threads
 * start on first use and stop after a minute without work, so an idle server holds none.
 */
export function threadRenderer(threads: number): ReceiptRenderer & { close(): Promise<void> } {
  let workers: Worker[] = [];
  let nextId = 1;
  let inFlight = 0;
  let idleTimer: NodeJS.Timeout | null = null;
  const pending = new Map<number, { resolve(p: Uint8Array[]): void; reject(e: Error): void }>();

  const start = () => {
    if (workers.length) return workers;
    // In the esbuild bundle (dist/node.mjs) the worker is its sibling; in development the .ts file through tsx.
    const bundled = import.meta.url.endsWith('.mjs');
    const url = bundled ? new URL('./receipt-render-worker.mjs', import.meta.url) : new URL('./render-worker.ts', import.meta.url);
    workers = Array.from({ length: threads }, () => {
      const w = bundled ? new Worker(url) : tsWorker(url);
      w.on('message', (m: { id: number; pdfs?: Uint8Array[]; error?: string }) => {
        const job = pending.get(m.id);
        pending.delete(m.id);
        if (m.error) job?.reject(new Error(m.error));
        else job?.resolve(m.pdfs!.map((p) => new Uint8Array(p)));
      });
      w.on('error', (e) => {
        for (const job of pending.values()) job.reject(e);
        pending.clear();
        workers = [];
      });
      w.unref();
      return w;
    });
    return workers;
  };

  const close = async () => {
    const all = workers;
    workers = [];
    await Promise.all(all.map((w) => w.terminate()));
  };

  const render: ReceiptRenderer = async (receipts) => {
    if (idleTimer) clearTimeout(idleTimer);
    const pool = start();
    const size = Math.ceil(receipts.length / pool.length);
    const slices = pool.map((w, i) => receipts.slice(i * size, (i + 1) * size)).filter((s) => s.length);
    // held while any job is out (a CLI must not exit under a running render), released when idle
    if (inFlight++ === 0) for (const w of pool) w.ref();
    try {
      const parts = await Promise.all(
        slices.map(
          (slice, i) =>
            new Promise<Uint8Array[]>((resolve, reject) => {
              const id = nextId++;
              pending.set(id, { resolve, reject });
              pool[i]!.postMessage({ id, receipts: slice });
            }),
        ),
      );
      return parts.flat();
    } finally {
      if (--inFlight === 0) {
        for (const w of pool) w.unref();
        idleTimer = setTimeout(() => void close(), 60_000);
        idleTimer.unref();
      }
    }
  };
  return Object.assign(render, { close });
}

/**
 * A worker thread on a .ts module (development, tests, CLI): on Node 20 a worker inherits neither
 * `--import tsx` nor honours it in execArgv, so a two-line script registers tsx through its API
 * and then imports the entry.
 */
function tsWorker(entry: URL): Worker {
  // the ESM build of tsx's API (require.resolve would pick the CommonJS one, which cannot register here)
  const tsxApi = new URL('./dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true });
}
