import type { ClaimStatus } from '../../db/schema';
import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { formatEuro } from '../lib/money';
import { findClaimForUpdate, insertPayment, setClaimPaid } from './queries';
import type { PaymentInput } from './schemas';

export const CLAIM_NOT_FOUND = msg('Diese Forderung gibt es nicht.', 'This claim does not exist.');

export function statusAfterPayment(amount: number, paid: number): ClaimStatus {
  return paid >= amount ? 'paid' : paid > 0 ? 'partly_paid' : 'open';
}

/**
 * Records a transfer or cash payment (or a card payment from Stripe) against a claim. The claim row is locked, so two
 * treasurers (or a double click) cannot pay more than is open; more than open is refused.
 */
export async function recordPayment(trx: Executor, input: { claimId: number; payment: PaymentInput | (Omit<PaymentInput, 'method'> & { method: 'card' }); actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const claim = await findClaimForUpdate(trx, input.claimId);
  if (!claim) throw new AppError('not_found', CLAIM_NOT_FOUND);
  if (claim.status === 'written_off' || claim.status === 'paid') {
    throw new AppError('conflict', msg('Diese Forderung ist schon erledigt (bezahlt oder ausgebucht).', 'This claim is settled already (paid or written off).'));
  }
  const open = claim.amount_cents - claim.paid_cents;
  const p = input.payment;
  if (p.amount_cents > open) {
    throw new AppError('validation', undefined, [
      { field: 'amount_cents', message: msg(`Mehr als offen: offen sind ${formatEuro(open)}.`, `More than is open: ${formatEuro(open)} is open.`) },
    ]);
  }
  if (p.paid_on > berlinToday(deps.clock.now())) {
    throw new AppError('validation', undefined, [{ field: 'paid_on', message: msg('Das Datum liegt in der Zukunft.', 'The date is in the future.') }]);
  }
  const payment = await insertPayment(trx, {
    claim_id: claim.id,
    debtor_member_id: claim.debtor_member_id,
    amount_cents: p.amount_cents,
    paid_on: p.paid_on,
    method: p.method,
    reference: p.reference ?? null,
    created_at: deps.clock.now(),
    created_by: input.actor.label,
  });
  const paid = claim.paid_cents + p.amount_cents;
  const updated = await setClaimPaid(trx, claim.id, paid, statusAfterPayment(claim.amount_cents, paid));
  await writeAudit(
    trx,
    {
      actor: input.actor,
      action: 'payment.recorded',
      entity: 'claim',
      entityId: claim.id,
      before: { paid_cents: claim.paid_cents, status: claim.status },
      after: { paid_cents: updated.paid_cents, status: updated.status, payment: { id: payment.id, amount_cents: payment.amount_cents, paid_on: payment.paid_on, method: payment.method } },
    },
    deps,
  );
  return { claim: updated, payment };
}
