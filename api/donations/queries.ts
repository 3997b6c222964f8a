import { sql, type Insertable } from 'kysely';
import type { DonationStatus, DonationSubscriptionStatus, DonationsTable, DonorsTable, DonationSubscriptionsTable } from '../../db/schema';
import type { Executor } from '../deps';

/**
 * The donations ledger's SQL (donors, donations, monthly gifts, checkout intents). Rows a
 * Stripe event may change are read `for update`: two deliveries of events about the same gift,
 * processed at the same time, then take turns, and the second sees what the first wrote.
 */

// ---- checkout intents

/** The page's form behind a Stripe object, locked: whoever holds it makes the donor and the gift. */
export function lockIntent(db: Executor, id: number) {
  return db.selectFrom('checkout_intents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The intent without a lock, for what a later month's thanks needs (the monthly gift's row is the lock then). */
export function findIntent(db: Executor, id: number) {
  return db.selectFrom('checkout_intents').selectAll().where('id', '=', id).executeTakeFirst();
}

export function markIntentCompleted(db: Executor, id: number, at: Date) {
  return db.updateTable('checkout_intents').set({ completed_at: at }).where('id', '=', id).where('completed_at', 'is', null).execute();
}

// ---- donors

export function donorsWithEmail(db: Executor, email: string) {
  return db
    .selectFrom('donors')
    .select(['id', 'name', 'street', 'postal_code', 'member_id', 'stripe_customer_id'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .orderBy('id')
    .execute();
}

export function membersWithEmail(db: Executor, email: string) {
  return db
    .selectFrom('members')
    .select(['id', 'first_name', 'last_name', 'street', 'postal_code'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .orderBy('id')
    .execute();
}

/** The donor already standing for a member (made by an earlier gift or by the treasurer). */
export function donorOfMember(db: Executor, memberId: number) {
  return db.selectFrom('donors').select(['id', 'stripe_customer_id']).where('member_id', '=', memberId).orderBy('id').executeTakeFirst();
}

export function insertDonor(db: Executor, donor: Insertable<DonorsTable>) {
  return db.insertInto('donors').values(donor).returning('id').executeTakeFirstOrThrow();
}

/** Remembers the Stripe customer on a donor that has none, unless another donor already has it (unique). */
export function setDonorStripeCustomer(db: Executor, donorId: number, customerId: string, at: Date) {
  return db
    .updateTable('donors')
    .set({ stripe_customer_id: customerId, updated_at: at })
    .where('id', '=', donorId)
    .where('stripe_customer_id', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('donors as other').select('other.id').where('other.stripe_customer_id', '=', customerId))))
    .execute();
}

// ---- donations

export type DonationRow = Awaited<ReturnType<typeof findDonationForUpdate>>;

/** A gift by one of its Stripe keys, locked. */
export function findDonationForUpdate(
  db: Executor,
  by: { column: 'stripe_checkout_session_id' | 'stripe_invoice_id' | 'stripe_payment_intent_id' | 'stripe_charge_id'; value: string },
) {
  return db.selectFrom('donations').selectAll().where(by.column, '=', by.value).orderBy('id').limit(1).forUpdate().executeTakeFirst();
}

/**
 * A new online gift, once: a second transaction that raced to the same Stripe key finds the row
 * already there (`on conflict do nothing`) and gets undefined back.
 */
export function insertDonationOnce(db: Executor, donation: Insertable<DonationsTable>) {
  return db.insertInto('donations').values(donation).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
}

export function updateDonation(
  db: Executor,
  id: number,
  patch: {
    status?: DonationStatus;
    refunded_cents?: number;
    failure_reason?: string | null;
    stripe_payment_intent_id?: string | null;
    stripe_charge_id?: string | null;
    method?: 'stripe_card' | 'stripe_sepa';
    thanked_at?: Date;
    updated_at: Date;
  },
) {
  return db.updateTable('donations').set(patch).where('id', '=', id).execute();
}

/** Whether a monthly gift was already thanked for (it is thanked once, at its first paid month). */
export async function subscriptionWasThanked(db: Executor, subscriptionId: number): Promise<boolean> {
  const row = await db.selectFrom('donations').select('id').where('subscription_id', '=', subscriptionId).where('thanked_at', 'is not', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

// ---- monthly gifts

export function findSubscriptionForUpdate(db: Executor, stripeSubscriptionId: string) {
  return db.selectFrom('donation_subscriptions').selectAll().where('stripe_subscription_id', '=', stripeSubscriptionId).forUpdate().executeTakeFirst();
}

export function insertSubscriptionOnce(db: Executor, row: Insertable<DonationSubscriptionsTable>) {
  return db.insertInto('donation_subscriptions').values(row).onConflict((oc) => oc.column('stripe_subscription_id').doNothing()).returning('id').executeTakeFirst();
}

export function updateSubscription(
  db: Executor,
  id: number,
  patch: { status: DonationSubscriptionStatus; amount_cents: number; canceled_at: Date | null; stripe_customer_id?: string | null; updated_at: Date },
) {
  return db.updateTable('donation_subscriptions').set(patch).where('id', '=', id).execute();
}

// ---- what the thank-you mail names

export function associationForProof(db: Executor) {
  return db
    .selectFrom('association')
    .select(['name', 'street', 'postal_code', 'city', 'finanzamt', 'steuernummer', 'notice_kind', 'notice_date', 'notice_year_from', 'notice_year_to', 'purposes'])
    .executeTakeFirst();
}

export function findPurpose(db: Executor, id: number) {
  return db.selectFrom('donation_purposes').select(['name_de', 'name_en', 'name_ar', 'name_tr']).where('id', '=', id).executeTakeFirst();
}
