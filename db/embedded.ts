import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite } from './connect';
import { migrateToLatest } from './migrate';
import { migrations } from './migrations/index';

/**
 * The embedded database on disk (Node only): DATA_DIR/pgdata holds PGlite's files, guarded by
 * DATA_DIR/kassenwart.lock (one process per folder: two silently lose writes, STACK.md).
 *
 * A fresh folder starts from a pre-migrated image instead of running initdb (2–3.5 s here):
 * db/image/pglite-<last migration>.tar.gz, written by `npm install` (postinstall) or by the first
 * start that had to run initdb. Migrations newer than the image run on top, so an old image is
 * never wrong, only slower.
 */
const IMAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'image');

export function latestMigration(): string {
  return Object.keys(migrations).sort().at(-1)!;
}

export function imagePath(): string {
  return join(IMAGE_DIR, `pglite-${latestMigration()}.tar.gz`);
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
export async function openEmbedded(dataDir: string, options: { log?: (line: string) => void } = {}) {
  const dir = pgdataDir(dataDir);
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  let fromImage = false;
  let database;
  if (fresh) {
    mkdirSync(dir, { recursive: true });
    const image = imagePath();
    if (existsSync(image)) {
      database = await openPglite({ dataDir: dir, loadDataDir: new Blob([readFileSync(image)]) });
      fromImage = true;
    } else {
      database = await openPglite({ dataDir: dir });
    }
  } else {
    database = await openPglite({ dataDir: dir });
  }
  const applied = await migrateToLatest(database.db);
  if (fresh && !fromImage) await writeImage(database.pglite).catch(() => {});
  options.log?.(
    fresh
      ? `Neue eingebettete Datenbank in ${dir}${fromImage ? ' (aus vorbereitetem Abbild)' : ''}`
      : `Eingebettete Datenbank ${dir}${applied.length ? `, ${applied.length} Migration(en) ausgeführt` : ''}`,
  );
  return database;
}

/** Saves a migrated, empty database as the image for fresh starts. */
export async function writeImage(pglite: { dumpDataDir(c?: 'gzip' | 'none' | 'auto'): Promise<Blob | File> }) {
  const blob = await pglite.dumpDataDir('gzip');
  mkdirSync(IMAGE_DIR, { recursive: true });
  const tmp = `${imagePath()}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  renameSync(tmp, imagePath());
}
