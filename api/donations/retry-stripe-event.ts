import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { makeStripeEventDue } from './webhook-queries';

/**
 * The admin's "retry now" for an event waiting in the inbox: it becomes due at once (its
 * attempts and last error stay, so the history is not lost). The caller then runs the inbox
 * processor for it. Audited: it may move money into the books.
 */
export async function retryStripeEvent(trx: Executor, input: { id: string; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const row = await makeStripeEventDue(trx, input.id, deps.clock.now());
  if (!row) {
    throw new AppError('not_found', msg('Dieses Stripe-Ereignis wartet nicht (unbekannt oder schon verarbeitet).', 'This Stripe event is not waiting (unknown or already processed).'));
  }
  await writeAudit(trx, { actor: input.actor, action: 'stripe_event.retried', entity: 'stripe_event', entityId: row.id, after: { type: row.type, attempts: row.attempts, last_error: row.last_error } }, deps);
  return row;
}
