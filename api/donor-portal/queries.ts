import { sql } from 'kysely';
import type { DonationSubscriptionStatus } from '../../db/schema';
import type { Executor } from '../deps';

/**
 * The donor portal's SQL. Every read and write that touches a gift or a monthly gift takes the
 * donor id of the portal session as a condition, never one from a URL or a form alone: a donor
 * can only reach their own rows. It writes its own tables (donor_portal_tokens, _sessions), the
 * donor's own receipt data, and the state of the donor's own monthly gifts after Stripe agreed.
 */

// ---- sessions

export function insertDonorSession(db: Executor, s: { id: string; donorId: number; createdAt: Date; expiresAt: Date }) {
  return db.insertInto('donor_portal_sessions').values({ id: s.id, donor_id: s.donorId, created_at: s.createdAt, expires_at: s.expiresAt }).execute();
}

export function findDonorSessionWithDonor(db: Executor, id: string) {
  return db
    .selectFrom('donor_portal_sessions as s')
    .innerJoin('donors as d', 'd.id', 's.donor_id')
    .select(['s.expires_at', 'd.id', 'd.name', 'd.email', 'd.language'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export function extendDonorSession(db: Executor, id: string, expiresAt: Date) {
  return db.updateTable('donor_portal_sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export function deleteDonorSession(db: Executor, id: string) {
  return db.deleteFrom('donor_portal_sessions').where('id', '=', id).execute();
}

export function deleteExpiredDonorSessions(db: Executor, now: Date) {
  return db.deleteFrom('donor_portal_sessions').where('expires_at', '<', now).execute();
}

// ---- mailed links

export function insertDonorToken(db: Executor, t: { donorId: number; hash: string; createdAt: Date; expiresAt: Date }) {
  return db.insertInto('donor_portal_tokens').values({ donor_id: t.donorId, token_hash: t.hash, created_at: t.createdAt, expires_at: t.expiresAt }).execute();
}

/** A link that could still be used, without using it (to show its page). */
export function findUsableDonorToken(db: Executor, hash: string, now: Date) {
  return db
    .selectFrom('donor_portal_tokens')
    .select(['donor_id'])
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Uses a link in one statement: two concurrent clicks (or a replay) find it spent. */
export function consumeDonorToken(db: Executor, hash: string, now: Date) {
  return db
    .updateTable('donor_portal_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['donor_id'])
    .executeTakeFirst();
}

/** Spends a donor's other open links: only the newest mail's link stays good. */
export function spendDonorTokens(db: Executor, donorId: number, now: Date) {
  return db.updateTable('donor_portal_tokens').set({ used_at: now }).where('donor_id', '=', donorId).where('used_at', 'is', null).execute();
}

export function deleteExpiredDonorTokens(db: Executor, before: Date) {
  return db.deleteFrom('donor_portal_tokens').where('expires_at', '<', before).execute();
}

// ---- the donor

/** Every donor row with this address (families share one: each gets their own link). */
export function donorsByEmail(db: Executor, email: string) {
  return db
    .selectFrom('donors')
    .select(['id', 'name', 'email', 'language'])
    .where(sql<string>`lower(email)`, '=', email)
    .orderBy('id')
    .execute();
}

export function donorRecord(db: Executor, id: number) {
  return db
    .selectFrom('donors')
    .select(['id', 'name', 'street', 'postal_code', 'city', 'country', 'email', 'language', 'stripe_customer_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function donorRecordForUpdate(db: Executor, id: number) {
  return db.selectFrom('donors').select(['id', 'name', 'street', 'postal_code', 'city', 'country', 'language']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updateDonorRecord(
  db: Executor,
  id: number,
  changes: { name: string; street: string; postal_code: string; city: string; country: string; language: 'de' | 'en' | 'ar' | 'tr' },
  now: Date,
) {
  return db
    .updateTable('donors')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

// ---- gifts

/** The donor's own gifts, newest first, with the purpose's names in every language. */
export function giftsOfDonor(db: Executor, donorId: number) {
  return db
    .selectFrom('donations as d')
    .leftJoin('donation_purposes as p', 'p.id', 'd.purpose_id')
    .select([
      'd.id',
      'd.donated_on',
      'd.amount_cents',
      'd.refunded_cents',
      'd.method',
      'd.status',
      'd.subscription_id',
      'd.in_kind_description',
      'd.waiver',
      'p.name_de',
      'p.name_en',
      'p.name_ar',
      'p.name_tr',
    ])
    .where('d.donor_id', '=', donorId)
    .orderBy('d.donated_on', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
}

// ---- monthly gifts

const SUBSCRIPTION_COLUMNS = [
  's.id',
  's.stripe_subscription_id',
  's.stripe_customer_id',
  's.amount_cents',
  's.status',
  's.started_on',
  's.canceled_at',
  'p.name_de',
  'p.name_en',
  'p.name_ar',
  'p.name_tr',
] as const;

export function monthlyGiftsOfDonor(db: Executor, donorId: number) {
  return db
    .selectFrom('donation_subscriptions as s')
    .leftJoin('donation_purposes as p', 'p.id', 's.purpose_id')
    .select(SUBSCRIPTION_COLUMNS)
    .where('s.donor_id', '=', donorId)
    .orderBy(sql`s.status = 'canceled'`)
    .orderBy('s.started_on', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
}

/** One monthly gift, only if it is this donor's: a foreign or unknown id finds nothing alike. */
export function ownMonthlyGift(db: Executor, donorId: number, id: number) {
  return db
    .selectFrom('donation_subscriptions as s')
    .leftJoin('donation_purposes as p', 'p.id', 's.purpose_id')
    .select(SUBSCRIPTION_COLUMNS)
    .where('s.id', '=', id)
    .where('s.donor_id', '=', donorId)
    .executeTakeFirst();
}

/** The same, locked: the change is applied on the latest state, one change at a time. */
export function ownMonthlyGiftForUpdate(db: Executor, donorId: number, id: number) {
  return db
    .selectFrom('donation_subscriptions')
    .select(['id', 'stripe_subscription_id', 'amount_cents', 'status', 'canceled_at'])
    .where('id', '=', id)
    .where('donor_id', '=', donorId)
    .forUpdate()
    .executeTakeFirst();
}

export function updateMonthlyGift(
  db: Executor,
  id: number,
  changes: { status: DonationSubscriptionStatus; amount_cents: number; canceled_at: Date | null },
  now: Date,
) {
  return db
    .updateTable('donation_subscriptions')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** The smallest and largest gift the association accepts (settings). */
export function donationLimits(db: Executor) {
  return db.selectFrom('association').select(['donation_min_cents', 'donation_max_cents']).executeTakeFirst();
}
