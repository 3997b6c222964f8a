import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, inject, it } from 'vitest';
import type { Actor } from '../../api/deps';
import { previewAnnualRun } from '../../api/receipts/preview-annual-run';
import { useReceiptRenderer } from '../../api/receipts/renderer';
import { processAnnualRun, startAnnualRun } from '../../api/receipts/run-annual-receipts';
import { renderReceiptPdf } from '../../templates/pdf/receipt';
import { testApp, type TestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { resetReceiptTables } from '../helpers/receipt-factories';
import { createDonor, createGift } from '../helpers/donor-factories';
import { createAssociation } from '../helpers/factories';
import { withDatabase } from '../helpers/global-setup';

const run = promisify(execFile);
const treasurer: Actor = { kind: 'user', id: null, label: 'kasse@example.org', role: 'treasurer' };
const at = new Date('2026-01-01T00:00:00Z');

/** n donors with `gifts` transfers each in 2026, in two statements (the run needs more than one batch of 100). */
async function manyDonors(t: TestApp, n: number, gifts: number) {
  const donors = await t.db
    .insertInto('donors')
    .values(Array.from({ length: n }, (_, i) => ({ name: `Spender ${String(i).padStart(4, '0')}`, email: i % 2 ? `s${i}@example.org` : null, street: `Sonnenallee ${i + 1}`, postal_code: '12045', city: 'Berlin', created_at: at, updated_at: at })))
    .returning('id')
    .execute();
  await t.db
    .insertInto('donations')
    .values(
      donors.flatMap((d, i) =>
        Array.from({ length: gifts }, (_, g) => ({
          donor_id: d.id,
          donated_on: `2026-0${g + 1}-1${i % 9}`,
          amount_cents: 1000 + i + g,
          method: 'transfer' as const,
          status: 'succeeded' as const,
          source: 'offline' as const,
          created_by: 'test',
          created_at: at,
          updated_at: at,
        })),
      ),
    )
    .execute();
  return donors.map((d) => d.id);
}

describeEachEngine('receipts: the annual run', (database, engine) => {
  let t: TestApp;
  beforeEach(async () => {
    t = testApp(database());
    await resetReceiptTables(t.db);
    await t.db.deleteFrom('donations').execute();
    await t.db.deleteFrom('donors').execute();
    if (!(await t.db.selectFrom('association').select('id').executeTakeFirst())) await createAssociation(t.db);
    await t.db.updateTable('association').set({ machine_procedure_notified_on: '2026-01-10', simplified_proof: false }).execute();
  });
  afterEach(() => useReceiptRenderer(null));

  it('preview: who gets what, who is left out and why; the run issues one receipt per person, a rerun finds nothing left', async () => {
    const ayse = await createDonor(t.db, { name: 'Ayşe Yılmaz', email: 'ayse@example.org' });
    const nguyen = await createDonor(t.db, { name: 'Nguyễn Văn An', email: null });
    const noAddress = await createDonor(t.db, { name: 'Ohne Anschrift', email: null, street: '' });
    for (const [month, cents] of [['02', 5000], ['05', 7000], ['11', 2500]] as const) await createGift(t.db, { donorId: ayse.id, donated_on: `2026-${month}-01`, amount_cents: cents, method: 'transfer' });
    await createGift(t.db, { donorId: nguyen.id, donated_on: '2026-03-03', amount_cents: 40000, method: 'transfer' });
    await createGift(t.db, { donorId: noAddress.id, donated_on: '2026-03-03', amount_cents: 1000, method: 'transfer' });
    await createGift(t.db, { donorId: null, donated_on: '2026-03-03', amount_cents: 2000, method: 'cash' });
    await createGift(t.db, { donorId: nguyen.id, donated_on: '2026-04-04', amount_cents: 9900, status: 'refunded' });
    await createGift(t.db, { donorId: ayse.id, donated_on: '2025-12-31', amount_cents: 9900, method: 'transfer' });

    const preview = await previewAnnualRun(t.db, { year: 2026 }, t.deps);
    expect(preview.receipts).toMatchObject({ count: 2, gifts: 4, cents: 54500, byMail: 1, byPost: 1 });
    expect(preview.withoutAddress).toMatchObject({ count: 1, cents: 1000 });
    expect(preview.withoutAddress.people[0]!.name).toBe('Ohne Anschrift');
    expect(preview.excluded.anonymous).toEqual({ count: 1, cents: 2000 });
    expect(preview.excluded.refunded).toEqual({ count: 1, cents: 9900 });
    expect(preview.yearRunning).toBe(true);

    const { runId, started } = await startAnnualRun(t.db, { year: 2026, actor: treasurer }, t.deps);
    expect(started).toBe(true);
    expect(await processAnnualRun(t.db, { runId, actor: treasurer }, t.deps)).toBe(true);
    const receipts = await t.db.selectFrom('receipts').select(['number', 'kind', 'recipient_name', 'total_cents', 'delivery', 'period_from', 'period_to', 'run_id']).orderBy('seq').execute();
    expect(receipts.map((r) => [r.recipient_name, r.kind, r.total_cents, r.delivery])).toEqual([
      ['Ayşe Yılmaz', 'sammel', 14500, 'email'],
      ['Nguyễn Văn An', 'single', 40000, 'post'],
    ]);
    expect(receipts[0]!.period_from).toBe('2026-01-01');
    expect(receipts[0]!.period_to).toBe('2026-11-24');
    const runRow = await t.db.selectFrom('receipt_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    expect(runRow).toMatchObject({ status: 'finished', donors_total: 2, donors_done: 2, receipts_issued: 2, mails_queued: 1, for_post: 1 });

    await expect(startAnnualRun(t.db, { year: 2026, actor: treasurer }, t.deps)).rejects.toThrow(/Nothing left to receipt for 2026/);
    await expect(startAnnualRun(t.db, { year: 2027, actor: treasurer }, t.deps)).rejects.toMatchObject({ fieldErrors: [{ field: 'year' }] });
  });

  it('preview: a person with an Aufwandsspende counts for the post (signed by hand), as the run then sends it', async () => {
    const helper = await createDonor(t.db, { name: 'Selin Kaya', email: 'selin@example.org' });
    await createGift(t.db, { donorId: helper.id, donated_on: '2026-03-01', amount_cents: 5000, method: 'transfer' });
    const waived = await createGift(t.db, { donorId: helper.id, donated_on: '2026-04-01', amount_cents: 8000, method: 'transfer' });
    await t.db.updateTable('donations').set({ waiver: true, waived_claim: 'Fahrtkosten', waiver_agreed_on: '2026-01-05', waiver_basis: 'Vereinbarung' }).where('id', '=', waived).execute();
    const preview = await previewAnnualRun(t.db, { year: 2026 }, t.deps);
    expect(preview.receipts).toMatchObject({ count: 1, byMail: 0, byPost: 1 });
    const { runId } = await startAnnualRun(t.db, { year: 2026, actor: treasurer }, t.deps);
    await processAnnualRun(t.db, { runId, actor: treasurer }, t.deps);
    expect(await t.db.selectFrom('receipts').select(['delivery', 'has_waiver']).execute()).toEqual([{ delivery: 'post', has_waiver: true }]);
  });

  it('killed in the middle, a rerun continues: no duplicates, no gaps, every donor once', async () => {
    await manyDonors(t, 230, 5);
    // the process dies while drawing the second batch (numbers 101 and up)
    useReceiptRenderer(async (receipts) => {
      if (receipts.some((r) => Number(r.number.slice(5)) > 150)) throw new Error('killed');
      const out: Uint8Array[] = [];
      for (const r of receipts) out.push(await renderReceiptPdf(r));
      return out;
    });
    const first = await startAnnualRun(t.db, { year: 2026, actor: treasurer }, t.deps);
    await expect(processAnnualRun(t.db, { runId: first.runId, actor: treasurer, batchSize: 100 }, t.deps)).rejects.toThrow('killed');
    const afterKill = Number((await t.db.selectFrom('receipts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(afterKill).toBe(100);

    useReceiptRenderer(null); // the process is started again
    const progress: number[] = [];
    const second = await startAnnualRun(t.db, { year: 2026, actor: treasurer }, t.deps);
    expect(second.runId).not.toBe(first.runId);
    await processAnnualRun(t.db, { runId: second.runId, actor: treasurer, batchSize: 100, onProgress: (p) => progress.push(p.donorsDone) }, t.deps);
    expect(progress).toEqual([100, 130]);
    const all = await t.db.selectFrom('receipts').select(['seq', 'donor_id']).orderBy('seq').execute();
    expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 230 }, (_, i) => i + 1));
    expect(new Set(all.map((r) => r.donor_id)).size).toBe(230);
    const items = Number((await t.db.selectFrom('receipt_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(items).toBe(230 * 5);
  });

  it('the CLI shows the preview and a progress, and runs the year', async () => {
    if (engine !== 'postgres') return; // the embedded database of a CLI is a folder: the next test covers it
    await manyDonors(t, 12, 2);
    const url = withDatabase(inject('postgresUrl')!, (await sql<{ db: string }>`select current_database() as db`.execute(t.db)).rows[0]!.db);
    const { stdout, stderr } = await run('node', ['--import', 'tsx', 'scripts/receipts.ts', '--year', '2026'], { env: { ...process.env, BASE_URL: 'http://localhost:3000', DATABASE_URL: url, LOG_LEVEL: 'silent' } });
    expect(stdout).toContain('Jahreslauf 2026');
    expect(stdout).toContain('12 Bestätigungen');
    expect(stderr).toContain('100 % 12/12 Personen');
    expect(stdout).toMatch(/Fertig: 12 Bestätigungen ausgestellt, 6 Mails im Postausgang, 6 zum Drucken/);
  });
});

it('with the embedded database in use by the server, the CLI refuses and points to the browser', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kw-cli-lock-'));
  try {
    writeFileSync(join(dataDir, 'kassenwart.lock'), String(process.pid));
    const failed = await run('node', ['--import', 'tsx', 'scripts/receipts.ts', '--year', '2026'], { env: { ...process.env, BASE_URL: 'http://localhost:3000', DATA_DIR: dataDir, DATABASE_URL: '' } }).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Bitte den Jahreslauf im Browser starten');
    expect(failed.stderr).toContain('/receipts/annual?year=2026');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
