import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../db/connect';
import { PG_TEMPLATE, withDatabase } from './global-setup';

export type Engine = 'pglite' | 'postgres';

/** The engines every database test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function engines(): Engine[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, migrated database of its own: PGlite in memory from the image, or a clone of the template. */
export async function createTestDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') {
    return openPglite({ loadDataDir: new Blob([readFileSync(inject('pgliteImage'))]) });
  }
  const url = inject('postgresUrl');
  const name = `kw_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${PG_TEMPLATE}`);
  const database = openPostgres(withDatabase(url, name), { max: 5 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * Runs the same suite once per engine, each with its own database (made before the suite,
 * dropped after). `get()` returns the database inside tests and hooks.
 */
export function describeEachEngine(name: string, suite: (get: () => Database, engine: Engine) => void) {
  for (const engine of engines()) {
    describe(`${name} [${engine}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await database?.close();
      });
      suite(() => {
        if (!database) throw new Error('test database not ready');
        return database;
      }, engine);
    });
  }
}
