// `npm run migrate`: brings the database of DATABASE_URL (or the embedded one in DATA_DIR) to the
// latest migration. Needed before deploying a Worker, which cannot migrate by itself.
import { openPostgres } from '../db/connect';
import { lockDataDir, openEmbedded } from '../db/embedded';
import { migrateToLatest } from '../db/migrate';
import { ConfigError, loadConfig } from '../api/config';

try {
  const config = loadConfig(process.env);
  if (config.DATABASE_URL) {
    const database = openPostgres(config.DATABASE_URL, { max: 1 });
    const applied = await migrateToLatest(database.db);
    console.log(applied.length ? `Ausgeführt / applied: ${applied.join(', ')}` : 'Datenbank ist aktuell / database is up to date');
    await database.close();
  } else {
    const unlock = lockDataDir(config.DATA_DIR);
    const database = await openEmbedded(config.DATA_DIR, { log: console.log });
    await database.close();
    unlock();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
