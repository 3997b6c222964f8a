import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../api/deps';
import { berlinToday } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import { previewAnnualRun, type AnnualRunPreview } from '../../api/receipts/preview-annual-run';
import { openEmbedded } from '../../db/embedded';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../../db/seed/index';
import { browserTestsEnabled, clickAndWait, field as labelled, launchBrowser, screenshot, startServer, startSmtpSink, type RunningServer, type SmtpSink } from './helpers';

/**
 * The annual receipt run as the treasurer walks through it in Chromium, on the demo data
 * (`npm run demo`): the preview of last year with its numbers and who is left out, the start,
 * the progress page reloading itself until the run is finished (no JavaScript needed), the
 * receipts list, one Sammelbestätigung opened and its PDF downloaded and read back with
 * pdftotext, and its mail with the PDF delivered over SMTP.
 */
const DESKTOP = { width: 1280, height: 800 };
const TREASURER = DEMO_LOGINS.find((l) => l.role === 'treasurer')!;

describe.skipIf(!browserTestsEnabled())('receipts in the browser: the annual run on the demo data, one receipt downloaded', () => {
  let smtp: SmtpSink;
  let server: RunningServer;
  let browser: Browser;
  let staff: BrowserContext;
  let page: Page;
  let dataDir: string;
  let workDir: string;
  const year = Number(berlinToday(new Date()).slice(0, 4)) - 1;
  /** what the run will do, as the operation computes it on the seeded database before the server opens it */
  let expected: AnnualRunPreview;
  /** someone who gave several times last year and gets a Sammelbestätigung by mail */
  let giver: AnnualRunPreview['people'][number];
  let giverEmail = '';
  /** the run's page, once started */
  let runPath = '';

  beforeAll(async () => {
    // the demo's data folder, seeded here, then served by the real server (one process at a time)
    dataDir = mkdtempSync(join(tmpdir(), 'kassenwart-e2e-receipts-'));
    workDir = mkdtempSync(join(tmpdir(), 'kassenwart-e2e-receipts-files-'));
    const database = await openEmbedded(dataDir);
    try {
      await seedDemo(database.db);
      // the demo's earlier mails (claims, pre-notifications) count as delivered: the SMTP sink
      // below then gets the receipts' mails at once instead of after 470 others
      await database.db.updateTable('outbox').set((eb) => ({ status: 'sent', attempts: 1, sent_at: eb.ref('created_at') })).where('status', '=', 'pending').execute();
      expected = await previewAnnualRun(database.db, { year, listLimit: 10_000 }, { clock: systemClock });
      giver = expected.people.find((p) => p.gifts >= 2 && p.fees === 0 && p.delivery === 'email')!;
      expect(giver?.key).toMatch(/^d\d+$/);
      giverEmail = (await database.db.selectFrom('donors').select('email').where('id', '=', Number(giver.key.slice(1))).executeTakeFirstOrThrow()).email!;
    } finally {
      await database.close();
    }

    smtp = await startSmtpSink();
    const [started, launched] = await Promise.allSettled([startServer({ env: { DATA_DIR: dataDir, SMTP_URL: smtp.url, OUTBOX_INTERVAL_SECONDS: '1' } }), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const r of [launched, started]) if (r.status === 'rejected') throw r.reason;
    staff = await browser.newContext({ viewport: DESKTOP, locale: 'de-DE', acceptDownloads: true });
    staff.setDefaultTimeout(5_000);
    page = await staff.newPage();
  }, 120_000);

  afterAll(async () => {
    await staff?.close();
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 30_000);

  const go = (path: string) => page.goto(server.url + path);
  const h1 = () => page.locator('main h1').innerText();
  const textOf = async (selector: string) => (await page.locator(selector).innerText()).replace(/\u00a0/g, ' ').trim();
  const count = (n: number) => n.toLocaleString('de-DE');

  it('the treasurer logs in and opens the annual run: last year by default, with the numbers of the demo data', async () => {
    await go('/receipts/annual');
    expect(new URL(page.url()).pathname).toBe('/login');
    await labelled(page, 'E-Mail-Adresse').fill(TREASURER.email);
    await labelled(page, 'Passwort').fill(DEMO_PASSWORD);
    await clickAndWait(page, page.getByRole('button', { name: 'Anmelden' }));
    expect(new URL(page.url()).pathname).toBe('/receipts/annual');
    expect(await h1()).toBe('Jahreslauf: Sammelbestätigungen');

    expect(await page.getByLabel('Jahr').inputValue()).toBe(String(year));
    expect(await textOf('#preview-title')).toBe(`Vorschau ${year}`);
    expect(expected.receipts.count).toBeGreaterThan(100);
    expect(await textOf('#annual-count')).toBe(count(expected.receipts.count));
    expect(await textOf('#annual-total')).toBe(formatEuro(expected.receipts.cents).replace(/\u00a0/g, ' '));
    expect(await textOf('#annual-by-mail')).toBe(count(expected.receipts.byMail));
    expect(await textOf('#annual-by-post')).toBe(count(expected.receipts.byPost));
    expect(expected.receipts.byMail).toBeGreaterThan(0);
    expect(expected.receipts.byPost).toBeGreaterThan(0);
    // the year is over, the notice is fresh: no warning
    expect(await page.locator('#annual-year-running, #annual-gate').count()).toBe(0);

    // who is left out: the demo's donor without an address, with the way to their page
    const missing = expected.withoutAddress.people[0]!;
    const link = page.locator('#annual-without-address').getByRole('link', { name: missing.name });
    expect(await link.getAttribute('href')).toBe(`/donors/${missing.donorId}`);
    expect(await textOf('#left-out-anonymous')).toMatch(/^Anonym\s+1 Zuwendung/);
    expect(await textOf('#left-out-in-kind')).toMatch(/^Sachzuwendungen\s+1 Zuwendung/);
    expect(await page.locator('#annual-in-kind').getByRole('link', { name: 'Bestätigung über Sachzuwendungen ausstellen' }).getAttribute('href')).toMatch(/^\/receipts\/new\?donor=\d+&donation=\d+$/);
    const listed = await page.locator('#annual-people').innerText();
    for (const p of expected.people.slice(0, 3)) expect(listed).toContain(p.name);
    expect(await page.locator('#annual-runs').count()).toBe(0);
    await screenshot(page, 'receipts-annual-preview');
  });

  it('starts the run; the progress page reloads itself until it is finished', async () => {
    // the progress page waits for the run's first batch of 400 people (one transaction on the
    // embedded database): slower than a plain page on a busy CI machine
    await clickAndWait(page, page.getByRole('button', { name: `Jahreslauf ${year} starten: ${count(expected.receipts.count)} Bestätigungen ausstellen` }), { timeout: 30_000 });
    runPath = new URL(page.url()).pathname;
    expect(runPath).toMatch(/^\/receipts\/annual\/\d+$/);
    expect(await h1()).toBe(`Jahreslauf ${year}`);
    expect(await page.locator('progress#run-progress').getAttribute('max')).toBe(String(expected.receipts.count));
    await screenshot(page, 'receipts-annual-progress');

    // no script on the page: only the meta refresh brings the new state
    expect(await page.locator('script').count()).toBe(0);
    const first = await page.locator('#run-status').innerText();
    if (first.startsWith('Läuft')) expect(await page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toBe('2');
    let reloads = 0;
    page.on('load', () => reloads++);
    const status = async () => {
      try {
        return await page.locator('#run-status').innerText({ timeout: 1_000 });
      } catch {
        return ''; // between two loads
      }
    };
    await expect.poll(status, { timeout: 120_000, interval: 500 }).toMatch(/^Fertig/);
    if (first.startsWith('Läuft')) expect(reloads).toBeGreaterThan(0);
    expect(await status()).toBe(`Fertig: ${expected.receipts.count} Bestätigungen ausgestellt, ${expected.receipts.byMail} per Mail, ${expected.receipts.byPost} für die Post.`);
    expect(await page.locator('progress#run-progress').getAttribute('value')).toBe(String(expected.receipts.count));
    // finished: it stops reloading, and says where to go on
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: /Druckstapel als PDF/ }).getAttribute('href')).toBe('/receipts/print.pdf');
    const json = await (await page.request.get(`${server.url}${runPath}.json`)).json();
    expect(json).toMatchObject({ status: 'finished', donors_done: expected.receipts.count, receipts_issued: expected.receipts.count, mails_queued: expected.receipts.byMail, for_post: expected.receipts.byPost });
    await screenshot(page, 'receipts-annual-finished');
  }, 150_000);

  it('opens the receipts of the year, one Sammelbestätigung, and downloads its PDF', async () => {
    // numbered in the year they are issued
    const issuedIn = Number(berlinToday(new Date()).slice(0, 4));
    await clickAndWait(page, page.getByRole('link', { name: `Bestätigungen ansehen (Nummern ${issuedIn}-…)` }));
    expect(new URL(page.url()).pathname).toBe('/receipts');
    expect(new URL(page.url()).searchParams.get('year')).toBe(String(issuedIn));
    expect(await page.locator('main').innerText()).toContain(`${expected.receipts.count} Bestätigung(en)`);
    await screenshot(page, 'receipts-list');

    await go(`/receipts?year=${issuedIn}&q=${encodeURIComponent(giver.name)}`);
    const row = page.locator('table tbody tr', { hasText: giver.name });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('Sammel');
    await clickAndWait(page, row.getByRole('link').first());
    expect(await h1()).toMatch(new RegExp(`^Zuwendungsbestätigung ${issuedIn}-\\d+$`));
    const number = (await h1()).split(' ')[1]!;
    await screenshot(page, 'receipts-detail');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF herunterladen' }).click()]);
    const pdf = join(workDir, 'receipt.pdf');
    await download.saveAs(pdf);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Sammelbestätigung über Geldzuwendungen/Mitgliedsbeiträge');
    expect(text).toContain(giver.name);
    expect(text).toContain(number);
    expect(text).toContain(formatEuro(giver.cents).replace(/\u00a0/g, ' ').replace(' €', ''));
    // made by machine with the procedure reported: the note instead of a signature
    expect(text).toContain('Die maschinelle Erstellung der Zuwendungsbestätigung wurde dem zuständigen Finanzamt');
  });

  it('the receipt went out by mail with its PDF', async () => {
    const toGiver = (m: (typeof smtp.mails)[number]) => [m.to].flat().some((to) => to?.value.some((a) => a.address === giverEmail));
    const mail = await smtp.waitForMail((m) => toGiver(m) && m.attachments.some((a) => a.contentType === 'application/pdf'), 30_000);
    const attachment = mail.attachments.find((a) => a.contentType === 'application/pdf')!;
    const pdf = join(workDir, 'mailed.pdf');
    writeFileSync(pdf, attachment.content);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Sammelbestätigung über Geldzuwendungen/Mitgliedsbeiträge');
    expect(text).toContain(giver.name);
    // every mail of the run arrives, each with one PDF
    await expect.poll(() => smtp.mails.filter((m) => m.attachments.some((a) => a.contentType === 'application/pdf')).length, { timeout: 30_000, interval: 500 }).toBe(expected.receipts.byMail);
  }, 90_000);
});
