import type { ParsedMail } from 'mailparser';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  clickAndWait,
  launchBrowser,
  screenshot,
  startServer,
  startSmtpSink,
  type RunningServer,
  type SmtpSink,
  field as labelled,
  fillSetupPage,
} from './helpers';

/**
 * The foundation as a person walks through it in Chromium: first setup, settings and the audit
 * log, inviting a board member (the invitation really delivered over SMTP), logout and login,
 * the language switch, and screenshots at phone and desktop width.
 */
const ASSOCIATION = 'Laissez-passer e.V.';
const GOOD_IBAN = 'DE02 1203 0000 0000 2020 51';
const BAD_IBAN = 'DE89370400440532013001';
const ADMIN = { name: 'Amina Haddad', email: 'amina@example.org', password: 'korrekt-pferd-batterie' };
const BOARD = { name: 'Jonas Weber', email: 'jonas.weber@example.org', password: 'vorstand-passwort-42' };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

describe.skipIf(!browserTestsEnabled())('foundation in the browser', () => {
  let smtp: SmtpSink;
  let server: RunningServer;
  let browser: Browser;
  let adminContext: BrowserContext;
  let page: Page;
  let boardContext: BrowserContext | undefined;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    // Both at once; whichever starts is kept for afterAll even when the other fails.
    const [started, launched] = await Promise.allSettled([startServer({ env: { SMTP_URL: smtp.url } }), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const r of [launched, started]) if (r.status === 'rejected') throw r.reason;
    adminContext = await newContext(DESKTOP);
    page = await adminContext.newPage();
  }, 90_000);

  afterAll(async () => {
    await boardContext?.close();
    await adminContext?.close();
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  }, 30_000);

  /** A German-speaking person's browser; a step that cannot find its target fails within 5 s. */
  const newContext = async (viewport: { width: number; height: number }) => {
    const context = await browser.newContext({ viewport, locale: 'de-DE' });
    context.setDefaultTimeout(5_000);
    return context;
  };
  const main = (p: Page = page) => p.locator('main');
  const h1 = (p: Page = page) => p.locator('main h1').innerText();
  /** An input by its visible label; required fields show the label followed by " *". */
  const field = (label: string, p: Page = page) => labelled(p, label);
  const nav = (p: Page = page) => p.getByRole('navigation', { name: /Hauptnavigation|Main navigation/ });
  const navLinks = async (p: Page = page) => (await nav(p).getByRole('link').allInnerTexts()).map((s) => s.trim());
  const go = (path: string, p: Page = page) => p.goto(server.url + path);

  /** The text of the elements an input's aria-describedby points at: its hint and its error. */
  const description = (input: Locator) =>
    input.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );

  /** No sideways scrolling of the page itself (tables may scroll inside their own box). */
  const overflow: Record<string, number> = {};
  const pageOverflow = (p: Page = page) => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('first start: the setup page refuses a wrong IBAN at its field, keeps the input, then sets up', async () => {
    const first = await go('/');
    expect(first!.ok()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/setup');
    expect(await h1()).toBe('Kassenwart einrichten');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');

    await page.setViewportSize(PHONE);
    await screenshot(page, 'setup-390x844');
    overflow['setup 390x844'] = await pageOverflow();
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'setup-1280x800');

    await fillSetupPage(page, { association: ASSOCIATION, iban: BAD_IBAN, admin: ADMIN });
    await clickAndWait(page, page.getByRole('button', { name: 'Einrichten' }));

    // Still the setup page, the error at the IBAN field, in German, everything else kept.
    expect(new URL(page.url()).pathname).toBe('/setup');
    expect(await h1()).toBe('Kassenwart einrichten');
    const iban = field('IBAN');
    expect(await iban.getAttribute('aria-invalid')).toBe('true');
    expect(await description(iban)).toContain('Keine gültige IBAN');
    expect(await page.locator('.error-summary').innerText()).toContain('Keine gültige IBAN');
    expect(await iban.inputValue()).toBe(BAD_IBAN);
    expect(await field('Name des Vereins').inputValue()).toBe(ASSOCIATION);
    expect(await field('Ort').inputValue()).toBe('Berlin');
    expect(await field('Steuernummer').inputValue()).toBe('27/663/12345');
    expect(await field('Datum des Bescheids').inputValue()).toBe('2025-06-30');
    expect(await field('Veranlagungszeitraum von (Jahr)').inputValue()).toBe('2022');
    expect(await field('Zweck 1, Akkusativ').inputValue()).toBe('die Hilfe für Flüchtlinge');
    expect(await field('Gläubiger-Identifikationsnummer').inputValue()).toBe('DE98ZZZ09999999999');
    expect(await field('Name').inputValue()).toBe(ADMIN.name);
    expect(await field('E-Mail-Adresse').inputValue()).toBe(ADMIN.email);
    expect(await page.getByRole('radio', { name: /^Freistellungsbescheid/ }).isChecked()).toBe(true);
    // Only the IBAN is marked: no other field complains.
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
    await page.setViewportSize(PHONE);
    await screenshot(page, 'setup-error-390x844');
    overflow['setup with error 390x844'] = await pageOverflow();
    await page.setViewportSize(DESKTOP);

    // Passwords are (rightly) not sent back into the page; type them again.
    await iban.fill(GOOD_IBAN);
    await field('Passwort').fill(ADMIN.password);
    await field('Passwort wiederholen').fill(ADMIN.password);
    await clickAndWait(page, page.getByRole('button', { name: 'Einrichten' }));

    expect(new URL(page.url()).pathname).toBe('/');
    expect(await h1()).toBe(ASSOCIATION);
    expect(await page.getByRole('status').innerText()).toContain('Kassenwart ist eingerichtet. Willkommen!');
    expect(await main().innerText()).toContain('Oranienstraße 12, 10997 Berlin');
    expect(await page.locator('header').innerText()).toContain(ADMIN.name);
  });

  it('settings: the admin changes the city, it stays saved, and the audit log shows it with the IBAN masked', async () => {
    expect(await navLinks()).toEqual(expect.arrayContaining(['Einstellungen', 'Benutzer', 'Protokoll', 'Postausgang']));
    await clickAndWait(page, nav().getByRole('link', { name: 'Einstellungen' }));
    expect(await h1()).toBe('Einstellungen');
    expect(await field('Ort').inputValue()).toBe('Berlin');
    expect(await field('IBAN').inputValue()).toBe(GOOD_IBAN);

    await field('Ort').fill('Potsdam');
    await clickAndWait(page, page.getByRole('button', { name: 'Speichern' }));
    expect(new URL(page.url()).pathname).toBe('/settings');
    expect(await page.getByRole('status').innerText()).toBe('Die Einstellungen sind gespeichert.');
    expect(await field('Ort').inputValue()).toBe('Potsdam');

    await page.reload();
    expect(await field('Ort').inputValue()).toBe('Potsdam');
    expect(await field('Ort für Unterschriften').inputValue()).toBe('Berlin');
    expect(await page.getByRole('status').count()).toBe(0); // the flash shows once

    await clickAndWait(page, nav().getByRole('link', { name: 'Protokoll' }));
    expect(await h1()).toBe('Änderungsprotokoll');
    const row = page.locator('tbody tr', { has: page.locator('code', { hasText: /^settings\.updated$/ }) });
    expect(await row.count()).toBe(1);
    const details = row.locator('pre');
    expect(await details.isVisible()).toBe(false);
    await row.getByText('vorher / nachher').click();
    expect(await details.isVisible()).toBe(true);
    const change = JSON.parse(await details.innerText());
    expect(change).toEqual({ before: { city: 'Berlin' }, after: { city: 'Potsdam' } });
    expect(await row.innerText()).toContain(ADMIN.name);

    // The setup entry holds the whole association: its IBAN is there, but masked.
    const html = await page.content();
    const compact = GOOD_IBAN.replace(/\s/g, '');
    expect(html).toContain('setup.completed');
    expect(html).toContain('DE02 **** **** **** **20 51');
    expect(html).not.toContain(compact);
    expect(html).not.toContain(GOOD_IBAN);
    expect(html).not.toContain(compact.slice(4, 18)); // not even the account part
  });

  let inviteMail: ParsedMail;

  it('users: the admin invites a board member; the mail is really delivered, its link hidden from the admin', async () => {
    await clickAndWait(page, nav().getByRole('link', { name: 'Benutzer' }));
    expect(await h1()).toBe('Benutzer');
    await field('Name').fill(BOARD.name);
    await field('E-Mail-Adresse').fill(BOARD.email);
    await field('Rolle').selectOption({ label: 'Vorstand' });
    await clickAndWait(page, page.getByRole('button', { name: 'Einladen' }));
    expect(new URL(page.url()).pathname).toBe('/users');
    expect(await page.getByRole('status').innerText()).toContain(`${BOARD.name} ist eingeladen`);
    const userRow = page.locator('tbody tr', { hasText: BOARD.email });
    expect(await userRow.innerText()).toContain('eingeladen');
    expect(await userRow.getByRole('combobox').inputValue()).toBe('board');

    inviteMail = await smtp.waitForMail((m) => m.to !== undefined && JSON.stringify(m.to).includes(BOARD.email));
    expect(inviteMail.subject).toBe(`Einladung zu Kassenwart – ${ASSOCIATION}`);
    const link = /https?:\/\/\S+\/invite\/accept\?token=[\w-]+/.exec(inviteMail.text ?? '')?.[0];
    expect(link, inviteMail.text).toBeDefined();
    expect(link!.startsWith(`${server.url}/invite/accept?token=`)).toBe(true);
    const token = new URL(link!).searchParams.get('token')!;

    await clickAndWait(page, nav().getByRole('link', { name: 'Postausgang' }));
    expect(await h1()).toBe('Postausgang');
    const mailRow = page.locator('tbody tr', { hasText: BOARD.email });
    expect(await mailRow.count()).toBe(1);
    // The delivery is recorded: the mail is listed as sent (the row is written just after the
    // SMTP server has accepted it, so give it a moment).
    for (let i = 0; i < 50 && !(await mailRow.innerText()).includes('versandt'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      await page.reload();
    }
    expect(await mailRow.locator('.badge').innerText()).toBe('versandt');
    await mailRow.getByText(inviteMail.subject!).click();
    const body = await mailRow.locator('pre').innerText();
    expect(body).toContain(`Hallo ${BOARD.name},`);
    expect(body).toContain('[Link nur für die Empfängerin sichtbar');
    expect(body).not.toContain('token=');
    expect(await page.content()).not.toContain(token);
  });

  it('the board member accepts the invitation in another browser and sees no admin screens', async () => {
    const link = /https?:\/\/\S+\/invite\/accept\?token=[\w-]+/.exec(inviteMail.text ?? '')![0];
    boardContext = await newContext(PHONE);
    const board = await boardContext.newPage();
    const res = await board.goto(link);
    expect(res!.status()).toBe(200);
    expect(await h1(board)).toBe('Einladung annehmen');
    expect(await main(board).innerText()).toContain(`${BOARD.name} (${BOARD.email})`);
    await field('Neues Passwort', board).fill(BOARD.password);
    await field('Passwort wiederholen', board).fill(BOARD.password);
    await clickAndWait(board, board.getByRole('button', { name: 'Passwort speichern' }));

    expect(new URL(board.url()).pathname).toBe('/');
    expect(await h1(board)).toBe(ASSOCIATION);
    expect(await board.getByRole('status').innerText()).toContain('Ihr Passwort ist gesetzt. Sie sind angemeldet.');
    expect(await board.locator('header').innerText()).toContain(BOARD.name);
    const links = await navLinks(board);
    expect(links).toContain('Übersicht');
    for (const adminOnly of ['Einstellungen', 'Benutzer', 'Protokoll', 'Postausgang']) expect(links).not.toContain(adminOnly);
    await screenshot(board, 'board-overview-390x844');
    overflow['board overview 390x844'] = await pageOverflow(board);

    const forbidden = await go('/settings', board);
    expect(forbidden!.status()).toBe(403);
    expect(await h1(board)).toBe('Keine Berechtigung');
    expect(await board.locator('form[action="/settings"]').count()).toBe(0);

    // The link works once.
    const again = await board.goto(link);
    expect(again!.status()).toBe(404);
    expect(await h1(board)).toBe('Link ungültig');
  });

  it('logout and login: a wrong password is refused, the right one logs in', async () => {
    await go('/');
    await clickAndWait(page, page.getByRole('button', { name: 'Abmelden' }));
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await h1()).toBe('Anmelden');
    expect(await page.getByRole('status').innerText()).toBe('Sie sind abgemeldet.');
    expect(await page.getByRole('button', { name: 'Abmelden' }).count()).toBe(0);

    // Logged out means logged out: an admin page sends back to the login.
    await go('/settings');
    expect(new URL(page.url()).pathname).toBe('/login');

    await field('E-Mail-Adresse').fill(ADMIN.email);
    await field('Passwort').fill('falsches-passwort-123');
    await clickAndWait(page, page.getByRole('button', { name: 'Anmelden' }));
    expect(await h1()).toBe('Anmelden');
    expect(await page.getByRole('alert').innerText()).toContain('E-Mail-Adresse oder Passwort ist falsch.');
    expect(await field('E-Mail-Adresse').inputValue()).toBe(ADMIN.email);

    await field('Passwort').fill(ADMIN.password);
    await clickAndWait(page, page.getByRole('button', { name: 'Anmelden' }));
    // The login came from /settings, so it returns there.
    expect(new URL(page.url()).pathname).toBe('/settings');
    expect(await h1()).toBe('Einstellungen');
    expect(await field('Ort').inputValue()).toBe('Potsdam');
    await clickAndWait(page, nav().getByRole('link', { name: 'Übersicht' }));
    expect(await h1()).toBe(ASSOCIATION);
    expect(await page.locator('header').innerText()).toContain(ADMIN.name);
  });

  it('language: "English" turns the pages English, and they stay English', async () => {
    await go('/');
    await clickAndWait(page, page.locator('header').getByRole('link', { name: 'English' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Association' }).isVisible()).toBe(true);

    await clickAndWait(page, nav().getByRole('link', { name: 'Settings' }));
    expect(new URL(page.url()).search).toBe('');
    expect(await h1()).toBe('Settings');
    expect(await field('City').inputValue()).toBe('Potsdam');
    expect(await page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
    await screenshot(page, 'settings-en-1280x800');

    await clickAndWait(page, page.locator('header').getByRole('link', { name: 'Deutsch' }));
    expect(await h1()).toBe('Einstellungen');
    expect(await page.getByRole('button', { name: 'Abmelden' }).isVisible()).toBe(true);
  });

  it('phone and desktop width: overview and settings without sideways scrolling (screenshots kept)', async () => {
    // All screenshots first, then the verdict, so a layout fault still leaves every artifact.
    for (const [size, label] of [
      [PHONE, '390x844'],
      [DESKTOP, '1280x800'],
    ] as const) {
      await page.setViewportSize(size);
      await go('/');
      expect(await h1()).toBe(ASSOCIATION);
      await screenshot(page, `overview-${label}`);
      overflow[`overview ${label}`] = await pageOverflow();
      await go('/settings');
      expect(await h1()).toBe('Einstellungen');
      await screenshot(page, `settings-${label}`);
      overflow[`settings ${label}`] = await pageOverflow();
    }
    await page.setViewportSize(PHONE);
    await go('/audit');
    await screenshot(page, 'audit-390x844');
    overflow['audit 390x844'] = await pageOverflow();
    await go('/outbox');
    await screenshot(page, 'outbox-390x844');
    overflow['outbox 390x844'] = await pageOverflow();
    await go('/users');
    await screenshot(page, 'users-390x844');
    overflow['users 390x844'] = await pageOverflow();

    // Pixels the page is wider than the window: 0 everywhere, or the person has to scroll sideways.
    expect(overflow).toEqual(Object.fromEntries(Object.keys(overflow).map((k) => [k, 0])));
  });
});
