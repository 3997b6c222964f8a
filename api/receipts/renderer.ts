import { renderReceiptPdf, type ReceiptData } from '../../templates/pdf/receipt';

/**
 * How receipt PDFs are drawn. By default in this thread, one after the other (Workers, tests,
 * single issuance). The Node entry and the CLI install a pool of worker threads
 * (render-threads.ts) so an annual run uses every core; the receipts come back in input order.
 */
export type ReceiptRenderer = (receipts: ReceiptData[]) => Promise<Uint8Array[]>;

const inThisThread: ReceiptRenderer = async (receipts) => {
  const out: Uint8Array[] = [];
  for (const data of receipts) out.push(await renderReceiptPdf(data));
  return out;
};

let current: ReceiptRenderer = inThisThread;

export function useReceiptRenderer(renderer: ReceiptRenderer | null) {
  current = renderer ?? inThisThread;
}

export function renderReceipts(receipts: ReceiptData[]): Promise<Uint8Array[]> {
  return receipts.length > 1 ? current(receipts) : inThisThread(receipts);
}
