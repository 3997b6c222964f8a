import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { askStripe, lockOwnLiveMonthlyGift, recordMonthlyGiftChange, stripeOf } from './monthly-gift';

const NOT_PAUSED = msg('Diese monatliche Spende ist nicht pausiert.', 'This monthly gift is not paused.', 'هذا التبرع الشهري غير موقوف مؤقتاً.', 'Bu aylık bağış duraklatılmış değil.');

/** The donor resumes a paused monthly gift: Stripe collects again from the next month on. */
export async function resumeMonthlyGift(trx: Executor, input: { donorId: number; subscriptionId: number; actor: Actor }, deps: Pick<Deps, 'payments' | 'clock' | 'logger'>) {
  const row = await lockOwnLiveMonthlyGift(trx, input);
  if (row.status !== 'paused') throw new AppError('conflict', NOT_PAUSED);
  const stripe = stripeOf(deps);
  // An empty value unsets pause_collection (Stripe's way to end a pause).
  const subscription = await askStripe(deps, 'resume subscription', () => stripe.subscriptions.update(row.stripe_subscription_id, { pause_collection: '' }));
  return recordMonthlyGiftChange(trx, { donorId: input.donorId, row, subscription, action: 'donor.monthly_gift_resumed', actor: input.actor }, deps);
}
