import type { Executor } from '../deps';
import { findClaimForUpdate, findDebitPayment, insertFeeClaim, insertPayment, markPaymentReversed, resetClaimsStatusFromPayments, setClaimPaid, setClaimsStatus } from './queries';
import { statusAfterPayment } from './record-payment';

/**
 * How other areas move claims (the SEPA collection): in a debit ('submitted'), back out of one,
 * or paid by it. The claims table stays this area's.
 */
export function submitClaims(trx: Executor, claimIds: number[]) {
  return setClaimsStatus(trx, claimIds, 'submitted');
}

export function releaseClaims(trx: Executor, claimIds: number[]) {
  return resetClaimsStatusFromPayments(trx, claimIds);
}

export async function settleClaimByDebit(trx: Executor, input: { claimId: number; amountCents: number; paidOn: string; reference: string; by: string; at: Date }) {
  const claim = await findClaimForUpdate(trx, input.claimId);
  if (!claim) throw new Error(`claim ${input.claimId} vanished`);
  await insertPayment(trx, {
    claim_id: claim.id,
    debtor_member_id: claim.debtor_member_id,
    amount_cents: input.amountCents,
    paid_on: input.paidOn,
    method: 'sepa_debit',
    reference: input.reference,
    created_at: input.at,
    created_by: input.by,
  });
  const paid = claim.paid_cents + input.amountCents;
  return setClaimPaid(trx, claim.id, paid, statusAfterPayment(claim.amount_cents, paid));
}

export { debitableClaims as claimsToDebit } from './queries';

/**
 * A returned debit: its payment is marked reversed and taken off the claim, which becomes
 * 'returned' (owed again). Optionally the bank's fee becomes a claim of its own.
 */
export async function reverseDebit(
  trx: Executor,
  input: { claimId: number; endToEndId: string; on: string; reason: string; feeCents: number; feeLabel: string; at: Date },
) {
  const claim = await findClaimForUpdate(trx, input.claimId);
  const payment = claim && (await findDebitPayment(trx, claim.id, input.endToEndId));
  if (!claim || !payment) throw new Error(`no debit payment ${input.endToEndId} on claim ${input.claimId}`);
  await markPaymentReversed(trx, payment.id, input.on, input.reason);
  const updated = await setClaimPaid(trx, claim.id, claim.paid_cents - payment.amount_cents, 'returned');
  const fee =
    input.feeCents > 0
      ? await insertFeeClaim(trx, { member_id: claim.debtor_member_id, membership_type_id: claim.membership_type_id, label: input.feeLabel, due_date: input.on, amount_cents: input.feeCents, created_at: input.at })
      : null;
  return { claim: updated, payment, fee };
}
