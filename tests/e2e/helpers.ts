import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { simpleParser, type ParsedMail } from 'mailparser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';

/**
 * Browser tests (DESIGN.md, Tests; STACK.md, Browser): the real app as a child process on a
 * fresh data folder, Debian's Chromium driven by playwright-core, screenshots kept as artifacts
 * in test-results/screenshots/ (gitignored).
 */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Debian's Chromium; E2E_CHROMIUM may point elsewhere (e.g. to check the missing-browser path). */
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

/**
 * Whether the browser tests run here. Without Chromium they are skipped with a message, except
 * under CI, where they run and fail (a silently skipped browser suite would hide regressions).
 */
export function browserTestsEnabled(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) return true; // launchBrowser() then fails with a clear message
  console.warn(`Browser-Tests übersprungen: ${CHROMIUM} fehlt (apt-get install -y chromium). / Browser tests skipped: ${CHROMIUM} is missing.`);
  return false;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** stdout and stderr of the server so far, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `node --import tsx api/node.ts` (the pid is the server itself) on a free port with a
 * fresh DATA_DIR, and waits until GET /health answers 200. `env` adds or overrides variables
 * (e.g. SMTP_URL). stop() sends SIGTERM, waits for the exit and removes the data folder.
 */
export async function startServer(options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'kassenwart-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    BASE_URL: url,
    ...options.env,
  };
  // Variables of the developer's shell must not leak into the app under test.
  for (const key of ['DATABASE_URL', 'SMTP_URL', 'MAIL_API_URL', 'MAIL_API_KEY', 'TRUST_PROXY']) {
    if (!options.env || !(key in options.env)) delete env[key];
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/node.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let gone = false;
  void exited.then(() => (gone = true));

  const stop = async () => {
    if (!gone && child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (gone) {
      await stop();
      throw new Error(`Der Server ist beim Start beendet worden / the server exited while starting:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`GET /health did not answer 200 within the time limit:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, dataDir, process: child, output: () => output, stop };
}

/** Debian's Chromium, headless; playwright gives every launch a fresh temporary profile. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} fehlt / is missing: apt-get update && apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a full-page PNG as test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Clicks something that submits a form or follows a link and waits until the next page
 * (after any redirects) has loaded.
 */
export async function clickAndWait(page: Page, target: { click: (options?: { timeout?: number }) => Promise<void> }, options: { timeout?: number } = {}) {
  // the timeout holds for both: a click waits for the navigation it starts, too
  await Promise.all([page.waitForNavigation({ waitUntil: 'load', ...options }), target.click(options)]);
}

export interface SmtpSink {
  url: string;
  mails: ParsedMail[];
  /** Resolves with the first received mail (earlier or later) that matches. */
  waitForMail: (match: (mail: ParsedMail) => boolean, timeoutMs?: number) => Promise<ParsedMail>;
  stop: () => Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that accepts every mail and keeps it parsed. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ParsedMail[] = [];
  const waiters: { match: (m: ParsedMail) => boolean; resolve: (m: ParsedMail) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          for (const w of waiters.splice(0)) {
            if (w.match(mail)) w.resolve(mail);
            else waiters.push(w);
          }
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  const port = await freePort();
  await new Promise<void>((done, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => done());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    waitForMail: (match, timeoutMs = 10_000) => {
      const found = mails.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((done, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching mail within ${timeoutMs} ms (received: ${mails.length})`)), timeoutMs);
        waiters.push({
          match,
          resolve: (m) => {
            clearTimeout(timer);
            done(m);
          },
        });
      });
    },
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** An input by its visible label; required fields show the label followed by " *". */
export function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
}

/** Fills the setup page (association and first admin) as a person would; the caller submits. */
export async function fillSetupPage(page: Page, values: { association: string; iban: string; admin: { name: string; email: string; password: string } }) {
  await field(page, 'Name des Vereins').fill(values.association);
  await field(page, 'Straße und Hausnummer').fill('Oranienstraße 12');
  await field(page, 'PLZ').fill('10997');
  await field(page, 'Ort').fill('Berlin');
  await field(page, 'Ort für Unterschriften').fill('Berlin');
  await field(page, 'Finanzamt').fill('Finanzamt für Körperschaften I Berlin');
  await field(page, 'Steuernummer').fill('27/663/12345');
  await page.getByRole('radio', { name: /^Freistellungsbescheid/ }).check();
  await field(page, 'Datum des Bescheids').fill('2025-06-30');
  await field(page, 'Veranlagungszeitraum von (Jahr)').fill('2022');
  await field(page, 'bis (Jahr)').fill('2024');
  await field(page, 'Zweck 1, Genitiv').fill('der Hilfe für Flüchtlinge');
  await field(page, 'Zweck 1, Akkusativ').fill('die Hilfe für Flüchtlinge');
  await field(page, 'IBAN').fill(values.iban);
  await field(page, 'Gläubiger-Identifikationsnummer').fill('DE98ZZZ09999999999');
  await field(page, 'Name').fill(values.admin.name);
  await field(page, 'E-Mail-Adresse').fill(values.admin.email);
  await field(page, 'Passwort').fill(values.admin.password);
  await field(page, 'Passwort wiederholen').fill(values.admin.password);
}

interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * axe-core (WCAG 2.1 A and AA rules, none switched off) on the page as it is: the serious and
 * critical findings, each as one readable line. The page's context needs bypassCSP: the app's
 * CSP lets no script in but the test's own axe-core.
 */
export async function seriousAxeFindings(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeFinding[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${JSON.stringify(n.target)} – ${v.help}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ')})` : ''}`));
}
