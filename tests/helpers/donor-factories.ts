import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type { DB, DonationMethod, DonationStatus, DonationSubscriptionStatus, MemberLanguage } from '../../db/schema';
import type { FakeStripe } from '../fakes/stripe';

/**
 * Donors, gifts and monthly gifts as the donor portal's tests need them, written straight to
 * the tables (the webhook's own tests prove how they get there from Stripe). A monthly gift is
 * made for real in the fake Stripe — a Checkout Session in subscription mode, paid — so the
 * subscription and customer ids it carries exist there and the portal's calls can change them.
 */
const at = new Date('2026-01-01T00:00:00Z');

export async function createDonor(
  db: Kysely<DB>,
  d: { name: string; email: string | null; language?: MemberLanguage; street?: string; postal_code?: string; city?: string; stripe_customer_id?: string | null },
) {
  return db
    .insertInto('donors')
    .values({
      name: d.name,
      email: d.email,
      language: d.language ?? 'de',
      street: d.street ?? 'Karl-Marx-Straße 1',
      postal_code: d.postal_code ?? '12043',
      city: d.city ?? 'Berlin',
      stripe_customer_id: d.stripe_customer_id ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning(['id', 'name', 'email', 'language'])
    .executeTakeFirstOrThrow();
}

export async function createPurpose(db: Kysely<DB>, p: { slug: string; name_de: string; name_en?: string; name_ar?: string; name_tr?: string }) {
  return db
    .insertInto('donation_purposes')
    .values({ slug: p.slug, name_de: p.name_de, name_en: p.name_en ?? null, name_ar: p.name_ar ?? null, name_tr: p.name_tr ?? null, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then((r) => r.id);
}

export async function createGift(
  db: Kysely<DB>,
  g: {
    donorId: number | null;
    donated_on: string;
    amount_cents: number;
    method?: DonationMethod;
    status?: DonationStatus;
    purposeId?: number | null;
    subscriptionId?: number | null;
    refunded_cents?: number;
  },
) {
  const method = g.method ?? 'stripe_card';
  return db
    .insertInto('donations')
    .values({
      donor_id: g.donorId,
      subscription_id: g.subscriptionId ?? null,
      donated_on: g.donated_on,
      amount_cents: g.amount_cents,
      method,
      purpose_id: g.purposeId ?? null,
      status: g.status ?? 'succeeded',
      refunded_cents: g.refunded_cents ?? 0,
      source: method.startsWith('stripe_') ? 'online' : 'offline',
      created_by: 'test',
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then((r) => r.id);
}

/** A paid monthly gift in the fake Stripe, and its donation_subscriptions row for the donor. */
export async function createMonthlyGift(
  db: Kysely<DB>,
  stripe: Stripe,
  fake: FakeStripe,
  s: { donorId: number; amount_cents: number; email: string; purposeId?: number | null; status?: DonationSubscriptionStatus; started_on?: string },
) {
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    success_url: 'http://localhost/donate/thanks',
    customer_email: s.email,
    line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: s.amount_cents, recurring: { interval: 'month' }, product_data: { name: 'Monatliche Spende' } } }],
  });
  fake.completeCheckout(session.id, { method: 'card', email: s.email });
  const paid = fake.objects.get(session.id)!;
  const subscriptionId: string = paid.subscription;
  const customerId: string = paid.customer;
  const row = await db
    .insertInto('donation_subscriptions')
    .values({
      donor_id: s.donorId,
      stripe_subscription_id: subscriptionId,
      stripe_customer_id: customerId,
      amount_cents: s.amount_cents,
      purpose_id: s.purposeId ?? null,
      receipt_wanted: false,
      language: 'de',
      status: s.status ?? 'active',
      started_on: s.started_on ?? '2026-10-01',
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, stripeSubscriptionId: subscriptionId, stripeCustomerId: customerId };
}
