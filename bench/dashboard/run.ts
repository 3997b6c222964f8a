// `TEST_DATABASE_URL=postgres://root@127.0.0.1:5432/test npm run bench:dashboard` — the finance dashboard
// (issue #7) on PostgreSQL with 1,000,000 donations, 20,000 members, 200,000 dues claims and 500 grant
// applications (bench/dashboard/generate.ts): the full page GET /dashboard for the current year, as a
// signed-in board user through the real app (app.request: session check, every middleware, the JSX
// page with its SVG charts), side by side with the floor — dashboardFigures, the page's own SQL
// queries with nothing rendered. Targets: page p95 ≤ 50 ms; page p95 ≤ 1.5 × floor p95.
// Writes its section of docs/benchmarks.md (hand notes after `<!-- notes -->` are kept).
//
// Flags: --keep keeps the database (kw_bench_dashboard) after the run; --reuse takes it as it is when it
// is there (new migrations are applied, nothing regenerated); BENCH_N=… requests per side (default 60).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import postgres from 'postgres';
import { createApp } from '../../api/app';
import { insertUser } from '../../api/auth/queries';
import { createSession, SESSION_COOKIE } from '../../api/auth/sessions';
import { loadConfig } from '../../api/config';
import type { Deps } from '../../api/deps';
import { stripeFor } from '../../api/donations/stripe-client';
import { dashboardFigures } from '../../api/reports/dashboard-figures';
import * as q from '../../api/reports/queries';
import { parseReportPeriod } from '../../api/lib/report-periods';
import { openPostgres } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { generateDashboardData, type DashboardData } from './generate';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DB_NAME = 'kw_bench_dashboard';
const N = Number(process.env.BENCH_N ?? 60);
const WARMUP = 10;
const TARGET_P95_MS = 50;
const TARGET_RATIO = 1.5;
const TODAY = '2026-11-24';
const KEEP = process.argv.includes('--keep');
const REUSE = process.argv.includes('--reuse');

const url = process.env.TEST_DATABASE_URL;
if (!url) {
  console.error('bench:dashboard runs on PostgreSQL: set TEST_DATABASE_URL=postgres://root@127.0.0.1:5432/test');
  process.exit(1);
}
const loadNow = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
/** Other test runs on the machine while this one measures (the 2 cores are shared). */
const vitests = () => {
  try {
    return execFileSync('sh', ['-c', 'ps -eo args | grep -c "[v]itest"'], { encoding: 'utf8' }).trim();
  } catch {
    return '0';
  }
};
const n = (x: number) => Math.round(x).toLocaleString('en');
const ms = (x: number) => `${x.toFixed(1)} ms`;

// --- the database ------------------------------------------------------------------------------------
const admin = postgres(url, { max: 1, onnotice: () => {} });
const exists = (await admin`select 1 from pg_database where datname = ${DB_NAME}`).length > 0;
const fresh = !(REUSE && exists);
if (fresh) {
  await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  await admin.unsafe(`create database ${DB_NAME}`);
}
const u = new URL(url);
u.pathname = `/${DB_NAME}`;
// the pool the Node entry opens (api/node.ts: postgres.js' default of 10 connections)
const database = openPostgres(u.toString());
const db = database.db;
const clock = { now: () => new Date(`${TODAY}T10:00:00Z`) };
const config = loadConfig({ NODE_ENV: 'production', BASE_URL: 'https://kassenwart.example.org', LOG_LEVEL: 'silent' });

let data: DashboardData;
let generateSeconds = 0;
try {
  await migrateToLatest(db);
  if (fresh) {
    console.error(`generating the data (load ${loadNow()}) …`);
    const started = performance.now();
    data = await generateDashboardData(db, TODAY);
    generateSeconds = (performance.now() - started) / 1000;
    console.error(`  done in ${generateSeconds.toFixed(0)} s`);
  } else {
    await sql`analyze`.execute(db);
    const c = async (table: string, where = 'true') => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.raw(where)}`.execute(db)).rows[0]!.n);
    data = {
      members: await c('members'),
      claims: await c('claims'),
      payments: await c('payments'),
      reversedPayments: await c('payments', 'reversed_on is not null'),
      debits: await c('sepa_debits'),
      returnedDebits: await c('sepa_debits', `status = 'returned'`),
      donations: await c('donations'),
      monthlyDonations: await c('donations', 'subscription_id is not null'),
      refunded: await c('donations', 'refunded_cents > 0'),
      donors: await c('donors'),
      subscriptions: await c('donation_subscriptions'),
      grants: await c('grant_applications'),
      grantPayments: await c('grant_payments'),
      deadlines: await c('grant_deadlines'),
    };
  }

  // --- the app, as the Node entry builds it, and a board member's session ---------------------------
  const deps: Deps = {
    db,
    engine: 'postgres',
    config,
    clock,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    mailer: null,
    payments: stripeFor(config),
    background: (task) => void task(),
  };
  const app = createApp(() => deps);
  const user = await insertUser(db, { email: `vorstand-${Date.now()}@example.org`, name: 'Vorstand Bench', role: 'board', status: 'active', password_hash: null, language: 'de', at: clock.now() });
  const { token } = await createSession(db, user.id, deps);
  const cookie = `${SESSION_COOKIE}=${token}`;
  const year = TODAY.slice(0, 4);
  const input = { period: year };

  const page = async () => {
    const res = await app.request(`/dashboard?period=${year}`, { headers: { cookie } });
    const html = await res.text();
    if (res.status !== 200) throw new Error(`GET /dashboard answered ${res.status}: ${html.slice(0, 300)}`);
    return html;
  };
  const floor = () => dashboardFigures(db, input, deps);

  // the page shows what the floor computes (a check, outside the clock)
  const html = await page();
  const { figures } = await floor();
  const shown = Number(/data-figure="donations\.sum" data-value="(-?\d+)"/.exec(html)?.[1]);
  const check = `page ${n(html.length / 1024)} KiB of HTML, ${html.match(/<svg/g)?.length ?? 0} SVG charts, ${html.match(/data-figure=/g)?.length ?? 0} figures; the year's donations ${(figures.donations.cents / 100).toLocaleString('de-DE')} € in ${n(figures.donations.gifts)} gifts from ${n(figures.donations.donors)} donors${shown === figures.donations.cents ? ' (the page shows the same sum)' : ` (**the page shows ${shown}**)`}`;

  // --- measuring: warm-up, then page and floor in turns so both see the same machine ------------------
  console.error(`warm-up and ${N} + ${N} measured calls (load ${loadNow()}, ${vitests()} vitest processes) …`);
  const loadAtStart = loadNow();
  const vitestsAtStart = vitests();
  for (let i = 0; i < WARMUP; i++) {
    await page();
    await floor();
  }
  const pageMs: number[] = [];
  const floorMs: number[] = [];
  for (let i = 0; i < N; i++) {
    let t0 = performance.now();
    await floor();
    floorMs.push(performance.now() - t0);
    t0 = performance.now();
    await page();
    pageMs.push(performance.now() - t0);
  }
  const loadAtEnd = loadNow();
  const vitestsAtEnd = vitests();

  // each query on its own (sequential, median of 15): where the floor's time goes
  const { period, comparison } = parseReportPeriod(input, TODAY);
  const single: [string, () => Promise<unknown>][] = [
    ['incomeByMonth (period)', () => q.incomeByMonth(db, period)],
    ['incomeByMonth (last year)', () => q.incomeByMonth(db, comparison)],
    ['claimsDueIn', () => q.claimsDueIn(db, period)],
    ['arrearsByAge', () => q.arrearsByAge(db, period.asOf)],
    ['returnedDebits', () => q.returnedDebits(db, period)],
    ['membersByType', () => q.membersByType(db, period.asOf)],
    ['memberMovements', () => q.memberMovements(db, period)],
    ['donationsByPurpose', () => q.donationsByPurpose(db, period)],
    ['donationTotals', () => q.donationTotals(db, period)],
    ['activeMonthlyGifts', () => q.activeMonthlyGifts(db, period.asOf)],
    ['grantsByStatus', () => q.grantsByStatus(db)],
    ['grantDeadlines', () => q.grantDeadlines(db, TODAY)],
    ['overdueDeadlineCount', () => q.overdueDeadlineCount(db, TODAY)],
  ];
  const perQuery: { name: string; median: number }[] = [];
  for (const [name, fn] of single) {
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
    }
    perQuery.push({ name, median: pct(times, 50) });
  }

  const p = { page: stats(pageMs), floor: stats(floorMs) };
  const ratio = p.page.p95 / p.floor.p95;
  const metP95 = p.page.p95 <= TARGET_P95_MS;
  const metRatio = ratio <= TARGET_RATIO;
  const indexes = (await sql<{ name: string; tbl: string }>`
      select indexname as name, tablename as tbl from pg_indexes
       where schemaname = 'public' and tablename in ('donations', 'payments', 'claims', 'members', 'sepa_debits', 'sepa_collections', 'grant_payments', 'grant_deadlines', 'grant_applications', 'donation_subscriptions')
       order by 2, 1`.execute(db)).rows;

  const section = `## Finance dashboard (bench/dashboard)

\`TEST_DATABASE_URL=postgres://root@127.0.0.1:5432/test npm run bench:dashboard\` — on PostgreSQL (database \`${DB_NAME}\`, made afresh and dropped after;
\`-- --keep\` / \`-- --reuse\` keep and reuse it), data written by bench/dashboard/generate.ts in ${fresh ? `${generateSeconds.toFixed(0)} s` : '(reused)'}, then ANALYZE:
${n(data.members)} members (three membership types, joins over ten years, ~5 % left), ${n(data.claims)} quarterly dues claims 2024-Q3 … 2026-Q4 with
${n(data.payments)} payments (${n(data.reversedPayments)} reversed by a returned debit), ${n(data.debits)} SEPA debits (${n(data.returnedDebits)} returned),
${n(data.donations)} donations 2024-01-01 … ${TODAY} (${n(data.monthlyDonations)} from ${n(data.subscriptions)} monthly gifts, the rest one-off; ${n(data.donors)} donors, 3 % anonymous; six purposes;
${n(data.refunded)} wholly or partly refunded, some failed or pending), ${n(data.grants)} grant applications across the pipeline with ${n(data.grantPayments)} payments and ${n(data.deadlines)} deadlines.
Clock ${TODAY}; the page is \`GET /dashboard?period=${year}\` (the year to date and the same days of ${Number(year) - 1}) as a signed-in board user through
\`app.request\` on the app the Node entry builds (every middleware, session check, the page with its SVG charts; pool of 10 connections).
The floor is \`dashboardFigures\` — the page's own 14 SQL queries (13 calls, run together as the page runs them) and nothing rendered.
${WARMUP} warm-up calls of each, then ${N} of each in turns (floor, page, floor, …). ${check}.

Machine: Node ${process.version}, ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}, load average ${loadAtStart} at start and ${loadAtEnd} at the end,
${vitestsAtStart} / ${vitestsAtEnd} vitest processes of other work running at start / end, ${new Date().toISOString().slice(0, 10)}.

| what | calls | p50 | p95 | max | target | met |
|---|---|---|---|---|---|---|
| page GET /dashboard (board, year ${year}) | ${N} | ${ms(p.page.p50)} | **${ms(p.page.p95)}** | ${ms(p.page.max)} | p95 ≤ ${TARGET_P95_MS} ms | ${metP95 ? 'yes' : '**no**'} |
| floor: dashboardFigures, the SQL alone | ${N} | ${ms(p.floor.p50)} | **${ms(p.floor.p95)}** | ${ms(p.floor.max)} | – | – |
| page p95 ÷ floor p95 | | | **${ratio.toFixed(2)}×** | | ≤ ${TARGET_RATIO}× | ${metRatio ? 'yes' : '**no**'} |

Each query alone (sequential, median of 15): ${perQuery.map((x) => `${x.name} ${x.median.toFixed(1)}`).join(', ')} ms.

Indexes on the tables it reads: ${indexes.map((i) => `${i.tbl}.${i.name}`).join(', ')}.
`;

  const file = join(ROOT, 'docs', 'benchmarks.md');
  const docs = readFileSync(file, 'utf8');
  const marker = '## Finance dashboard (bench/dashboard)';
  const at = docs.indexOf(marker);
  const next = at >= 0 ? docs.indexOf('\n## ', at + marker.length) : -1;
  const kept = at >= 0 ? docs.slice(0, at) + (next >= 0 ? docs.slice(next + 1) : '') : docs;
  const handWritten = at >= 0 ? (docs.slice(at, next >= 0 ? next : undefined).split('<!-- notes -->')[1] ?? '') : '';
  if (process.env.BENCH_NO_WRITE !== '1') writeFileSync(file, `${kept.trimEnd()}\n\n${section}${handWritten ? `\n<!-- notes -->${handWritten.trimEnd()}\n` : ''}`);
  console.log(section);
} finally {
  await database.close();
  if (!KEEP) await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  await admin.end();
}

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
function stats(xs: number[]) {
  return { p50: pct(xs, 50), p95: pct(xs, 95), max: Math.max(...xs) };
}
