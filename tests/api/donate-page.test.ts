import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runScheduledJobs } from '../../api/jobs/scheduler';
import { formatEuro } from '../../api/lib/money';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe';
import { testApp, TEST_BASE_URL, type TestApp } from '../helpers/app';
import { Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, signedIn } from '../helpers/factories';

/** What a person fills in on /donate (as the browser sends it). */
function donationForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    preset: '2500',
    amount: '',
    interval: 'once',
    purpose: '',
    email: 'spenderin@example.org',
    name: 'Hanna Schmidt',
    street: 'Reuterstraße 7',
    postal_code: '12053',
    city: 'Berlin',
    country: 'DE',
    website: '',
    ...overrides,
  };
}

/** The PNG of the page's GiroCode, scanned as a banking app would. */
function scanQr(page: string): string[] {
  const src = /<img src="data:image\/png;base64,([^"]+)"/.exec(page)?.[1];
  expect(src, 'the page shows a QR code').toBeTruthy();
  const png = PNG.sync.read(Buffer.from(src!, 'base64'));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(code, 'the QR code scans').toBeTruthy();
  return code!.data.split('\n');
}

describeEachEngine('the public donation page: form, Stripe Checkout, results, bank transfer, embed', (database) => {
  let fake: FakeStripe;
  let t: TestApp;
  let forms = 0;
  let ips = 0;
  const sessionsCreated = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
  const countIntents = async () => Number((await t.db.selectFrom('checkout_intents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  /** A visitor's browser: its own cookies and client address, a new form key per page load. */
  async function donate(overrides: Record<string, string>, lang = 'de', options: { client?: Client; ip?: string } = {}) {
    const client = options.client ?? new Client(t.app);
    await client.get(`/donate?lang=${lang}`);
    return client.post('/donate', donationForm({ submission: `form-${++forms}`, ...overrides }), { headers: { 'cf-connecting-ip': options.ip ?? `192.0.2.${++ips}` } });
  }

  beforeAll(async () => {
    fake = await startFakeStripe();
    t = testApp(database(), { env: fake.env });
    await createAssociation(t.db);
    t.clock.set('2026-05-04T10:00:00Z');
    const at = new Date('2026-01-01T00:00:00Z');
    await t.db
      .insertInto('donation_purposes')
      .values([
        { slug: 'beratung', name_de: 'Beratung', name_en: 'Counselling', name_ar: 'الاستشارة', name_tr: null, created_at: at },
        { slug: 'winter-2025', name_de: 'Winterhilfe 2025', name_en: 'Winter aid 2025', active: false, created_at: at },
      ])
      .execute();
  });
  afterAll(async () => {
    await t?.settle();
    await fake?.close();
  });

  it('shows the form in four languages: Arabic right to left, purposes in the visitor’s language or German', async () => {
    const de = await (await new Client(t.app).get('/donate', { 'accept-language': 'de-DE' })).text();
    expect(de).toContain('<html lang="de" dir="ltr">');
    expect(de).toContain('<h1>Spenden</h1>');
    for (const cents of [1000, 2500, 5000, 10000]) expect(de).toContain(`value="${cents}"`);
    expect(de).toContain(formatEuro(2500));
    expect(de).toContain('Wo es am nötigsten ist');
    expect(de).toContain('<option value="beratung">Beratung</option>');
    expect(de).not.toContain('Winterhilfe'); // an inactive purpose is not offered
    expect(de).toContain('Zwischen 5,00\u00a0€ und 5.000,00\u00a0€');
    expect(de).toContain('<script src="/assets/donate.js" defer="">');
    expect(de).toContain('name="website"'); // the honeypot

    const ar = await (await new Client(t.app).get('/donate?lang=ar')).text();
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    expect(ar).toContain('<h1>تبرّع</h1>');
    expect(ar).toContain('<option value="beratung">الاستشارة</option>');
    expect(ar).toContain('أريد إيصال تبرع');

    const en = await (await new Client(t.app).get('/donate', { 'accept-language': 'en-GB,en;q=0.9' })).text();
    expect(en).toContain('<h1>Donate</h1>');
    expect(en).toContain('<option value="beratung">Counselling</option>');

    // no Turkish name: the German one; ?purpose= preselects it
    const tr = await (await new Client(t.app).get('/donate?lang=tr&purpose=beratung')).text();
    expect(tr).toContain('<h1>Bağış yap</h1>');
    expect(tr).toContain('<option value="beratung" selected="">Beratung</option>');
    // the language switch keeps the chosen purpose
    expect(tr).toContain('href="/donate?lang=ar&amp;purpose=beratung"');

    const script = await new Client(t.app).get('/assets/donate.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain('receipt-address');
  });

  it('refuses bad input with a message in the page’s language, stores nothing and never calls Stripe', async () => {
    const intents = await countIntents();
    const calls = fake.requests.length;
    const cases: { form: Record<string, string>; lang: string; message: string }[] = [
      { form: { preset: '', amount: '2' }, lang: 'en', message: `The smallest amount is ${formatEuro(500)}` },
      { form: { preset: '', amount: '6000' }, lang: 'de', message: `Online sind höchstens ${formatEuro(500_000)} möglich` },
      { form: { preset: '', amount: '25abc' }, lang: 'ar', message: 'يرجى إدخال مبلغ باليورو، مثل 25 أو 25,50' },
      { form: { preset: '', amount: '' }, lang: 'de', message: 'Bitte einen Betrag in Euro angeben' },
      { form: { purpose: 'gibt-es-nicht' }, lang: 'tr', message: 'Böyle bir bağış amacı yok' },
      { form: { purpose: 'winter-2025' }, lang: 'de', message: 'Diesen Spendenzweck gibt es nicht' },
      { form: { receipt_wanted: 'on', street: '', city: '' }, lang: 'de', message: 'Für die Zuwendungsbestätigung nötig – bitte ausfüllen' },
      { form: { receipt_wanted: 'on', name: '' }, lang: 'ar', message: 'مطلوب لإيصال التبرع' },
      { form: { receipt_wanted: 'on', postal_code: '1205' }, lang: 'tr', message: 'Posta kodu: beş rakam' },
      { form: { name: 'A'.repeat(121) }, lang: 'en', message: 'The name may have at most 120 characters' },
      { form: { email: 'kein-at' }, lang: 'ar', message: 'عنوان بريد إلكتروني غير صالح' },
      { form: { email: '' }, lang: 'tr', message: 'Geçerli bir e-posta adresi değil' },
      { form: { anonymous: 'on', receipt_wanted: 'on' }, lang: 'en', message: 'An anonymous gift gets no donation receipt' },
    ];
    for (const { form, lang, message } of cases) {
      const res = await donate(form, lang);
      const page = await res.text();
      expect(res.status, JSON.stringify(form)).toBe(422);
      expect(page, JSON.stringify(form)).toContain(message);
      expect(page).toContain(`<html lang="${lang}"`);
      // what was typed stays in the form
      if (form.email === undefined) expect(page).toContain('value="spenderin@example.org"');
    }
    expect(await countIntents()).toBe(intents);
    expect(fake.requests.length).toBe(calls);
  });

  it('starts a one-off Checkout: 303 to Stripe with amount, methods, locale, metadata on session and payment', async () => {
    const before = sessionsCreated().length;
    const res = await donate({ receipt_wanted: 'on', purpose: 'beratung' }, 'de');
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${fake.url}/pay/cs_test_`));
    expect(sessionsCreated()).toHaveLength(before + 1);
    const body = sessionsCreated().at(-1)!.body;
    const intent = await t.db.selectFrom('checkout_intents').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(intent).toMatchObject({
      amount_cents: 2500,
      interval: 'once',
      email: 'spenderin@example.org',
      name: 'Hanna Schmidt',
      street: 'Reuterstraße 7',
      postal_code: '12053',
      city: 'Berlin',
      country: 'DE',
      receipt_wanted: true,
      anonymous: false,
      language: 'de',
      checkout_url: location,
      checkout_started_at: null,
    });
    expect(intent.stripe_checkout_session_id).toBe(location.split('/').at(-1));
    expect(body).toMatchObject({
      mode: 'payment',
      submit_type: 'donate',
      customer_email: 'spenderin@example.org',
      locale: 'de',
      allowed_payment_method_types: ['card', 'sepa_debit'],
      metadata: { kassenwart_intent: String(intent.id) },
      payment_intent_data: { metadata: { kassenwart_intent: String(intent.id) } },
      success_url: `${TEST_BASE_URL}/donate/thanks?session_id={CHECKOUT_SESSION_ID}&lang=de`,
      cancel_url: `${TEST_BASE_URL}/donate/cancelled?lang=de&amount=25%2C00&interval=once&purpose=beratung`,
    });
    expect(body.line_items[0]).toEqual({
      quantity: '1',
      price_data: { currency: 'eur', unit_amount: '2500', product_data: { name: 'Spende an Laissez-passer e.V. – Beratung' } },
    });
    expect(body.subscription_data).toBeUndefined();
    // what Stripe's page shows
    const pay = await (await fetch(location)).text();
    expect(pay).toContain('25.00 EUR');
    expect(pay).toContain('card sepa_debit');
  });

  it('takes a typed amount like "25,50" over a preset, and keeps no address without a receipt', async () => {
    const res = await donate({ preset: '5000', amount: '25,50' }, 'en');
    expect(res.status).toBe(303);
    const intent = await t.db.selectFrom('checkout_intents').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(intent).toMatchObject({ amount_cents: 2550, receipt_wanted: false, name: 'Hanna Schmidt', street: null, city: null, language: 'en' });
    expect(sessionsCreated().at(-1)!.body).toMatchObject({ locale: 'en', line_items: [{ price_data: { unit_amount: '2550', product_data: { name: 'Donation to Laissez-passer e.V.' } } }] });
  });

  it('starts a monthly gift as a subscription; Arabic opens Checkout in the browser’s language; anonymous keeps no name', async () => {
    const res = await donate({ interval: 'monthly', preset: '1000', purpose: 'beratung', anonymous: 'on' }, 'ar');
    expect(res.status).toBe(303);
    const intent = await t.db.selectFrom('checkout_intents').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(intent).toMatchObject({ amount_cents: 1000, interval: 'monthly', anonymous: true, name: null, receipt_wanted: false, language: 'ar' });
    const body = sessionsCreated().at(-1)!.body;
    expect(body).toMatchObject({
      mode: 'subscription',
      locale: 'auto',
      metadata: { kassenwart_intent: String(intent.id) },
      subscription_data: { metadata: { kassenwart_intent: String(intent.id) } },
      line_items: [{ price_data: { currency: 'eur', unit_amount: '1000', recurring: { interval: 'month' }, product_data: { name: 'تبرع شهري إلى Laissez-passer e.V. – الاستشارة' } } }],
    });
    expect(body.submit_type).toBeUndefined();
    expect(body.payment_intent_data).toBeUndefined();
    expect(await (await fetch(res.headers.get('location')!)).text()).toContain('<p id="mode">subscription</p>');
  });

  it('makes a double click one intent and one Checkout Session; the same key with other entries is a new one', async () => {
    const client = new Client(t.app);
    await client.get('/donate?lang=de');
    const intents = await countIntents();
    const sessions = sessionsCreated().length;
    const form = donationForm({ submission: 'double-click', preset: '5000' });
    const headers = { 'cf-connecting-ip': '192.0.2.200' };
    const [first, second] = await Promise.all([client.post('/donate', form, { headers }), client.post('/donate', form, { headers })]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const third = await client.post('/donate', form, { headers });
    expect(third.headers.get('location')).toBe(first.headers.get('location'));
    expect(await countIntents()).toBe(intents + 1);
    expect(sessionsCreated()).toHaveLength(sessions + 1);

    // back from Checkout with the browser's back button, another amount: another checkout
    const changed = await client.post('/donate', { ...form, preset: '10000' }, { headers });
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).not.toBe(first.headers.get('location'));
    expect(await countIntents()).toBe(intents + 2);
  });

  it('lets a bot that fills the hidden field believe it succeeded, storing nothing and asking Stripe nothing', async () => {
    const intents = await countIntents();
    const calls = fake.requests.length;
    const res = await donate({ website: 'http://spam.example' }, 'en');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/donate/thanks?lang=en');
    expect(await countIntents()).toBe(intents);
    expect(fake.requests.length).toBe(calls);
  });

  it('limits one connection to ten checkout starts an hour (card testing)', async () => {
    const client = new Client(t.app);
    const ip = '198.51.100.7';
    const calls = sessionsCreated().length;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await donate({ preset: '1000', email: `try${i}@example.org` }, 'tr', { client, ip })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(303));
    expect(statuses[10]).toBe(429);
    const refused = await donate({ preset: '1000' }, 'tr', { client, ip });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Bu bağlantıdan çok fazla bağış denemesi yapıldı');
    expect(sessionsCreated()).toHaveLength(calls + 10);
    // another connection is not affected
    expect((await donate({}, 'de')).status).toBe(303);
    t.clock.set('2026-05-04T11:01:00Z');
    expect((await donate({ preset: '1000' }, 'tr', { client, ip })).status).toBe(303);
  });

  it('says so in the page’s language when Stripe fails, charges nothing, and the same form succeeds on retry', async () => {
    const client = new Client(t.app);
    await client.get('/donate?lang=ar');
    const form = donationForm({ submission: 'stripe-down', preset: '1000' });
    const intents = await countIntents();
    fake.failNext(3); // the SDK itself tries three times
    const failed = await client.post('/donate', form, { headers: { 'cf-connecting-ip': '192.0.2.201' } });
    expect(failed.status).toBe(503);
    const page = await failed.text();
    expect(page).toContain('تعذّر بدء الدفع عبر الإنترنت الآن. لم يُخصم أي مبلغ.');
    expect(page).toContain('value="stripe-down"'); // the same key: a retry is the same checkout
    const kept = await t.db.selectFrom('checkout_intents').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ amount_cents: 1000, stripe_checkout_session_id: null, checkout_url: null, checkout_started_at: null });
    expect(await countIntents()).toBe(intents + 1);

    const retried = await client.post('/donate', form, { headers: { 'cf-connecting-ip': '192.0.2.201' } });
    expect(retried.status).toBe(303);
    const after = await t.db.selectFrom('checkout_intents').selectAll().where('id', '=', kept.id).executeTakeFirstOrThrow();
    expect(retried.headers.get('location')).toBe(after.checkout_url);
    expect(await countIntents()).toBe(intents + 1);
  });

  /** A fresh checkout of this page, its session id and its intent. */
  async function checkout(overrides: Record<string, string>, lang: string) {
    const res = await donate(overrides, lang);
    expect(res.status).toBe(303);
    return res.headers.get('location')!.split('/').at(-1)!;
  }

  it('thanks page: a card gift is received, a SEPA gift is on its way, a monthly gift has begun — never naming the donor', async () => {
    const card = await checkout({ preset: '2500', purpose: 'beratung' }, 'de');
    fake.completeCheckout(card, { method: 'card', name: 'Hanna Schmidt' });
    const paid = await (await new Client(t.app).get(`/donate/thanks?session_id=${card}&lang=de`)).text();
    expect(paid).toContain(`Wir haben Ihre Spende über ${formatEuro(2500)} erhalten.`);
    expect(paid).toContain('Zweck: Beratung.');
    expect(paid).toContain('data-outcome="paid"');

    const sepa = await checkout({ preset: '5000' }, 'tr');
    fake.completeCheckout(sepa, { method: 'sepa_debit' });
    const processing = await (await new Client(t.app).get(`/donate/thanks?session_id=${sepa}&lang=tr`)).text();
    expect(processing).toContain('SEPA otomatik ödeme ile bağışınız yolda');
    expect(processing).toContain('birkaç gün');
    expect(processing).not.toContain('aldık');

    const monthly = await checkout({ preset: '1000', interval: 'monthly' }, 'ar');
    fake.completeCheckout(monthly, { method: 'card' });
    const begun = await (await new Client(t.app).get(`/donate/thanks?session_id=${monthly}&lang=ar`)).text();
    expect(begun).toContain('<html lang="ar" dir="rtl">');
    expect(begun).toContain(`بدأ تبرعك الشهري بمبلغ ${formatEuro(1000)}`);
    expect(begun).toContain('data-outcome="monthly_paid"');

    for (const page of [paid, processing, begun]) {
      expect(page).not.toContain('spenderin@example.org');
      expect(page).not.toContain('Hanna');
    }

    // not yet paid (the donor came back by hand): nothing is claimed
    const open = await checkout({}, 'de');
    expect(await (await new Client(t.app).get(`/donate/thanks?session_id=${open}`)).text()).toContain('keine abgeschlossene Spende');
  });

  it('thanks page: a session this page did not start, or an unknown id, gets a neutral page and leaks nothing', async () => {
    const foreign = await t.deps.payments!.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: 9900, product_data: { name: 'Fremd' } } }],
      customer_email: 'fremd@example.org',
      success_url: 'https://elsewhere.example/ok',
    });
    fake.completeCheckout(foreign.id, { method: 'card', name: 'Fremde Person' });
    for (const id of [foreign.id, 'cs_test_unknown123', '<script>', '']) {
      const res = await new Client(t.app).get(`/donate/thanks?session_id=${encodeURIComponent(id)}&lang=en`);
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain('We have no completed donation for this link (yet).');
      expect(page).not.toMatch(/fremd@example\.org|Fremde Person|99,00/);
    }
  });

  it('cancel page: nothing was charged, and the way back keeps the choices', async () => {
    const page = await (await new Client(t.app).get('/donate/cancelled?lang=tr&amount=25%2C50&interval=monthly&purpose=beratung')).text();
    expect(page).toContain('Hiçbir ücret alınmadı.');
    const back = /href="(\/donate\?[^"]+)"/.exec(page.replace(/&amp;/g, '&'))![1]!;
    expect(back).toBe('/donate?lang=tr&amount=25%2C50&interval=monthly&purpose=beratung');
    const form = await (await new Client(t.app).get(back)).text();
    expect(form).toContain('name="amount" type="text" value="25,50"');
    expect(form).toMatch(/value="monthly" checked=""/);
    expect(form).toContain('<option value="beratung" selected="">Beratung</option>');
    // a preset amount comes back ticked
    const preset = await (await new Client(t.app).get('/donate?lang=de&amount=50%2C00')).text();
    expect(preset).toMatch(/value="5000" checked=""/);
  });

  it('embed: a frameable page whose form opens our page in the whole window; every other page stays unframeable', async () => {
    const res = await new Client(t.app).get('/donate/embed?lang=ar&purpose=beratung');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(res.headers.get('x-frame-options')).toBeNull();
    const page = await res.text();
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain('<form method="get" action="/donate" target="_top"');
    expect(page).toContain('<option value="beratung" selected="">الاستشارة</option>');
    expect(page).not.toContain('class="top"'); // no header in the frame

    const normal = await new Client(t.app).get('/donate');
    expect(normal.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(normal.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    // the form may be sent on to Stripe's Checkout (a redirect the browser checks against form-action)
    expect(normal.headers.get('content-security-policy')).toContain(`form-action 'self' ${fake.url}`);
    expect((await new Client(t.app).get('/apply')).headers.get('content-security-policy')).toContain("form-action 'self';");
  });

  it('gives the treasurer the snippets with the base URL and a purpose; the board does not see them', async () => {
    const { client } = await signedIn(t, 'treasurer');
    const page = await (await client.get('/donations/embed?purpose=beratung&for_lang=en')).text();
    expect(page).toContain(`&lt;iframe src=&quot;${TEST_BASE_URL}/donate/embed?lang=en&amp;amp;purpose=beratung&quot;`);
    expect(page).toContain(`&lt;a href=&quot;${TEST_BASE_URL}/donate?lang=en&amp;amp;purpose=beratung&quot;`);
    expect(page).toContain('Donate now');
    expect(page).toContain('<iframe class="preview" src="/donate/embed?lang=en&amp;purpose=beratung"');
    const board = await signedIn(t, 'board');
    expect((await board.client.get('/donations/embed')).status).toBeGreaterThanOrEqual(403);
  });

  it('without Stripe keys: says so, shows the account, the reference and a GiroCode — with the amount once chosen', async () => {
    const offline = testApp(database());
    expect(offline.deps.payments).toBeNull();
    const client = new Client(offline.app);
    const first = await client.get('/donate?lang=en&purpose=beratung');
    const page = await first.text();
    expect(page).toContain('Online payment is not set up here yet.');
    expect(page).toContain('DE02 1203 0000 0000 2020 51');
    expect(page).toContain('BYLADEM1001');
    expect(page).toContain('Spende Beratung');
    const before = scanQr(page);
    expect(before.slice(0, 7)).toEqual(['BCD', '002', '1', 'SCT', 'BYLADEM1001', 'Laissez-passer e.V.', 'DE02120300000000202051']);
    expect(before[7]).toBe(''); // no amount: the banking app asks for one
    expect(before.at(-1)).toBe('Spende Beratung');

    const chosen = await client.post('/donate', { preset: '', amount: '30', purpose: '' });
    expect(chosen.status).toBe(200);
    const after = scanQr(await chosen.text());
    expect(after[6]).toBe('DE02120300000000202051');
    expect(after[7]).toBe('EUR30.00');
    expect(after.at(-1)).toBe('Spende');

    const bad = await client.post('/donate', { preset: '', amount: 'dreißig', purpose: '' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Please give an amount in euros, e.g. 25 or 25.50');
    await offline.settle();
  });

  it('deletes what an abandoned checkout held after 30 days; a completed one stays', async () => {
    const paid = await donate({ email: 'bezahlt@example.org' });
    const sessionId = paid.headers.get('location')!.split('/').pop()!;
    await t.db.updateTable('checkout_intents').set({ completed_at: t.clock.now() }).where('stripe_checkout_session_id', '=', sessionId).execute();
    await donate({ email: 'abgebrochen@example.org' });
    const emails = async () => (await t.db.selectFrom('checkout_intents').select('email').where('email', 'in', ['bezahlt@example.org', 'abgebrochen@example.org']).orderBy('email').execute()).map((r) => r.email);
    expect(await emails()).toEqual(['abgebrochen@example.org', 'bezahlt@example.org']);
    t.clock.advance(29 * 86_400_000);
    await runScheduledJobs(t.deps);
    expect(await emails()).toEqual(['abgebrochen@example.org', 'bezahlt@example.org']);
    t.clock.advance(2 * 86_400_000);
    await runScheduledJobs(t.deps);
    expect(await emails()).toEqual(['bezahlt@example.org']);
  });
});
