import type { Kysely } from 'kysely';
import type { DB, DonationMethod, DonationStatus } from '../../db/schema';

/**
 * Donors and online gifts written straight to the tables for the ledger's tests: how a gift
 * gets there from Stripe is the webhook's tests' business; the ledger only reads and corrects.
 */
const at = new Date('2026-11-01T00:00:00Z');
let seq = 0;

export async function ledgerDonor(
  db: Kysely<DB>,
  d: { name: string; email?: string | null; street?: string | null; postal_code?: string | null; city?: string | null; proposed_donor_id?: number | null; proposed_member_id?: number | null; member_id?: number | null; stripe_customer_id?: string | null },
) {
  return db
    .insertInto('donors')
    .values({
      name: d.name,
      email: d.email ?? null,
      street: d.street === undefined ? 'Sonnenallee 12' : d.street,
      postal_code: d.postal_code === undefined ? '12045' : d.postal_code,
      city: d.city === undefined ? 'Berlin' : d.city,
      proposed_donor_id: d.proposed_donor_id ?? null,
      proposed_member_id: d.proposed_member_id ?? null,
      member_id: d.member_id ?? null,
      stripe_customer_id: d.stripe_customer_id ?? null,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A gift as the webhook leaves it: source online, with Stripe's ids. */
export async function onlineGift(
  db: Kysely<DB>,
  g: { donorId: number | null; donated_on: string; amount_cents: number; method?: Extract<DonationMethod, 'stripe_card' | 'stripe_sepa'>; status?: DonationStatus; purposeId?: number | null; subscriptionId?: number | null; refunded_cents?: number; receipt_wanted?: boolean },
) {
  seq++;
  const monthly = g.subscriptionId !== undefined && g.subscriptionId !== null;
  return db
    .insertInto('donations')
    .values({
      donor_id: g.donorId,
      subscription_id: g.subscriptionId ?? null,
      donated_on: g.donated_on,
      amount_cents: g.amount_cents,
      method: g.method ?? 'stripe_card',
      purpose_id: g.purposeId ?? null,
      status: g.status ?? 'succeeded',
      refunded_cents: g.refunded_cents ?? 0,
      receipt_wanted: g.receipt_wanted ?? false,
      source: 'online',
      stripe_checkout_session_id: monthly ? null : `cs_test_ledger_${seq}`,
      stripe_payment_intent_id: `pi_test_ledger_${seq}`,
      stripe_invoice_id: monthly ? `in_test_ledger_${seq}` : null,
      stripe_charge_id: `ch_test_ledger_${seq}`,
      created_by: 'stripe',
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function monthlyGift(db: Kysely<DB>, s: { donorId: number; amount_cents: number; status?: 'active' | 'canceled' }) {
  seq++;
  return db
    .insertInto('donation_subscriptions')
    .values({
      donor_id: s.donorId,
      stripe_subscription_id: `sub_test_ledger_${seq}`,
      stripe_customer_id: `cus_test_ledger_${seq}`,
      amount_cents: s.amount_cents,
      receipt_wanted: false,
      language: 'de',
      status: s.status ?? 'active',
      started_on: '2026-09-01',
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
