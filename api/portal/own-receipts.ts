import type { Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { downloadableReceipt, holderOfMember, receiptsOfHolder } from '../receipts/portal-queries';

/**
 * The member's own Zuwendungsbestätigungen (spec §11): the valid receipts addressed to the
 * member or to a donor record linked to them. Only machine-made ones ('email') can be downloaded;
 * one signed by hand exists on paper only and comes by post.
 */
export async function ownReceipts(db: Executor, input: { memberId: number }) {
  return receiptsOfHolder(db, await holderOfMember(db, input.memberId));
}

/** One answer for every receipt that cannot be had here: someone else's, cancelled, by post, unknown. */
export const RECEIPT_NOT_FOUND = msg(
  'Diese Zuwendungsbestätigung gibt es hier nicht zum Herunterladen.',
  'This donation receipt cannot be downloaded here.',
  'لا يمكن تنزيل إيصال التبرع هذا من هنا.',
  'Bu bağış makbuzu buradan indirilemez.',
);

/** The id of a receipt as it comes in a URL; anything that is no id finds nothing. */
export function receiptIdOf(raw: string): number | null {
  return /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : null;
}

/** The stored PDF (the Doppel, byte for byte) of one of the member's downloadable receipts. */
export async function ownReceiptPdf(db: Executor, input: { memberId: number; receiptId: string }) {
  const id = receiptIdOf(input.receiptId);
  const found = id === null ? null : await downloadableReceipt(db, await holderOfMember(db, input.memberId), id);
  if (!found) throw new AppError('not_found', RECEIPT_NOT_FOUND);
  return { fileName: receiptFileName(found.number), bytes: found.bytes };
}

/** The name the file is saved under: the receipt's number, ASCII only (any browser, any disk). */
export function receiptFileName(number: string) {
  return `Zuwendungsbestaetigung-${number}.pdf`;
}
