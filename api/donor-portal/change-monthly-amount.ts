import type { Actor, Deps, Executor } from '../deps';
import { msg, validationError } from '../http/errors';
import { formatEuro } from '../lib/money';
import { askStripe, lockOwnLiveMonthlyGift, recordMonthlyGiftChange, stripeOf } from './monthly-gift';
import { donationLimits } from './queries';

/**
 * The donor gives a different amount each month from now on. The amount must lie within the
 * association's limits (settings: donation_min_cents..donation_max_cents), as on the donation
 * page. Stripe gets a new price on the subscription's item, without proration: the month
 * already paid stays as it was, the next invoice carries the new amount.
 */
export async function changeMonthlyAmount(
  trx: Executor,
  input: { donorId: number; subscriptionId: number; amountCents: number; actor: Actor },
  deps: Pick<Deps, 'payments' | 'clock' | 'logger'>,
) {
  const limits = await donationLimits(trx);
  const min = limits?.donation_min_cents ?? 500;
  const max = limits?.donation_max_cents ?? 500_000;
  if (input.amountCents < min || input.amountCents > max) {
    const [lo, hi] = [formatEuro(min), formatEuro(max)];
    throw validationError([
      {
        field: 'amount',
        message: msg(
          `Bitte einen Betrag zwischen ${lo} und ${hi} angeben`,
          `Please give an amount between ${lo} and ${hi}`,
          `يرجى إدخال مبلغ بين ${lo} و ${hi}`,
          `Lütfen ${lo} ile ${hi} arasında bir tutar girin`,
        ),
      },
    ]);
  }
  const row = await lockOwnLiveMonthlyGift(trx, input);
  if (row.amount_cents === input.amountCents) return { id: row.id, status: row.status, amount_cents: row.amount_cents };
  const stripe = stripeOf(deps);
  const current = await askStripe(deps, 'read subscription', () => stripe.subscriptions.retrieve(row.stripe_subscription_id));
  const item = current.items.data[0]!;
  const product = typeof item.price.product === 'string' ? item.price.product : item.price.product.id;
  const subscription = await askStripe(deps, 'change subscription amount', () =>
    stripe.subscriptions.update(row.stripe_subscription_id, {
      items: [
        {
          id: item.id,
          price_data: { currency: item.price.currency, product, unit_amount: input.amountCents, recurring: { interval: item.price.recurring?.interval ?? 'month' } },
          quantity: 1,
        },
      ],
      proration_behavior: 'none',
    }),
  );
  return recordMonthlyGiftChange(trx, { donorId: input.donorId, row, subscription, action: 'donor.monthly_gift_amount_changed', actor: input.actor }, deps);
}
