import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe';
import { browserTestsEnabled, clickAndWait, field as labelled, fillSetupPage, launchBrowser, screenshot, startServer, startSmtpSink, type RunningServer, type SmtpSink } from './helpers';

/**
 * Online donations as people walk through them in Chromium, against the real server whose
 * Stripe is the fake (tests/fakes/stripe.ts): the treasurer sets the association up, a donor
 * gives in German (receipt address shown only when wanted), another in Arabic (right to left,
 * a typed amount, monthly), and both land on the (fake) Stripe Checkout with their amount.
 *
 * Each step is one `it` that leaves what it made in `journey`, so later steps (the completion
 * delivered as a signed webhook, the treasurer's list, the donor portal) build on it.
 */
const ADMIN = { name: 'Amina Haddad', email: 'amina@example.org', password: 'korrekt-pferd-batterie' };
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

describe.skipIf(!browserTestsEnabled())('donations in the browser: donation page → Stripe Checkout → webhook → treasurer’s list and donor portal', () => {
  let fake: FakeStripe;
  let smtp: SmtpSink;
  let server: RunningServer;
  let browser: Browser;
  let staff: BrowserContext;
  let page: Page;
  /** What the steps made: Checkout Session ids of the German one-off and the Arabic monthly gift. */
  const journey = { germanSession: '', arabicSession: '' };

  beforeAll(async () => {
    [fake, smtp] = await Promise.all([startFakeStripe(), startSmtpSink()]);
    const [started, launched] = await Promise.allSettled([startServer({ env: { ...fake.env, SMTP_URL: smtp.url, OUTBOX_INTERVAL_SECONDS: '2' } }), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const r of [launched, started]) if (r.status === 'rejected') throw r.reason;
    staff = await browser.newContext({ viewport: DESKTOP, locale: 'de-DE' });
    staff.setDefaultTimeout(5_000);
    page = await staff.newPage();
  }, 90_000);

  afterAll(async () => {
    await staff?.close();
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
    await fake?.close();
  }, 30_000);

  const go = (path: string, p: Page = page) => p.goto(server.url + path);
  const field = (label: string, p: Page = page) => labelled(p, label);

  async function visitor(locale: string, viewport = DESKTOP) {
    const context = await browser.newContext({ viewport, locale });
    context.setDefaultTimeout(5_000);
    return { context, page: await context.newPage() };
  }

  it('the treasurer sets up the association', async () => {
    await go('/setup');
    await fillSetupPage(page, { association: 'Laissez-passer e.V.', iban: 'DE02 1203 0000 0000 2020 51', admin: ADMIN });
    await clickAndWait(page, page.getByRole('button', { name: 'Einrichten' }));
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('a donor gives 50 € once in German, with a receipt, and lands on Stripe Checkout', async () => {
    const { context, page: p } = await visitor('de-DE');
    await go('/donate', p);
    expect(await p.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await p.locator('main h1').innerText()).toBe('Spenden');

    // the receipt address shows only when a receipt is wanted (without JavaScript it is always there)
    const address = p.locator('#receipt-address');
    await expect.poll(() => address.isVisible()).toBe(false);
    await p.locator('#f-preset-5000').check();
    await field('E-Mail', p).fill('hanna@example.org');
    await field('Name', p).fill('Hanna Schmidt');
    await p.getByLabel(/Zuwendungsbestätigung \(Spendenquittung\)/).check();
    expect(await address.isVisible()).toBe(true);
    await field('Straße und Hausnummer', p).fill('Reuterstraße 7');
    await field('Postleitzahl', p).fill('12053');
    await field('Ort', p).fill('Berlin');
    await screenshot(p, 'donate-de-form');

    await clickAndWait(p, p.getByRole('button', { name: 'Jetzt spenden' }));
    const landed = new URL(p.url());
    expect(landed.origin).toBe(fake.url);
    expect(landed.pathname).toMatch(/^\/pay\/cs_test_/);
    expect(await p.locator('#amount').innerText()).toBe('50.00 EUR');
    expect(await p.locator('#mode').innerText()).toBe('payment');
    expect(await p.locator('#methods').innerText()).toBe('card sepa_debit');
    journey.germanSession = landed.pathname.split('/').at(-1)!;
    expect(fake.objects.get(journey.germanSession)).toMatchObject({ customer_email: 'hanna@example.org', locale: 'de', metadata: { kassenwart_intent: expect.any(String) } });
    await context.close();
  });

  it('a donor gives 25,50 € monthly in Arabic: right to left, messages in Arabic, then Stripe Checkout', async () => {
    const { context, page: p } = await visitor('ar', PHONE);
    await go('/donate?lang=ar', p);
    expect(await p.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await p.locator('main h1').innerText()).toBe('تبرّع');

    // a wrong e-mail first: the form comes back in Arabic, nothing was sent to Stripe
    const before = fake.requests.length;
    await field('مبلغ آخر باليورو', p).fill('25,50');
    expect(await p.locator('input[name=preset]:checked').count()).toBe(0); // a typed amount unticks the preset
    await p.getByLabel('شهرياً').check();
    await field('البريد الإلكتروني', p).fill('omar-at-example.org');
    await clickAndWait(p, p.getByRole('button', { name: 'تبرّع الآن' }));
    expect(await p.locator('.error-summary').innerText()).toContain('عنوان بريد إلكتروني غير صالح');
    expect(fake.requests.length).toBe(before);
    expect(await field('مبلغ آخر باليورو', p).inputValue()).toBe('25,50');
    await screenshot(p, 'donate-ar-rtl-error');

    await field('البريد الإلكتروني', p).fill('omar@example.org');
    await screenshot(p, 'donate-ar-rtl');
    await clickAndWait(p, p.getByRole('button', { name: 'تبرّع الآن' }));
    const landed = new URL(p.url());
    expect(landed.origin).toBe(fake.url);
    expect(await p.locator('#amount').innerText()).toBe('25.50 EUR');
    expect(await p.locator('#mode').innerText()).toBe('subscription');
    journey.arabicSession = landed.pathname.split('/').at(-1)!;
    // Checkout has no Arabic: Stripe follows the browser's language
    expect(fake.objects.get(journey.arabicSession)).toMatchObject({ locale: 'auto', customer_email: 'omar@example.org' });
    await context.close();
  });

  it('Stripe confirms both gifts with signed webhooks; they appear in the treasurer’s list', async () => {
    const events = [...fake.completeCheckout(journey.germanSession, { method: 'card', name: 'Hanna Schmidt' }), ...fake.completeCheckout(journey.arabicSession, { method: 'card' })];
    for (const event of events) expect((await fake.deliver(server.url, event)).status).toBe(200);
    // a forged delivery is refused and changes nothing
    expect((await fake.deliver(server.url, events[0]!, { secret: 'whsec_forged' })).status).toBe(400);

    await go('/donations');
    // the inbox is processed right after each delivery: poll the list until both gifts are there
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator('main table tbody tr').count();
      }, { timeout: 15_000 })
      .toBe(2);
    const rows = await page.locator('main table tbody tr').allInnerTexts();
    expect(rows.find((r) => r.includes('Hanna Schmidt'))).toContain('50,00');
    expect(rows.find((r) => r.includes('25,50'))).toBeDefined();
    await screenshot(page, 'donations-list');
  });

  it('the German donor gets a thank-you mail and sees her gift in the donor portal', async () => {
    const thanks = await smtp.waitForMail((m) => JSON.stringify(m.to).includes('hanna@example.org') && /Danke|Dank/.test(m.subject ?? ''), 30_000);
    expect(thanks.text).toContain('50,00');

    const { context, page: p } = await visitor('de-DE');
    await go('/donor/login', p);
    await field('E-Mail-Adresse', p).fill('hanna@example.org');
    await clickAndWait(p, p.getByRole('button', { name: 'Anmeldelink schicken' }));
    const mail = await smtp.waitForMail((m) => JSON.stringify(m.to).includes('hanna@example.org') && (m.text ?? '').includes('/donor/link'), 30_000);
    const link = /(http\S+\/donor\/link\S*)/.exec(mail.text ?? '')![1]!;
    await p.goto(link);
    await clickAndWait(p, p.getByRole('button', { name: 'Jetzt anmelden' }));
    expect(new URL(p.url()).pathname).toBe('/donor');
    const gifts = await p.locator('main').innerText();
    expect(gifts).toContain('50,00');
    expect(gifts).not.toContain('25,50'); // the other donor's gift is not hers
    await screenshot(p, 'donor-portal');
    await context.close();
  });
});
