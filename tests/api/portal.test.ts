import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliverOutbox } from '../../api/jobs/deliver-outbox';
import { formatEuro } from '../../api/lib/money';
import { smtpTransport } from '../../api/mail/smtp-transport';
import { testApp, type TestApp } from '../helpers/app';
import { Client, postOk } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, signedIn } from '../helpers/factories';
import { linkIn, startSmtp, type TestSmtp } from '../helpers/smtp';

/** Text of a PDF as a reader sees it (poppler's pdftotext): what the member gets is what is checked. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'kw-portal-pdf-'));
  try {
    const file = join(dir, 'data.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MINUTE = 60_000;

describeEachEngine('member portal', (database) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let treasurer: Client;
  const ids: Record<string, number> = {};
  const numbers: Record<string, number> = {};

  const mailsTo = (address: string) => smtp.received.filter((m) => JSON.stringify(m.to).includes(address));
  const lastMailTo = (address: string): ParsedMail => {
    const mails = mailsTo(address);
    if (!mails.length) throw new Error(`no mail to ${address}`);
    return mails[mails.length - 1]!;
  };
  const memberRow = (id: number) => t.db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** Asks for a login link as a browser would and returns the link of the mail that came. */
  async function requestLink(email: string, client = new Client(t.app)) {
    const before = mailsTo(email).length;
    const res = await client.post('/portal/login', { email });
    expect(res.status).toBe(302);
    await t.settle();
    expect(mailsTo(email).length).toBe(before + 1);
    return linkIn(lastMailTo(email));
  }

  /** A browser logged in to the portal through the mailed link, the whole way. */
  async function loggedIn(email: string) {
    const client = new Client(t.app);
    const link = new URL(await requestLink(email, client));
    expect((await client.get(link.pathname + link.search)).status).toBe(200);
    const res = await client.post('/portal/link', { token: link.searchParams.get('token')! });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/portal');
    return client;
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    t = testApp(database(), { mailer: smtpTransport(smtp.url), env: { TRUST_PROXY: 'true' } });
    await createAssociation(t.db);
    const { client, user } = await signedIn(t, 'treasurer', { email: 'kasse@example.org' });
    treasurer = client;
    const type = (await postOk(treasurer, '/api/v1/membership-types', { name: 'Ordentlich', fee_cents: 6000, interval: 'yearly' })).id;
    const base = { status: 'active', membership_type_id: type, join_date: '2024-01-01', street: 'Weserstraße 5', postal_code: '12047', city: 'Berlin' };
    const create = async (key: string, body: Record<string, unknown>) => {
      const m = await postOk(treasurer, '/api/v1/members', { ...base, ...body });
      ids[key] = m.id;
      numbers[key] = m.member_number;
    };
    await create('leyla', { first_name: 'Leyla', last_name: 'Yılmaz', email: 'leyla@example.org', payment_method: 'sepa_debit', language: 'tr', phone: '030 1234567', consent_newsletter_on: '2025-02-01' });
    await create('elif', { first_name: 'Elif', last_name: 'Yılmaz', email: 'elif@example.org', payment_method: 'sepa_debit', language: 'de', payer_member_id: ids.leyla });
    await create('omar', { first_name: 'Omar', last_name: 'Haddad', email: 'omar@example.org', payment_method: 'transfer', language: 'ar', street: 'Sonnenallee 77' });
    await create('gone', { first_name: 'Gerd', last_name: 'Gegangen', email: 'gone@example.org', payment_method: 'transfer', status: 'left', exit_date: '2025-12-31' });
    // the treasurer is a member too, under the address of their staff account
    await create('kasse', { first_name: 'Karin', last_name: 'Kasse', email: user.email, payment_method: 'transfer', language: 'de' });
    const mandate = await treasurer.post(`/members/${ids.leyla}/mandates`, { signed_on: '2025-12-01', iban: 'DE89 3704 0044 0532 0130 00', account_holder: 'Leyla Yilmaz' });
    expect(mandate.status).toBe(302);
    await postOk(treasurer, '/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
    const omarClaim = await t.db.selectFrom('claims').select('id').where('member_id', '=', ids.omar).executeTakeFirstOrThrow();
    await postOk(treasurer, `/api/v1/dues/claims/${omarClaim.id}/payments`, { amount_cents: 2500, paid_on: '2026-03-02', method: 'transfer', reference: 'Haddad Beitrag' });
    await t.settle();
    await deliverOutbox(t.deps); // the dues run's payment requests: out of the way of the mails counted below
  });

  afterAll(async () => {
    await smtp.close();
  });

  it('mails a login link in the member’s language and answers an unknown address exactly the same', async () => {
    const known = await new Client(t.app).post('/portal/login', { email: ' Leyla@Example.org ' });
    const unknown = await new Client(t.app).post('/portal/login', { email: 'nobody@example.org' });
    const left = await new Client(t.app).post('/portal/login', { email: 'gone@example.org' });
    for (const res of [known, unknown, left]) {
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/portal/login');
    }
    const flash = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('kw_flash='));
    expect(flash(unknown)).toBe(flash(known));
    expect(flash(left)).toBe(flash(known));
    await t.settle();
    expect(mailsTo('nobody@example.org')).toHaveLength(0);
    expect(mailsTo('gone@example.org')).toHaveLength(0);
    const mail = lastMailTo('leyla@example.org');
    expect(mail.subject).toBe('Üye portalı giriş bağlantınız – Laissez-passer e.V.');
    expect(mail.text).toContain('20 dakika');
    expect(linkIn(mail)).toMatch(/^http:\/\/localhost\/portal\/link\?lang=tr&token=[\w-]{43}$/); // the page opens in her language too
    const stored = await t.db.selectFrom('portal_tokens').select('token_hash').where('member_id', '=', ids.leyla).execute();
    expect(stored.map((r) => r.token_hash).join()).not.toContain(new URL(linkIn(mail)).searchParams.get('token'));
    // the page after the redirect says it in the visitor's language
    const client = new Client(t.app);
    await client.post('/portal/login', { email: 'leyla@example.org' });
    const page = await (await client.get('/portal/login?lang=ar')).text();
    expect(page).toContain('dir="rtl"');
    expect(page).toContain('صالح لمدة 20 دقيقة');
    await t.settle();
  });

  it('explains a wrong address in the visitor’s language and sends nothing', async () => {
    const client = new Client(t.app);
    await client.get('/portal/login?lang=tr');
    const before = smtp.received.length;
    const res = await client.post('/portal/login', { email: 'not-an-address' });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('Geçerli bir e-posta adresi değil');
    expect(page).toContain('Lütfen işaretli bilgileri düzeltin');
    await t.settle();
    expect(smtp.received.length).toBe(before);
  });

  it('shows a button for the link (a mail scanner’s GET spends nothing), opens a session once, and never again', async () => {
    const link = new URL(await requestLink('omar@example.org'));
    const mail = lastMailTo('omar@example.org');
    expect(mail.subject).toBe('رابط الدخول إلى بوابة الأعضاء – Laissez-passer e.V.');
    expect(mail.html).toContain('<html dir="rtl">');
    const path = link.pathname + link.search;
    const token = link.searchParams.get('token')!;
    const scanner = new Client(t.app);
    for (let i = 0; i < 2; i++) {
      const page = await scanner.get(path);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('action="/portal/link"');
    }
    expect(scanner.cookies.has('kw_portal')).toBe(false);

    const browser = new Client(t.app);
    await browser.get(path);
    const res = await browser.post('/portal/link', { token });
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kw_portal='))!;
    expect(cookie).toMatch(/Path=\/portal(;|$)/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const session = await t.db.selectFrom('portal_sessions').select(['id', 'expires_at']).where('member_id', '=', ids.omar).execute();
    expect(session).toHaveLength(1);
    expect(session[0]!.id).not.toBe(browser.cookies.get('kw_portal')); // stored hashed
    expect(session[0]!.expires_at.getTime() - t.clock.now().getTime()).toBe(60 * MINUTE);
    expect((await browser.get('/portal')).status).toBe(200);

    // the same link a second time: spent, also for the GET page
    const again = new Client(t.app);
    expect((await again.post('/portal/link', { token })).status).toBe(404);
    expect((await again.get(path)).status).toBe(404);
    expect(again.cookies.has('kw_portal')).toBe(false);
  });

  it('lets a link work only once even when opened twice at the same moment', async () => {
    const token = new URL(await requestLink('omar@example.org')).searchParams.get('token')!;
    const a = new Client(t.app);
    const b = new Client(t.app);
    await Promise.all([a.get('/health'), b.get('/health')]);
    const results = await Promise.all([a.post('/portal/link', { token }), b.post('/portal/link', { token })]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 404]);
  });

  it('lets a link expire after 20 minutes, and only the newest link of a member works', async () => {
    const old = new URL(await requestLink('omar@example.org')).searchParams.get('token')!;
    const newer = new URL(await requestLink('omar@example.org')).searchParams.get('token')!;
    expect((await new Client(t.app).post('/portal/link', { token: old })).status).toBe(404);
    t.clock.advance(20 * MINUTE + 1000);
    const client = new Client(t.app);
    expect((await client.get(`/portal/link?token=${newer}`)).status).toBe(404);
    expect((await client.post('/portal/link', { token: newer })).status).toBe(404);
    expect(await (await client.get(`/portal/link?token=${newer}&lang=de`)).text()).toContain('ungültig, abgelaufen oder wurde schon benutzt');
  });

  it('slides the one-hour session while it is used and ends it an hour after the last use', async () => {
    const client = await loggedIn('omar@example.org');
    t.clock.advance(40 * MINUTE);
    const used = await client.get('/portal');
    expect(used.status).toBe(200);
    expect(used.headers.getSetCookie().some((c) => c.startsWith('kw_portal='))).toBe(true); // renewed
    t.clock.advance(40 * MINUTE);
    expect((await client.get('/portal')).status).toBe(200);
    t.clock.advance(61 * MINUTE);
    const expired = await client.get('/portal');
    expect(expired.status).toBe(302);
    expect(expired.headers.get('location')).toBe('/portal/login');
  });

  it('keeps the portal and the staff side apart, also for a treasurer who is a member', async () => {
    // the treasurer's staff session does not open the portal …
    const staffPortal = await treasurer.get('/portal');
    expect(staffPortal.status).toBe(302);
    expect(staffPortal.headers.get('location')).toBe('/portal/login');
    // … and the same person's portal session opens neither staff pages nor the API
    const member = await loggedIn('kasse@example.org');
    expect(await (await member.get('/portal')).text()).toContain('Karin Kasse');
    const staff = await member.get('/members');
    expect(staff.status).toBe(302);
    expect(staff.headers.get('location')).toBe('/login?next=%2Fmembers');
    expect((await member.get('/api/v1/me')).status).toBe(401);
    expect((await member.json('POST', '/api/v1/members', { first_name: 'X' })).status).toBe(401);
    // logout ends the portal session only
    const both = new Client(t.app);
    both.cookies.set('kw_session', treasurer.cookies.get('kw_session')!);
    both.cookies.set('kw_portal', member.cookies.get('kw_portal')!);
    await both.get('/health');
    expect((await both.post('/portal/logout')).headers.get('location')).toBe('/portal/login');
    expect((await both.get('/portal')).status).toBe(302);
    expect((await both.get('/members')).status).toBe(200);
  });

  it('shows each member their own data and claims only, and the family payer the claims they pay', async () => {
    const leyla = await loggedIn('leyla@example.org');
    const omar = await loggedIn('omar@example.org');
    const elif = await loggedIn('elif@example.org');

    const leylaHome = await (await leyla.get('/portal')).text();
    expect(leylaHome).toContain('lang="tr"'); // the member's language
    expect(leylaHome).toContain(`<dd>${numbers.leyla}</dd>`);
    expect(leylaHome).toContain('Weserstraße 5, 12047 Berlin');
    expect(leylaHome).toContain('DE89 **** **** **** **30 00');
    expect(leylaHome).not.toContain('DE89370400440532013000');
    expect(leylaHome).toContain(`${formatEuro(6000)} yıllık`);
    expect(leylaHome).toContain('Elif Yılmaz'); // pays for Elif

    const leylaDues = await (await leyla.get('/portal/payments')).text();
    expect(leylaDues).toContain('Elif Yılmaz'); // the family member's claim she pays
    expect(leylaDues).not.toContain('Haddad');

    const omarHome = await (await omar.get('/portal?lang=ar')).text();
    expect(omarHome).toContain('dir="rtl"');
    expect(omarHome).toContain('Sonnenallee 77');
    const omarDues = await (await omar.get('/portal/payments')).text();
    expect(omarDues).toContain(formatEuro(2500));
    expect(omarDues).toContain('مدفوع جزئياً');
    for (const page of [omarHome, omarDues, await (await omar.get('/portal/data.json')).text()]) {
      for (const foreign of ['Leyla', 'Yılmaz', 'leyla@example.org', 'DE8937', 'Weserstraße', 'Karin']) expect(page).not.toContain(foreign);
    }
    // the child sees who pays, but not the payer's account
    const elifHome = await (await elif.get('/portal')).text();
    expect(elifHome).toContain('Leyla Yılmaz');
    expect(elifHome).not.toContain('**30 00');
    expect(await (await elif.get('/portal/mandate')).text()).toContain('Ihre Beiträge zahlt ein anderes Mitglied');
    const elifData = JSON.parse(await (await elif.get('/portal/data.json')).text());
    expect(elifData.sepa_mandates).toEqual([]);
    expect(elifData.member.paid_by.name).toBe('Leyla Yılmaz');

    // ids in the URL reach nothing: the member comes from the session
    expect((await omar.get(`/portal/members/${ids.leyla}`)).status).toBe(404);
    expect(await (await omar.get(`/portal?member=${ids.leyla}&id=${ids.leyla}`)).text()).not.toContain('Leyla');
  });

  it('changes address and phone with errors in the member’s language, audited with the member as actor', async () => {
    const omar = await loggedIn('omar@example.org');
    const before = await memberRow(ids.omar);
    const bad = await omar.post('/portal/contact?lang=ar', { street: 'Hermannstraße 1', postal_code: '1204', city: 'Berlin', country: 'DE', phone: 'call me' });
    expect(bad.status).toBe(422);
    const page = await bad.text();
    expect(page).toContain('الرمز البريدي: خمسة أرقام');
    expect(page).toContain('رقم الهاتف: أرقام ومسافات');
    expect(await memberRow(ids.omar)).toEqual(before);

    const ok = await omar.post('/portal/contact', { street: 'Hermannstraße 1', postal_code: '12049', city: 'Berlin', country: 'de', phone: '+49 30 999' });
    expect(ok.status).toBe(302);
    const after = await memberRow(ids.omar);
    expect(after).toMatchObject({ street: 'Hermannstraße 1', postal_code: '12049', city: 'Berlin', country: 'DE', phone: '+49 30 999', email: 'omar@example.org', payment_method: 'transfer', status: 'active' });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'member').where('entity_id', '=', String(ids.omar)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'member.updated', actor: `Mitglied ${numbers.omar} (Portal)`, actor_user_id: null });
    expect(audit.after).toEqual({ street: 'Hermannstraße 1', postal_code: '12049', phone: '+49 30 999' });
    expect(await (await treasurer.get(`/members/${ids.omar}`)).text()).toContain(`Mitglied ${numbers.omar} (Portal)`);
  });

  it('switches the e-mail address only when the new address confirms, and tells the old one', async () => {
    const leyla = await loggedIn('leyla@example.org');
    const taken = await leyla.post('/portal/email', { email: 'leyla@example.org' });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain('Bu zaten sizin e-posta adresiniz.');

    expect((await leyla.post('/portal/email', { email: 'Leyla.Neu@Example.org' })).status).toBe(302);
    await t.settle();
    const confirm = lastMailTo('leyla.neu@example.org');
    expect(confirm.subject).toBe('Lütfen yeni e-posta adresinizi onaylayın – Laissez-passer e.V.');
    expect((await memberRow(ids.leyla)).email).toBe('leyla@example.org'); // not yet

    // opened on another device, without a portal session
    const phone = new Client(t.app);
    const link = new URL(linkIn(confirm));
    const shown = await phone.get(link.pathname + link.search);
    expect(shown.status).toBe(200);
    const shownPage = await shown.text();
    expect(shownPage).toContain('leyla.neu@example.org');
    expect(shownPage).toContain('Adresi onayla');
    const done = await phone.post('/portal/email/confirm', { token: link.searchParams.get('token')! });
    expect(done.status).toBe(200);
    expect((await memberRow(ids.leyla)).email).toBe('leyla.neu@example.org');
    expect((await phone.post('/portal/email/confirm', { token: link.searchParams.get('token')! })).status).toBe(404);
    await t.settle();
    const told = lastMailTo('leyla@example.org');
    expect(told.subject).toBe('E-posta adresiniz değiştirildi – Laissez-passer e.V.');
    expect(told.text).toContain('leyla.neu@example.org');

    const history = await t.db.selectFrom('audit_log').select(['action', 'actor', 'before', 'after']).where('entity', '=', 'member').where('entity_id', '=', String(ids.leyla)).orderBy('id').execute();
    expect(history.slice(-2)).toEqual([
      { action: 'member.email_change_requested', actor: `Mitglied ${numbers.leyla} (Portal)`, before: null, after: { email_requested: 'leyla.neu@example.org' } },
      { action: 'member.updated', actor: `Mitglied ${numbers.leyla} (Portal)`, before: { email: 'leyla@example.org' }, after: { email: 'leyla.neu@example.org' } },
    ]);
    // the new address logs in; the old one no longer does
    await loggedIn('leyla.neu@example.org');
    const oldCount = mailsTo('leyla@example.org').length;
    await new Client(t.app).post('/portal/login', { email: 'leyla@example.org' });
    await t.settle();
    expect(mailsTo('leyla@example.org').length).toBe(oldCount);
  });

  it('makes a new IBAN a new mandate with the German text agreed to, refusing a non-Latin holder in Arabic', async () => {
    const omar = await loggedIn('omar@example.org');
    const page = await (await omar.get('/portal/mandate?lang=ar')).text();
    const reference = `KW-${String(numbers.omar).padStart(6, '0')}-01`;
    expect(page).toContain('Ich ermächtige Laissez-passer e.V., Zahlungen von meinem Konto mittels Lastschrift einzuziehen.');
    expect(page).toContain(`Mandatsreferenz: ${reference}`);
    expect(page).toContain('أفوّض Laissez-passer e.V. بتحصيل المدفوعات');
    expect(page).toContain('dir="ltr"');

    const arabicHolder = await omar.post('/portal/mandate', { account_holder: 'عمر حداد', iban: 'DE02120300000000202051', agreed: 'on' });
    expect(arabicHolder.status).toBe(422);
    expect(await arabicHolder.text()).toContain('يرجى كتابة اسم صاحب الحساب كما يكتبه البنك');
    const notAgreed = await omar.post('/portal/mandate', { account_holder: 'Omar Haddad', iban: 'DE02 1203 0000 0000 2020 52' });
    expect(notAgreed.status).toBe(422);
    const notAgreedPage = await notAgreed.text();
    expect(notAgreedPage).toContain('يرجى تأكيد أنك تمنح التفويض');
    expect(notAgreedPage).toContain('رقم IBAN هذا غير صحيح');
    expect(await t.db.selectFrom('sepa_mandates').select('id').where('member_id', '=', ids.omar).execute()).toEqual([]);

    const ok = await omar.post('/portal/mandate', { account_holder: 'Omar Haddad', iban: 'de02 1203 0000 0000 2020 51', agreed: 'on' });
    expect(ok.status).toBe(302);
    const mandate = await t.db.selectFrom('sepa_mandates').selectAll().where('member_id', '=', ids.omar).executeTakeFirstOrThrow();
    expect(mandate).toMatchObject({ reference, iban: 'DE02120300000000202051', account_holder: 'Omar Haddad', status: 'active', signed_on: '2026-11-24' });
    expect(mandate.signed_online_text).toContain(`Mandatsreferenz: ${reference}`);
    expect(page).toContain(mandate.signed_online_text!.split('\n')[4]!);
    expect((await memberRow(ids.omar)).payment_method).toBe('sepa_debit');
    const history = await t.db.selectFrom('audit_log').select(['action', 'actor', 'after']).where('entity', '=', 'member').where('entity_id', '=', String(ids.omar)).orderBy('id').execute();
    expect(history.slice(-2).map((h) => [h.action, h.actor])).toEqual([
      ['member.updated', `Mitglied ${numbers.omar} (Portal)`],
      ['member.mandate_given', `Mitglied ${numbers.omar} (Portal)`],
    ]);
    expect(JSON.stringify(history.at(-1)!.after)).not.toContain('DE02120300000000202051'); // the audit log masks the IBAN
    expect(await (await omar.get('/portal')).text()).toContain('DE02 **** **** **** **20 51');
  });

  it('replaces an existing mandate: the old one ends, the new one gets the next reference', async () => {
    const leyla = await loggedIn('leyla.neu@example.org');
    const res = await leyla.post('/portal/mandate', { account_holder: 'Leyla Yilmaz', iban: 'DE75512108001245126199', agreed: 'on' });
    expect(res.status).toBe(302);
    const mandates = await t.db.selectFrom('sepa_mandates').select(['reference', 'status', 'iban']).where('member_id', '=', ids.leyla).orderBy('id').execute();
    expect(mandates).toEqual([
      { reference: `KW-${String(numbers.leyla).padStart(6, '0')}-01`, status: 'revoked', iban: 'DE89370400440532013000' },
      { reference: `KW-${String(numbers.leyla).padStart(6, '0')}-02`, status: 'active', iban: 'DE75512108001245126199' },
    ]);
  });

  it('hands out all stored data as JSON and as a PDF summary (Art. 15), Turkish and Arabic', async () => {
    const leyla = await loggedIn('leyla.neu@example.org');
    const json = await leyla.get('/portal/data.json');
    expect(json.headers.get('content-disposition')).toBe(`attachment; filename="meine-daten-${numbers.leyla}.json"`);
    const data = await json.json();
    expect(data.member).toMatchObject({ member_number: numbers.leyla, first_name: 'Leyla', last_name: 'Yılmaz', email: 'leyla.neu@example.org', phone: '030 1234567', language: 'tr', pays_for: ['Elif Yılmaz'] });
    expect(data.consents).toEqual({ newsletter_since: '2025-02-01', photos_since: null });
    expect(data.sepa_mandates.map((m: { iban: string }) => m.iban)).toEqual(['DE89370400440532013000', 'DE75512108001245126199']); // her own: in full
    expect(data.claims.map((c: { for_member: string | null }) => c.for_member).sort()).toEqual(['Elif Yılmaz', null]);
    expect(data.mails.map((m: { subject: string }) => m.subject)).toEqual(
      expect.arrayContaining(['Lütfen yeni e-posta adresinizi onaylayın – Laissez-passer e.V.', 'Üye portalı giriş bağlantınız – Laissez-passer e.V.']),
    );

    const pdf = await leyla.get('/portal/data.pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Kayıtlı verileriniz');
    expect(text).toContain('Leyla Yılmaz');
    expect(text).toContain('Weserstraße 5, 12047 Berlin');
    expect(text).toContain('DE75 5121 0800 1245 1261 99');
    expect(text).toContain(`KW-${String(numbers.leyla).padStart(6, '0')}-02`);
    expect(text).toMatch(/60,00\s€/);
    expect(text).toContain('Elif Yılmaz');
    expect(text).toContain('Üye portalı giriş bağlantınız');

    const omar = await loggedIn('omar@example.org');
    const arabic = pdfText(Buffer.from(await (await omar.get('/portal/data.pdf')).arrayBuffer()));
    expect(arabic).toContain('البيانات الشخصية');
    expect(arabic).toContain('رقم العضوية');
    expect(arabic).toContain('Omar Haddad');
    expect(arabic).toContain('DE02 1203 0000 0000 2020 51');
    expect(arabic).toMatch(/25,00\s€/);
    expect(arabic).not.toContain('Yılmaz');
  });

  it('limits link requests per address and per client, the same for unknown addresses', async () => {
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    const client = new Client(t.app);
    t.clock.advance(15 * MINUTE + 1000); // a fresh window: the tests above asked for links too
    for (const email of ['omar@example.org', 'stranger@example.org']) {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await client.post('/portal/login', { email }, from(`10.0.0.${i}`))).status);
      expect(statuses).toEqual([302, 302, 302, 302, 302, 429]);
    }
    const refused = await client.post('/portal/login', { email: 'stranger@example.org' }, from('10.0.0.9'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('900');
    expect(await refused.text()).toContain('Zu viele Anmeldelinks angefordert');
    const perClient: number[] = [];
    for (let i = 0; i < 31; i++) perClient.push((await client.post('/portal/login', { email: `someone${i}@example.org` }, from('10.9.9.9'))).status);
    expect(perClient.slice(0, 30).every((s) => s === 302)).toBe(true);
    expect(perClient[30]).toBe(429);
    t.clock.advance(15 * MINUTE + 1000);
    expect((await client.post('/portal/login', { email: 'stranger@example.org' }, from('10.9.9.9'))).status).toBe(302);
    await t.settle();
  });
});
