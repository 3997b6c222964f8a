import { sql } from 'kysely';
import type { Executor } from '../deps';

export function activeMandateOf(db: Executor, memberId: number) {
  return db.selectFrom('sepa_mandates').selectAll().where('member_id', '=', memberId).where('status', '=', 'active').executeTakeFirst();
}

export function mandatesOf(db: Executor, memberId: number) {
  return db.selectFrom('sepa_mandates').selectAll().where('member_id', '=', memberId).orderBy('id', 'desc').execute();
}

export function findMandateForUpdate(db: Executor, id: number) {
  return db.selectFrom('sepa_mandates').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function mandateReferenceTaken(db: Executor, reference: string) {
  return db
    .selectFrom('sepa_mandates')
    .select('id')
    .where(sql`upper(reference)`, '=', reference.toUpperCase())
    .executeTakeFirst()
    .then(Boolean);
}

export function countMandatesOf(db: Executor, memberId: number) {
  return db
    .selectFrom('sepa_mandates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow()
    .then((r) => r.n);
}

export function insertMandate(
  db: Executor,
  m: { member_id: number; reference: string; signed_on: string; iban: string; bic: string | null; account_holder: string; signed_online_text?: string | null; created_at: Date },
) {
  return db.insertInto('sepa_mandates').values({ ...m, status: 'active' }).returningAll().executeTakeFirstOrThrow();
}

export function revokeMandateRow(db: Executor, id: number, on: string, reason: string, status: 'revoked' | 'expired' = 'revoked') {
  return db.updateTable('sepa_mandates').set({ status, revoked_on: on, revoked_reason: reason }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function amendMandateAccount(db: Executor, id: number, changes: { iban: string; bic: string | null; account_holder: string; amended_from_iban: string | null }) {
  return db.updateTable('sepa_mandates').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Mandates unused for 36 months lapse (§7.4): counted from the last collection, or the signature. */
export function expireUnusedMandates(db: Executor, today: string, cutoff: string) {
  return db
    .updateTable('sepa_mandates')
    .set({ status: 'expired', revoked_on: today, revoked_reason: '36 Monate nicht benutzt' })
    .where('status', '=', 'active')
    .where(sql<string>`coalesce(last_collected_on, signed_on)`, '<', cutoff)
    .returning(['id', 'member_id', 'reference'])
    .execute();
}

/** The active mandate of each of these members. */
export async function activeMandatesOf(db: Executor, memberIds: number[]) {
  const found = [];
  for (let i = 0; i < memberIds.length; i += 5000) {
    found.push(...(await db.selectFrom('sepa_mandates').selectAll().where('member_id', 'in', memberIds.slice(i, i + 5000)).where('status', '=', 'active').execute()));
  }
  return found;
}

export function insertCollection(db: Executor, c: { due_date: string; total_cents: number; debits: number; created_at: Date; created_by: string }) {
  return db.insertInto('sepa_collections').values({ ...c, status: 'prenotified' }).returningAll().executeTakeFirstOrThrow();
}

/** In chunks: one statement may carry at most 65,535 parameters (8 per item here). */
export async function insertCollectionItems(
  db: Executor,
  items: { collection_id: number; claim_id: number; mandate_id: number; amount_cents: number; sequence_type: 'FRST' | 'RCUR'; end_to_end_id: string; prenotified_on: string }[],
) {
  for (let i = 0; i < items.length; i += 1000) {
    await db.insertInto('sepa_collection_items').values(items.slice(i, i + 1000).map((item) => ({ ...item, status: 'pending' as const }))).execute();
  }
}

export function listCollections(db: Executor) {
  return db.selectFrom('sepa_collections').selectAll().orderBy('id', 'desc').limit(100).execute();
}

export function findCollectionForUpdate(db: Executor, id: number) {
  return db.selectFrom('sepa_collections').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findCollection(db: Executor, id: number) {
  return db.selectFrom('sepa_collections').selectAll().where('id', '=', id).executeTakeFirst();
}

export function collectionItems(db: Executor, collectionId: number) {
  return db
    .selectFrom('sepa_collection_items as i')
    .innerJoin('sepa_mandates as md', 'md.id', 'i.mandate_id')
    .innerJoin('claims as c', 'c.id', 'i.claim_id')
    .innerJoin('members as d', 'd.id', 'c.debtor_member_id')
    .select([
      'i.id',
      'i.claim_id',
      'i.mandate_id',
      'i.amount_cents',
      'i.sequence_type',
      'i.end_to_end_id',
      'i.prenotified_on',
      'i.status',
      'i.return_reason',
      'md.reference',
      'md.signed_on',
      'md.iban',
      'md.bic',
      'md.account_holder',
      'md.amended_from_iban',
      'md.amended_from_reference',
      'c.label',
      'd.id as debtor_id',
      'd.member_number',
      'd.first_name',
      'd.last_name',
    ])
    .where('i.collection_id', '=', collectionId)
    .orderBy('i.id')
    .execute();
}

/** Stores the file; returns the row without it (tens of MB for a large collection). */
export function setCollectionExported(db: Executor, id: number, x: { message_id: string; version: string; xml: string; exported_at: Date }) {
  return db
    .updateTable('sepa_collections')
    .set({ ...x, status: 'exported' })
    .where('id', '=', id)
    .returning(['id', 'due_date', 'status', 'message_id', 'version', 'total_cents', 'debits', 'created_at', 'created_by', 'exported_at', 'cancelled_at'])
    .executeTakeFirstOrThrow();
}

export function setCollectionStatus(db: Executor, id: number, status: 'booked' | 'cancelled', at: Date) {
  return db
    .updateTable('sepa_collections')
    .set({ status, ...(status === 'cancelled' ? { cancelled_at: at } : {}) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function setItemsStatus(db: Executor, collectionId: number, from: 'pending', to: 'collected' | 'cancelled') {
  return db.updateTable('sepa_collection_items').set({ status: to }).where('collection_id', '=', collectionId).where('status', '=', from).execute();
}

export async function markMandatesCollected(db: Executor, ids: number[], on: string) {
  for (let i = 0; i < ids.length; i += 5000) {
    await db
      .updateTable('sepa_mandates')
      .set({ last_collected_on: on, amended_from_iban: null, amended_from_reference: null })
      .where('id', 'in', ids.slice(i, i + 5000))
      .execute();
  }
}

export function findItemForUpdate(db: Executor, id: number) {
  return db
    .selectFrom('sepa_collection_items as i')
    .innerJoin('sepa_collections as col', 'col.id', 'i.collection_id')
    .innerJoin('claims as c', 'c.id', 'i.claim_id')
    .innerJoin('members as d', 'd.id', 'c.debtor_member_id')
    .select([
      'i.id',
      'i.collection_id',
      'i.claim_id',
      'i.mandate_id',
      'i.amount_cents',
      'i.end_to_end_id',
      'i.status',
      'col.due_date',
      'c.label',
      'd.id as debtor_id',
      'd.first_name',
      'd.last_name',
      'd.email',
      'd.language',
      'd.member_number',
    ])
    .where('i.id', '=', id)
    .forUpdate('i')
    .executeTakeFirst();
}

export function markItemReturned(db: Executor, id: number, reason: string, feeCents: number) {
  return db.updateTable('sepa_collection_items').set({ status: 'returned', return_reason: reason, return_fee_cents: feeCents }).where('id', '=', id).execute();
}
