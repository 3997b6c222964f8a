// PGlite only, by nature: `npm run backup` / `restore` copy the embedded database's data folder.
// A PostgreSQL installation is backed up with pg_dump (scripts/backup.ts prints how).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../api/deps';
import { writeAudit } from '../../api/audit/write-audit';
import { insertAssociation } from '../../api/settings/queries';
import { backupDataDir, restoreDataDir } from '../../db/backup';
import { openEmbedded, pgdataDir } from '../../db/embedded';
import { associationInput, createUser } from '../helpers/factories';
import { fixedClock } from '../helpers/clock';

const root = mkdtempSync(join(tmpdir(), 'kassenwart-backup-test-'));
const source = join(root, 'source');
const backup = join(root, 'backups', 'kassenwart.tar.gz');

async function snapshot(dataDir: string) {
  const database = await openEmbedded(dataDir);
  try {
    return {
      association: await database.db.selectFrom('association').selectAll().execute(),
      users: await database.db.selectFrom('users').selectAll().orderBy('id').execute(),
      audit: await database.db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
    };
  } finally {
    await database.close();
  }
}

describe('backup and restore of the embedded database', () => {
  let original: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    const database = await openEmbedded(source);
    const clock = fixedClock();
    await insertAssociation(database.db, associationInput(), clock.now());
    const user = await createUser(database.db, { role: 'treasurer', name: 'Yasemin Öztürk', email: 'yasemin@example.org' });
    await writeAudit(database.db, { actor: systemActor(), action: 'user.created', entity: 'user', entityId: user.id, after: { name: user.name } }, { clock });
    await database.close();
    original = await snapshot(source);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes one backup file and restores the same rows into a new, empty data folder', async () => {
    const result = await backupDataDir(source, backup);
    expect(result.file).toBe(backup);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(join(root, 'backups'))).toEqual(['kassenwart.tar.gz']);

    const target = join(root, 'restored');
    const summary = await restoreDataDir(backup, target);
    expect(summary).toMatchObject({ users: 1, association: 'Laissez-passer e.V.', auditEntries: 1, outboxMails: 0 });
    const restored = await snapshot(target);
    expect(restored.users[0]).toMatchObject({ name: 'Yasemin Öztürk', role: 'treasurer' });
    expect(restored).toEqual(original);
  });

  it('refuses to back up while Kassenwart runs on the folder', async () => {
    // The parent process is alive and is not us: to the lock it looks like a running app.
    writeFileSync(join(source, 'kassenwart.lock'), String(process.ppid));
    try {
      await expect(backupDataDir(source, join(root, 'backups', 'while-running.tar.gz'))).rejects.toThrow(/Kassenwart zuerst beenden/);
      expect(existsSync(join(root, 'backups', 'while-running.tar.gz'))).toBe(false);
    } finally {
      rmSync(join(source, 'kassenwart.lock'));
    }
  });

  it('never restores over existing data', async () => {
    await expect(restoreDataDir(backup, source)).rejects.toThrow(/liegen schon Daten.*verschieben/s);
    expect(await snapshot(source)).toEqual(original);
  });

  it('refuses a corrupt file and leaves no database behind', async () => {
    const corrupt = join(root, 'corrupt.tar.gz');
    writeFileSync(corrupt, randomBytes(64 * 1024));
    const target = join(root, 'from-corrupt');
    await expect(restoreDataDir(corrupt, target)).rejects.toThrow(`${corrupt} ist keine Kassenwart-Sicherung`);
    expect(existsSync(pgdataDir(target))).toBe(false);
    await expect(restoreDataDir(join(root, 'missing.tar.gz'), target)).rejects.toThrow(/lässt sich nicht lesen \(ENOENT\)/);

    // A gzip file that breaks off halfway (an interrupted copy), into an existing empty folder.
    const truncated = join(root, 'truncated.tar.gz');
    writeFileSync(truncated, readFileSync(backup).subarray(0, 200_000));
    const empty = join(root, 'empty');
    mkdirSync(pgdataDir(empty), { recursive: true });
    await expect(restoreDataDir(truncated, empty)).rejects.toThrow(/keine Kassenwart-Sicherung \(gzip/);
    expect(readdirSync(pgdataDir(empty))).toEqual([]);
  });
});
