import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { askStripe, lockOwnLiveMonthlyGift, recordMonthlyGiftChange, stripeOf } from './monthly-gift';

const NOT_ACTIVE = msg(
  'Nur eine laufende monatliche Spende kann pausiert werden.',
  'Only a running monthly gift can be paused.',
  'يمكن إيقاف التبرع الشهري الجاري فقط مؤقتاً.',
  'Yalnızca devam eden bir aylık bağış duraklatılabilir.',
);

/**
 * The donor pauses their monthly gift: Stripe stops collecting (pause_collection, behavior
 * 'void': invoices of the pause are voided, so nothing is charged later for the months missed).
 */
export async function pauseMonthlyGift(trx: Executor, input: { donorId: number; subscriptionId: number; actor: Actor }, deps: Pick<Deps, 'payments' | 'clock' | 'logger'>) {
  const row = await lockOwnLiveMonthlyGift(trx, input);
  if (row.status !== 'active') throw new AppError('conflict', NOT_ACTIVE);
  const stripe = stripeOf(deps);
  const subscription = await askStripe(deps, 'pause subscription', () => stripe.subscriptions.update(row.stripe_subscription_id, { pause_collection: { behavior: 'void' } }));
  return recordMonthlyGiftChange(trx, { donorId: input.donorId, row, subscription, action: 'donor.monthly_gift_paused', actor: input.actor }, deps);
}
