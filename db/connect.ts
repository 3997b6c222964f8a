import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import { PGliteDialect } from './dialects/pglite';
import type { DB } from './schema';
import { OID, parseDate, parseInt8, parseNumeric, serializeJson } from './types';

export interface Database {
  db: Kysely<DB>;
  engine: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface PgliteOptions {
  /** Folder of the embedded database; undefined keeps it in memory. */
  dataDir?: string;
  /** A tarball from dumpDataDir() to start from (backup, pre-migrated image). */
  loadDataDir?: Blob;
}

export async function openPglite(options: PgliteOptions = {}): Promise<Database & { pglite: PGlite }> {
  const pglite = new PGlite({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [OID.int8]: parseInt8, [OID.date]: parseDate, [OID.numeric]: parseNumeric },
  });
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, pglite, engine: 'pglite', close: () => db.destroy() };
}

/** postgres.js with the same parsers as PGlite. Also used by the Worker (through Hyperdrive). */
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

export function openPostgres(url: string, options: { max?: number } = {}): Database {
  const sql = postgresClient(url, options);
  const db = new Kysely<DB>({ dialect: new PostgresJSDialect({ postgres: sql }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}
