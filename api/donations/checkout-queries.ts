import type { Insertable } from 'kysely';
import type { CheckoutIntentsTable } from '../../db/schema';
import type { Executor } from '../deps';

/** The donation page's reads and writes: purposes on offer and checkout intents. */

export function listActivePurposes(db: Executor) {
  return db.selectFrom('donation_purposes').selectAll().where('active', '=', true).orderBy('name_de').execute();
}

export function findActivePurposeBySlug(db: Executor, slug: string) {
  return db.selectFrom('donation_purposes').selectAll().where('slug', '=', slug).where('active', '=', true).executeTakeFirst();
}

export function findPurpose(db: Executor, id: number) {
  return db.selectFrom('donation_purposes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts the intent unless one with the same submission key exists (a double click); null then. */
export async function insertIntentOnce(db: Executor, values: Insertable<CheckoutIntentsTable>) {
  const row = await db
    .insertInto('checkout_intents')
    .values(values)
    .onConflict((oc) => oc.column('submission_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export function findIntentBySubmission(db: Executor, submissionKey: string) {
  return db.selectFrom('checkout_intents').selectAll().where('submission_key', '=', submissionKey).executeTakeFirst();
}

export function findIntent(db: Executor, id: number) {
  return db.selectFrom('checkout_intents').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Takes the intent for one request to create its Checkout Session: true when this request may
 * call Stripe (no session yet, nobody else at it, or the other's mark is stale).
 */
export async function claimIntent(db: Executor, id: number, now: Date, staleBefore: Date) {
  const row = await db
    .updateTable('checkout_intents')
    .set({ checkout_started_at: now })
    .where('id', '=', id)
    .where('checkout_url', 'is', null)
    .where((eb) => eb.or([eb('checkout_started_at', 'is', null), eb('checkout_started_at', '<', staleBefore)]))
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

export async function releaseIntent(db: Executor, id: number) {
  await db.updateTable('checkout_intents').set({ checkout_started_at: null }).where('id', '=', id).where('checkout_url', 'is', null).execute();
}

export async function saveCheckoutSession(db: Executor, id: number, session: { id: string; url: string }) {
  await db
    .updateTable('checkout_intents')
    .set({ stripe_checkout_session_id: session.id, checkout_url: session.url, checkout_started_at: null })
    .where('id', '=', id)
    .execute();
}

/** The intent a Checkout Session was made for, with the purpose's names (the thanks page). */
export function findIntentBySession(db: Executor, sessionId: string) {
  return db
    .selectFrom('checkout_intents as i')
    .leftJoin('donation_purposes as p', 'p.id', 'i.purpose_id')
    .select(['i.id', 'i.amount_cents', 'i.interval', 'i.language', 'i.receipt_wanted', 'i.anonymous', 'p.name_de', 'p.name_en', 'p.name_ar', 'p.name_tr'])
    .where('i.stripe_checkout_session_id', '=', sessionId)
    .executeTakeFirst();
}

/**
 * What visitors filled in but never paid (Checkout Sessions expire after a day): deleted after
 * 30 days, so personal data of an abandoned checkout is not kept longer than needed.
 */
export async function pruneAbandonedIntents(db: Executor, before: Date) {
  const result = await db.deleteFrom('checkout_intents').where('completed_at', 'is', null).where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
