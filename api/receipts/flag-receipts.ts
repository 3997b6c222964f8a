import { writeAuditMany } from '../audit/write-audit';
import { systemActor, type Actor, type Deps, type Executor } from '../deps';
import { flagReceiptsCovering } from './queries';

/**
 * A receipted gift was refunded or disputed, or a receipted fee payment came back: the receipt
 * is now wrong and the association is liable for it (§ 10b Abs. 4 EStG). It goes on the list to
 * cancel; the treasurer cancels it and sends a corrected receipt or a notice. Called by the areas
 * that learn of the money going back (Stripe events, SEPA returns, corrections), in their transaction.
 */
export async function flagReceiptsForReview(
  trx: Executor,
  input: { donationIds?: number[]; paymentIds?: number[]; reason: string; actor?: Actor },
  deps: Pick<Deps, 'clock'>,
) {
  const flagged = await flagReceiptsCovering(trx, { ...input, at: deps.clock.now() });
  await writeAuditMany(
    trx,
    flagged.map((r) => ({ actor: input.actor ?? systemActor(), action: 'receipt.to_cancel', entity: 'receipt', entityId: r.id, after: { number: r.number, reason: input.reason } })),
    deps,
  );
  return flagged;
}
