import { sql } from 'kysely';
import type Stripe from 'stripe';
import type { Deps, Executor } from '../deps';
import { inTransaction } from '../deps';
import { applyStripeEvent } from './apply-stripe-event';
import { lockNextDueStripeEvent, markStripeEventDone, markStripeEventFailed } from './webhook-queries';

/** Minutes until the next try after `attempts` failures: 1, 2, 4 … capped at 6 hours, never given up. */
export function inboxBackoffMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 6 * 60) * 60_000;
}

export interface InboxReport {
  processed: number;
  ignored: number;
  failed: number;
}

type ProcessDeps = Pick<Deps, 'db' | 'payments' | 'clock' | 'config' | 'logger'>;
type Apply = typeof applyStripeEvent;

/**
 * Works through due pending events, oldest Stripe `created` first, one transaction per event:
 * lock the row (`for update skip locked`), apply it, mark it — so an event's effect on the
 * ledger and its 'processed' mark commit together, and a second processor running at the same
 * time (the background run after a delivery and the scheduler) skips the row instead of
 * applying it again.
 *
 * A failing apply is rolled back to a savepoint inside the same transaction, and the failure is
 * written while the row is still locked: nobody can pick the event up between the rollback and
 * the note of its error. The event stays pending with the next try after a backoff.
 *
 * `eventId` limits the run to one event (the delivery that was just stored); `apply` is the
 * ledger's applyStripeEvent everywhere but in the test that needs an apply that fails.
 */
export async function processStripeInbox(
  deps: ProcessDeps,
  options: { eventId?: string; limit?: number; apply?: Apply } = {},
): Promise<InboxReport> {
  const report: InboxReport = { processed: 0, ignored: 0, failed: 0 };
  const apply = options.apply ?? applyStripeEvent;
  const limit = options.limit ?? 500;
  // Events failed in this run stay locked-out by their new next_attempt_at; the count also
  // bounds the loop should a row somehow stay due.
  for (let handled = 0; handled < limit; handled++) {
    const outcome = await inTransaction(deps.db, (trx) => processOne(trx, deps, apply, options.eventId));
    if (outcome === null) break;
    report[outcome]++;
    if (options.eventId !== undefined) break;
  }
  return report;
}

async function processOne(trx: Executor, deps: ProcessDeps, apply: Apply, onlyId: string | undefined): Promise<keyof InboxReport | null> {
  const row = await lockNextDueStripeEvent(trx, deps.clock.now(), onlyId);
  if (!row) return null;
  await sql`savepoint apply_stripe_event`.execute(trx);
  try {
    const event = JSON.parse(row.payload) as Stripe.Event;
    const result = await apply(trx, event, deps);
    await sql`release savepoint apply_stripe_event`.execute(trx);
    const status = result.result === 'applied' ? 'processed' : 'ignored';
    await markStripeEventDone(trx, row.id, status, deps.clock.now());
    if (result.note) deps.logger.debug({ stripeEvent: row.id, type: row.type, note: result.note }, `stripe event ${status}`);
    return status;
  } catch (error) {
    await sql`rollback to savepoint apply_stripe_event`.execute(trx);
    const attempts = row.attempts + 1;
    const next = new Date(deps.clock.now().getTime() + inboxBackoffMs(attempts));
    const message = errorText(error);
    await markStripeEventFailed(trx, row.id, message, next);
    deps.logger.warn({ stripeEvent: row.id, type: row.type, attempts, error: message }, 'stripe event failed, will retry');
    return 'failed';
  }
}

/**
 * What the admin sees: the error's kind and message, short, with anything that looks like a
 * key, secret or e-mail address masked (a Stripe error may echo a request's parameters).
 */
export function errorText(error: unknown): string {
  // Stripe's errors name their kind in `type` (StripeAPIError, StripeConnectionError …).
  const kind = error instanceof Error ? ((error as { type?: unknown }).type ?? error.name) : null;
  const name = typeof kind === 'string' && kind !== 'Error' ? `${kind}: ` : '';
  const text = `${name}${error instanceof Error ? error.message : String(error)}`
    .replace(/\b(sk|rk|pk|whsec)_(live|test)?_?[A-Za-z0-9]+/g, '$1_…')
    .replace(/[^\s@<>"']+@[^\s@<>"']+\.[A-Za-z]{2,}/g, '…@…')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

/**
 * Processed and ignored events are kept 90 days, then deleted by the scheduler: long past
 * Stripe's own retries (3 days) and its event log (30 days), long enough for an admin to trace
 * a gift back to its event. A delivery arriving after that would be stored and applied again,
 * which the ledger's unique Stripe ids make harmless. Pending events are never deleted.
 */
export const STRIPE_EVENTS_KEPT_DAYS = 90;

/** Per deps object (one per process on Node, one per request on Workers): is a run going on? */
const running = new WeakMap<object, { more: boolean }>();

/**
 * Processes a just-stored event right after the answer (deps.background: waitUntil on Workers).
 * At most one such run per deps object: a burst of deliveries on Node does not start one
 * transaction per event at once, which would take the connections the acknowledgements need;
 * the running one takes the new events in its next pass. On Workers the deps are made per
 * request, so each delivery processes its own event.
 */
export function kickStripeInbox(deps: ProcessDeps & Pick<Deps, 'background'>, eventId: string) {
  const run = running.get(deps);
  if (run) {
    run.more = true;
    return;
  }
  deps.background(async () => {
    // Marked when the task starts, not when it is handed over: a task the runtime drops
    // (a lost waitUntil) must not leave the mark behind and swallow every later kick.
    const other = running.get(deps);
    if (other) {
      other.more = true;
      return;
    }
    const state = { more: false };
    running.set(deps, state);
    try {
      await processStripeInbox(deps, { eventId });
      while (state.more) {
        state.more = false;
        await processStripeInbox(deps);
      }
    } finally {
      running.delete(deps);
    }
  });
}
