// A worker thread that draws receipt PDFs (render-threads.ts). Bundled as
// dist/receipt-render-worker.mjs for `npm start`; loaded through tsx in development and tests.
import { parentPort } from 'node:worker_threads';
import { renderReceiptPdf, type ReceiptData } from '../../templates/pdf/receipt';

parentPort!.on('message', async (job: { id: number; receipts: ReceiptData[] }) => {
  try {
    const pdfs: Uint8Array[] = [];
    for (const data of job.receipts) pdfs.push(await renderReceiptPdf(data));
    parentPort!.postMessage({ id: job.id, pdfs }, pdfs.map((p) => p.buffer as ArrayBuffer));
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
