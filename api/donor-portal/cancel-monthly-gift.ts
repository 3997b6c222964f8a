import type { Actor, Deps, Executor } from '../deps';
import { askStripe, lockOwnLiveMonthlyGift, recordMonthlyGiftChange, stripeOf } from './monthly-gift';

/**
 * The donor ends a monthly gift, at once: no further debit. (The page asks a second time before
 * it posts here; the operation itself does what it is told.)
 */
export async function cancelMonthlyGift(trx: Executor, input: { donorId: number; subscriptionId: number; actor: Actor }, deps: Pick<Deps, 'payments' | 'clock' | 'logger'>) {
  const row = await lockOwnLiveMonthlyGift(trx, input);
  const stripe = stripeOf(deps);
  const subscription = await askStripe(deps, 'cancel subscription', () => stripe.subscriptions.cancel(row.stripe_subscription_id));
  return recordMonthlyGiftChange(trx, { donorId: input.donorId, row, subscription, action: 'donor.monthly_gift_canceled', actor: input.actor }, deps);
}
