import { sql } from 'kysely';
import type { Member, MembersTable } from '../../db/schema';
import type { Executor } from '../deps';

/** What the CSV import needs to know of every member to recognise a row that is already there. */
export function membersForImportMatching(db: Executor) {
  return db
    .selectFrom('members')
    .select(['id', 'member_number', 'first_name', 'last_name', 'birth_date', 'email', 'status', 'payer_member_id'])
    .execute();
}

export function membershipTypesForImport(db: Executor) {
  return db.selectFrom('membership_types').select(['id', 'name', 'fee_cents', 'reduced_fee_cents', 'active']).execute();
}

/**
 * One import at a time: a second import (or the same confirm sent twice) waits for the first to
 * commit and then sees its members as already there, instead of inserting them a second time.
 */
export async function lockMemberImports(trx: Executor) {
  await sql`select pg_advisory_xact_lock(hashtext('kassenwart.member_import'))`.execute(trx);
}

/**
 * Moves member_number_seq past `atLeast` (the highest member number taken from the file), never
 * backwards, and past any number already stored. `last_value` is read from the sequence itself:
 * currval() fails in a session that has not called nextval(), and a fresh sequence (is_called =
 * false) has not handed out its last_value yet. setval is not rolled back with the transaction;
 * that only leaves a gap, and member numbers may have gaps, never duplicates.
 */
export async function advanceMemberNumberSequence(trx: Executor, atLeast: number) {
  await sql`
    select setval('member_number_seq', greatest(
      ${atLeast}::bigint,
      (select coalesce(max(member_number), 0) from members)::bigint,
      (select case when is_called then last_value else 0 end from member_number_seq)
    ), true)`.execute(trx);
}

/** `count` fresh member numbers in ascending order. */
export async function drawMemberNumbers(trx: Executor, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await sql<{ n: number }>`select nextval('member_number_seq')::int as n from generate_series(1, ${count}::int)`.execute(trx);
  return rows.map((r) => r.n).sort((a, b) => a - b);
}

type NewMemberRow = Omit<MembersTable, 'id' | 'created_at' | 'updated_at' | 'country' | 'reduced_fee' | 'language'> & {
  country: string;
  reduced_fee: boolean;
  language: 'de' | 'en' | 'ar' | 'tr';
};

/** Inserts many members with one statement per chunk (22 parameters a row, far below PostgreSQL's 65,535). */
export async function insertMembersBatch(trx: Executor, values: NewMemberRow[], at: Date): Promise<Member[]> {
  const out: Member[] = [];
  const CHUNK = 1000;
  for (let i = 0; i < values.length; i += CHUNK) {
    const rows = await trx
      .insertInto('members')
      .values(values.slice(i, i + CHUNK).map((v) => ({ ...v, created_at: at, updated_at: at })))
      .returningAll()
      .execute();
    out.push(...rows);
  }
  return out;
}
