import { PDFDocument } from 'pdf-lib';
import { writeAuditMany } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { getBlob } from '../files/blobs';
import { AppError, msg } from '../http/errors';
import { markPrinted } from './queries';
import { postReceiptsByIds, unprintedPostReceipts } from './screen-queries';

/**
 * The receipts that go on paper (signed by hand: procedure not reported, a Sachzuwendung, a
 * Verzicht, or no e-mail address; spec §11) as one print-ready PDF. Its pages are the stored
 * Doppel pages copied as they are — nothing is drawn again, and the stored files are only read.
 * The treasurer prints, signs, posts, and then marks exactly the receipts of that PDF as printed.
 */

/** At most this many receipts in one PDF: an annual run may leave thousands; the next batch follows once these are marked. */
export const PRINT_BATCH_SIZE = 200;

export interface PrintBatch {
  receipts: { id: number; number: string; recipientName: string }[];
  pdf: Uint8Array;
  pages: number;
}

/** The open batch (oldest unprinted first), or — for a reprint — exactly these receipts. */
export async function buildPrintBatch(db: Executor, input: { ids?: number[] } = {}): Promise<PrintBatch | null> {
  const rows = input.ids ? await postReceiptsByIds(db, input.ids.slice(0, PRINT_BATCH_SIZE)) : await unprintedPostReceipts(db, PRINT_BATCH_SIZE);
  if (!rows.length) return null;
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setTitle('Zuwendungsbestätigungen zum Drucken');
  out.setCreator('Kassenwart');
  for (const r of rows) {
    const blob = await getBlob(db, r.blob_key);
    if (!blob) throw new Error(`receipt ${r.number}: stored PDF ${r.blob_key} is missing`);
    const source = await PDFDocument.load(blob.bytes, { updateMetadata: false });
    const pages = await out.copyPages(source, source.getPageIndices());
    for (const page of pages) out.addPage(page);
  }
  const pdf = await out.save();
  return { receipts: rows.map((r) => ({ id: Number(r.id), number: r.number, recipientName: r.recipient_name })), pdf, pages: out.getPageCount() };
}

/** Marks the receipts of a printed batch; those already marked (or cancelled meanwhile) are left as they are. */
export async function markReceiptsPrinted(trx: Executor, input: { ids: number[]; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const ids = [...new Set(input.ids)];
  if (!ids.length) throw new AppError('validation', msg('Keine Bestätigungen zum Markieren angegeben.', 'No receipts given to mark.'));
  const open = await trx
    .selectFrom('receipts')
    .select(['id', 'number'])
    .where('id', 'in', ids)
    .where('delivery', '=', 'post')
    .where('printed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .forUpdate()
    .execute();
  const at = deps.clock.now();
  await markPrinted(
    trx,
    open.map((r) => Number(r.id)),
    at,
  );
  await writeAuditMany(
    trx,
    open.map((r) => ({ actor: input.actor, action: 'receipt.printed', entity: 'receipt', entityId: r.id, after: { number: r.number } })),
    deps,
  );
  return { marked: open.length, skipped: ids.length - open.length };
}
