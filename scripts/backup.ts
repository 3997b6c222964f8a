// `npm run backup [-- FILE]`: the embedded database into one file (db/backup.ts). With
// DATABASE_URL the database belongs to PostgreSQL, whose own tools do this job better.
import { ConfigError, loadConfig } from '../api/config';
import { BackupError, backupDataDir, defaultBackupFile } from '../db/backup';

try {
  const config = loadConfig(process.env);
  if (config.DATABASE_URL) {
    console.log(
      [
        'DATABASE_URL ist gesetzt: Kassenwart nutzt PostgreSQL. Bitte mit pg_dump sichern. / DATABASE_URL is set: Kassenwart uses PostgreSQL. Back it up with pg_dump:',
        '',
        '  pg_dump --format=custom --file=kassenwart.dump "$DATABASE_URL"',
        '',
        'Wiederherstellen / restore:',
        '',
        '  pg_restore --clean --no-owner -d "$DATABASE_URL" kassenwart.dump',
      ].join('\n'),
    );
    process.exit(0);
  }
  const result = await backupDataDir(config.DATA_DIR, process.argv[2] ?? defaultBackupFile());
  console.log(`Sicherung geschrieben / backup written: ${result.file}`);
  console.log(`  Größe / size: ${(result.bytes / 1024 / 1024).toFixed(1)} MB (${result.bytes} bytes)`);
  console.log(`  SHA-256: ${result.sha256}`);
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof BackupError ? error.message : error);
  process.exit(1);
}
