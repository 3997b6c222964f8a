import type { Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { askStripe, stripeOf } from './monthly-gift';
import { donorRecord, monthlyGiftsOfDonor } from './queries';

const NO_CUSTOMER = msg(
  'Für Sie ist bei Stripe kein Kundenkonto hinterlegt.',
  'There is no Stripe customer account for you.',
  'لا يوجد لك حساب عميل لدى Stripe.',
  'Stripe’da sizin için bir müşteri hesabı yok.',
);

/** The Stripe customer the donor pays as: the donor's own, else the one their monthly gift runs under. */
export async function stripeCustomerOf(db: Executor, donorId: number): Promise<string | null> {
  const donor = await donorRecord(db, donorId);
  if (donor?.stripe_customer_id) return donor.stripe_customer_id;
  const gifts = await monthlyGiftsOfDonor(db, donorId);
  return gifts.find((g) => g.stripe_customer_id)?.stripe_customer_id ?? null;
}

/**
 * A session of Stripe's own customer portal for the donor's customer (card or account details,
 * invoices). What the donor changes there reaches us as webhook events, like any other change.
 */
export async function openBillingPortal(db: Executor, input: { donorId: number; language: string }, deps: Pick<Deps, 'payments' | 'config' | 'logger'>) {
  const customer = await stripeCustomerOf(db, input.donorId);
  if (!customer) throw new AppError('not_found', NO_CUSTOMER);
  const stripe = stripeOf(deps);
  // Stripe's portal speaks German, English and Turkish; Arabic visitors get the browser's choice.
  const locale = input.language === 'ar' ? 'auto' : (input.language as 'de' | 'en' | 'tr');
  const session = await askStripe(deps, 'open billing portal', () =>
    stripe.billingPortal.sessions.create({ customer, return_url: `${deps.config.BASE_URL}/donor/monthly`, locale }),
  );
  return { url: session.url };
}
