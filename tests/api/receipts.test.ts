import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { inTransaction, systemActor, type Actor } from '../../api/deps';
import { mergeDonor } from '../../api/donations/merge-donor';
import { getBlob } from '../../api/files/blobs';
import { cancelReceipt } from '../../api/receipts/cancel-receipt';
import { flagReceiptsForReview } from '../../api/receipts/flag-receipts';
import { issueReceipt } from '../../api/receipts/issue-receipt';
import { findReceipt } from '../../api/receipts/queries';
import { testApp, type TestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { resetReceiptTables } from '../helpers/receipt-factories';
import { createDonor, createGift } from '../helpers/donor-factories';
import { createAssociation } from '../helpers/factories';

/**
 * Issuing, numbering, archiving and cancelling receipts through the operations, on real
 * databases; the PDF text is read back with pdftotext. (Screens: receipts-screens.test.ts;
 * annual run: receipts-annual-run.test.ts.)
 */
const dir = mkdtempSync(join(tmpdir(), 'kw-receipts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function pdfText(bytes: Uint8Array): string {
  const file = join(dir, `r${++files}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const treasurer: Actor = { kind: 'user', id: null, label: 'kasse@example.org', role: 'treasurer' };

describeEachEngine('receipts: issue, archive, cancel', (database, engine) => {
  let t: TestApp;
  beforeEach(async () => {
    t = testApp(database());
    // each test starts from empty receipt tables (the database lives for the whole file)
    await resetReceiptTables(t.db);
    if (!(await t.db.selectFrom('association').select('id').executeTakeFirst())) await createAssociation(t.db);
    await t.db.updateTable('association').set({ machine_procedure_notified_on: null, member_dues_deductible: true, notice_date: '2025-06-30', notice_kind: 'freistellungsbescheid' }).execute();
  });
  const issue = (input: Partial<Parameters<typeof issueReceipt>[1]>) =>
    inTransaction(t.db, (trx) => issueReceipt(trx, { donationIds: [], paymentIds: [], actor: treasurer, ...input }, t.deps));

  it('a single donation: the next number of the year, the Muster text, the Doppel stored with its SHA-256 and returned byte for byte', async () => {
    const donor = await createDonor(t.db, { name: 'Şükrü Özdemir', email: 'sukru@example.org', street: 'Weserstraße 5', postal_code: '12047', city: 'Berlin' });
    const gift = await createGift(t.db, { donorId: donor.id, donated_on: '2026-05-03', amount_cents: 125050, method: 'transfer' });
    const issued = await issue({ donationIds: [gift] });
    expect(issued.number).toBe('2026-00001');
    expect(issued.delivery).toBe('post'); // machine procedure not reported: signed by hand, on paper

    const row = (await findReceipt(t.db, issued.id))!;
    const blob = (await getBlob(t.db, row.blob_key))!;
    expect(createHash('sha256').update(blob.bytes).digest('hex')).toBe(row.sha256);
    const again = (await getBlob(t.db, row.blob_key))!;
    expect(Buffer.from(again.bytes).equals(Buffer.from(blob.bytes))).toBe(true);
    const text = pdfText(blob.bytes);
    expect(text).toContain('Bestätigung über Geldzuwendungen/Mitgliedsbeitrag');
    expect(text).toContain('Bestätigung Nr. 2026-00001');
    expect(text).toContain('Şükrü Özdemir');
    expect(text).toContain('1.250,50 €');
    expect(text).toContain('eintausendzweihundertfünfzig Euro und fünfzig Cent'.slice(0, 20));
    expect(text).toContain('des Finanzamtes für Körperschaften I Berlin StNr. 27/663/12345 vom 30.06.2025');
    expect(text).toContain('(Ort, Datum und Unterschrift des Zuwendungsempfängers)');

    // the archive refuses to change what was issued
    await expect(t.db.updateTable('blobs').set({ content: new Uint8Array([1]) }).where('key', '=', row.blob_key).execute()).rejects.toThrow();
    await expect(t.db.updateTable('receipts').set({ total_cents: 1 }).where('id', '=', issued.id).execute()).rejects.toThrow();
    await expect(t.db.deleteFrom('receipts').where('id', '=', issued.id).execute()).rejects.toThrow();
  });

  it('machine procedure reported: the note instead of the signature line, and the PDF goes by mail through the outbox', async () => {
    await t.db.updateTable('association').set({ machine_procedure_notified_on: '2026-01-10' }).execute();
    const donor = await createDonor(t.db, { name: 'Ayşe Yılmaz', email: 'ayse@example.org', language: 'tr' });
    const gifts = [await createGift(t.db, { donorId: donor.id, donated_on: '2026-02-01', amount_cents: 5000 }), await createGift(t.db, { donorId: donor.id, donated_on: '2026-03-01', amount_cents: 7000 })];
    const issued = await issue({ donationIds: gifts });
    expect(issued.delivery).toBe('email');
    const row = (await findReceipt(t.db, issued.id))!;
    expect(row.kind).toBe('sammel');
    expect(row.total_cents).toBe(12000);
    const text = pdfText((await getBlob(t.db, row.blob_key))!.bytes);
    expect(text).toContain('Die maschinelle Erstellung der Zuwendungsbestätigung wurde dem zuständigen Finanzamt für Körperschaften I Berlin angezeigt.');
    expect(text).toContain('Anlage zur Sammelbestätigung');
    const mail = await t.db.selectFrom('outbox').selectAll().where('id', '=', row.outbox_id!).executeTakeFirstOrThrow();
    expect(mail.to_address).toBe('ayse@example.org');
    expect(mail.language).toBe('tr');
    expect(mail.attachments).toEqual([{ filename: `Zuwendungsbestaetigung-${issued.number}.pdf`, contentType: 'application/pdf', blobKey: row.blob_key }]);
  });

  it('refuses what would make a wrong receipt, each with its reason, and issues nothing', async () => {
    const donor = await createDonor(t.db, { name: 'Nguyễn Văn An', email: null });
    const noAddress = await createDonor(t.db, { name: 'Ohne Anschrift', email: null, street: '' });
    const refunded = await createGift(t.db, { donorId: donor.id, donated_on: '2026-04-01', amount_cents: 5000, status: 'refunded' });
    const future = await createGift(t.db, { donorId: donor.id, donated_on: '2026-12-24', amount_cents: 5000, method: 'transfer' });
    const anonymous = await createGift(t.db, { donorId: null, donated_on: '2026-04-01', amount_cents: 5000, method: 'cash' });
    const homeless = await createGift(t.db, { donorId: noAddress.id, donated_on: '2026-04-01', amount_cents: 5000, method: 'cash' });
    const ok = await createGift(t.db, { donorId: donor.id, donated_on: '2026-04-02', amount_cents: 5000, method: 'transfer' });
    await expect(issue({ donationIds: [refunded] })).rejects.toThrow(/refunded/);
    await expect(issue({ donationIds: [future] })).rejects.toThrow(/future/);
    await expect(issue({ donationIds: [anonymous] })).rejects.toThrow(/anonymous/);
    await expect(issue({ donationIds: [homeless] })).rejects.toThrow(/no complete address/);
    await expect(issue({ donationIds: [ok, homeless] })).rejects.toThrow(/different people/);
    expect(await t.db.selectFrom('receipts').select('id').execute()).toEqual([]);
    await issue({ donationIds: [ok] });
    await expect(issue({ donationIds: [ok] })).rejects.toThrow(/already receipted/);
    // the failed attempts used no number
    expect((await t.db.selectFrom('receipts').select('number').execute()).map((r) => r.number)).toEqual(['2026-00001']);
  });

  it('§ 63 Abs. 5 AO: a Freistellungsbescheid older than 5 years refuses, on the day after the last allowed one', async () => {
    const donor = await createDonor(t.db, { name: 'Maria Ñúñez', email: null });
    const gift = await createGift(t.db, { donorId: donor.id, donated_on: '2026-04-01', amount_cents: 5000, method: 'transfer' });
    await t.db.updateTable('association').set({ notice_date: '2021-11-24' }).execute();
    t.clock.set('2026-11-24T10:00:00Z');
    const allowed = await issue({ donationIds: [gift] });
    expect(allowed.number).toBe('2026-00001');
    const gift2 = await createGift(t.db, { donorId: donor.id, donated_on: '2026-04-02', amount_cents: 5000, method: 'transfer' });
    t.clock.set('2026-11-25T10:00:00Z');
    await expect(issue({ donationIds: [gift2] })).rejects.toThrow(/older than 5 years/);
    await t.db.updateTable('association').set({ notice_kind: 'feststellung_60a', notice_date: '2023-11-25' }).execute();
    expect((await issue({ donationIds: [gift2] })).number).toBe('2026-00002');
  });

  it('Storno keeps the number, frees the gifts, and the replacement names the cancelled number; a refund puts a receipt on the list to cancel', async () => {
    const donor = await createDonor(t.db, { name: 'محمد الأحمد', email: null });
    const gift = await createGift(t.db, { donorId: donor.id, donated_on: '2026-06-01', amount_cents: 20000, method: 'transfer' });
    const first = await issue({ donationIds: [gift] });
    await inTransaction(t.db, (trx) => flagReceiptsForReview(trx, { donationIds: [gift], reason: 'Erstattung' }, t.deps));
    expect((await findReceipt(t.db, first.id))!.review_reason).toBe('Erstattung');
    await expect(inTransaction(t.db, (trx) => cancelReceipt(trx, { receiptId: first.id, reason: '', actor: treasurer }, t.deps))).rejects.toThrow();
    await inTransaction(t.db, (trx) => cancelReceipt(trx, { receiptId: first.id, reason: 'Betrag falsch erfasst', actor: treasurer }, t.deps));
    const cancelled = (await findReceipt(t.db, first.id))!;
    expect(cancelled.cancelled_at).not.toBeNull();
    expect(cancelled.review_since).toBeNull();
    expect(cancelled.number).toBe('2026-00001');
    await expect(inTransaction(t.db, (trx) => cancelReceipt(trx, { receiptId: first.id, reason: 'nochmal', actor: treasurer }, t.deps))).rejects.toThrow(/already cancelled/);

    const second = await issue({ donationIds: [gift], replacesReceiptId: first.id });
    expect(second.number).toBe('2026-00002');
    const text = pdfText((await getBlob(t.db, (await findReceipt(t.db, second.id))!.blob_key))!.bytes);
    expect(text).toContain('Ersetzt die Bestätigung Nr. 2026-00001');
    expect((await findReceipt(t.db, first.id))!.replaced_by_number).toBe('2026-00002');
    await expect(issue({ donationIds: [gift], replacesReceiptId: first.id })).rejects.toThrow();
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'receipt').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['receipt.issued', 'receipt.to_cancel', 'receipt.cancelled', 'receipt.replaced']));
  });

  it('a donor named on a receipt is not merged away (the receipt keeps pointing at them)', async () => {
    const kept = await createDonor(t.db, { name: 'Ayla Demir', email: 'ayla@example.org' });
    const duplicate = await createDonor(t.db, { name: 'Ayla Demir', email: 'ayla@example.org' });
    await t.db.updateTable('donors').set({ proposed_donor_id: kept.id }).where('id', '=', duplicate.id).execute();
    const gift = await createGift(t.db, { donorId: duplicate.id, donated_on: '2026-06-01', amount_cents: 3000, method: 'transfer' });
    const issued = await issue({ donationIds: [gift] });
    await expect(inTransaction(t.db, (trx) => mergeDonor(trx, { id: duplicate.id, into: 'donor', actor: treasurer }, t.deps))).rejects.toThrow(`named on receipt(s) ${issued.number}`);
    expect(await t.db.selectFrom('donors').select('id').where('id', '=', duplicate.id).executeTakeFirst()).toBeDefined();
  });

  // PGlite is one session: issuances there queue by construction, so this is PostgreSQL's test
  if (engine === 'postgres') it('50 concurrent issuances get 50 distinct, consecutive numbers', async () => {
    const donor = await createDonor(t.db, { name: 'Parallel', email: null });
    const gifts = await Promise.all(Array.from({ length: 50 }, (_, i) => createGift(t.db, { donorId: donor.id, donated_on: '2026-07-01', amount_cents: 1000 + i, method: 'transfer' })));
    const results = await Promise.all(gifts.map((g) => issue({ donationIds: [g], actor: systemActor() })));
    const seqs = results.map((r) => Number(r.number.slice(5))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});
