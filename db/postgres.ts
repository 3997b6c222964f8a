import { Kysely } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import type { DB } from './schema';
import { OID, parseDate, parseInt8, parseNumeric, serializeJson } from './types';

/**
 * PostgreSQL through postgres.js, with the same value parsing as PGlite (db/types.ts). Kept apart
 * from db/connect.ts so the Worker bundle imports it without PGlite.
 */
export function postgresClient(url: string, options: { max?: number } = {}) {
  return postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    types: {
      int8: { to: OID.int8, from: [OID.int8], serialize: (v: number) => String(v), parse: parseInt8 },
      date: { to: OID.date, from: [OID.date], serialize: (v: string) => v, parse: parseDate },
      numeric: { to: OID.numeric, from: [OID.numeric], serialize: (v: string) => v, parse: parseNumeric },
      // The app hands json/jsonb parameters over already stringified, as PGlite expects them;
      // postgres.js would stringify them a second time and store a JSON string.
      json: { to: OID.jsonb, from: [OID.json, OID.jsonb], serialize: serializeJson, parse: (v: string) => JSON.parse(v) },
    },
  });
}

export function openPostgres(url: string, options: { max?: number } = {}) {
  const sql = postgresClient(url, options);
  const db = new Kysely<DB>({ dialect: new PostgresJSDialect({ postgres: sql }) });
  return { db, engine: 'postgres' as const, close: () => db.destroy() };
}
