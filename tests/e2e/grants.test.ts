import ICAL from 'ical.js';
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, berlinToday, formatDate } from '../../api/lib/dates';
import { openEmbedded } from '../../db/embedded';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../../db/seed/index';
import { browserTestsEnabled, clickAndWait, launchBrowser, screenshot, startServer, type RunningServer } from './helpers';

/**
 * The grants area as a board member walks through it in Chromium, on the demo data (`npm run
 * demo`, with its own funders, applications and deadlines around the new ones): a funder made
 * through its form, an application to it with a German amount, an interim report three weeks
 * ahead, the moves idea → in preparation → submitted with their timeline, the pipeline board,
 * the deadline calendar, and the personal iCal feed fetched and read by ical.js.
 * The server runs on the real clock: every date is counted from today in Europe/Berlin.
 */
const DESKTOP = { width: 1280, height: 800 };
const BOARD = DEMO_LOGINS.find((l) => l.role === 'board')!;
const FUNDER = { name: 'Stiftung Nachbarschaft im Browser', programme: 'Engagement vor Ort', contact: 'Petra Lindner', email: 'foerderung@stiftung-nachbarschaft.example' };
const TITLE = 'Sprachcafé Kreuzberg 2027 (Browsertest)';
const PROJECT = 'Sprachcafé für Neuangekommene';

describe.skipIf(!browserTestsEnabled())('grants in the browser: funder, application, submitted, its deadline in the calendar and the iCal feed', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dataDir: string;
  let boardName = '';
  /** the Berlin day the test runs on, and the interim report's day three weeks later */
  let today = '';
  let due = '';
  /** the new application's page, once created */
  let applicationPath = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kassenwart-e2e-grants-'));
    const database = await openEmbedded(dataDir);
    try {
      await seedDemo(database.db);
      boardName = (await database.db.selectFrom('users').select('name').where('email', '=', BOARD.email).executeTakeFirstOrThrow()).name;
    } finally {
      await database.close();
    }
    const [started, launched] = await Promise.allSettled([startServer({ env: { DATA_DIR: dataDir } }), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const r of [launched, started]) if (r.status === 'rejected') throw r.reason;
    context = await browser.newContext({ viewport: DESKTOP, locale: 'de-DE' });
    context.setDefaultTimeout(5_000);
    page = await context.newPage();
    today = berlinToday(new Date());
    due = addDays(today, 21);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const go = (path: string) => page.goto(server.url + path);
  const path = () => new URL(page.url()).pathname;
  const h1 = () => page.locator('main h1').innerText();
  /** visible text with non-breaking spaces as plain ones and runs of white space as one */
  const clean = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
  const textOf = async (target: Locator) => clean(await target.innerText());
  const flash = () => textOf(page.locator('.flash').first());
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  /** An input by its visible label within a form or section; required ones show " *" after it. */
  const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${esc(label)}( \\*)?$`));
  /** the value beside a term of the application page's fact list */
  const fact = (term: string) => textOf(page.locator('dl.facts dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]'));

  it('the board member logs in and creates a funder through its form', async () => {
    await go('/funders/new');
    expect(path()).toBe('/login');
    await field(page, 'E-Mail-Adresse').fill(BOARD.email);
    await field(page, 'Passwort').fill(DEMO_PASSWORD);
    await clickAndWait(page, page.getByRole('button', { name: 'Anmelden' }));
    expect(path()).toBe('/funders/new');
    expect(await h1()).toBe('Neuer Fördermittelgeber');

    await field(page, 'Name').fill(FUNDER.name);
    await field(page, 'Programm').fill(FUNDER.programme);
    await field(page, 'Art').selectOption({ label: 'Stiftung' });
    await field(page, 'Ansprechperson').fill(FUNDER.contact);
    await field(page, 'E-Mail').fill(FUNDER.email);
    await field(page, 'Übliche Fristen').fill('31.03. und 30.09. jedes Jahres');
    await clickAndWait(page, page.getByRole('button', { name: 'Speichern' }));

    expect(path()).toMatch(/^\/funders\/\d+$/);
    expect(await flash()).toBe(`Fördermittelgeber „${FUNDER.name}“ ist angelegt.`);
    expect(await h1()).toBe(`${FUNDER.name} – ${FUNDER.programme}`);
    expect(await textOf(page.locator('dl.facts'))).toContain(`${FUNDER.contact} · ${FUNDER.email}`);
    expect(await textOf(page.locator('main'))).toContain('Noch keine Anträge bei diesem Fördermittelgeber.');

    // and it is listed among the demo's funders
    await go('/funders');
    expect(await page.locator('table tbody tr', { hasText: FUNDER.name }).count()).toBe(1);
  });

  it('creates an application to that funder with a German amount; it starts as an idea', async () => {
    await go('/funders');
    await clickAndWait(page, page.getByRole('link', { name: FUNDER.name }));
    const funderId = path().split('/').pop()!;
    await clickAndWait(page, page.getByRole('link', { name: 'Antrag bei diesem Fördermittelgeber anlegen' }));
    expect(path()).toBe('/grants/new');
    expect(await h1()).toBe('Neuer Förderantrag');
    // the funder comes chosen
    expect(await field(page, 'Fördermittelgeber').inputValue()).toBe(funderId);

    await field(page, 'Titel').fill(TITLE);
    await field(page, 'Projekt').fill(PROJECT);
    await field(page, 'Verantwortlich').selectOption({ label: `${boardName} (Vorstand)` });
    await field(page, 'Beantragt').fill('25.000,00');
    await field(page, 'Eigenanteil').fill('2.500,00');
    await field(page, 'Projektbeginn').fill(addDays(today, 60));
    await field(page, 'Projektende').fill(addDays(today, 60 + 364));
    await clickAndWait(page, page.getByRole('button', { name: 'Speichern' }));

    expect(path()).toMatch(/^\/grants\/\d+$/);
    applicationPath = path();
    expect(await flash()).toBe(`Antrag „${TITLE}“ ist angelegt (Status: Idee).`);
    expect(await h1()).toBe(TITLE);
    expect(await textOf(page.locator('#status'))).toBe('Idee');
    expect(await fact('Fördermittelgeber')).toBe(`${FUNDER.name} – ${FUNDER.programme}`);
    expect(await fact('Verantwortlich')).toBe(boardName);
    expect(await fact('Beantragt')).toBe('25.000,00 €');
    expect(await fact('Eigenanteil')).toBe('2.500,00 €');
    expect(await fact('Eingereicht am')).toBe('–');
    expect(await textOf(page.locator('#deadlines'))).toContain('Noch keine Fristen.');
  });

  it('adds an interim report three weeks ahead on the application page', async () => {
    await go(applicationPath);
    const form = page.locator('form.add-deadline');
    await field(form, 'Art').selectOption({ label: 'Zwischenbericht' });
    await field(form, 'Fällig am').fill(due);
    await field(form, 'Notiz').fill('Sachbericht und Zahlen bis dahin');
    await clickAndWait(page, form.getByRole('button', { name: 'Frist hinzufügen' }));

    expect(path()).toBe(applicationPath);
    expect(await flash()).toBe(`Frist „Zwischenbericht“ am ${formatDate(due)} ist eingetragen.`);
    const rows = page.locator('#deadlines table tbody tr');
    expect(await rows.count()).toBe(1);
    const row = await textOf(rows.first());
    expect(row).toContain(formatDate(due));
    expect(row).toContain('Zwischenbericht');
    expect(row).toContain('Sachbericht und Zahlen bis dahin');
    expect(row).toContain('noch 21 Tage');
    expect(await rows.first().getAttribute('class')).toBe('deadline open');
  });

  it('moves the application idea → in preparation → submitted; the page and its timeline show the moves', async () => {
    await go(applicationPath);
    const move = async (to: string, note: string) => {
      const form = page.locator(`form[action="${applicationPath}/status"]`);
      await field(form, 'Neuer Status').selectOption({ label: to });
      expect(await field(form, 'Am').inputValue()).toBe(today);
      await field(form, 'Notiz').fill(note);
      await clickAndWait(page, form.getByRole('button', { name: 'Status ändern' }));
      expect(path()).toBe(applicationPath);
      expect(await flash()).toBe(`Status: ${to}.`);
      expect(await textOf(page.locator('#status'))).toBe(to);
    };
    await move('In Vorbereitung', 'Konzept mit dem Team abgestimmt');
    await move('Eingereicht', 'Per Online-Portal eingereicht');

    expect(await fact('Eingereicht am')).toBe(formatDate(today));
    expect(await fact('Status')).toBe(`Eingereicht seit ${formatDate(today)}`);
    // next steps are now the funder's decision
    const options = (await field(page.locator(`form[action="${applicationPath}/status"]`), 'Neuer Status').locator('option').allInnerTexts()).map((s) => s.trim());
    expect(options).toEqual(['Bewilligt', 'Teilweise bewilligt', 'Abgelehnt', 'Zurückgezogen']);

    // the timeline, newest first: both moves with their notes and who made them, after the creation
    const entries = (await page.locator('section[aria-labelledby="timeline-heading"] ol > li').allInnerTexts()).map(clean);
    const statusEntries = entries.filter((e) => /Status: |Angelegt als/.test(e));
    expect(statusEntries).toHaveLength(3);
    // who: the board member's name (the screens may add the e-mail address in angle brackets)
    const entry = (what: string, note: string) => new RegExp(`^${esc(formatDate(today))} – ${esc(what)} · ${esc(boardName)}( <${esc(BOARD.email)}>)?${note ? ` ${esc(note)}` : ''}$`);
    expect(statusEntries[0]).toMatch(entry('Status: In Vorbereitung → Eingereicht', 'Per Online-Portal eingereicht'));
    expect(statusEntries[1]).toMatch(entry('Status: Idee → In Vorbereitung', 'Konzept mit dem Team abgestimmt'));
    expect(statusEntries[2]).toMatch(entry('Angelegt als Idee', ''));
    // the interim report is not an application deadline: still open
    expect(await page.locator('#deadlines table tbody tr').first().getAttribute('class')).toBe('deadline open');
    await screenshot(page, 'grants-application');
  });

  it('the pipeline board lists the application under “Eingereicht”', async () => {
    await go('/grants');
    expect(await h1()).toBe('Förderanträge');
    const submitted = page.locator('section#status-submitted');
    expect(await textOf(submitted.locator('h2'))).toMatch(/^Eingereicht \(\d+ Anträge?, [\d.]+,\d\d €\)$/);
    const item = submitted.locator('li', { hasText: TITLE });
    expect(await item.count()).toBe(1);
    expect(await textOf(item)).toBe(`${TITLE} · ${FUNDER.name} – ${FUNDER.programme} · ${boardName} · beantragt 25.000,00 € seit ${formatDate(today)}`);
    expect(await item.getByRole('link', { name: TITLE }).getAttribute('href')).toBe(applicationPath);
    // and nowhere else on the board
    expect(await page.locator('main section li', { hasText: TITLE }).count()).toBe(1);
    await screenshot(page, 'grants-pipeline');
  });

  it('the deadline calendar shows the interim report with the application and its German date', async () => {
    await go('/grants/calendar');
    expect(await h1()).toBe('Fristenkalender');
    const row = page.locator('main tr.deadline', { hasText: TITLE });
    expect(await row.count()).toBe(1);
    const cells = (await row.locator('td').allInnerTexts()).map(clean);
    expect(cells).toEqual([formatDate(due), TITLE, FUNDER.name, 'Zwischenbericht', 'offen', 'noch 21 Tage']);
    expect(await row.getByRole('link', { name: TITLE }).getAttribute('href')).toBe(applicationPath);
    // among the coming weeks, not the overdue ones
    expect(await page.locator('section.overdue tr.deadline', { hasText: TITLE }).count()).toBe(0);
    await screenshot(page, 'grants-calendar');
  });

  it('the iCal feed made on /calendar has the deadline as an all-day event, read by ical.js', async () => {
    await go('/grants/calendar');
    await clickAndWait(page, page.getByRole('link', { name: 'Fristen im eigenen Kalender abonnieren (iCal)' }));
    expect(path()).toBe('/calendar');
    expect(await textOf(page.locator('main'))).toContain('Sie haben keine gültige Kalender-Adresse.');
    await clickAndWait(page, page.getByRole('button', { name: 'Adresse erzeugen' }));
    const url = await page.getByLabel('Adresse (iCal)').inputValue();
    expect(url).toMatch(new RegExp(`^${esc(server.url)}/ical/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(await page.getByRole('link', { name: 'webcal' }).getAttribute('href')).toBe(url.replace(/^http:/, 'webcal:'));

    // a calendar app fetches it without the session
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    expect(cal.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Berlin');
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const ours = events.filter((e) => e.summary.includes(TITLE));
    expect(ours).toHaveLength(1);
    const event = ours[0]!;
    expect(event.summary).toBe(`Zwischenbericht: ${TITLE}`);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe(due);
    expect(event.endDate.isDate).toBe(true);
    expect(event.endDate.toString()).toBe(addDays(due, 1));
    expect(event.description).toContain(`Fördergeber: ${FUNDER.name}`);
    expect(event.description).toContain(`Fällig: ${formatDate(due)}`);
    expect(event.component.getFirstPropertyValue('url')).toBe(server.url + applicationPath);

    // the page now knows the address was fetched, and never shows it again
    await go('/calendar');
    expect(await textOf(page.locator('main'))).toContain('Es gibt eine gültige Adresse');
    expect(await textOf(page.locator('main'))).toContain('Zuletzt abgerufen:');
    expect(await page.content()).not.toContain(url.split('/ical/')[1]!);
  });
});
