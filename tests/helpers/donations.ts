import type Stripe from 'stripe';
import type { MemberLanguage } from '../../db/schema';
import type { FakeStripe } from '../fakes/stripe';
import type { TestApp } from './app';

export interface IntentOptions {
  amount_cents?: number;
  interval?: 'once' | 'monthly';
  email?: string;
  name?: string | null;
  street?: string | null;
  postal_code?: string | null;
  city?: string | null;
  receipt_wanted?: boolean;
  anonymous?: boolean;
  language?: MemberLanguage;
  purpose_id?: number | null;
  methods?: ('card' | 'sepa_debit')[];
  /** the amount the Checkout Session asks for, when a test wants it to differ from the form's */
  session_amount_cents?: number;
  currency?: string;
}

/**
 * A donation as the page leaves it: a checkout_intents row and a Checkout Session made with the
 * real SDK against the fake, carrying the metadata contract (README: `kassenwart_intent` on the
 * session and on payment_intent_data / subscription_data). Independent of the page itself.
 */
export async function startDonation(t: TestApp, options: IntentOptions = {}) {
  const stripe = t.deps.payments;
  if (!stripe) throw new Error('testApp needs the fake Stripe env');
  const o = { amount_cents: 2500, interval: 'once' as const, email: 'spender@example.org', language: 'de' as const, receipt_wanted: false, anonymous: false, ...options };
  const intent = await t.db
    .insertInto('checkout_intents')
    .values({
      amount_cents: o.amount_cents,
      interval: o.interval,
      purpose_id: o.purpose_id ?? null,
      email: o.email,
      name: o.name ?? null,
      street: o.street ?? null,
      postal_code: o.postal_code ?? null,
      city: o.city ?? null,
      country: o.street ? 'DE' : null,
      receipt_wanted: o.receipt_wanted,
      anonymous: o.anonymous,
      language: o.language,
      created_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const metadata = { kassenwart_intent: String(intent.id) };
  const monthly = o.interval === 'monthly';
  const session = await stripe.checkout.sessions.create({
    mode: monthly ? 'subscription' : 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: o.currency ?? 'eur',
          unit_amount: o.session_amount_cents ?? o.amount_cents,
          product_data: { name: monthly ? 'Monatliche Spende' : 'Spende' },
          ...(monthly ? { recurring: { interval: 'month' as const } } : {}),
        },
      },
    ],
    allowed_payment_method_types: (o.methods ?? ['card', 'sepa_debit']) as Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[],
    customer_email: o.email,
    success_url: 'http://localhost/donate/thanks?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://localhost/donate/cancelled',
    metadata,
    ...(monthly ? { subscription_data: { metadata } } : { submit_type: 'donate' as const, payment_intent_data: { metadata } }),
  });
  await t.db.updateTable('checkout_intents').set({ stripe_checkout_session_id: session.id, checkout_url: session.url }).where('id', '=', intent.id).execute();
  return { intentId: intent.id, sessionId: session.id };
}

/** The subscription a completed monthly checkout made in the fake. */
export function subscriptionOf(fake: FakeStripe, sessionId: string): string {
  const id = fake.objects.get(sessionId)?.subscription;
  if (typeof id !== 'string') throw new Error(`checkout ${sessionId} has no subscription`);
  return id;
}
