import { Migrator, sql, type Kysely } from 'kysely';
import { migrations } from './migrations/index';

/** True when every migration is recorded: a restart then skips the Migrator and its locking. */
async function upToDate(db: Kysely<any>): Promise<boolean> {
  try {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from kysely_migration where name = any(${Object.keys(migrations)})`.execute(db);
    return rows[0]!.n === Object.keys(migrations).length;
  } catch {
    return false; // no migration table yet
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  if (await upToDate(db)) return [];
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
