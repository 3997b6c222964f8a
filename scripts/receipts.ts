// `npm run receipts -- --year 2026 [--preview]`: the annual run of Zuwendungsbestätigungen from
// the command line, with a progress bar (api/receipts/run-annual-receipts.ts). On PostgreSQL
// (DATABASE_URL) it runs beside a running server. The embedded database allows one process: while
// the server holds it, this refuses and points to the button in the browser.
import { availableParallelism, userInfo } from 'node:os';
import { ConfigError, loadConfig } from '../api/config';
import { jsonLogger, systemClock, type Actor } from '../api/deps';
import { AppError } from '../api/http/errors';
import { formatEuro } from '../api/lib/money';
import { previewAnnualRun } from '../api/receipts/preview-annual-run';
import { threadRenderer } from '../api/receipts/render-threads';
import { useReceiptRenderer } from '../api/receipts/renderer';
import { findRun } from '../api/receipts/queries';
import { processAnnualRun, startAnnualRun, type RunProgress } from '../api/receipts/run-annual-receipts';
import { openPostgres, type Database } from '../db/connect';
import { DataDirLocked, lockDataDir, openEmbedded } from '../db/embedded';
import { migrateToLatest } from '../db/migrate';

function parseArgs(argv: string[]) {
  const yearAt = argv.indexOf('--year');
  const year = yearAt >= 0 ? Number(argv[yearAt + 1]) : NaN;
  if (!Number.isInteger(year)) {
    console.error('Aufruf / usage: npm run receipts -- --year 2026 [--preview]');
    process.exit(2);
  }
  return { year, preview: argv.includes('--preview') };
}

/** A bar on a terminal; a line every 10 % otherwise (CI logs). */
function progressBar() {
  let lastTenth = -1;
  return (p: RunProgress) => {
    const share = p.donorsTotal ? p.donorsDone / p.donorsTotal : 1;
    const text = `${p.donorsDone}/${p.donorsTotal} Personen, ${p.receiptsIssued} Bestätigungen`;
    if (process.stderr.isTTY) {
      const width = 30;
      const full = Math.round(share * width);
      process.stderr.write(`\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${Math.round(share * 100)} % ${text}   `);
    } else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      process.stderr.write(`${Math.round(share * 100)} % ${text}\n`);
    }
  };
}

async function main() {
  const { year, preview } = parseArgs(process.argv.slice(2));
  const config = loadConfig(process.env);
  let database: Database;
  let unlock = () => {};
  if (config.DATABASE_URL) {
    database = openPostgres(config.DATABASE_URL, { max: 3 });
    await migrateToLatest(database.db);
  } else {
    try {
      unlock = lockDataDir(config.DATA_DIR);
    } catch (error) {
      if (!(error instanceof DataDirLocked)) throw error;
      console.error(
        `Kassenwart läuft gerade mit der eingebetteten Datenbank (${config.DATA_DIR}), die nur ein Prozess öffnen kann.\n` +
          `Bitte den Jahreslauf im Browser starten: ${config.BASE_URL}/receipts/annual?year=${year}\n` +
          `Kassenwart is running on the embedded database, which one process at a time can open. Start the annual run in the browser: ${config.BASE_URL}/receipts/annual?year=${year}`,
      );
      process.exit(1);
    }
    database = await openEmbedded(config.DATA_DIR);
  }
  const deps = { db: database.db, clock: systemClock, config, logger: jsonLogger('warn') };
  const actor: Actor = { kind: 'system', id: null, label: `CLI (${userInfo().username})`, role: null };
  try {
    const p = await previewAnnualRun(database.db, { year, listLimit: 20 }, deps);
    console.log(`Jahreslauf ${year} (${p.from} bis ${p.to}): ${p.receipts.count} Bestätigungen über ${formatEuro(p.receipts.cents)} (${p.receipts.gifts} Spenden, ${p.receipts.fees} Beiträge; ${p.receipts.byMail} per Mail, ${p.receipts.byPost} per Post)`);
    if (p.withoutAddress.count) console.log(`  ohne Anschrift, nicht bestätigt: ${p.withoutAddress.count} Personen (${p.withoutAddress.people.map((x) => x.name).join(', ')}${p.withoutAddress.count > p.withoutAddress.people.length ? ', …' : ''})`);
    const x = p.excluded;
    console.log(`  nicht dabei: ${x.anonymous.count} anonym, ${x.refunded.count} erstattet/zurückgebucht, ${x.pending.count} noch nicht eingegangen, ${x.inKind.count} Sachspenden (einzeln), ${x.simplifiedProof.count} bis 300 € ohne Wunsch, ${x.alreadyReceipted.count} schon bestätigt`);
    if (p.gate) console.log(`  ${p.gate.de}`);
    if (preview) return;

    useReceiptRenderer(threadRenderer(Math.max(1, availableParallelism())));
    const start = await startAnnualRun(database.db, { year, actor }, deps);
    const { runId, started } = start;
    if (!started) console.log(`Ein Jahreslauf ${year} läuft schon (Nr. ${runId}); er wird fortgesetzt, falls sein Prozess nicht mehr arbeitet.`);
    const worked = await processAnnualRun(database.db, { runId, actor, onProgress: progressBar(), people: 'people' in start ? start.people : undefined }, deps);
    if (process.stderr.isTTY) process.stderr.write('\n');
    const run = (await findRun(database.db, runId))!;
    if (!worked) console.log(`Ein anderer Prozess arbeitet an diesem Lauf: Fortschritt im Browser unter ${config.BASE_URL}/receipts/annual/${runId}`);
    else console.log(`Fertig: ${run.receipts_issued} Bestätigungen ausgestellt, ${run.mails_queued} Mails im Postausgang, ${run.for_post} zum Drucken und Unterschreiben.`);
  } finally {
    await database.close();
    unlock();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    if (error instanceof AppError) console.error(error.detail?.de ?? error.message);
    else if (error instanceof ConfigError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
