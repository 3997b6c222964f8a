import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pruneDonorPortal } from '../../api/donor-portal/donor-sessions';
import { monthlyGiftStateOf } from '../../api/lib/monthly-gift-state';
import { formatEuro } from '../../api/lib/money';
import { smtpTransport } from '../../api/mail/smtp-transport';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe';
import { testApp, type TestApp } from '../helpers/app';
import { Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createDonor, createGift, createMonthlyGift, createPurpose } from '../helpers/donor-factories';
import { createAssociation, signedIn } from '../helpers/factories';
import { linkIn, startSmtp, type TestSmtp } from '../helpers/smtp';

const MINUTE = 60_000;

describeEachEngine('donor portal', (database) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let fake: FakeStripe;
  const donors: Record<string, { id: number; email: string; firstName: string }> = {};
  const monthly: Record<string, { id: number; stripeSubscriptionId: string; stripeCustomerId: string }> = {};
  let ip = 0;

  const mailsTo = (address: string) => smtp.received.filter((m) => JSON.stringify(m.to).includes(address));
  const subscriptionRow = (id: number) => t.db.selectFrom('donation_subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** Each browser its own client address, so the per-client limit only bites where a test wants it. */
  const browser = () => {
    const client = new Client(t.app);
    const address = `10.0.0.${++ip}`;
    const request = client.request.bind(client);
    client.request = (method, path, body = {}) => request(method, path, { ...body, headers: { 'x-forwarded-for': address, ...(body.headers ?? {}) } });
    return client;
  };

  /** Asks for login links as a browser would; returns the mails that came, newest last. */
  async function requestLinks(email: string, expected = 1, client = browser()): Promise<ParsedMail[]> {
    const before = mailsTo(email).length;
    const res = await client.post('/donor/login', { email });
    expect(res.status).toBe(302);
    await t.settle();
    const mails = mailsTo(email);
    expect(mails.length).toBe(before + expected);
    return mails.slice(before);
  }

  /** A browser logged in to the donor portal through a mailed link (GET page, then the button's POST). */
  async function loggedIn(link: string) {
    const client = browser();
    const url = new URL(link);
    expect((await client.get(url.pathname + url.search)).status).toBe(200);
    const res = await client.post('/donor/link', { token: url.searchParams.get('token')! });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/donor');
    return client;
  }
  /** Logs a donor in; a shared address brings one mail per donor, and the donor's own is taken. */
  const loggedInAs = async (key: string) => {
    const { email, firstName } = donors[key]!;
    const sharing = Object.values(donors).filter((d) => d.email === email).length;
    const mails = await requestLinks(email, sharing);
    return loggedIn(linkIn(mails.find((m) => m.text?.includes(firstName))!));
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    fake = await startFakeStripe();
    t = testApp(database(), { mailer: smtpTransport(smtp.url), env: { ...fake.env, TRUST_PROXY: 'true' } });
    await createAssociation(t.db);
    const education = await createPurpose(t.db, { slug: 'bildung', name_de: 'Bildungsarbeit', name_en: 'Education', name_ar: 'التعليم', name_tr: 'Eğitim çalışması' });
    const add = async (key: string, d: Parameters<typeof createDonor>[1]) => {
      const row = await createDonor(t.db, d);
      donors[key] = { id: row.id, email: d.email!, firstName: d.name.split(' ')[0]! };
    };
    // a family sharing one address: two donors, two receipts, two separate portals
    await add('ayse', { name: 'Ayşe Demir', email: 'familie.demir@example.org', language: 'tr' });
    await add('ahmad', { name: 'Ahmad Demir', email: 'familie.demir@example.org', language: 'ar' });
    await add('berta', { name: 'Berta Brandt', email: 'berta@example.org', language: 'de' });
    await add('lena', { name: 'Lena Lang', email: 'lena@example.org', language: 'en' });

    await createGift(t.db, { donorId: donors.ayse!.id, donated_on: '2025-12-24', amount_cents: 5000, purposeId: education });
    await createGift(t.db, { donorId: donors.ayse!.id, donated_on: '2026-03-01', amount_cents: 2500, method: 'stripe_sepa', status: 'pending' });
    await createGift(t.db, { donorId: donors.ayse!.id, donated_on: '2026-04-01', amount_cents: 1000, status: 'refunded', refunded_cents: 1000 });
    await createGift(t.db, { donorId: donors.ayse!.id, donated_on: '2026-05-01', amount_cents: 3000, refunded_cents: 500 });
    await createGift(t.db, { donorId: donors.ahmad!.id, donated_on: '2026-02-02', amount_cents: 7777, method: 'transfer' });

    monthly.berta = await createMonthlyGift(t.db, t.deps.payments!, fake, { donorId: donors.berta!.id, amount_cents: 1500, email: donors.berta!.email, purposeId: education });
    await createGift(t.db, { donorId: donors.berta!.id, donated_on: '2026-10-01', amount_cents: 1500, subscriptionId: monthly.berta.id, purposeId: education });
    monthly.lena = await createMonthlyGift(t.db, t.deps.payments!, fake, { donorId: donors.lena!.id, amount_cents: 2000, email: donors.lena!.email });
  });

  afterAll(async () => {
    await smtp.close();
    await fake.close();
  });

  it('mails one link per donor of an address, each in that donor’s language, and answers an unknown address the same', async () => {
    const known = await browser().post('/donor/login', { email: ' Familie.Demir@Example.org ' });
    const unknown = await browser().post('/donor/login', { email: 'nobody@example.org' });
    for (const res of [known, unknown]) {
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/donor/login');
    }
    const flash = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('kw_flash='));
    expect(flash(unknown)).toBe(flash(known));
    await t.settle();
    expect(mailsTo('nobody@example.org')).toHaveLength(0);
    const family = mailsTo('familie.demir@example.org');
    expect(family).toHaveLength(2);
    const turkish = family.find((m) => m.subject?.startsWith('Bağış portalı'))!;
    const arabic = family.find((m) => m.subject?.startsWith('رابط الدخول إلى بوابة المتبرعين'))!;
    expect(turkish.subject).toBe('Bağış portalı giriş bağlantınız – Laissez-passer e.V.');
    expect(turkish.text).toContain('Ayşe Demir');
    expect(turkish.text).toContain('20 dakika');
    expect(arabic.text).toContain('Ahmad Demir');
    expect(arabic.html).toContain('<html dir="rtl">');
    expect(linkIn(turkish)).toMatch(/^http:\/\/localhost\/donor\/link\?lang=tr&token=[\w-]{43}$/);
    expect(linkIn(arabic)).toMatch(/^http:\/\/localhost\/donor\/link\?lang=ar&token=[\w-]{43}$/);
    // stored hashed only
    const stored = await t.db.selectFrom('donor_portal_tokens').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash).join()).not.toContain(new URL(linkIn(turkish)).searchParams.get('token'));
    const page = await (await browser().get('/donor/login?lang=de')).text();
    expect(page).toContain('Spendenportal');
  });

  it('lets each donor of a shared address see only their own gifts', async () => {
    const mails = await requestLinks('familie.demir@example.org', 2);
    const ayse = await loggedIn(linkIn(mails.find((m) => m.text?.includes('Ayşe'))!));
    const ahmad = await loggedIn(linkIn(mails.find((m) => m.text?.includes('Ahmad'))!));

    const ayseHome = await (await ayse.get('/donor')).text();
    expect(ayseHome).toContain('lang="tr"'); // her language, from donors.language
    expect(ayseHome).toContain('Ayşe Demir');
    expect(ayseHome).toContain('Eğitim çalışması'); // the purpose in her language
    expect(ayseHome).toContain(formatEuro(5000));
    expect(ayseHome).not.toContain(formatEuro(7777));
    expect(ayseHome).not.toContain('Ahmad');

    const ahmadHome = await (await ahmad.get('/donor')).text();
    expect(ahmadHome).toContain('dir="rtl"');
    expect(ahmadHome).toContain(formatEuro(7777));
    expect(ahmadHome).not.toContain(formatEuro(5000));
    expect(ahmadHome).not.toContain('Ayşe');

    // in German: the states explained, totals per year of what arrived and stayed
    const german = await (await ayse.get('/donor?lang=de')).text();
    expect(german).toContain('in Bearbeitung'); // the pending SEPA debit
    expect(german).toContain('erst nach einigen Tagen bestätigt');
    expect(german).toContain('zurückerstattet');
    expect(german).toContain('zählt nicht als Spende');
    expect(german).toContain(`${formatEuro(500)} zurückerstattet`); // partly refunded
    // 2026: 30 € less 5 € refunded; the pending 25 € apart; the refunded 10 € not at all
    expect(german).toContain(`<td>2026</td><td class="num">${formatEuro(2500)} (+ ${formatEuro(2500)} noch in Bearbeitung)</td>`);
    expect(german).toContain(`<td>2025</td><td class="num">${formatEuro(5000)}</td>`);
  });

  it('shows a button for the link (a GET spends nothing), opens one session with a /donor cookie, and never again', async () => {
    const link = new URL(linkIn((await requestLinks('berta@example.org'))[0]!));
    const path = link.pathname + link.search;
    const token = link.searchParams.get('token')!;
    const scanner = browser();
    for (let i = 0; i < 2; i++) {
      const page = await scanner.get(path);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('action="/donor/link"');
    }
    expect(scanner.cookies.has('kw_donor')).toBe(false);

    const client = browser();
    const res = await client.post('/donor/link', { token });
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kw_donor='))!;
    expect(cookie).toMatch(/Path=\/donor(;|$)/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const sessions = await t.db.selectFrom('donor_portal_sessions').select(['id', 'expires_at']).where('donor_id', '=', donors.berta!.id).execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).not.toBe(client.cookies.get('kw_donor')); // stored hashed
    expect(sessions[0]!.expires_at.getTime() - t.clock.now().getTime()).toBe(60 * MINUTE);
    expect((await client.get('/donor')).status).toBe(200);

    const again = browser();
    expect((await again.post('/donor/link', { token })).status).toBe(404);
    expect((await again.get(path)).status).toBe(404);
    expect(again.cookies.has('kw_donor')).toBe(false);
  });

  it('lets a link expire after 20 minutes; only the newest link works', async () => {
    const [old] = await requestLinks('lena@example.org');
    const [newer] = await requestLinks('lena@example.org');
    const oldToken = new URL(linkIn(old!)).searchParams.get('token')!;
    const newToken = new URL(linkIn(newer!)).searchParams.get('token')!;
    expect((await browser().post('/donor/link', { token: oldToken })).status).toBe(404);
    t.clock.advance(20 * MINUTE + 1000);
    const client = browser();
    expect((await client.get(`/donor/link?token=${newToken}`)).status).toBe(404);
    expect((await client.post('/donor/link', { token: newToken })).status).toBe(404);
    expect(await (await client.get(`/donor/link?token=${newToken}&lang=de`)).text()).toContain('ungültig, abgelaufen oder wurde schon benutzt');
    // the scheduler clears what expired
    await pruneDonorPortal(t.db, t.deps);
    const left = await t.db.selectFrom('donor_portal_tokens').select('id').where('expires_at', '<', t.clock.now()).execute();
    expect(left).toHaveLength(0);
  });

  it('refuses a sixth link for one address within 15 minutes, for known and unknown addresses alike', async () => {
    for (const email of ['berta@example.org', 'niemand@example.org']) {
      const client = browser();
      for (let i = 0; i < 5; i++) expect((await client.post('/donor/login', { email })).status).toBe(302);
      const refused = await browser().post('/donor/login?lang=de', { email });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('900');
      expect(await refused.text()).toContain('Zu viele Anmeldelinks');
    }
    await t.settle();
    t.clock.advance(16 * MINUTE);
  });

  it('ends the session an hour after the last use and keeps donors, members and staff apart', async () => {
    const client = await loggedInAs('lena');
    t.clock.advance(61 * MINUTE);
    const expired = await client.get('/donor');
    expect(expired.status).toBe(302);
    expect(expired.headers.get('location')).toBe('/donor/login');

    const donor = await loggedInAs('lena');
    // a donor session is no login elsewhere …
    expect((await donor.get('/members')).headers.get('location')).toBe('/login?next=%2Fmembers');
    expect((await donor.get('/portal')).headers.get('location')).toBe('/portal/login');
    expect((await donor.get('/api/v1/me')).status).toBe(401);
    // … and a staff session opens no donor portal
    const { client: treasurer } = await signedIn(t, 'treasurer');
    const staff = await treasurer.get('/donor');
    expect(staff.status).toBe(302);
    expect(staff.headers.get('location')).toBe('/donor/login');
    // logout ends the donor session
    expect((await donor.post('/donor/logout')).headers.get('location')).toBe('/donor/login');
    expect((await donor.get('/donor')).status).toBe(302);
  });

  it('changes, pauses, resumes and cancels a monthly gift at Stripe and in our books, audited with the donor as actor', async () => {
    const berta = await loggedInAs('berta');
    const sub = monthly.berta!;
    const stripeSub = () => fake.objects.get(sub.stripeSubscriptionId)!;
    const page = await (await berta.get('/donor/monthly')).text();
    expect(page).toContain(`${formatEuro(1500)} im Monat – Bildungsarbeit`);
    expect(page).toContain('läuft');

    // amount: within the limits only; outside them nothing reaches Stripe
    const requests = fake.requests.length;
    const tooSmall = await berta.post('/donor/monthly/amount', { subscription: String(sub.id), amount: '2' });
    expect(tooSmall.status).toBe(422);
    expect(await tooSmall.text()).toContain(`Bitte einen Betrag zwischen ${formatEuro(500)} und ${formatEuro(500000)} angeben`);
    expect(await (await berta.post('/donor/monthly/amount', { subscription: String(sub.id), amount: 'zwanzig' })).text()).toContain('Bitte einen Betrag in Euro angeben');
    expect(fake.requests.length).toBe(requests);

    const changed = await berta.post('/donor/monthly/amount', { subscription: String(sub.id), amount: '20,00' });
    expect(changed.status).toBe(302);
    const update = fake.requests.filter((r) => r.method === 'POST' && r.path === `/v1/subscriptions/${sub.stripeSubscriptionId}`).at(-1)!;
    expect(update.body.items[0].price_data.unit_amount).toBe('2000');
    expect(update.body.proration_behavior).toBe('none');
    expect(stripeSub().items.data[0].price.unit_amount).toBe(2000);
    expect(await subscriptionRow(sub.id)).toMatchObject({ amount_cents: 2000, status: 'active' });
    expect(await (await berta.get('/donor/monthly')).text()).toContain('Der Monatsbetrag ist geändert.');

    expect((await berta.post('/donor/monthly/pause', { subscription: String(sub.id) })).status).toBe(302);
    expect(stripeSub().pause_collection).toEqual({ behavior: 'void', resumes_at: null });
    expect((await subscriptionRow(sub.id)).status).toBe('paused');
    expect(await (await berta.get('/donor/monthly')).text()).toContain('pausiert');

    expect((await berta.post('/donor/monthly/resume', { subscription: String(sub.id) })).status).toBe(302);
    expect(stripeSub().pause_collection).toBeNull();
    expect((await subscriptionRow(sub.id)).status).toBe('active');

    // cancelling takes a second step: the link only asks
    const ask = await berta.get(`/donor/monthly/cancel?subscription=${sub.id}`);
    expect(ask.status).toBe(200);
    const askText = await ask.text();
    expect(askText).toContain('wirklich beenden');
    expect(askText).toContain('Ja, monatliche Spende beenden');
    expect(stripeSub().status).toBe('active');
    const canceled = await berta.post('/donor/monthly/cancel', { subscription: String(sub.id) });
    expect(canceled.status).toBe(302);
    expect(fake.requests.some((r) => r.method === 'DELETE' && r.path === `/v1/subscriptions/${sub.stripeSubscriptionId}`)).toBe(true);
    expect(stripeSub().status).toBe('canceled');
    const row = await subscriptionRow(sub.id);
    expect(row.status).toBe('canceled');
    expect(row.canceled_at).not.toBeNull();
    // the state the webhook's customer.subscription.* events carry maps to the row we wrote
    expect(monthlyGiftStateOf(stripeSub() as never)).toMatchObject({ status: row.status, amount_cents: row.amount_cents });
    // an ended gift can no longer be changed
    expect((await berta.post('/donor/monthly/pause', { subscription: String(sub.id) })).status).toBe(409);

    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'donor').where('entity_id', '=', String(donors.berta!.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['donor.monthly_gift_amount_changed', 'donor.monthly_gift_paused', 'donor.monthly_gift_resumed', 'donor.monthly_gift_canceled']);
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set([`Spender/in #${donors.berta!.id} (Spendenportal)`]));
    expect(audit[0]!.after).toMatchObject({ monthly_gift: sub.id, amount_cents: 2000 });
  });

  it('ends in the same state when Stripe’s webhook events for those changes arrive, and follows a change made in Stripe’s own portal', async () => {
    const sub = monthly.berta!;
    const before = await subscriptionRow(sub.id);
    const events = fake.events.filter((e) => e.type.startsWith('customer.subscription.') && (e.data.object as { id: string }).id === sub.stripeSubscriptionId);
    expect(events.map((e) => e.type)).toEqual(['customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.updated', 'customer.subscription.updated', 'customer.subscription.deleted']);
    for (const event of events) expect((await fake.deliver(t.app, event)).status).toBe(200);
    await t.settle();
    expect(await subscriptionRow(sub.id)).toMatchObject({ status: before.status, amount_cents: before.amount_cents });

    // Lena pauses in Stripe's customer portal: the event brings it to her page
    const lenaSub = monthly.lena!;
    await t.deps.payments!.subscriptions.update(lenaSub.stripeSubscriptionId, { pause_collection: { behavior: 'void' } });
    expect((await fake.deliver(t.app, fake.events.at(-1)!)).status).toBe(200);
    await t.settle();
    expect((await subscriptionRow(lenaSub.id)).status).toBe('paused');
    await t.deps.payments!.subscriptions.update(lenaSub.stripeSubscriptionId, { pause_collection: '' });
    expect((await fake.deliver(t.app, fake.events.at(-1)!)).status).toBe(200);
    await t.settle();
    expect((await subscriptionRow(lenaSub.id)).status).toBe('active');
  });

  it('refuses another donor’s monthly gift, and changes nothing while Stripe is down', async () => {
    const ayse = await loggedInAs('ayse');
    const lenaSub = monthly.lena!;
    const requests = fake.requests.length;
    for (const action of ['pause', 'cancel', 'amount']) {
      const res = await ayse.post(`/donor/monthly/${action}?lang=de`, { subscription: String(lenaSub.id), amount: '30' });
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Diese monatliche Spende gibt es in Ihrem Konto nicht.');
    }
    expect((await ayse.get(`/donor/monthly/cancel?subscription=${lenaSub.id}`)).status).toBe(404);
    expect(fake.requests.length).toBe(requests);
    expect((await subscriptionRow(lenaSub.id)).status).toBe('active');

    const lena = await loggedInAs('lena');
    fake.failNext(3); // the first try and the SDK's two retries
    const down = await lena.post('/donor/monthly/pause', { subscription: String(lenaSub.id) });
    expect(down.status).toBe(503);
    expect(await down.text()).toContain('The payment service (Stripe) cannot be reached right now. Nothing was changed');
    expect((await subscriptionRow(lenaSub.id)).status).toBe('active');
    expect(fake.objects.get(lenaSub.stripeSubscriptionId)!.pause_collection).toBeNull();
    const audit = await t.db.selectFrom('audit_log').select('id').where('entity', '=', 'donor').where('entity_id', '=', String(donors.lena!.id)).execute();
    expect(audit).toHaveLength(0);

    // Stripe's own customer portal, for the donor's customer; the page lets the browser follow the redirect there
    const monthlyPage = await lena.get('/donor/monthly');
    expect(await monthlyPage.text()).toContain('action="/donor/monthly/stripe-portal"');
    expect(monthlyPage.headers.get('content-security-policy')).toContain(`form-action 'self' ${fake.url}`);
    expect((await lena.get('/donor')).headers.get('content-security-policy')).toContain("form-action 'self';");
    const portal = await lena.post('/donor/monthly/stripe-portal');
    expect(portal.status).toBe(303);
    expect(portal.headers.get('location')).toMatch(new RegExp(`^${fake.url}/billing/bps_`));
    const created = fake.requests.filter((r) => r.path === '/v1/billing_portal/sessions').at(-1)!;
    expect(created.body.customer).toBe(lenaSub.stripeCustomerId);
    expect(created.body.return_url).toBe('http://localhost/donor/monthly');
  });

  it('keeps the name and address for receipts, audited in the donor’s history, with messages in the donor’s language', async () => {
    const ayse = await loggedInAs('ayse');
    const form = await (await ayse.get('/donor/address')).text();
    expect(form).toContain('value="Ayşe Demir"');
    const bad = await ayse.post('/donor/address', { name: 'Ayşe Demir', street: 'Sonnenallee 5', postal_code: '1204', city: 'Berlin', country: 'DE', language: 'tr' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Posta kodu: beş rakam');
    const before = await t.db.selectFrom('donors').selectAll().where('id', '=', donors.ayse!.id).executeTakeFirstOrThrow();
    expect(before.street).toBe('Karl-Marx-Straße 1');

    const ok = await ayse.post('/donor/address', { name: 'Ayşe Demir-Yıldız', street: 'Sonnenallee 5', postal_code: '12045', city: 'Berlin', country: 'DE', language: 'de' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('/donor?lang=de');
    const after = await t.db.selectFrom('donors').selectAll().where('id', '=', donors.ayse!.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ name: 'Ayşe Demir-Yıldız', street: 'Sonnenallee 5', postal_code: '12045', language: 'de' });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'donor').where('entity_id', '=', String(donors.ayse!.id)).where('action', '=', 'donor.address_changed').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(`Spender/in #${donors.ayse!.id} (Spendenportal)`);
    expect(audit[0]!.before).toEqual({ name: 'Ayşe Demir', street: 'Karl-Marx-Straße 1', postal_code: '12043', language: 'tr' });
    expect(audit[0]!.after).toEqual({ name: 'Ayşe Demir-Yıldız', street: 'Sonnenallee 5', postal_code: '12045', language: 'de' });
    // her next login link comes in the language she chose
    const [mail] = (await requestLinks('familie.demir@example.org', 2)).filter((m) => m.text?.includes('Ayşe'));
    expect(mail!.subject).toBe('Ihr Anmeldelink für das Spendenportal – Laissez-passer e.V.');
  });
});
