import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '../../db/embedded';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../../db/seed/index';
import { browserTestsEnabled, clickAndWait, launchBrowser, screenshot, seriousAxeFindings, startServer, type RunningServer } from './helpers';

/**
 * Accessibility of the main staff screens (issue #7): axe-core run inside Chromium on the demo
 * data (WCAG 2.0/2.1 A and AA rules), failing on every "serious" or "critical" finding with its
 * rule, element and help; each area's main screen walked as the treasurer (its heading, the one
 * navigation marking where one is, no error page); screenshots at desktop and phone width.
 * No rule is switched off: what axe finds is fixed in the screens and the stylesheet.
 */
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TREASURER = DEMO_LOGINS.find((l) => l.role === 'treasurer')!;
const BOARD = DEMO_LOGINS.find((l) => l.role === 'board')!;


describe.skipIf(!browserTestsEnabled())('accessibility of the main pages (axe-core, WCAG 2.1 AA) and the one navigation', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dataDir: string;
  /** ids of one member, one gift and one application of the demo data */
  let ids: { member: number; donation: number; application: number };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kassenwart-e2e-a11y-'));
    const database = await openEmbedded(dataDir);
    try {
      await seedDemo(database.db);
      const db = database.db;
      const member = await db.selectFrom('members').select('id').where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow();
      const donation = await db.selectFrom('donations').select('id').where('donor_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
      const application = await db.selectFrom('grant_applications').select('id').orderBy('id').executeTakeFirstOrThrow();
      ids = { member: Number(member.id), donation: Number(donation.id), application: Number(application.id) };
    } finally {
      await database.close();
    }
    const [started, launched] = await Promise.allSettled([startServer({ env: { DATA_DIR: dataDir } }), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const r of [launched, started]) if (r.status === 'rejected') throw r.reason;
    // the app's CSP allows no inline script; only the test's own axe-core is let through
    context = await browser.newContext({ viewport: DESKTOP, locale: 'de-DE', bypassCSP: true });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const go = async (path: string) => {
    const res = await page.goto(server.url + path);
    expect([path, res?.status()]).toEqual([path, 200]);
  };

  async function logIn(who: { email: string }) {
    await page.context().clearCookies();
    await go('/login');
    await page.getByLabel(/^E-Mail-Adresse( \*)?$/).fill(who.email);
    await page.getByLabel(/^Passwort( \*)?$/).fill(DEMO_PASSWORD);
    await clickAndWait(page, page.getByRole('button', { name: 'Anmelden' }));
    expect(new URL(page.url()).pathname).not.toBe('/login');
  }

  const checked = (name: string, path: () => string) => ({ name, path });
  const treasurerPages = [
    checked('Mitgliederliste', () => '/members'),
    checked('Mitglied', () => `/members/${ids.member}`),
    checked('Spendenliste', () => '/donations'),
    checked('Spende', () => `/donations/${ids.donation}`),
    checked('Zuwendungsbestätigungen', () => '/receipts'),
    checked('Forderungen', () => '/dues/claims'),
    checked('Förderanträge', () => '/grants'),
    checked('Antrag', () => `/grants/${ids.application}`),
    checked('Fristenkalender', () => '/grants/calendar'),
    // and the other areas' main screens the treasurer walks
    checked('Beiträge', () => '/dues'),
    checked('Rückstände', () => '/dues/arrears'),
    checked('Mahnwesen', () => '/dues/dunning'),
    checked('Lastschriften', () => '/sepa'),
    checked('Spender', () => '/donors'),
    checked('Fördermittelgeber', () => '/funders'),
    checked('Übersicht', () => '/'),
    checked('Finanzen eines Antrags', () => `/grants/${ids.application}/finances`),
    checked('Spender zusammenführen', () => '/donors/review'),
    checked('Neues Mitglied', () => '/members/new'),
    checked('Spende erfassen', () => '/donations/new'),
  ];

  it('finds no serious or critical axe violation on the treasurer\'s main pages', async () => {
    await logIn(TREASURER);
    const found: string[] = [];
    for (const p of treasurerPages) {
      await go(p.path());
      found.push(...(await seriousAxeFindings(page)).map((f) => `${p.name} (${p.path()}): ${f}`));
    }
    expect(found).toEqual([]);
  }, 120_000);

  it('finds none on the grants pipeline as the board sees it', async () => {
    await logIn(BOARD);
    await go('/grants');
    expect(await seriousAxeFindings(page)).toEqual([]);
  }, 60_000);

  const areas = [
    { path: '/members', nav: 'Mitglieder', h1: 'Mitglieder' },
    { path: '/dues', nav: 'Beiträge', h1: 'Beiträge' },
    { path: '/sepa', nav: 'Lastschriften', h1: /Lastschrift/ },
    { path: '/donations', nav: 'Spenden', h1: 'Spenden' },
    { path: '/receipts', nav: 'Zuwendungsbestätigungen', h1: 'Zuwendungsbestätigungen' },
    { path: '/grants', nav: 'Förderanträge', h1: /Förderanträge/ },
  ];

  it('walks each area\'s main screen as the treasurer: its heading, one navigation marking the area, no error page; screenshots at desktop and phone width', async () => {
    await logIn(TREASURER);
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      for (const area of areas) {
        await go(area.path);
        const h1 = page.locator('main h1');
        expect(await h1.count()).toBe(1);
        const heading = (await h1.innerText()).trim();
        if (typeof area.h1 === 'string') expect(heading).toBe(area.h1);
        else expect(heading).toMatch(area.h1);
        expect(await page.locator('nav[aria-label="Hauptnavigation"]').count()).toBe(1);
        const current = page.locator('nav[aria-label="Hauptnavigation"] a[aria-current="page"]');
        expect([area.path, await current.count()]).toEqual([area.path, 1]);
        expect([area.path, (await current.innerText()).trim(), await current.getAttribute('href')]).toEqual([area.path, area.nav, area.path]);
        const text = await page.locator('main').innerText();
        expect(text).not.toMatch(/Fehler 500|Interner Fehler|Seite nicht gefunden|Keine Berechtigung/);
        await screenshot(page, `a11y-${viewport === DESKTOP ? 'desktop' : 'phone'}${area.path.replace(/\//g, '-')}`);
        // on a phone the page is no wider than the screen: nothing but tables scrolls sideways
        if (viewport === PHONE) expect([area.path, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([area.path, PHONE.width]);
      }
    }
    await page.setViewportSize(DESKTOP);
  }, 120_000);
});
