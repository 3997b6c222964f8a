import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../api/deps';
import type { DB } from './schema';

/**
 * Large reads and writes in few statements, for batches of 10⁴–10⁵ rows (dues runs,
 * collections, their mails): both engines, PGlite above all, pay per statement and per value.
 */

/**
 * The rows of a large read as one JSON value, parsed at once. PGlite hands every value of a
 * result to JavaScript on its own, which for 10⁴–10⁵ rows costs several times the query;
 * PostgreSQL is as fast either way. Only for columns JSON carries unchanged: text, booleans,
 * integers below 2⁵³, dates (as 'YYYY-MM-DD', like the date parser) — no timestamps.
 */
export async function jsonRows<O>(db: Executor, query: SelectQueryBuilder<DB, any, O>): Promise<O[]> {
  const { rows } = await sql<{ rows: string }>`select coalesce(json_agg(q), '[]')::text as rows from (${query}) as q`.execute(db);
  return JSON.parse(rows[0]!.rows) as O[];
}

/**
 * Values as the text of one PostgreSQL array ('{1,2}', '{"a b","c"}'), to pass as a single
 * parameter: one statement whatever the number of rows, never near the 65,535 bind parameters a
 * statement may carry.
 */
export function pgArray(values: readonly (string | number | boolean | null)[]): string {
  if (values.every((v) => Number.isSafeInteger(v))) return `{${values.join(',')}}`;
  const items = values.map((v) => {
    if (v === null) return 'NULL';
    if (typeof v === 'string') return v.includes('"') || v.includes('\\') ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
    if (typeof v === 'boolean') return v ? 't' : 'f';
    if (Number.isSafeInteger(v)) return v;
    throw new TypeError(`not an integer: ${v}`);
  });
  return `{${items.join(',')}}`;
}

/**
 * One column of a batch for `unnest(…)`: the values as one array parameter of `type`. The
 * parameter itself is declared text and cast once in the statement, so PGlite receives a
 * long one as UTF-8 bytes (db/types.ts serializeTextForPglite) instead of measuring it
 * character by character; PostgreSQL parses it the same either way. Only where the array is
 * read once (unnest in FROM): as the right side of "= any(…)" keep a typed parameter (anyOf),
 * which the planner turns into a hashed lookup.
 */
export function arrayParam(values: readonly (string | number | boolean | null)[], type: 'bigint' | 'text' | 'date' | 'boolean') {
  return sql`${pgArray(values)}::text::${sql.raw(type)}[]`;
}

/**
 * "= any(…)" of a list of ids as one array parameter. Planned as one scan with a hashed lookup per
 * row, where an "in (subquery)" of unknown size got 10⁴ index probes (a third slower).
 */
export function anyOf(ids: readonly number[]) {
  return sql<number>`any(${pgArray(ids)}::bigint[])`;
}
