import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite } from './connect';
import type { PgliteArtifacts } from './dialects/pglite-artifacts';
import { migrateToLatest } from './migrate';
import { migrations } from './migrations/index';

/**
 * The embedded database on disk (Node only): DATA_DIR/pgdata holds PGlite's files, guarded by
 * DATA_DIR/kassenwart.lock (one process per folder: two silently lose writes, STACK.md).
 *
 * A fresh folder starts as a copy of a pre-migrated, empty database directory instead of
 * running initdb (2–4 s here) or unpacking a tarball: db/image/pgdata-<last migration>-<hash>/,
 * made by `npm install` (postinstall) or, once, by the first start that finds none. The hash
 * covers every migration's name, so a migration added before the last one (two branches
 * meeting) makes a new template instead of copying one that Kysely then rejects as out of order.
 */
// '../db/image' from this file (db/) and from the start bundle (dist/) alike.
const IMAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'db', 'image');

export function latestMigration(): string {
  return Object.keys(migrations).sort().at(-1)!;
}

/** The template database directory for fresh data folders. */
export function imagePath(): string {
  const names = createHash('sha256').update(Object.keys(migrations).sort().join('\n')).digest('hex').slice(0, 8);
  return join(IMAGE_DIR, `pgdata-${latestMigration()}-${names}`);
}

export function pgdataDir(dataDir: string) {
  return join(resolve(dataDir), 'pgdata');
}

export class DataDirLocked extends Error {}

export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lock = join(resolve(dataDir), 'kassenwart.lock');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new DataDirLocked(
        `Der Datenordner ${dataDir} wird schon von Prozess ${pid} benutzt. / The data folder ${dataDir} is in use by process ${pid}.`,
      );
    }
  }
  writeFileSync(lock, String(process.pid));
  return () => {
    try {
      if (readFileSync(lock, 'utf8').trim() === String(process.pid)) rmSync(lock);
    } catch {
      /* already gone */
    }
  };
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Opens (creating and migrating when needed) the embedded database of DATA_DIR. */
export async function openEmbedded(
  dataDir: string,
  options: {
    log?: (line: string) => void;
    /** PGlite's files loaded ahead (scripts/start.mjs); awaited only after a fresh folder's copy. */
    artifacts?: PgliteArtifacts | Promise<PgliteArtifacts | undefined>;
  } = {},
) {
  const dir = pgdataDir(dataDir);
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  if (fresh) {
    if (!existsSync(join(imagePath(), 'PG_VERSION'))) await writeImage();
    rmSync(dir, { recursive: true, force: true });
    cpSync(imagePath(), dir, { recursive: true });
  }
  const database = await openPglite({ dataDir: dir, artifacts: await options.artifacts });
  const applied = await migrateToLatest(database.db);
  options.log?.(
    fresh
      ? `Neue eingebettete Datenbank in ${dir}`
      : `Eingebettete Datenbank ${dir}${applied.length ? `, ${applied.length} Migration(en) ausgeführt` : ''}`,
  );
  return database;
}

/** Makes the template: a migrated, empty database directory, written aside and renamed into place. */
export async function writeImage() {
  mkdirSync(IMAGE_DIR, { recursive: true });
  const tmp = `${imagePath()}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const database = await openPglite({ dataDir: tmp });
  await migrateToLatest(database.db);
  await database.close();
  try {
    renameSync(tmp, imagePath());
  } catch (error) {
    // Another process made the template at the same moment: keep theirs.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(imagePath(), 'PG_VERSION'))) throw error;
  }
}
