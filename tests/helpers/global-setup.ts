import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { openPglite, openPostgres } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';

/**
 * Once per run: a migrated PGlite image (each test database starts from it in ~0.5 s instead of
 * initdb + migrations), and, when TEST_DATABASE_URL is set, a migrated PostgreSQL template
 * database that each test file clones. Under CI a missing or unreachable PostgreSQL fails the run.
 */
export const PG_TEMPLATE = 'kw_test_template';

export default async function setup(project: TestProject) {
  const dir = join(tmpdir(), `kassenwart-tests-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const pglite = await openPglite();
  await migrateToLatest(pglite.db);
  const image = join(dir, 'pglite-image.tar.gz');
  writeFileSync(image, Buffer.from(await (await pglite.pglite.dumpDataDir('gzip')).arrayBuffer()));
  await pglite.close();
  project.provide('pgliteImage', image);

  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (process.env.CI) throw new Error('CI: TEST_DATABASE_URL is not set — the PostgreSQL half of the database tests would be skipped');
    project.provide('postgresUrl', '');
    return;
  }
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${PG_TEMPLATE} with (force)`);
    await admin.unsafe(`create database ${PG_TEMPLATE}`);
  } catch (error) {
    await admin.end();
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL is not usable: ${(error as Error).message}`);
  }
  const template = openPostgres(withDatabase(url, PG_TEMPLATE), { max: 1 });
  await migrateToLatest(template.db);
  await template.close();
  await admin.end();
  project.provide('postgresUrl', url);
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteImage: string;
    postgresUrl: string;
  }
}
