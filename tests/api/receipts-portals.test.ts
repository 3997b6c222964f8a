import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTransaction, type Actor } from '../../api/deps';
import { formatEuro } from '../../api/lib/money';
import { smtpTransport } from '../../api/mail/smtp-transport';
import { cancelReceipt } from '../../api/receipts/cancel-receipt';
import { issueReceipt } from '../../api/receipts/issue-receipt';
import { testApp, type TestApp } from '../helpers/app';
import { Client, postOk } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createDonor, createGift } from '../helpers/donor-factories';
import { createAssociation, signedIn } from '../helpers/factories';
import { linkIn, startSmtp, type TestSmtp } from '../helpers/smtp';

/**
 * Zuwendungsbestätigungen in the member portal and the donor portal: a person sees their own
 * valid receipts, downloads the machine-made ones byte for byte as archived, is told that a
 * receipt signed by hand comes by post, and gets the same 404 for anything else.
 */
const treasurer: Actor = { kind: 'user', id: null, label: 'kasse@example.org', role: 'treasurer' };
const sha256 = (bytes: ArrayBuffer) => createHash('sha256').update(Buffer.from(bytes)).digest('hex');

describeEachEngine('receipts in the portals', (database) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let ip = 0;
  /** the receipts by name: id, number, delivery */
  const r: Record<string, { id: number; number: string; delivery: 'email' | 'post' }> = {};

  const machineMade = (on: boolean) => t.db.updateTable('association').set({ machine_procedure_notified_on: on ? '2026-01-10' : null }).execute();
  const issue = async (key: string, input: { donationIds?: number[]; paymentIds?: number[] }) => {
    const issued = await inTransaction(t.db, (trx) => issueReceipt(trx, { donationIds: [], paymentIds: [], actor: treasurer, ...input }, t.deps));
    r[key] = { id: issued.id, number: issued.number, delivery: issued.delivery };
    return issued;
  };
  const storedSha = async (key: string) => (await t.db.selectFrom('receipts').select('sha256').where('id', '=', r[key]!.id).executeTakeFirstOrThrow()).sha256;

  /** Each browser its own client address, so the per-client login limit stays out of the way. */
  const browser = () => {
    const client = new Client(t.app);
    const address = `10.1.0.${++ip}`;
    const request = client.request.bind(client);
    client.request = (method, path, body = {}) => request(method, path, { ...body, headers: { 'x-forwarded-for': address, ...(body.headers ?? {}) } });
    return client;
  };
  /** Logs in through the mailed link the whole way (GET shows the button, POST opens the session). */
  async function loggedIn(area: 'portal' | 'donor', email: string) {
    const client = browser();
    const before = smtp.received.length;
    expect((await client.post(`/${area}/login`, { email })).status).toBe(302);
    await t.settle();
    const mail = smtp.received.slice(before).find((m: ParsedMail) => JSON.stringify(m.to).includes(email) && m.text?.includes(`/${area}/link?`));
    const link = new URL(linkIn(mail!));
    expect((await client.get(link.pathname + link.search)).status).toBe(200);
    const res = await client.post(`/${area}/link`, { token: link.searchParams.get('token')! });
    expect(res.headers.get('location')).toBe(`/${area}`);
    return client;
  }
  /** The table row that shows a receipt number, or undefined. */
  const rowOf = (html: string, number: string) => html.split('<tr>').find((row) => row.includes(`<bdi>${number}</bdi>`) && row.includes('</td>'));

  beforeAll(async () => {
    smtp = await startSmtp();
    t = testApp(database(), { mailer: smtpTransport(smtp.url), env: { TRUST_PROXY: 'true' } });
    await createAssociation(t.db);
    await t.db.updateTable('association').set({ notice_kind: 'freistellungsbescheid', notice_date: '2025-06-30', member_dues_deductible: true }).execute();
    const { client: staff } = await signedIn(t, 'treasurer', { email: 'kasse@example.org' });
    const type = (await postOk(staff, '/api/v1/membership-types', { name: 'Ordentlich', fee_cents: 6000, interval: 'yearly' })).id;
    const base = { status: 'active', membership_type_id: type, join_date: '2024-01-01', street: 'Sonnenallee 77', postal_code: '12045', city: 'Berlin', payment_method: 'transfer' };
    const omar = (await postOk(staff, '/api/v1/members', { ...base, first_name: 'Omar', last_name: 'Haddad', email: 'omar@example.org', language: 'de' })).id as number;
    const leyla = (await postOk(staff, '/api/v1/members', { ...base, first_name: 'Leyla', last_name: 'Yılmaz', email: 'leyla@example.org', language: 'tr' })).id as number;
    await postOk(staff, '/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
    const claim = await t.db.selectFrom('claims').select('id').where('member_id', '=', omar).executeTakeFirstOrThrow();
    await postOk(staff, `/api/v1/dues/claims/${claim.id}/payments`, { amount_cents: 6000, paid_on: '2026-03-02', method: 'transfer', reference: 'Haddad Beitrag' });
    const payment = await t.db.selectFrom('payments').select('id').where('claim_id', '=', claim.id).executeTakeFirstOrThrow();

    await machineMade(true);
    // Omar's membership fee: a receipt that names the member only
    await issue('fee', { paymentIds: [payment.id] });
    // a gift Omar gave as a donor before the treasurer linked that donor to his membership: names the donor only
    const omarDonor = await createDonor(t.db, { name: 'Omar Haddad', email: 'omar@example.org', street: 'Sonnenallee 77', postal_code: '12045' });
    await issue('donorOnly', { donationIds: [await createGift(t.db, { donorId: omarDonor.id, donated_on: '2026-04-01', amount_cents: 10000, method: 'transfer' })] });
    await t.db.updateTable('donors').set({ member_id: omar }).where('id', '=', omarDonor.id).execute();
    // procedure not reported (yet): signed by hand, on paper
    await machineMade(false);
    await issue('post', { donationIds: [await createGift(t.db, { donorId: omarDonor.id, donated_on: '2026-05-01', amount_cents: 2000, method: 'transfer' })] });
    await machineMade(true);
    await issue('cancelled', { donationIds: [await createGift(t.db, { donorId: omarDonor.id, donated_on: '2026-06-01', amount_cents: 3000, method: 'transfer' })] });
    await inTransaction(t.db, (trx) => cancelReceipt(trx, { receiptId: r.cancelled!.id, reason: 'Betrag falsch erfasst', actor: treasurer }, t.deps));
    // another member's receipt
    const leylaDonor = await createDonor(t.db, { name: 'Leyla Yılmaz', email: 'leyla@example.org' });
    await t.db.updateTable('donors').set({ member_id: leyla }).where('id', '=', leylaDonor.id).execute();
    await issue('leyla', { donationIds: [await createGift(t.db, { donorId: leylaDonor.id, donated_on: '2026-04-02', amount_cents: 4000, method: 'transfer' })] });

    // donors who are no members
    const berta = await createDonor(t.db, { name: 'Berta Brandt', email: 'berta@example.org' });
    const carl = await createDonor(t.db, { name: 'Carl Christ', email: 'carl@example.org' });
    await issue('berta', { donationIds: [await createGift(t.db, { donorId: berta.id, donated_on: '2026-02-14', amount_cents: 12345 })] });
    await machineMade(false);
    await issue('bertaPost', { donationIds: [await createGift(t.db, { donorId: berta.id, donated_on: '2026-03-14', amount_cents: 2500, method: 'transfer' })] });
    await machineMade(true);
    await issue('bertaCancelled', { donationIds: [await createGift(t.db, { donorId: berta.id, donated_on: '2026-04-14', amount_cents: 777, method: 'transfer' })] });
    await inTransaction(t.db, (trx) => cancelReceipt(trx, { receiptId: r.bertaCancelled!.id, reason: 'Spende erstattet', actor: treasurer }, t.deps));
    await createGift(t.db, { donorId: berta.id, donated_on: '2026-10-01', amount_cents: 990 }); // not receipted yet
    await issue('carl', { donationIds: [await createGift(t.db, { donorId: carl.id, donated_on: '2026-02-20', amount_cents: 5000 })] });

    // what the test relies on: which receipts may travel by mail and which only on paper
    expect(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.delivery]))).toEqual({
      fee: 'email',
      donorOnly: 'email',
      post: 'post',
      cancelled: 'email',
      leyla: 'email',
      berta: 'email',
      bertaPost: 'post',
      bertaCancelled: 'email',
      carl: 'email',
    });
  });

  afterAll(async () => {
    await smtp.close();
  });

  it('member portal: the member’s own valid receipts, the machine-made ones as the archived bytes, the one signed by hand by post, anything else 404', async () => {
    const omar = await loggedIn('portal', 'omar@example.org');
    expect(await (await omar.get('/portal')).text()).toContain('href="/portal/receipts"');

    const res = await omar.get('/portal/receipts');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<h1>Zuwendungsbestätigungen</h1>');
    // the fee receipt names the member, the early gift's receipt the donor he is: both are his
    for (const key of ['fee', 'donorOnly']) {
      const row = rowOf(page, r[key]!.number);
      expect(row, key).toContain(`href="/portal/receipts/${r[key]!.id}/pdf"`);
      expect(row).toContain('PDF herunterladen');
    }
    expect(rowOf(page, r.fee!.number)).toContain(formatEuro(6000));
    expect(rowOf(page, r.fee!.number)).toContain('24.11.2026'); // issued on
    expect(rowOf(page, r.donorOnly!.number)).toContain('01.04.2026'); // the period: the gift's day
    const post = rowOf(page, r.post!.number)!;
    expect(post).toContain('Kommt per Post: eigenhändig unterschrieben, daher nicht zum Herunterladen.');
    expect(post).not.toContain('href=');
    // a cancelled receipt is not offered, another member's never
    expect(page).not.toContain(r.cancelled!.number);
    expect(page).not.toContain(r.leyla!.number);

    for (const key of ['fee', 'donorOnly']) {
      const pdf = await omar.get(`/portal/receipts/${r[key]!.id}/pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="Zuwendungsbestaetigung-${r[key]!.number}.pdf"`);
      const bytes = await pdf.arrayBuffer();
      expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-');
      expect(sha256(bytes)).toBe(await storedSha(key));
    }

    // another member's receipt, one for post, a cancelled one, an unknown and a malformed id: the same 404
    const answers = [];
    for (const id of [r.leyla!.id, r.post!.id, r.cancelled!.id, r.berta!.id, 999999, 'abc', '0']) {
      const miss = await omar.get(`/portal/receipts/${id}/pdf`);
      expect([id, miss.status]).toEqual([id, 404]);
      expect(miss.headers.get('content-type')).not.toContain('pdf');
      // the page is the same but for its own address in the language switch
      answers.push((await miss.text()).replaceAll(`/portal/receipts/${id}/pdf?lang=`, '?lang='));
    }
    expect(answers[0]).toContain('Diese Zuwendungsbestätigung gibt es hier nicht zum Herunterladen.');
    expect(new Set(answers).size).toBe(1);
  });

  it('member portal in Arabic: right to left, the receipts and the by-post note in Arabic', async () => {
    const omar = await loggedIn('portal', 'omar@example.org');
    const page = await (await omar.get('/portal/receipts?lang=ar')).text();
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain('<h1>إيصالات التبرع</h1>');
    expect(rowOf(page, r.post!.number)).toContain('يصلك بالبريد: موقّع بخط اليد، لذلك لا يمكن تنزيله.');
    expect(rowOf(page, r.fee!.number)).toContain('تنزيل ملف PDF');
    expect(page).not.toContain('Kommt per Post');
    // and the 404 speaks Arabic too
    expect(await (await omar.get(`/portal/receipts/${r.leyla!.id}/pdf`)).text()).toContain('لا يمكن تنزيل إيصال التبرع هذا من هنا.');
  });

  it('donor portal: the donor’s own receipts and downloads, receipted gifts marked with their number, anything else 404', async () => {
    const berta = await loggedIn('donor', 'berta@example.org');
    const page = await (await berta.get('/donor')).text();
    expect(page).toContain('<h2>Zuwendungsbestätigungen</h2>');
    const own = rowOf(page.slice(page.indexOf('<h2>Zuwendungsbestätigungen</h2>')), r.berta!.number)!;
    expect(own).toContain(`href="/donor/receipts/${r.berta!.id}/pdf"`);
    expect(own).toContain(formatEuro(12345));
    const post = rowOf(page.slice(page.indexOf('<h2>Zuwendungsbestätigungen</h2>')), r.bertaPost!.number)!;
    expect(post).toContain('Kommt per Post: eigenhändig unterschrieben, daher nicht zum Herunterladen.');
    expect(post).not.toContain('href=');
    expect(page).not.toContain(r.bertaCancelled!.number);
    expect(page).not.toContain(r.carl!.number);
    // the gifts list: the two receipted gifts say on which receipt, the others nothing
    expect(page.match(/Bestätigt mit Zuwendungsbestätigung/g)).toHaveLength(2);
    const giftRow = (cents: number) => page.split('<tr>').find((row) => row.includes(`<td class="num">${formatEuro(cents)}</td>`))!;
    expect(giftRow(12345)).toContain(`Bestätigt mit Zuwendungsbestätigung <bdi>${r.berta!.number}</bdi>`);
    expect(giftRow(2500)).toContain(`<bdi>${r.bertaPost!.number}</bdi>`);
    expect(giftRow(777)).not.toContain('Bestätigt'); // its receipt was cancelled
    expect(giftRow(990)).not.toContain('Bestätigt');

    const pdf = await berta.get(`/donor/receipts/${r.berta!.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="Zuwendungsbestaetigung-${r.berta!.number}.pdf"`);
    expect(sha256(await pdf.arrayBuffer())).toBe(await storedSha('berta'));

    for (const id of [r.carl!.id, r.bertaPost!.id, r.bertaCancelled!.id, r.fee!.id, 999999, 'x1']) {
      const miss = await berta.get(`/donor/receipts/${id}/pdf`);
      expect([id, miss.status]).toEqual([id, 404]);
      expect(miss.headers.get('content-type')).not.toContain('pdf');
    }
  });

  it('donor portal: a donor linked to a member sees the receipts of that person, also those naming the member only', async () => {
    const omarAsDonor = await loggedIn('donor', 'omar@example.org');
    const page = await (await omarAsDonor.get('/donor')).text();
    for (const key of ['fee', 'donorOnly', 'post']) expect(page, key).toContain(`<bdi>${r[key]!.number}</bdi>`);
    expect(page).not.toContain(r.cancelled!.number);
    expect(page).not.toContain(r.leyla!.number);
    const pdf = await omarAsDonor.get(`/donor/receipts/${r.fee!.id}/pdf`);
    expect(sha256(await pdf.arrayBuffer())).toBe(await storedSha('fee'));
    expect((await omarAsDonor.get(`/donor/receipts/${r.leyla!.id}/pdf`)).status).toBe(404);
  });

  it('donor portal in Arabic: right to left, the receipts and the by-post note in Arabic', async () => {
    const berta = await loggedIn('donor', 'berta@example.org');
    const page = await (await berta.get('/donor?lang=ar')).text();
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain('<h2>إيصالات التبرع</h2>');
    expect(rowOf(page.slice(page.indexOf('<h2>إيصالات التبرع</h2>')), r.bertaPost!.number)).toContain('يصلك بالبريد: موقّع بخط اليد، لذلك لا يمكن تنزيله.');
    expect(page).toContain(`مُثبت في إيصال التبرع رقم <bdi>${r.berta!.number}</bdi>`);
  });
});
