import type Stripe from 'stripe';
import type { Deps, Executor } from '../deps';

/** What applying one inbox event did: 'applied' changed our books, 'ignored' had nothing to do. */
export type ApplyOutcome = { result: 'applied' | 'ignored'; note?: string };

/**
 * Applies one verified Stripe event to the donations ledger, inside the transaction the inbox
 * processor opened. Throwing leaves the event in the inbox for a retry with backoff.
 * (Filled in by the webhook-processing work; until then every event is ignored.)
 */
export async function applyStripeEvent(_trx: Executor, event: Stripe.Event, _deps: Pick<Deps, 'payments' | 'clock' | 'config' | 'logger'>): Promise<ApplyOutcome> {
  return { result: 'ignored', note: `not handled: ${event.type}` };
}
