// One thread of the floor (floor.ts): renders Sammelbestätigungen [from, to) with the app's own
// renderReceiptPdf and throws the bytes away, counting them. Nothing else: no database, no hash,
// no storing, no mail — what is left is the cost of drawing the pages, the floor the annual run
// is measured against.
//
// Protocol: the thread loads (tsx, pdfkit, fonts), builds its data and warms up, then says
// 'ready'; it starts rendering only on 'go', so the timed part holds neither the thread's start
// nor JIT warm-up — the floor is what pdfkit can do at full speed.
import { parentPort, workerData } from 'node:worker_threads';
import { renderReceiptPdf, type SammelReceiptData } from '../../templates/pdf/receipt';
import { sammelReceiptData } from './fixtures/sammel-data';

export interface RenderWorkerData {
  from: number;
  to: number;
}
export type RenderWorkerMessage = { type: 'ready' } | { type: 'done'; receipts: number; bytes: number };

/** Receipts rendered before 'ready' and not counted: warms the JIT and the shaping caches. */
const WARMUP = 20;

const port = parentPort!;
const { from, to } = workerData as RenderWorkerData;

// The data is built before the clock starts: the floor measures drawing, not object literals.
const receipts: SammelReceiptData[] = [];
for (let i = from; i < to; i++) receipts.push(sammelReceiptData(i));
// warm-up on donors far outside every thread's range, so no page is drawn twice
for (let k = 0; k < WARMUP; k++) await renderReceiptPdf(sammelReceiptData(1_000_000 + from + k));

port.once('message', async () => {
  let bytes = 0;
  for (const data of receipts) bytes += (await renderReceiptPdf(data)).length;
  port.postMessage({ type: 'done', receipts: receipts.length, bytes } satisfies RenderWorkerMessage);
});
port.postMessage({ type: 'ready' } satisfies RenderWorkerMessage);
