// `npm run bench:csv-import`: preview + commit of a 10,000-row member list (CSV as Excel writes
// it) on PGlite in memory and, when TEST_DATABASE_URL is set, on PostgreSQL. Median of 3 runs,
// each on a fresh migrated database. Writes the result to docs/benchmarks.md.
// Target: preview + commit ≤ 10 s.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import postgres from 'postgres';
import { inTransaction, systemActor } from '../../api/deps';
import { toExcelCsv } from '../../api/lib/csv';
import { commitMemberImport, previewMemberImport } from '../../api/members/import-members';
import { insertMembershipType } from '../../api/members/queries';
import { openPglite, openPostgres, type Database } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { FIRST, LAST, rng, STREETS } from '../data';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROWS = 10_000;
const RUNS = 3;
const TARGET_MS = 10_000;
const clock = { now: () => new Date('2026-11-24T10:00:00Z') };
const deps = { clock };
const actor = systemActor('bench');

// --- data: a member list of an association in a German city ---------------------------------------

const CITIES: [string, string][] = [
  ['Berlin', '10997'], ['Berlin', '12047'], ['Berlin', '13353'], ['Hamburg', '20095'], ['München', '80331'], ['Köln', '50667'], ['Frankfurt am Main', '60311'],
  // Excel drops the leading zero of a postal code it took for a number: the import puts it back.
  ['Dresden', '1067'], ['Leipzig', '04109'], ['Duisburg', '47051'], ['Offenbach am Main', '63065'], ['Mannheim', '68159'],
];
const TYPES = [
  { name: 'Ordentliches Mitglied', fee: '60,00', reduced: '30,00' },
  { name: 'Fördermitglied', fee: '5,00', reduced: null },
  { name: 'Familienmitglied', fee: '24,00', reduced: '12,00' },
];
const LANGUAGES = ['Deutsch', 'Deutsch', 'Deutsch', 'Türkisch', 'Arabisch', 'Englisch'];

function generateCsv(rows: number): Uint8Array {
  const r = rng(20261124);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = (fromYear: number, toYear: number) => `${pad(1 + Math.floor(r() * 28))}.${pad(1 + Math.floor(r() * 12))}.${fromYear + Math.floor(r() * (toYear - fromYear + 1))}`;
  const header = ['Mitgliedsnummer', 'Vorname', 'Nachname', 'Straße', 'PLZ', 'Ort', 'E-Mail', 'Telefon', 'Geburtsdatum', 'Eintritt', 'Austritt', 'Status', 'Beitragsart', 'Beitrag', 'Ermäßigt', 'Zahlungsweise', 'Zahlt über', 'Sprache', 'Notizen'];
  const out: (string | number | null)[][] = [];
  const payers: number[] = [];
  for (let i = 1; i <= rows; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const [city, plz] = pick(CITIES);
    const roll = r();
    const status = roll < 0.92 ? 'aktiv' : roll < 0.98 ? 'ausgetreten' : 'Antrag';
    const numbered = status !== 'Antrag' && r() < 0.9;
    const number = numbered ? i : null;
    const join = status === 'Antrag' ? '' : date(1995, 2025);
    const exit = status === 'ausgetreten' ? `${join.slice(0, 6)}2026` : '';
    const payer = status === 'aktiv' && payers.length > 0 && r() < 0.05 ? pick(payers) : null;
    const type = payer ? TYPES[2]! : pick(TYPES);
    const reduced = payer !== null || (type.reduced !== null && r() < 0.2);
    if (number !== null && status === 'aktiv' && payer === null) payers.push(number);
    const asciiLast = last.normalize('NFKD').replace(/[^A-Za-z-]/g, '').toLowerCase();
    const asciiFirst = first.normalize('NFKD').replace(/[^A-Za-z]/g, '').toLowerCase();
    out.push([
      number,
      first,
      last,
      `${pick(STREETS)} ${1 + Math.floor(r() * 180)}`,
      plz,
      city,
      // Rows without a number are recognised by name + e-mail: every e-mail is distinct.
      numbered && r() < 0.3 ? '' : `${asciiFirst}.${asciiLast}.${i}@example.org`,
      r() < 0.5 ? `+49 ${30 + Math.floor(r() * 60)} ${1000000 + Math.floor(r() * 8999999)}` : '',
      date(1940, 2005),
      join,
      exit,
      status,
      type.name,
      reduced ? type.reduced : type.fee,
      reduced ? 'ja' : 'nein',
      payer ? '' : pick(['Lastschrift', 'Lastschrift', 'Überweisung', 'Überweisung', 'Karte']),
      payer,
      pick(LANGUAGES),
      r() < 0.1 ? 'Ruft zurück; bevorzugt „Türkisch“\nSprechstunde dienstags' : '',
    ]);
  }
  return new TextEncoder().encode(toExcelCsv(header, out));
}

// --- measuring -------------------------------------------------------------------------------------

async function prepare(database: Database) {
  await migrateToLatest(database.db);
  for (const t of TYPES) {
    await insertMembershipType(
      database.db,
      { name: t.name, fee_cents: Number(t.fee.replace(',', '')), reduced_fee_cents: t.reduced ? Number(t.reduced.replace(',', '')) : undefined, interval: 'yearly', active: true },
      clock.now(),
    );
  }
}

interface Run {
  preview: number;
  commit: number;
  total: number;
  reimport: number;
}

async function runOnce(database: Database, csv: Uint8Array): Promise<Run> {
  await prepare(database);
  let started = performance.now();
  const preview = await previewMemberImport(database.db, { csvBytes: csv }, deps);
  const previewMs = performance.now() - started;
  if (preview.counts.error || preview.fileErrors.length) {
    const first = preview.rows.find((row) => row.errors.length);
    throw new Error(`generated file has errors: ${JSON.stringify(preview.fileErrors)} ${JSON.stringify(first)}`);
  }
  started = performance.now();
  const result = await inTransaction(database.db, (trx) => commitMemberImport(trx, { csvBytes: csv, mapping: preview.mapping, actor }, deps));
  const commitMs = performance.now() - started;
  if (result.created !== ROWS) throw new Error(`created ${result.created} of ${ROWS}`);
  // The same file again: preview + commit that create nothing.
  started = performance.now();
  const again = await previewMemberImport(database.db, { csvBytes: csv }, deps);
  const second = await inTransaction(database.db, (trx) => commitMemberImport(trx, { csvBytes: csv, mapping: again.mapping, actor }, deps));
  const reimportMs = performance.now() - started;
  if (second.created !== 0 || second.existing !== ROWS) throw new Error(`re-import created ${second.created}, recognised ${second.existing}`);
  return { preview: previewMs, commit: commitMs, total: previewMs + commitMs, reimport: reimportMs };
}

async function onPglite(csv: Uint8Array): Promise<Run> {
  const database = await openPglite();
  try {
    return await runOnce(database, csv);
  } finally {
    await database.close();
  }
}

async function onPostgres(url: string, csv: Uint8Array): Promise<Run> {
  const name = `kw_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = openPostgres(u.toString(), { max: 5 });
  try {
    return await runOnce(database, csv);
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const csv = generateCsv(ROWS);
const packed = Buffer.from(gzipSync(csv)).toString('base64').length;
const load = loadavg()[0]!.toFixed(2);
const engines: { name: string; run: () => Promise<Run> }[] = [{ name: 'PGlite (in memory)', run: () => onPglite(csv) }];
const url = process.env.TEST_DATABASE_URL;
if (url) engines.push({ name: 'PostgreSQL', run: () => onPostgres(url, csv) });

const lines: string[] = [];
for (const engine of engines) {
  const runs: Run[] = [];
  for (let i = 1; i <= RUNS; i++) {
    console.error(`${engine.name}: run ${i}/${RUNS} …`);
    runs.push(await engine.run());
  }
  const m = (k: keyof Run) => median(runs.map((x) => x[k]));
  const totals = runs.map((x) => x.total);
  lines.push(
    `| ${engine.name} | ${RUNS} | ${s(m('preview'))} | ${s(m('commit'))} | **${s(m('total'))}** | ${s(Math.min(...totals))} – ${s(Math.max(...totals))} | ${s(m('reimport'))} | ≤ 10 s | ${m('total') <= TARGET_MS ? 'yes' : '**no**'} |`,
  );
}

const table = [
  '| database | runs | preview (median) | commit (median) | preview + commit (median) | min – max | same file again (preview + commit) | target | met |',
  '|---|---|---|---|---|---|---|---|---|',
  ...lines,
].join('\n');

const section = `## CSV import (bench/csv-import)

\`npm run bench:csv-import\` — a generated member list of ${ROWS.toLocaleString('en')} rows as Excel writes "CSV UTF-8" (BOM, \`;\`,
CRLF, 19 columns: numbers, German/Turkish/Arabic-origin names with ş/ğ/ı/ä/ö/ü/ß, addresses, German
dates and amounts, 5 % paid by another member, 10 % with a quoted two-line note): ${(csv.length / 1024).toFixed(0)} KiB,
${(packed / 1024).toFixed(0)} KiB as it travels from preview to confirm (gzip + base64 in a hidden field).
Operations \`previewMemberImport\` and \`commitMemberImport\` (one transaction: ${ROWS.toLocaleString('en')} members,
${ROWS.toLocaleString('en')} + 1 audit rows), each run on a fresh migrated database (PGlite in memory${url ? '; PostgreSQL: a new database on TEST_DATABASE_URL' : ''}).
The last column imports the same file once more (everything recognised as already there, nothing written).${url ? '' : '\nPostgreSQL not measured (TEST_DATABASE_URL not set).'}

Machine: Node ${process.version}, ${availableParallelism()} cores (\`nproc\`), ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${load} at start and ${loadavg()[0]!.toFixed(2)} at the end (other work on the machine slows every figure), ${new Date().toISOString().slice(0, 10)}.

${table}
`;

console.log(`\n${section}`);
const doc = join(ROOT, 'docs', 'benchmarks.md');
// Read right before writing: other sections of the file belong to other benchmarks.
const before = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n\nMeasured results of the benchmarks in `bench/`. Re-run them after changes that could matter.\n';
const pattern = /## CSV import \(bench\/csv-import\)\n[\s\S]*?(?=\n## |$)/;
mkdirSync(dirname(doc), { recursive: true });
writeFileSync(doc, pattern.test(before) ? before.replace(pattern, () => section) : `${before.trimEnd()}\n\n${section}`);
console.error(`→ ${doc}`);
