import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { cancelReceiptRow, lockReceipt } from './queries';

/**
 * Storno of a receipt (spec §12: never regenerate, issue a new one and record both). The number
 * stays used and the receipt stays in the archive marked as cancelled; its gifts and fees become
 * receiptable again, for a replacement that names the cancelled number (issue-receipt.ts).
 */
export async function cancelReceipt(trx: Executor, input: { receiptId: number; reason: string; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const reason = input.reason.trim();
  if (reason.length < 3) throw new AppError('validation', undefined, [{ field: 'reason', message: msg('Bitte den Grund der Stornierung angeben.', 'Please give the reason for the cancellation.') }]);
  const receipt = await lockReceipt(trx, input.receiptId);
  if (!receipt) throw new AppError('not_found', msg('Diese Bestätigung gibt es nicht.', 'This receipt does not exist.'));
  if (receipt.cancelled_at) throw new AppError('conflict', msg(`Bestätigung ${receipt.number} ist schon storniert.`, `Receipt ${receipt.number} is already cancelled.`));
  const at = deps.clock.now();
  await cancelReceiptRow(trx, Number(receipt.id), { at, by: input.actor.label, reason });
  await writeAudit(
    trx,
    { actor: input.actor, action: 'receipt.cancelled', entity: 'receipt', entityId: receipt.id, before: { number: receipt.number, review_reason: receipt.review_reason }, after: { number: receipt.number, cancel_reason: reason } },
    deps,
  );
  return { id: Number(receipt.id), number: receipt.number };
}
