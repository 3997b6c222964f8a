import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { moneyApplicationOrThrow } from './grant-finances';
import { deletePayment, findPayment } from './money-queries';

export const PAYMENT_NOT_FOUND = msg('Diese Zahlung gibt es bei diesem Antrag nicht.', 'This payment does not exist on this application.');

/** Removes a payment recorded by mistake; the audit row keeps what it was. */
export async function removeGrantPayment(trx: Executor, input: { applicationId: number; paymentId: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  await moneyApplicationOrThrow(trx, input.applicationId, { lock: true });
  const payment = await findPayment(trx, input.paymentId);
  if (!payment || Number(payment.application_id) !== input.applicationId) throw new AppError('not_found', PAYMENT_NOT_FOUND);
  await deletePayment(trx, payment.id);
  await writeAudit(
    trx,
    { actor: input.actor, action: 'grant.payment.deleted', entity: 'grant_payment', entityId: payment.id, before: { application_id: input.applicationId, received_on: payment.received_on, amount_cents: payment.amount_cents, reference: payment.reference } },
    deps,
  );
  return { payment };
}
