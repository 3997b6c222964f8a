import type { Executor } from '../deps';
import { findClaimForUpdate, findDebitPayment, insertFeeClaim, markPaymentReversed, resetClaimsStatusFromPayments, setClaimPaid, setClaimsStatus, settleDebitsChunk } from './queries';

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

/**
 * Debits collected: one payment per claim and the claims' paid amounts, set-based in chunks of
 * 1,000 (a collection may hold tens of thousands of debits).
 */
export async function settleClaimsByDebit(
  trx: Executor,
  debits: { claimId: number; amountCents: number; reference: string }[],
  input: { paidOn: string; by: string; at: Date },
) {
  for (let i = 0; i < debits.length; i += 1000) {
    await settleDebitsChunk(trx, debits.slice(i, i + 1000), input);
  }
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
