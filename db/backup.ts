import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openPglite } from './connect';
import { DataDirLocked, lockDataDir, pgdataDir } from './embedded';
import { migrateToLatest } from './migrate';

/**
 * Backup and restore of the embedded database: one file, PGlite's own dumpDataDir tarball
 * (gzip). Both take the data-folder lock, because PGlite must never be opened by two processes
 * at once (shared/STACK.md): a backup of a folder the app is writing to would be torn.
 * PostgreSQL installations use pg_dump / pg_restore instead (scripts/backup.ts says how).
 */
export class BackupError extends Error {
  override name = 'BackupError';
}

export interface BackupResult {
  file: string;
  bytes: number;
  sha256: string;
}

export interface RestoreResult {
  users: number;
  association: string | null;
  auditEntries: number;
  outboxMails: number;
  migrationsApplied: string[];
}

/** ./backups/kassenwart-2026-11-24-101500.tar.gz (local time, sorts by date) */
export function defaultBackupFile(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return join('backups', `kassenwart-${stamp}.tar.gz`);
}

function lockOrExplain(dataDir: string, what: { de: string; en: string }): () => void {
  try {
    return lockDataDir(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirLocked)) throw error;
    throw new BackupError(
      `${error.message}\nKassenwart läuft noch. Bitte Kassenwart zuerst beenden und dann die ${what.de} erneut starten. / ` +
        `Kassenwart is still running. Please stop Kassenwart first, then run the ${what.en} again.`,
    );
  }
}

/** Dumps the embedded database of dataDir into one new file; never leaves a half-written one. */
export async function backupDataDir(dataDir: string, file: string): Promise<BackupResult> {
  const target = resolve(file);
  if (!existsSync(join(pgdataDir(dataDir), 'PG_VERSION'))) {
    throw new BackupError(`In ${resolve(dataDir)} liegt keine Kassenwart-Datenbank. / There is no Kassenwart database in ${resolve(dataDir)}.`);
  }
  // An existing file is an older backup: keep it.
  if (existsSync(target)) throw new BackupError(`${target} gibt es schon. / ${target} exists already.`);
  const unlock = lockOrExplain(dataDir, { de: 'Sicherung', en: 'backup' });
  try {
    const database = await openPglite({ dataDir: pgdataDir(dataDir) });
    let data: Buffer;
    try {
      data = Buffer.from(await (await database.pglite.dumpDataDir('gzip')).arrayBuffer());
    } finally {
      await database.close();
    }
    mkdirSync(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      // fsync before the rename: after a power cut the name points to complete data or nothing.
      const fd = openSync(tmp, 'wx');
      try {
        writeSync(fd, data);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, target);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw error;
    }
    return { file: target, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  } finally {
    unlock();
  }
}

/**
 * Restores a backup into a data folder that holds no database yet, then migrates it (a backup
 * from an older version gets the newer migrations) and counts what is in it. Existing data is
 * never overwritten; on any failure the folder is left as it was.
 */
export async function restoreDataDir(file: string, dataDir: string): Promise<RestoreResult> {
  // Check the file completely before touching the data folder.
  const tar = readBackupFile(file);
  const dir = pgdataDir(dataDir);
  const dataDirExisted = existsSync(dataDir);
  const pgdataExisted = existsSync(dir);
  if (pgdataExisted && readdirSync(dir).length > 0) {
    throw new BackupError(
      `In ${dir} liegen schon Daten. Die Wiederherstellung überschreibt nie Daten: bitte den Ordner erst woandershin verschieben (oder DATA_DIR auf einen leeren Ordner setzen). / ` +
        `${dir} already holds data. A restore never overwrites data: move the folder away first (or point DATA_DIR to an empty folder).`,
    );
  }
  const unlock = lockOrExplain(dataDir, { de: 'Wiederherstellung', en: 'restore' });
  let ok = false;
  try {
    // Hand PGlite the plain tar: it would gunzip a .tar.gz itself, but a corrupt one makes it
    // leave an unhandled rejection behind instead of an error we could catch.
    const database = await openPglite({ dataDir: dir, loadDataDir: new Blob([tar]) });
    try {
      const migrationsApplied = await migrateToLatest(database.db);
      const count = async (table: 'users' | 'audit_log' | 'outbox') =>
        (await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      const association = await database.db.selectFrom('association').select('name').executeTakeFirst();
      const result = {
        users: await count('users'),
        association: association?.name ?? null,
        auditEntries: await count('audit_log'),
        outboxMails: await count('outbox'),
        migrationsApplied,
      };
      ok = true;
      return result;
    } finally {
      await database.close();
    }
  } catch (error) {
    throw error instanceof BackupError
      ? error
      : new BackupError(`Wiederherstellung fehlgeschlagen / restore failed: ${(error as Error).message ?? error}`, { cause: error });
  } finally {
    if (!ok) {
      rmSync(dir, { recursive: true, force: true });
      if (pgdataExisted) mkdirSync(dir);
    }
    unlock();
    if (!ok && !dataDirExisted) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The backup as a plain tar, after checking it is one of PGlite's data-folder dumps. */
export function readBackupFile(file: string) {
  const data = readOrExplain(file);
  const invalid = (de: string, en = de) =>
    new BackupError(`${file} ist keine Kassenwart-Sicherung (${de}). / ${file} is not a Kassenwart backup (${en}).`);
  let tar = data;
  if (data[0] === 0x1f && data[1] === 0x8b) {
    try {
      tar = gunzipSync(data);
    } catch (error) {
      throw invalid(`gzip: ${(error as Error).message}`);
    }
  }
  const names = tarEntryNames(tar);
  if (!names) throw invalid('kein tar-Archiv', 'not a tar archive');
  if (!names.some((n) => n.replace(/^\.?\//, '') === 'PG_VERSION')) throw invalid('PG_VERSION fehlt', 'PG_VERSION missing');
  return tar;
}

function readOrExplain(file: string) {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new BackupError(
      `Die Sicherungsdatei ${file} lässt sich nicht lesen (${(error as NodeJS.ErrnoException).code ?? error}). / Cannot read the backup file ${file}.`,
    );
  }
}

/** Names in a ustar archive, or null when the bytes are not one (or are cut short). */
function tarEntryNames(tar: Uint8Array): string[] | null {
  const text = (from: number, length: number) => {
    const field = tar.subarray(from, from + length);
    const end = field.indexOf(0);
    return Buffer.from(end === -1 ? field : field.subarray(0, end)).toString('utf8');
  };
  const names: string[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    if (tar.subarray(offset, offset + 512).every((b) => b === 0)) return names.length ? names : null;
    if (text(offset + 257, 5) !== 'ustar') return null;
    const size = parseInt(text(offset + 124, 12).trim() || '0', 8);
    if (Number.isNaN(size)) return null;
    names.push(text(offset, 100));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  // No end-of-archive block: cut short, unless it ended exactly after the last entry.
  return offset === tar.length && names.length ? names : null;
}
