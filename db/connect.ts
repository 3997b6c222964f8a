import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from './dialects/pglite';
import type { PgliteArtifacts } from './dialects/pglite-artifacts';
import type { DB } from './schema';
import { OID, parseByteaFromPglite, parseDate, parseInt8, parseNumeric, serializeByteaForPglite, serializeTextForPglite } from './types';

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
  /** PGlite's WebAssembly and file bundle, loaded ahead (dialects/pglite-artifacts.ts); optional. */
  artifacts?: PgliteArtifacts;
}

export async function openPglite(options: PgliteOptions = {}): Promise<Database & { pglite: PGlite }> {
  const pglite = new PGlite({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    ...(options.artifacts ? { pgliteWasmModule: options.artifacts.pgliteWasmModule, fsBundle: options.artifacts.fsBundle } : {}),
    parsers: { [OID.int8]: parseInt8, [OID.date]: parseDate, [OID.numeric]: parseNumeric, [OID.bytea]: parseByteaFromPglite },
    // PGlite's types promise a string; its protocol writer takes bytes too and sends them in the binary format.
    serializers: { [OID.text]: serializeTextForPglite as (value: unknown) => string, [OID.bytea]: serializeByteaForPglite as unknown as (value: unknown) => string },
  });
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, pglite, engine: 'pglite', close: () => db.destroy() };
}

export { openPostgres, postgresClient } from './postgres';
