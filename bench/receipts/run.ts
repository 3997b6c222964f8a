// `node --import tsx bench/receipts/run.ts` (with TEST_DATABASE_URL=postgres://… also on PostgreSQL):
// the annual receipt run for 10,000 donors × 5 gifts — one Sammelbestätigung with its Anlage each,
// PDFs stored as the Doppel, mails queued — side by side with (a) bare pdfkit drawing the same pages
// on the same cores (the floor, floor.ts) and (b) LibreOffice headless converting a prefilled
// receipt document, one soffice start per receipt and in batches (libreoffice.ts).
// Targets (receipts issue): run ≤ 60 s; ≥ 2/3 of the floor's throughput; ≥ 100× faster than one
// soffice start per receipt and ≥ 10× faster than batch conversion. Writes docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { loadConfig } from '../../api/config';
import { systemActor } from '../../api/deps';
import { getBlob } from '../../api/files/blobs';
import { threadRenderer } from '../../api/receipts/render-threads';
import { useReceiptRenderer } from '../../api/receipts/renderer';
import { processAnnualRun, startAnnualRun } from '../../api/receipts/run-annual-receipts';
import { insertAssociation } from '../../api/settings/queries';
import { openPglite, openPostgres, type Database } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { SAMPLE_ASSOCIATION } from '../../db/seed/sample-association';
import { measureFloor } from './floor';
import { GIFTS_PER_RECEIPT, sammelReceiptData, YEAR } from './fixtures/sammel-data';
import { measureLibreOfficeBatch, measureLibreOfficePerFile } from './libreoffice';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DONORS = Number(process.env.BENCH_DONORS ?? 10_000);
const THREADS = availableParallelism();
const LO_PER_FILE = 10;
const LO_BATCH = 200;
const TARGET_S = 60;
const clock = { now: () => new Date(`${YEAR + 1}-01-15T09:00:00Z`) };
const config = loadConfig({ NODE_ENV: 'production', BASE_URL: 'https://kassenwart.example.org', LOG_LEVEL: 'silent' });
const logger = { debug() {}, info() {}, warn() {}, error() {} };
const actor = systemActor('bench');
const loadNow = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const n = (x: number) => Math.round(x).toLocaleString('en');

/**
 * The donors and gifts of sammelReceiptData(0 … DONORS-1), so the run draws the floor's pages:
 * same names, addresses, dates and amounts (the floor's member fees are donations here: the
 * pages differ in that one word of the Anlage). Every other donor has an e-mail address: those
 * receipts are mailed (the machine procedure is reported), the others go to the print batch.
 */
async function seed(database: Database) {
  await insertAssociation(database.db, SAMPLE_ASSOCIATION, clock.now());
  await database.db.updateTable('association').set({ machine_procedure_notified_on: '2026-01-10' }).execute();
  const at = clock.now();
  for (let start = 0; start < DONORS; start += 1000) {
    const data = Array.from({ length: Math.min(1000, DONORS - start) }, (_, k) => sammelReceiptData(start + k));
    const donors = await database.db
      .insertInto('donors')
      .values(
        data.map((d, k) => ({
          name: d.donor.name,
          street: d.donor.addressLines[0]!,
          postal_code: d.donor.addressLines[1]!.slice(0, 5),
          city: d.donor.addressLines[1]!.slice(6),
          email: (start + k) % 2 ? `spender${start + k}@example.org` : null,
          created_at: at,
          updated_at: at,
        })),
      )
      .returning('id')
      .execute();
    await database.db
      .insertInto('donations')
      .values(
        data.flatMap((d, k) =>
          d.items.map((item) => ({
            donor_id: donors[k]!.id,
            donated_on: item.date,
            amount_cents: item.amountCents,
            method: 'transfer' as const,
            status: 'succeeded' as const,
            source: 'offline' as const,
            created_by: 'bench',
            created_at: at,
            updated_at: at,
          })),
        ),
      )
      .execute();
  }
}

interface RunResult {
  seconds: number;
  receipts: number;
  items: number;
  mails: number;
  forPost: number;
  pdfBytes: number;
  gapless: boolean;
  sample: string;
  again: string;
}

async function annualRun(database: Database): Promise<RunResult> {
  await migrateToLatest(database.db);
  await seed(database);
  const deps = { db: database.db, clock, config, logger };
  const started = performance.now();
  const start = await startAnnualRun(database.db, { year: YEAR, actor }, deps);
  const runId = start.runId;
  let last = 0;
  await processAnnualRun(
    database.db,
    {
      runId,
      actor,
      people: 'people' in start ? start.people : undefined,
      onProgress: (p) => {
        if (p.donorsDone - last >= 2000 || p.donorsDone === p.donorsTotal) {
          last = p.donorsDone;
          console.error(`  ${n(p.donorsDone)}/${n(p.donorsTotal)} after ${((performance.now() - started) / 1000).toFixed(1)} s`);
        }
      },
    },
    deps,
  );
  const seconds = (performance.now() - started) / 1000;

  // checked outside the clock: everything issued once, numbers 1…N, the Doppel readable
  const db = database.db;
  const count = async (table: 'receipts' | 'receipt_items' | 'outbox' | 'blobs') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const seqs = await db.selectFrom('receipts').select((eb) => [eb.fn.min<number>('seq').as('lo'), eb.fn.max<number>('seq').as('hi'), eb.fn.count<number>('seq').distinct().as('n')]).executeTakeFirstOrThrow();
  const bytes = await db.selectFrom('blobs').select((eb) => eb.fn.sum<number>('byte_size').as('b')).executeTakeFirstOrThrow();
  const run = await db.selectFrom('receipt_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
  const one = await db.selectFrom('receipts').select(['blob_key', 'recipient_name']).where('seq', '=', 4243).executeTakeFirst();
  let sample = 'no sample';
  if (one && process.env.BENCH_DB_ONLY !== '1') {
    const dir = mkdtempSync(join(tmpdir(), 'kw-bench-receipt-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), (await getBlob(db, one.blob_key))!.bytes);
      const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'r.pdf')], { encoding: 'utf8' }))?.[1]);
      const ok = text.includes('Sammelbestätigung über Geldzuwendungen/Mitgliedsbeiträge') && text.includes('Anlage zur Sammelbestätigung');
      sample = `receipt no. 4,243 read back with pdftotext: ${pages} pages, Muster title and Anlage ${ok ? 'present' : '**missing**'}`;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const againAt = performance.now();
  let again: string;
  try {
    await startAnnualRun(database.db, { year: YEAR, actor }, deps);
    again = 'a second run started (**wrong**)';
  } catch (error) {
    again = `a second start refuses in ${((performance.now() - againAt) / 1000).toFixed(2)} s: “${(error as { detail?: { de: string } }).detail?.de.split(':')[0]}”`;
  }
  return {
    seconds,
    receipts: await count('receipts'),
    items: await count('receipt_items'),
    mails: run.mails_queued,
    forPost: run.for_post,
    pdfBytes: Number(bytes.b),
    gapless: Number(seqs.lo) === 1 && Number(seqs.hi) === DONORS && Number(seqs.n) === DONORS,
    sample,
    again,
  };
}

async function onPostgres(url: string) {
  const name = `kw_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = openPostgres(u.toString(), { max: 5 });
  try {
    return await annualRun(database);
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function onPglite() {
  const database = await openPglite();
  try {
    return await annualRun(database);
  } finally {
    await database.close();
  }
}

// --- the measurements, side by side --------------------------------------------------------------

const loadAtStart = loadNow();
// BENCH_DB_ONLY=1: every PDF is the same 28 kB of random filler (as incompressible as a real PDF's
// deflated streams), to see what the database side costs alone
const DB_ONLY = process.env.BENCH_DB_ONLY === '1';
const filler = randomBytes(28_500);
const renderer = DB_ONLY ? Object.assign(async (rs: unknown[]) => rs.map(() => new Uint8Array(filler)), { close: async () => {} }) : threadRenderer(THREADS);
useReceiptRenderer(renderer);
// the threads start (and load pdfkit and the fonts) before the clock runs, as the floor's do
await renderer([sammelReceiptData(0), sammelReceiptData(1), sammelReceiptData(2), sammelReceiptData(3)]);

const engines: { name: string; result: RunResult }[] = [];
const url = process.env.TEST_DATABASE_URL;
if (url) {
  console.error(`annual run on PostgreSQL, ${n(DONORS)} donors (load ${loadNow()}) …`);
  engines.push({ name: 'PostgreSQL', result: await onPostgres(url) });
}
console.error(`annual run on PGlite, ${n(DONORS)} donors (load ${loadNow()}) …`);
engines.push({ name: 'PGlite (in memory)', result: await onPglite() });
await renderer.close();
if (DB_ONLY) {
  for (const e of engines) console.log(`${e.name}: ${n(e.result.receipts)} receipts in ${e.result.seconds.toFixed(2)} s without drawing (${((e.result.seconds * 1000) / e.result.receipts).toFixed(2)} ms each)`);
  process.exit(0);
}

console.error(`floor: bare pdfkit, ${n(DONORS)} receipts on ${THREADS} threads (load ${loadNow()}) …`);
const floor = await measureFloor({ receipts: DONORS, threads: THREADS });
console.error(`LibreOffice: ${LO_PER_FILE} receipts, one soffice each (load ${loadNow()}) …`);
const loPerFile = await measureLibreOfficePerFile({ receipts: LO_PER_FILE });
console.error(`LibreOffice: ${LO_BATCH} receipts in one soffice call (load ${loadNow()}) …`);
const loBatch = await measureLibreOfficeBatch({ receipts: LO_BATCH });
const loadAtEnd = loadNow();

const rows: string[] = [];
const verdicts: string[] = [];
for (const { name, result: r } of engines) {
  const perSecond = r.receipts / r.seconds;
  const msEach = (r.seconds * 1000) / r.receipts;
  const ofFloor = perSecond / floor.perSecond;
  const vsPerFile = loPerFile.perReceiptMs / msEach;
  const vsBatch = loBatch.perReceiptMs / msEach;
  rows.push(
    `| annual run, ${name} | ${n(r.receipts)} | **${r.seconds.toFixed(1)} s** | ${perSecond.toFixed(0)}/s (${msEach.toFixed(2)} ms each) | ${(ofFloor * 100).toFixed(0)} % | ${vsPerFile.toFixed(0)}× | ${vsBatch.toFixed(1)}× |`,
  );
  verdicts.push(
    `${name}: ≤ ${TARGET_S} s ${r.seconds <= TARGET_S ? 'met' : '**not met**'}; ≥ 2/3 of the floor ${ofFloor >= 2 / 3 ? 'met' : '**not met**'}; ` +
      `≥ 100× one soffice per receipt ${vsPerFile >= 100 ? 'met' : '**not met**'}; ≥ 10× batch conversion ${vsBatch >= 10 ? 'met' : '**not met**'}.`,
  );
  verdicts.push(
    `  ${name} checks: ${n(r.receipts)} receipts, ${n(r.items)} gifts on them, numbers ${r.gapless ? `${YEAR + 1}-00001 … ${YEAR + 1}-${String(DONORS).padStart(5, '0')} without gap` : '**with gaps**'}, ` +
      `${n(r.mails)} mails queued (PDF attached from the archive), ${n(r.forPost)} for the print batch, ${(r.pdfBytes / 1024 / 1024).toFixed(0)} MiB of PDFs stored (${n(r.pdfBytes / r.receipts)} bytes each); ${r.sample}; ${r.again}.`,
  );
}
rows.push(`| (a) floor: bare pdfkit, same pages, no database | ${n(floor.receipts)} | ${floor.seconds.toFixed(1)} s | ${floor.perSecond.toFixed(0)}/s (${((floor.seconds * 1000) / floor.receipts).toFixed(2)} ms each) | 100 % | – | – |`);
rows.push(`| (b1) LibreOffice, one \`soffice\` start per receipt | ${n(loPerFile.receipts)} | ${loPerFile.seconds.toFixed(1)} s | ${(1000 / loPerFile.perReceiptMs).toFixed(1)}/s (${n(loPerFile.perReceiptMs)} ms each) | – | 1× | – |`);
rows.push(`| (b2) LibreOffice, one \`soffice\` call for ${n(loBatch.receipts)} files | ${n(loBatch.receipts)} | ${loBatch.seconds.toFixed(1)} s | ${(1000 / loBatch.perReceiptMs).toFixed(1)}/s (${n(loBatch.perReceiptMs)} ms each) | – | – | 1× |`);

const section = `## Annual receipt run (bench/receipts)

\`TEST_DATABASE_URL=postgres://root@127.0.0.1:5432/test node --import tsx bench/receipts/run.ts\` — the annual run of
Zuwendungsbestätigungen for ${n(DONORS)} donors × ${GIFTS_PER_RECEIPT} gifts of ${YEAR} (\`startAnnualRun\` + \`processAnnualRun\`, as the web button and
\`npm run receipts\` call them): one Sammelbestätigung with its Anlage per donor (2 A4 pages), the numbers taken, the PDF stored as the
Doppel with its SHA-256, the gifts linked, an audit row and — for the half with an e-mail address — a mail in the outbox with the
PDF attached from the archive; 400 donors per transaction, the PDFs drawn by ${THREADS} worker threads. Fresh database per engine, the
threads started before the clock (as the floor's are). Side by side in the same run: (a) the floor — bare pdfkit drawing the same
pages (\`sammelReceiptData\`, bench/receipts/fixtures) with \`renderReceiptPdf\` in ${THREADS} threads, nothing stored; (b) LibreOffice
headless (Debian libreoffice-writer-nogui) converting the same receipt as a prefilled flat ODT (bench/receipts/libreoffice.ts), once
with one \`soffice --convert-to pdf\` start per receipt and once as a batch in one call (LibreOffice 7.4 stops silently after ~246 files
of one call, so batches are ${200} files).

Machine: Node ${process.version}, ${cpus().length} cores (\`nproc\`), ${cpus()[0]?.model ?? '?'}, load average ${loadAtStart} at start and ${loadAtEnd} at the end, ${new Date().toISOString().slice(0, 10)}.

| what | receipts | time | throughput | of the floor | vs. (b1) | vs. (b2) |
|---|---|---|---|---|---|---|
${rows.join('\n')}

${verdicts.map((v) => (v.startsWith('  ') ? `  ${v.trim()}` : `- ${v}`)).join('\n')}
`;

const file = join(ROOT, 'docs', 'benchmarks.md');
const docs = readFileSync(file, 'utf8');
const marker = '## Annual receipt run (bench/receipts)';
const at = docs.indexOf(marker);
const next = at >= 0 ? docs.indexOf('\n## ', at + marker.length) : -1;
const kept = at >= 0 ? docs.slice(0, at) + (next >= 0 ? docs.slice(next + 1) : '') : docs;
const handWritten = at >= 0 ? (docs.slice(at, next >= 0 ? next : undefined).split('<!-- notes -->')[1] ?? '') : '';
writeFileSync(file, `${kept.trimEnd()}\n\n${section}${handWritten ? `\n<!-- notes -->${handWritten.trimEnd()}\n` : ''}`);
console.log(section);
