import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, berlinToday } from '../../api/lib/dates';
import { validateWithXsd } from '../helpers/xsd';
import { browserTestsEnabled, clickAndWait, launchBrowser, screenshot, startServer, startSmtpSink, type RunningServer, type SmtpSink, field as labelled, fillSetupPage } from './helpers';

/**
 * Members and dues as people walk through them in Chromium: someone applies online in Arabic
 * (right to left, the IBAN checked while typing), the treasurer accepts, runs the dues, prepares
 * the direct debit and downloads the pain.008 file, which the official XSD accepts.
 */
const ADMIN = { name: 'Amina Haddad', email: 'amina@example.org', password: 'korrekt-pferd-batterie' };
const GOOD_IBAN = 'DE89 3704 0044 0532 0130 00';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

function firstOfNextMonth(isoDate: string): string {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

describe.skipIf(!browserTestsEnabled())('membership in the browser: apply → accept → dues run → SEPA file', () => {
  let smtp: SmtpSink;
  let server: RunningServer;
  let browser: Browser;
  let staff: BrowserContext;
  let page: Page;
  const today = berlinToday(new Date());

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const [started, launched] = await Promise.allSettled([startServer({ env: { SMTP_URL: smtp.url } }), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const r of [launched, started]) if (r.status === 'rejected') throw r.reason;
    staff = await browser.newContext({ viewport: DESKTOP, locale: 'de-DE', acceptDownloads: true });
    staff.setDefaultTimeout(5_000);
    page = await staff.newPage();
  }, 90_000);

  afterAll(async () => {
    await staff?.close();
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  }, 30_000);

  const go = (path: string, p: Page = page) => p.goto(server.url + path);
  const field = (label: string, p: Page = page) => labelled(p, label);
  const flash = (p: Page = page) => p.locator('.flash').innerText();

  it('the treasurer sets up the association and a monthly membership type', async () => {
    await go('/setup');
    await fillSetupPage(page, { association: 'Laissez-passer e.V.', iban: 'DE02 1203 0000 0000 2020 51', admin: ADMIN });
    await clickAndWait(page, page.getByRole('button', { name: 'Einrichten' }));
    expect(new URL(page.url()).pathname).toBe('/');

    await go('/membership-types');
    await field('Name').fill('Fördermitglied');
    await field('Beitrag (€)').fill('5,00');
    await field('Zeitraum').selectOption('monthly');
    await clickAndWait(page, page.getByRole('button', { name: 'Anlegen' }));
    expect(await flash()).toContain('Fördermitglied');
  });

  it('someone applies in Arabic: right to left, the IBAN checked while typing, errors in Arabic', async () => {
    const visitor = await browser.newContext({ viewport: PHONE, locale: 'ar' });
    visitor.setDefaultTimeout(5_000);
    const p = await visitor.newPage();
    await go('/apply', p);
    expect(await p.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await p.locator('main h1').innerText()).toBe('كن عضواً');

    await field('الاسم الأول', p).fill('Mohammed');
    await field('اسم العائلة', p).fill('Al-Ahmad');
    await field('الشارع ورقم المبنى', p).fill('Sonnenallee 5');
    await field('الرمز البريدي', p).fill('12045');
    await field('المدينة', p).fill('Berlin');
    await field('البريد الإلكتروني', p).fill('mohammed@example.org');
    await p.getByRole('radio', { name: /خصم مباشر SEPA/ }).check();
    await field('صاحب الحساب (كما لدى البنك، بالأحرف اللاتينية)', p).fill('محمد الأحمد');
    const iban = field('رقم IBAN', p);
    await iban.fill('DE89 3704 0044 0532 0130 01');
    await iban.blur();
    // the live check says it at once, in Arabic, and marks the field
    await expect.poll(() => p.locator('#iban-live').innerText()).toContain('رقم IBAN هذا غير صحيح');
    expect(await iban.getAttribute('aria-invalid')).toBe('true');
    await screenshot(p, 'apply-ar-iban-wrong-390x844');
    await iban.fill(GOOD_IBAN);
    await iban.blur();
    await expect.poll(() => p.locator('#iban-live').innerText()).toContain('أرقام التحقق صحيحة');
    await p.getByLabel('أمنح تفويض الخصم المباشر هذا.').check();
    await p.getByLabel(/لقد قرأت إشعار حماية البيانات/).check();
    await clickAndWait(p, p.getByRole('button', { name: 'إرسال الطلب' }));

    // the server refuses an account holder in Arabic script: the bank needs Latin letters
    expect(p.url()).toContain('/apply');
    expect(await p.locator('.error-summary').innerText()).toContain('بالأحرف اللاتينية');
    expect(await field('البريد الإلكتروني', p).inputValue()).toBe('mohammed@example.org');
    await field('صاحب الحساب (كما لدى البنك، بالأحرف اللاتينية)', p).fill('Mohammed Al-Ahmad');
    await p.getByLabel('أمنح تفويض الخصم المباشر هذا.').check();
    await p.getByLabel(/لقد قرأت إشعار حماية البيانات/).check();
    await clickAndWait(p, p.getByRole('button', { name: 'إرسال الطلب' }));
    expect(new URL(p.url()).pathname).toBe('/apply/thanks');
    expect(await p.locator('.flash').innerText()).toContain('لقد استلمنا طلبك');
    await screenshot(p, 'apply-ar-thanks-390x844');
    await visitor.close();
  });

  it('the treasurer accepts: member number, mandate, welcome mail in Arabic', async () => {
    await go('/members');
    await clickAndWait(page, page.getByRole('link', { name: /Mitgliedsanträge \(1 offen\)/ }));
    expect(await page.locator('main').innerText()).toContain('Mohammed Al-Ahmad');
    await screenshot(page, 'applications-1280x800');
    await clickAndWait(page, page.getByRole('button', { name: 'Aufnehmen' }));
    expect(await flash()).toMatch(/Mohammed Al-Ahmad ist aufgenommen: Mitgliedsnummer \d+/);
    expect(await page.locator('main').innerText()).toContain('Mohammed Al-Ahmad');
    const welcome = await smtp.waitForMail((m) => Boolean(m.subject?.startsWith('أهلاً بك')), 30_000);
    expect(welcome.text).toMatch(/مرجع التفويض: KW-/);
    expect(welcome.html).toContain('dir="rtl"');
  });

  it('runs the dues, prepares the direct debit and downloads a pain.008 the XSD accepts', async () => {
    // the member joined today: the first monthly claim is due on the first of next month
    const nextMonth = firstOfNextMonth(today);
    await go('/dues');
    await field('Von').fill(nextMonth);
    await field('Bis').fill(addDays(firstOfNextMonth(nextMonth), -1));
    await clickAndWait(page, page.getByRole('button', { name: 'Beitragslauf ausführen' }));
    expect(await flash()).toMatch(/1 Forderungen über 5,00/);

    const dueDate = [nextMonth, addDays(today, 14)].sort().at(-1)!;
    await go('/sepa');
    await field('Fälligkeitstag (Einzug)').fill(dueDate);
    await clickAndWait(page, page.getByRole('button', { name: 'Einzug vorbereiten und ankündigen' }));
    await clickAndWait(page, page.getByRole('button', { name: 'SEPA-Datei (pain.008) erzeugen' }));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'herunterladen' }).click()]);
    const xml = readFileSync((await download.path())!, 'utf8');
    expect(xml).toContain('<NbOfTxs>1</NbOfTxs>');
    expect(xml).toContain('<CtrlSum>5.00</CtrlSum>');
    expect(xml).toContain('<Nm>Mohammed Al-Ahmad</Nm>');
    expect(xml).toContain('<IBAN>DE89370400440532013000</IBAN>');
    expect(validateWithXsd(xml, 'pain.008.001.08.xsd')).toMatchObject({ ok: true });
    await screenshot(page, 'collection-1280x800');
  });
});
