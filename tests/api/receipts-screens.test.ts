import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { inTransaction } from '../../api/deps';
import { getBlob } from '../../api/files/blobs';
import { ACCESS } from '../../api/http/access';
import { flagReceiptsForReview } from '../../api/receipts/flag-receipts';
import { findReceipt } from '../../api/receipts/queries';
import { testApp, type TestApp } from '../helpers/app';
import { postOk, type Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { resetReceiptTables } from '../helpers/receipt-factories';
import { createDonor, createGift } from '../helpers/donor-factories';
import { createAssociation, signedIn } from '../helpers/factories';

/**
 * The treasurer's receipt screens and the receipts JSON API, through HTTP as a browser and an
 * API client use them, on real databases; PDFs are read back with pdftotext and pdfinfo.
 */
const dir = mkdtempSync(join(tmpdir(), 'kw-receipt-screens-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function pdfFile(bytes: Uint8Array) {
  const file = join(dir, `r${++files}.pdf`);
  writeFileSync(file, bytes);
  return file;
}
const pdfText = (bytes: Uint8Array) => execFileSync('pdftotext', ['-layout', pdfFile(bytes), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const pdfPages = (bytes: Uint8Array) => Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdfFile(bytes)], { encoding: 'utf8' }))![1]);
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const idFrom = (res: Response) => Number(/^\/receipts\/(\d+)$/.exec(res.headers.get('location') ?? '')?.[1]);

describeEachEngine('receipts: the treasurer screens and the JSON API', (database) => {
  let t: TestApp;
  let treasurer: Client;
  let board: Client;
  let member: Client;

  beforeAll(async () => {
    t = testApp(database());
    await createAssociation(t.db);
    treasurer = (await signedIn(t, 'treasurer')).client;
    board = (await signedIn(t, 'board')).client;
    member = (await signedIn(t, 'member')).client;
  });

  beforeEach(async () => {
    // each test starts from empty receipt tables (the database lives for the whole file)
    await resetReceiptTables(t.db);
    await t.db.updateTable('association').set({ machine_procedure_notified_on: null, member_dues_deductible: true, notice_date: '2025-06-30', notice_kind: 'freistellungsbescheid' }).execute();
  });

  const receiptCount = async () => Number((await t.db.selectFrom('receipts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const storedPdf = async (id: number) => (await getBlob(t.db, (await findReceipt(t.db, id))!.blob_key))!.bytes;

  it('issues from /receipts/new, lists it, downloads the Doppel byte for byte, cancels with a reason and issues the replacement', async () => {
    const donor = await createDonor(t.db, { name: 'Şükrü Özdemir', email: null, street: 'Weserstraße 5', postal_code: '12047', city: 'Berlin' });
    const first = await createGift(t.db, { donorId: donor.id, donated_on: '2026-03-01', amount_cents: 5000, method: 'transfer' });
    const second = await createGift(t.db, { donorId: donor.id, donated_on: '2026-04-01', amount_cents: 7550, method: 'cash' });
    const refunded = await createGift(t.db, { donorId: donor.id, donated_on: '2026-05-01', amount_cents: 9900, status: 'refunded' });
    const future = await createGift(t.db, { donorId: donor.id, donated_on: '2026-12-24', amount_cents: 1234, method: 'transfer' });

    // from the gift's page: the person's open gifts, the chosen one ticked; refunded and future ones not offered
    const form = await treasurer.get(`/receipts/new?donation=${first}`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('Zuwendungsbestätigung für Şükrü Özdemir');
    expect(html).toMatch(new RegExp(`name="donation-${first}" checked`));
    expect(html).toContain(`name="donation-${second}"`);
    expect(html).not.toMatch(new RegExp(`name="donation-${second}" checked`));
    expect(html).not.toContain(`name="donation-${refunded}"`);
    expect(html).not.toContain(`name="donation-${future}"`);

    const issued = await treasurer.post('/receipts', { donor: String(donor.id), [`donation-${first}`]: 'on', [`donation-${second}`]: 'on' });
    expect(issued.status).toBe(302);
    const id = idFrom(issued);
    const row = (await findReceipt(t.db, id))!;
    expect(row).toMatchObject({ number: '2026-00001', kind: 'sammel', total_cents: 12550, delivery: 'post', recipient_name: 'Şükrü Özdemir' });
    // a double click: the second post finds the receipt of the first and shows it, issuing nothing
    const again = await treasurer.post('/receipts', { donor: String(donor.id), [`donation-${first}`]: 'on', [`donation-${second}`]: 'on' });
    expect(again.status).toBe(302);
    expect(again.headers.get('location')).toBe(`/receipts/${id}`);
    expect(await (await treasurer.get(`/receipts/${id}`)).text()).toContain('Diese Zuwendungen sind schon mit Nr. 2026-00001 bestätigt.');
    expect(await receiptCount()).toBe(1);

    const list = await (await treasurer.get('/receipts')).text();
    expect(list).toContain(`<a href="/receipts/${id}">2026-00001</a>`);
    expect(list).toContain('Şükrü Özdemir');
    expect(list).toContain('Sammel');
    expect(list).toContain('125,50');
    expect(list).toContain('gültig');
    expect(list).toContain('Zum Drucken: 1');
    expect(await (await treasurer.get('/receipts?q=Özdemir&year=2026&state=valid')).text()).toContain('2026-00001');
    expect(await (await treasurer.get('/receipts?q=2026-00099')).text()).toContain('Keine Bestätigungen passen zu diesem Filter.');

    const detail = await (await treasurer.get(`/receipts/${id}`)).text();
    expect(detail).toContain(row.sha256);
    expect(detail).toContain('Geldzuwendung');
    expect(detail).toContain(`href="/donations/${first}"`);

    const download = await treasurer.get(`/receipts/${id}/pdf`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="Zuwendungsbestaetigung-2026-00001.pdf"');
    expect(download.headers.get('etag')).toBe(`"${row.sha256}"`);
    const bytes = await bytesOf(download);
    expect(sha256(bytes)).toBe(row.sha256);
    expect(Buffer.from(bytes).equals(Buffer.from(await storedPdf(id)))).toBe(true);
    expect((await treasurer.get(`/receipts/${id}/pdf`, { 'if-none-match': `"${row.sha256}"` })).status).toBe(304);

    // Storno: a reason and the tick are needed; the number stays, marked
    const noReason = await treasurer.post(`/receipts/${id}/cancel`, { reason: '', confirm: 'on' });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('Bitte den Grund der Stornierung angeben.');
    const noTick = await treasurer.post(`/receipts/${id}/cancel`, { reason: 'Betrag falsch erfasst' });
    expect(noTick.status).toBe(422);
    expect(await noTick.text()).toContain('Bitte ankreuzen');
    expect((await findReceipt(t.db, id))!.cancelled_at).toBeNull();
    const cancelled = await treasurer.post(`/receipts/${id}/cancel`, { reason: 'Betrag falsch erfasst', confirm: 'on' });
    expect(cancelled.status).toBe(302);
    const afterCancel = (await findReceipt(t.db, id))!;
    expect(afterCancel).toMatchObject({ number: '2026-00001', cancel_reason: 'Betrag falsch erfasst' });
    expect(afterCancel.cancelled_at).not.toBeNull();
    const cancelledList = await (await treasurer.get('/receipts?state=cancelled')).text();
    expect(cancelledList).toContain('2026-00001');
    expect(cancelledList).toContain('storniert');
    expect(cancelledList).toContain('Betrag falsch erfasst');
    // the cancelled receipt stays in the archive, byte for byte, and leaves the print batch
    expect(sha256(await bytesOf(await treasurer.get(`/receipts/${id}/pdf`)))).toBe(row.sha256);
    expect(await (await treasurer.get('/receipts')).text()).toContain('Zum Drucken: 0');
    const cancelledPage = await (await treasurer.get(`/receipts/${id}`)).text();
    expect(cancelledPage).toContain('Ersatz ausstellen');
    expect(cancelledPage).toContain('2 der 2 Zuwendung(en) lassen sich wieder bestätigen');

    const replaced = await treasurer.post(`/receipts/${id}/replace`);
    expect(replaced.status).toBe(302);
    const newId = idFrom(replaced);
    expect(newId).not.toBe(id);
    const replacement = (await findReceipt(t.db, newId))!;
    expect(replacement).toMatchObject({ number: '2026-00002', replaces_receipt_id: id, replaces_number: '2026-00001', total_cents: 12550 });
    const text = pdfText(await bytesOf(await treasurer.get(`/receipts/${newId}/pdf`)));
    expect(text).toContain('Ersetzt die Bestätigung Nr. 2026-00001');
    expect(text).toContain('Bestätigung Nr. 2026-00002');
    // a second click lands on the same replacement
    const twice = await treasurer.post(`/receipts/${id}/replace`);
    expect(twice.headers.get('location')).toBe(`/receipts/${newId}`);
    expect(await receiptCount()).toBe(2);
    expect(await (await treasurer.get(`/receipts/${id}`)).text()).toContain(`<a href="/receipts/${newId}">2026-00002</a>`);
    expect(await (await treasurer.get('/receipts')).text()).toMatch(/ersetzt durch <a href="\/receipts\/\d+">2026-00002<\/a>/);
  });

  it('shows the operation’s refusal on the form in German and issues nothing', async () => {
    const donor = await createDonor(t.db, { name: 'Maria Ñúñez', email: null });
    const other = await createDonor(t.db, { name: 'Jan Becker', email: null });
    const future = await createGift(t.db, { donorId: donor.id, donated_on: '2026-12-24', amount_cents: 5000, method: 'transfer' });
    const mine = await createGift(t.db, { donorId: donor.id, donated_on: '2026-02-02', amount_cents: 5000, method: 'transfer' });
    const theirs = await createGift(t.db, { donorId: other.id, donated_on: '2026-02-03', amount_cents: 5000, method: 'transfer' });

    const inFuture = await treasurer.post('/receipts', { donor: String(donor.id), [`donation-${future}`]: 'on' });
    expect(inFuture.status).toBe(409);
    const page = await inFuture.text();
    expect(page).toContain('das Datum liegt in der Zukunft');
    expect(page).toContain('Zuwendungsbestätigung für Maria Ñúñez'); // the form again, not an error page
    const mixed = await treasurer.post('/receipts', { donor: String(donor.id), [`donation-${mine}`]: 'on', [`donation-${theirs}`]: 'on' });
    expect(mixed.status).toBe(409);
    expect(await mixed.text()).toContain('stammen von verschiedenen Personen');
    const none = await treasurer.post('/receipts', { donor: String(donor.id) });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Bitte mindestens eine Zuwendung auswählen.');
    expect(await receiptCount()).toBe(0);

    const anonymous = await createGift(t.db, { donorId: null, donated_on: '2026-02-02', amount_cents: 5000, method: 'cash' });
    const anonymousPage = await treasurer.get(`/receipts/new?donation=${anonymous}`);
    expect(anonymousPage.status).toBe(409);
    expect(await anonymousPage.text()).toContain('Diese Spende ist anonym');
    const search = await (await treasurer.get('/receipts/new?q=Ñúñez')).text();
    expect(search).toContain(`href="/receipts/new?donor=${donor.id}"`);
  });

  it('a refunded receipted gift: on the list to cancel, cancelled, and the donor gets a notice instead of a replacement', async () => {
    const donor = await createDonor(t.db, { name: 'Nguyễn Văn An', email: null });
    const gift = await createGift(t.db, { donorId: donor.id, donated_on: '2026-06-01', amount_cents: 20000, method: 'transfer' });
    const id = idFrom(await treasurer.post('/receipts', { donor: String(donor.id), [`donation-${gift}`]: 'on' }));
    await t.db.updateTable('donations').set({ status: 'refunded', refunded_cents: 20000 }).where('id', '=', gift).execute();
    await inTransaction(t.db, (trx) => flagReceiptsForReview(trx, { donationIds: [gift], reason: 'Spende erstattet' }, t.deps));

    const list = await (await treasurer.get('/receipts')).text();
    expect(list).toContain('Zu stornieren: 1');
    expect(list).toContain('href="/receipts?state=review"');
    // staff screens in English too
    const english = (await signedIn(t, 'treasurer', { language: 'en' })).client;
    const englishList = await (await english.get('/receipts')).text();
    expect(englishList).toContain('To cancel: 1');
    expect(englishList).toContain('to cancel');
    expect(await (await english.get(`/receipts/${id}`)).text()).toContain('A receipted gift went back.');
    const review = await (await treasurer.get('/receipts?state=review')).text();
    expect(review).toContain('zu stornieren');
    expect(review).toContain('Spende erstattet');
    // the cancel form starts with the reason of the list
    expect(await (await treasurer.get(`/receipts/${id}`)).text()).toMatch(/<textarea[^>]*name="reason"[^>]*>Spende erstattet<\/textarea>/);

    expect((await treasurer.post(`/receipts/${id}/cancel`, { reason: 'Spende erstattet', confirm: 'on' })).status).toBe(302);
    expect(await (await treasurer.get('/receipts')).text()).toContain('Zu stornieren: 0');
    const page = await (await treasurer.get(`/receipts/${id}`)).text();
    expect(page).not.toContain('Ersatz ausstellen');
    expect(page).toContain('Keine der Zuwendungen lässt sich wieder bestätigen');
    expect(page).toContain('Guten Tag Nguyễn Văn An,');
    expect(page).toContain('die Zuwendungsbestätigung Nr. 2026-00001 vom 24.11.2026 über 200,00\u00a0€ ist nicht mehr gültig');
    const refused = await treasurer.post(`/receipts/${id}/replace`);
    expect(refused.status).toBe(409);
    expect(await receiptCount()).toBe(1);
  });

  it('the print batch holds exactly the valid unprinted post receipts, page for page, and marking them empties it', async () => {
    const post1 = await createDonor(t.db, { name: 'Ayşe Yılmaz', email: null });
    const post2 = await createDonor(t.db, { name: 'Jan Becker', email: 'jan@example.org' });
    const mailed = await createDonor(t.db, { name: 'Hannah Schulz', email: 'hannah@example.org' });
    const gone = await createDonor(t.db, { name: 'Storniert Person', email: null });
    const issue = async (donorId: number, gifts: number[]) => {
      const form: Record<string, string> = { donor: String(donorId) };
      for (const g of gifts) form[`donation-${g}`] = 'on';
      const res = await treasurer.post('/receipts', form);
      expect(res.status).toBe(302);
      return idFrom(res);
    };
    const single = await issue(post1.id, [await createGift(t.db, { donorId: post1.id, donated_on: '2026-02-01', amount_cents: 5000, method: 'transfer' })]);
    const sammel = await issue(post2.id, [
      await createGift(t.db, { donorId: post2.id, donated_on: '2026-02-01', amount_cents: 1000, method: 'transfer' }),
      await createGift(t.db, { donorId: post2.id, donated_on: '2026-03-01', amount_cents: 2000, method: 'transfer' }),
    ]);
    const cancelled = await issue(gone.id, [await createGift(t.db, { donorId: gone.id, donated_on: '2026-02-01', amount_cents: 3000, method: 'transfer' })]);
    await treasurer.post(`/receipts/${cancelled}/cancel`, { reason: 'Falscher Spender', confirm: 'on' });
    await t.db.updateTable('association').set({ machine_procedure_notified_on: '2026-01-10' }).execute();
    const email = await issue(mailed.id, [await createGift(t.db, { donorId: mailed.id, donated_on: '2026-02-01', amount_cents: 4000, method: 'transfer' })]);
    expect((await findReceipt(t.db, email))!.delivery).toBe('email');
    const mailPage = await (await treasurer.get(`/receipts/${email}`)).text();
    expect(mailPage).toContain('wartet auf Versand');
    expect(mailPage).toContain('hannah@example.org');

    const page = await (await treasurer.get('/receipts/print')).text();
    expect(page).toContain('2 Bestätigung(en) zum Drucken.');
    const link = /href="(\/receipts\/print\.pdf\?ids=[\d,]+)"/.exec(page)![1]!;
    expect(link).toBe(`/receipts/print.pdf?ids=${single},${sammel}`);
    for (const path of [link, '/receipts/print.pdf']) {
      const res = await treasurer.get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('x-receipt-ids')).toBe(`${single},${sammel}`);
      const pdf = await bytesOf(res);
      expect(pdfPages(pdf)).toBe(pdfPages(await storedPdf(single)) + pdfPages(await storedPdf(sammel)));
      expect(pdfPages(await storedPdf(sammel))).toBe(2); // the Anlage
      const text = pdfText(pdf);
      expect(text).toContain('Bestätigung Nr. 2026-00001');
      expect(text).toContain('Bestätigung Nr. 2026-00002');
      expect(text).toContain('Ayşe Yılmaz');
      expect(text).not.toContain('2026-00003'); // cancelled
      expect(text).not.toContain('2026-00004'); // goes by mail
    }
    // the stored Doppel is untouched by the batch
    expect(sha256(await storedPdf(single))).toBe((await findReceipt(t.db, single))!.sha256);

    const done = await treasurer.post('/receipts/print/done', { ids: `${single},${sammel}` });
    expect(done.status).toBe(302);
    expect((await findReceipt(t.db, single))!.printed_at).not.toBeNull();
    expect((await findReceipt(t.db, sammel))!.printed_at).not.toBeNull();
    expect(await (await treasurer.get('/receipts/print')).text()).toContain('Nichts zu drucken.');
    expect((await treasurer.get('/receipts/print.pdf')).status).toBe(404);
    expect(await (await treasurer.get('/receipts')).text()).toContain('Zum Drucken: 0');
    const audit = await t.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'receipt.printed').execute();
    expect(audit.map((a) => Number(a.entity_id)).sort()).toEqual([single, sammel].sort());
  });

  it('offers a member’s paid dues when they are deductible, and issues a receipt for the fee', async () => {
    const type = (await postOk(treasurer, '/api/v1/membership-types', { name: `Ordentlich ${Math.random()}`, fee_cents: 6000, interval: 'yearly' })).id;
    const m = (await postOk(treasurer, '/api/v1/members', { status: 'active', payment_method: 'transfer', membership_type_id: type, first_name: 'Fatma', last_name: 'Aydın', join_date: '2019-05-01', street: 'Sonnenallee 1', postal_code: '12045', city: 'Berlin' })).id;
    await postOk(treasurer, '/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
    const claim = await t.db.selectFrom('claims').select('id').where('member_id', '=', m).executeTakeFirstOrThrow();
    await postOk(treasurer, `/api/v1/dues/claims/${claim.id}/payments`, { amount_cents: 6000, paid_on: '2026-02-01', method: 'transfer' });
    const payment = await t.db.selectFrom('payments').select('id').where('claim_id', '=', claim.id).executeTakeFirstOrThrow();

    const form = await (await treasurer.get(`/receipts/new?member=${m}`)).text();
    expect(form).toContain('Zuwendungsbestätigung für Fatma Aydın');
    expect(form).toContain(`name="payment-${payment.id}"`);
    expect(form).toContain('Mitgliedsbeitrag');

    const res = await treasurer.post('/receipts', { member: String(m), [`payment-${payment.id}`]: 'on' });
    expect(res.status).toBe(302);
    const id = idFrom(res);
    expect((await findReceipt(t.db, id))!).toMatchObject({ member_id: m, total_cents: 6000, kind: 'single' });
    const detail = await (await treasurer.get(`/receipts/${id}`)).text();
    expect(detail).toContain('Mitgliedsbeitrag');
    expect(detail).toContain(`href="/members/${m}"`);

    await t.db.updateTable('association').set({ member_dues_deductible: false }).execute();
    expect(await (await treasurer.get(`/receipts/new?member=${m}`)).text()).toContain('Mitgliedsbeiträge sind laut Einstellungen nicht abziehbar');
  });

  it('the board and members reach none of the receipt routes', async () => {
    const donor = await createDonor(t.db, { name: 'Rosa Ehrlich', email: null });
    const gift = await createGift(t.db, { donorId: donor.id, donated_on: '2026-02-01', amount_cents: 5000, method: 'transfer' });
    const id = idFrom(await treasurer.post('/receipts', { donor: String(donor.id), [`donation-${gift}`]: 'on' }));
    const keys = Object.keys(ACCESS).filter((key) => /^(GET|POST) \/(api\/v1\/)?receipts(\/|$)/.test(key) && !key.includes('/annual'));
    expect(keys.length).toBeGreaterThanOrEqual(15);
    for (const client of [board, member]) {
      for (const key of keys) {
        const [method, path] = key.split(' ') as [string, string];
        const url = path.replace(':id', String(id));
        const res = method === 'GET' ? await client.get(url) : path.startsWith('/api/') ? await client.json(method, url, { reason: 'x', donationIds: [gift] }) : await client.post(url, { reason: 'x', confirm: 'on', ids: String(id), [`donation-${gift}`]: 'on' });
        expect([key, [403, 404].includes(res.status)]).toEqual([key, true]);
      }
    }
    expect(await (await board.get('/')).text()).not.toContain('href="/receipts"');
    expect(await (await treasurer.get('/')).text()).toContain('Zuwendungsbestätigungen');
    expect((await findReceipt(t.db, id))!.cancelled_at).toBeNull();
    expect(await receiptCount()).toBe(1);
  });

  it('JSON API: issue, read, download, cancel and replace', async () => {
    const donor = await createDonor(t.db, { name: 'Karim Nasser', email: null });
    const gift = await createGift(t.db, { donorId: donor.id, donated_on: '2026-02-01', amount_cents: 2500, method: 'transfer' });

    const bad = await treasurer.json('POST', '/api/v1/receipts', { donationIds: ['x'], extra: 1 });
    expect(bad.status).toBe(422);
    const issued = await treasurer.json('POST', '/api/v1/receipts', { donationIds: [gift] });
    expect(issued.status).toBe(201);
    const body = await issued.json();
    expect(body).toMatchObject({ number: '2026-00001', state: 'valid', kind: 'single', total_cents: 2500, delivery: 'post', mailed: false, items: [{ donation_id: gift, amount_cents: 2500, active: true }] });
    expect(issued.headers.get('location')).toBe(`/api/v1/receipts/${body.id}`);
    const twice = await treasurer.json('POST', '/api/v1/receipts', { donationIds: [gift] });
    expect(twice.status).toBe(409);
    expect((await twice.json()).detail).toContain('ist schon bestätigt');

    const list = await (await treasurer.get('/api/v1/receipts?year=2026&state=valid')).json();
    expect(list).toMatchObject({ total: 1, page: 1, page_size: 200 });
    expect(list.receipts[0]).toMatchObject({ id: body.id, number: '2026-00001', pdf_url: `/api/v1/receipts/${body.id}/pdf` });
    expect(list.receipts[0]).not.toHaveProperty('blob_key');
    const pdf = await treasurer.get(`/api/v1/receipts/${body.id}/pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(sha256(await bytesOf(pdf))).toBe(body.sha256);
    expect((await treasurer.get('/api/v1/receipts/999999')).status).toBe(404);

    const noReason = await treasurer.json('POST', `/api/v1/receipts/${body.id}/cancel`, { reason: '' });
    expect(noReason.status).toBe(422);
    const cancel = await treasurer.json('POST', `/api/v1/receipts/${body.id}/cancel`, { reason: 'Falscher Betrag' });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ number: '2026-00001', state: 'cancelled', cancel_reason: 'Falscher Betrag', items: [{ active: false }] });
    expect((await treasurer.json('POST', `/api/v1/receipts/${body.id}/cancel`, { reason: 'nochmal' })).status).toBe(409);

    const replacement = await treasurer.json('POST', '/api/v1/receipts', { donationIds: [gift], replacesReceiptId: body.id });
    expect(replacement.status).toBe(201);
    expect(await replacement.json()).toMatchObject({ number: '2026-00002', replaces_receipt_id: body.id, replaces_number: '2026-00001' });
    expect(await (await treasurer.get(`/api/v1/receipts/${body.id}`)).json()).toMatchObject({ state: 'cancelled', replaced_by_number: '2026-00002' });

    const doc = await (await treasurer.get('/api/openapi.json')).json();
    expect(doc.paths['/receipts/{id}/cancel'].post['x-access']).toEqual(['admin', 'treasurer']);
    expect(Object.keys(doc.paths['/receipts/{id}/pdf'].get.responses[200].content)).toEqual(['application/pdf']);
  });
});
