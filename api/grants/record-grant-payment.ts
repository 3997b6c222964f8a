import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { APPROVED_STATUSES, GRANT_STATUS_LABELS } from '../lib/grants';
import { formatEuro } from '../lib/money';
import { moneyApplicationOrThrow } from './grant-finances';
import type { MoneyWarning, PaymentFields } from './money-schemas';
import { insertPayment, receivedCentsOf } from './money-queries';

/**
 * Records grant money received (a Mittelabruf paid out) against an approved application. More
 * than approved is stored with a warning: a funder may pay a top-up before the notice is changed.
 */
export async function recordGrantPayment(trx: Executor, input: PaymentFields & { applicationId: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const application = await moneyApplicationOrThrow(trx, input.applicationId, { lock: true });
  if (!APPROVED_STATUSES.includes(application.status)) {
    const status = GRANT_STATUS_LABELS[application.status];
    throw new AppError(
      'conflict',
      msg(
        `Zahlungen können erst nach der Bewilligung erfasst werden; dieser Antrag hat den Status „${status.de}“.`,
        `Payments can only be recorded once the grant is approved; this application is "${status.en}".`,
      ),
    );
  }
  const before = await receivedCentsOf(trx, input.applicationId);
  const received = before + input.amount_cents;
  const warnings: MoneyWarning[] = [];
  if (application.approved_cents === null) {
    warnings.push({ code: 'no_approved_amount', message: msg('Für diesen Antrag ist noch kein bewilligter Betrag erfasst.', 'No approved amount is recorded for this application yet.') });
  } else if (received > application.approved_cents) {
    const over = received - application.approved_cents;
    warnings.push({
      code: 'received_above_approved',
      message: msg(
        `Erhalten sind jetzt ${formatEuro(received)}, ${formatEuro(over)} mehr als die bewilligten ${formatEuro(application.approved_cents)}. Bitte den Bescheid prüfen; eine Überzahlung muss meist zurückgezahlt werden.`,
        `Received is now ${formatEuro(received)}, ${formatEuro(over)} more than the approved ${formatEuro(application.approved_cents)}. Please check the notice; an overpayment usually has to be paid back.`,
      ),
    });
  }
  const payment = await insertPayment(trx, {
    application_id: input.applicationId,
    received_on: input.received_on,
    amount_cents: input.amount_cents,
    reference: input.reference ?? null,
    created_at: deps.clock.now(),
    created_by: input.actor.label,
  });
  await writeAudit(
    trx,
    {
      actor: input.actor,
      action: 'grant.payment.recorded',
      entity: 'grant_payment',
      entityId: payment.id,
      after: { application_id: input.applicationId, received_on: payment.received_on, amount_cents: payment.amount_cents, reference: payment.reference, received_total_cents: received, warnings: warnings.map((w) => w.code) },
    },
    deps,
  );
  return { payment, received_cents: received, warnings };
}
