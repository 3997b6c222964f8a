import type { Executor } from '../deps';
import { insertPayment, resetClaimsStatusFromPayments, setClaimPaid, setClaimsStatus, findClaimForUpdate } from './queries';
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
