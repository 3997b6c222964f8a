import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import type { Executor } from '../deps';
import { anyOf, arrayParam, jsonRows } from '../../db/bulk';

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

/** The active mandate of each of these members, signed by `signedBy`: what a debit on it needs. */
export async function activeMandatesOf(db: Executor, memberIds: readonly number[], signedBy: string) {
  if (!memberIds.length) return [];
  return jsonRows(
    db,
    db
      .selectFrom('sepa_mandates')
      .select(['id', 'member_id', 'reference', 'iban', 'last_collected_on'])
      .where('member_id', '=', anyOf(memberIds))
      .where('status', '=', 'active')
      .where('signed_on', '<=', signedBy),
  );
}

/**
 * Collections are prepared one at a time (a transaction-scoped lock): a second preparation waits
 * for the first to commit and then finds its claims submitted, so no claim is in two debits.
 */
export function lockCollectionPreparation(db: Executor) {
  return sql`select pg_advisory_xact_lock(${PREPARATION_LOCK}::bigint)`.execute(db);
}

/** Any fixed number, the same in every process: "KWSEPA" in ASCII. */
const PREPARATION_LOCK = 0x4b_57_53_45_50_41;

export function insertCollection(db: Executor, c: { due_date: string; total_cents: number; debits: number; created_at: Date; created_by: string }) {
  return db.insertInto('sepa_collections').values({ ...c, status: 'prenotified' }).returningAll().executeTakeFirstOrThrow();
}

export interface NewDebit {
  mandate_id: number;
  amount_cents: number;
  sequence_type: 'FRST' | 'RCUR';
  end_to_end_id: string;
  remittance: string;
  /** What the debit collects: the claims and how much of each. */
  claims: { claim_id: number; amount_cents: number }[];
}

/**
 * The debits of a collection and the claims each collects, in two statements whatever their
 * number (a yearly collection is 10⁴ debits for 10⁵ claims): each column travels as one array.
 */
export async function insertDebits(db: Executor, collectionId: number, prenotifiedOn: string, debits: readonly NewDebit[]) {
  if (!debits.length) return;
  const column = <K extends keyof NewDebit>(key: K, type: 'bigint' | 'text') => arrayParam(debits.map((d) => d[key] as string | number), type);
  const inserted = await sql<{ id: number; mandate_id: number }>`
    insert into sepa_debits (collection_id, mandate_id, amount_cents, sequence_type, end_to_end_id, remittance, prenotified_on, status)
    select ${collectionId}::bigint, x.mandate_id, x.amount_cents, x.sequence_type, x.end_to_end_id, x.remittance, ${prenotifiedOn}::date, 'pending'
    from unnest(${column('mandate_id', 'bigint')}, ${column('amount_cents', 'bigint')}, ${column('sequence_type', 'text')}, ${column('end_to_end_id', 'text')}, ${column('remittance', 'text')})
      as x(mandate_id, amount_cents, sequence_type, end_to_end_id, remittance)
    returning id, mandate_id`.execute(db);
  const idOf = new Map(inserted.rows.map((r) => [Number(r.mandate_id), Number(r.id)]));
  const debitIds: number[] = [];
  const claimIds: number[] = [];
  const amounts: number[] = [];
  for (const d of debits) {
    for (const c of d.claims) {
      debitIds.push(idOf.get(d.mandate_id)!);
      claimIds.push(c.claim_id);
      amounts.push(c.amount_cents);
    }
  }
  await sql`
    insert into sepa_debit_claims (debit_id, claim_id, amount_cents)
    select * from unnest(${arrayParam(debitIds, 'bigint')}, ${arrayParam(claimIds, 'bigint')}, ${arrayParam(amounts, 'bigint')})`.execute(db);
}

export function listCollections(db: Executor) {
  return db.selectFrom('sepa_collections').selectAll().orderBy('id', 'desc').limit(100).execute();
}

const COLLECTION_WITHOUT_FILE = ['id', 'due_date', 'status', 'message_id', 'version', 'total_cents', 'debits', 'created_at', 'created_by', 'exported_at', 'cancelled_at'] as const;

/** Locked, without the file (tens of MB for a large collection). */
export function findCollectionForUpdate(db: Executor, id: number) {
  return db.selectFrom('sepa_collections').select(COLLECTION_WITHOUT_FILE).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findCollection(db: Executor, id: number) {
  return db.selectFrom('sepa_collections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The debits of a collection with their mandate and debtor, in the order they were made. */
/** A collection's debits in id order; `range` pages them for the screen (a collection may hold 10,000+). */
export async function collectionDebits(db: Executor, collectionId: number, range?: { limit: number; offset: number }) {
  let query = db
    .selectFrom('sepa_debits as dbt')
    .innerJoin('sepa_mandates as md', 'md.id', 'dbt.mandate_id')
    .innerJoin('members as d', 'd.id', 'md.member_id')
    .select([
      'dbt.id',
      'dbt.mandate_id',
      'dbt.amount_cents',
      'dbt.sequence_type',
      'dbt.end_to_end_id',
      'dbt.remittance',
      'dbt.prenotified_on',
      'dbt.status',
      'dbt.return_reason',
      'md.reference',
      'md.signed_on',
      'md.iban',
      'md.bic',
      'md.account_holder',
      'md.amended_from_iban',
      'md.amended_from_reference',
      'd.id as debtor_id',
      'd.member_number',
      'd.first_name',
      'd.last_name',
    ])
    .where('dbt.collection_id', '=', collectionId);
  if (range) query = query.orderBy('dbt.id').limit(range.limit).offset(range.offset);
  return (await jsonRows(db, query)).sort((a, b) => a.id - b.id);
}

/** The claims each debit of a collection collects, with the member each claim is for. */
export function collectionDebitClaims(db: Executor, collectionId: number, status?: 'pending', debitIds?: readonly number[]) {
  let q = db
    .selectFrom('sepa_debit_claims as l')
    .innerJoin('sepa_debits as dbt', 'dbt.id', 'l.debit_id')
    .innerJoin('claims as c', 'c.id', 'l.claim_id')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .select(['l.debit_id', 'l.claim_id', 'l.amount_cents', 'dbt.end_to_end_id', 'dbt.mandate_id', 'c.label', 'c.due_date', 'c.member_id', 'm.first_name', 'm.last_name'])
    .where('dbt.collection_id', '=', collectionId);
  if (status) q = q.where('dbt.status', '=', status);
  if (debitIds) q = q.where('l.debit_id', '=', anyOf(debitIds.length ? debitIds : [0]));
  return q.orderBy('l.debit_id').orderBy('c.due_date').orderBy('l.claim_id').execute();
}

/** Stores the file; returns the row without it (tens of MB for a large collection). */
export function setCollectionExported(db: Executor, id: number, x: { message_id: string; version: string; xml: string; exported_at: Date }) {
  return db
    .updateTable('sepa_collections')
    .set({ ...x, status: 'exported' })
    .where('id', '=', id)
    .returning(COLLECTION_WITHOUT_FILE)
    .executeTakeFirstOrThrow();
}

export function setCollectionStatus(db: Executor, id: number, status: 'booked' | 'cancelled', at: Date) {
  return db
    .updateTable('sepa_collections')
    .set({ status, ...(status === 'cancelled' ? { cancelled_at: at } : {}) })
    .where('id', '=', id)
    .returning(COLLECTION_WITHOUT_FILE)
    .executeTakeFirstOrThrow();
}

export function setDebitsStatus(db: Executor, collectionId: number, from: 'pending', to: 'collected' | 'cancelled') {
  return db.updateTable('sepa_debits').set({ status: to }).where('collection_id', '=', collectionId).where('status', '=', from).execute();
}

export function markMandatesCollected(db: Executor, ids: readonly number[], on: string) {
  if (!ids.length) return Promise.resolve();
  return db
    .updateTable('sepa_mandates')
    .set({ last_collected_on: on, amended_from_iban: null, amended_from_reference: null })
    .where('id', '=', anyOf(ids))
    .execute()
    .then(() => undefined);
}

/** A debit with its collection's due date and its debtor (the mandate's member), locked. */
export function findDebitForUpdate(db: Executor, id: number) {
  return db
    .selectFrom('sepa_debits as dbt')
    .innerJoin('sepa_collections as col', 'col.id', 'dbt.collection_id')
    .innerJoin('sepa_mandates as md', 'md.id', 'dbt.mandate_id')
    .innerJoin('members as d', 'd.id', 'md.member_id')
    .select([
      'dbt.id',
      'dbt.collection_id',
      'dbt.mandate_id',
      'dbt.amount_cents',
      'dbt.end_to_end_id',
      'dbt.remittance',
      'dbt.status',
      'col.due_date',
      'd.id as debtor_id',
      'd.first_name',
      'd.last_name',
      'd.email',
      'd.language',
      'd.member_number',
    ])
    .where('dbt.id', '=', id)
    .forUpdate('dbt')
    .executeTakeFirst();
}

/** The claims a debit collected, oldest first. */
export function claimsOfDebit(db: Executor, debitId: number) {
  return db
    .selectFrom('sepa_debit_claims as l')
    .innerJoin('claims as c', 'c.id', 'l.claim_id')
    .select(['l.claim_id', 'l.amount_cents', 'c.label'])
    .where('l.debit_id', '=', debitId)
    .orderBy('c.due_date')
    .orderBy('l.claim_id')
    .execute();
}

export function markDebitReturned(db: Executor, id: number, reason: string, feeCents: number) {
  return db.updateTable('sepa_debits').set({ status: 'returned', return_reason: reason, return_fee_cents: feeCents }).where('id', '=', id).execute();
}
