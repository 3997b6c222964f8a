import type { Executor } from '../deps';
import { AppError } from '../http/errors';
import { RECEIPT_NOT_FOUND, receiptFileName, receiptIdOf } from '../portal/own-receipts';
import { downloadableReceipt, holderOfDonor, receiptNumbersOfDonorGifts, receiptsOfHolder } from '../receipts/portal-queries';

/**
 * The donor's own Zuwendungsbestätigungen: the valid receipts addressed to the donor, or to the
 * member the donor is linked to (the same person). Only machine-made ones ('email') can be
 * downloaded; one signed by hand exists on paper only and comes by post (spec §11.3).
 */
export async function donorReceipts(db: Executor, input: { donorId: number }) {
  const [receipts, numberByGift] = await Promise.all([receiptsOfHolder(db, await holderOfDonor(db, input.donorId)), receiptNumbersOfDonorGifts(db, input.donorId)]);
  return { receipts, numberByGift };
}

/** The stored PDF (the Doppel, byte for byte) of one of the donor's downloadable receipts. */
export async function donorReceiptPdf(db: Executor, input: { donorId: number; receiptId: string }) {
  const id = receiptIdOf(input.receiptId);
  const found = id === null ? null : await downloadableReceipt(db, await holderOfDonor(db, input.donorId), id);
  if (!found) throw new AppError('not_found', RECEIPT_NOT_FOUND);
  return { fileName: receiptFileName(found.number), bytes: found.bytes };
}
