// `npm run restore FILE`: a backup from `npm run backup` into an empty DATA_DIR (db/backup.ts).
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../api/config';
import { BackupError, restoreDataDir } from '../db/backup';

try {
  const config = loadConfig(process.env);
  const file = process.argv[2];
  if (config.DATABASE_URL) {
    // Exit 1: nothing was restored, and a chained `npm start` must not think otherwise.
    console.error(
      'DATABASE_URL ist gesetzt: PostgreSQL bitte mit pg_restore wiederherstellen. / DATABASE_URL is set: restore PostgreSQL with pg_restore:\n\n' +
        '  pg_restore --clean --no-owner -d "$DATABASE_URL" kassenwart.dump',
    );
    process.exit(1);
  }
  if (!file) {
    console.error('Aufruf / usage: npm run restore -- DATEI/FILE.tar.gz');
    process.exit(1);
  }
  const result = await restoreDataDir(file, config.DATA_DIR);
  console.log(`Wiederhergestellt nach / restored into: ${resolve(config.DATA_DIR)}`);
  console.log(`  Verein / association: ${result.association ?? '(noch nicht eingerichtet / not set up yet)'}`);
  console.log(`  Benutzer / users: ${result.users}`);
  console.log(`  Protokolleinträge / audit entries: ${result.auditEntries}`);
  console.log(`  Mails im Postausgang / outbox mails: ${result.outboxMails}`);
  if (result.migrationsApplied.length) console.log(`  Migrationen ausgeführt / migrations applied: ${result.migrationsApplied.join(', ')}`);
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof BackupError ? error.message : error);
  process.exit(1);
}
