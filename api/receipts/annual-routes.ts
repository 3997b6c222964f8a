import { Hono } from 'hono';
import { AnnualPage, PREVIEW_LIST_LIMIT, RunPage, runProgress, type AnnualPageData } from '../../web/receipts/annual';
import { setFlash } from '../../web/flash';
import { attempt, readForm } from '../../web/forms';
import type { ReceiptRun } from '../../db/schema';
import { actorOf, type AppContext, type AppEnv } from '../http/context';
import { AppError, msg } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { inKindGiftsToReceipt } from './annual-queries';
import { previewAnnualRun, type AnnualRunPreview } from './preview-annual-run';
import { associationForReceipts, findRun, latestRuns, runningRun } from './queries';
import { processAnnualRun, RUN_STALE_MS, startAnnualRun } from './run-annual-receipts';

/**
 * The annual run over HTTP (issue #5, "Delivery and the annual run"): the preview of a year,
 * the start (POST, then 303 to the run's page), the run's progress as a self-reloading page and
 * as JSON. The run works in the background (deps.background: the process on Node, waitUntil on
 * Workers); a run whose worker died is taken over by the next start or by the scheduler.
 */

const RUN_NOT_FOUND = msg('Diesen Jahreslauf gibt es nicht.', 'This annual run does not exist.');
/** How many years back the year picker offers (older ones by typing ?year=). */
const YEARS_BACK = 6;

function isStale(run: ReceiptRun, now: Date) {
  return run.status === 'running' && now.getTime() - run.heartbeat_at.getTime() > RUN_STALE_MS;
}

/** "2025" -> 2025; anything else NaN, which the operations answer with the year's field error. */
function yearOf(raw: unknown): number {
  return typeof raw === 'string' && /^\d{1,4}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
}

/**
 * The screen for a year: the preview, the run under way, the history. Errors of the operations
 * (no master data, a year out of range, the § 63 gate on start) show on the page.
 */
async function annualScreen(c: AppContext, year: number | null, options: { error?: AppError; preview?: AnnualRunPreview } = {}) {
  const deps = c.get('deps');
  const current = Number(berlinToday(deps.clock.now()).slice(0, 4));
  let error = options.error;
  let preview = options.preview ?? null;
  const chosen = year !== null && Number.isInteger(year) ? year : null;
  // an invalid year gets the operation's own field error; after a refused start the preview still shows
  if (!preview && year !== null && (chosen !== null || !error)) {
    const result = await attempt(() => previewAnnualRun(deps.db, { year, listLimit: PREVIEW_LIST_LIMIT }, deps));
    if (result.ok) preview = result.value;
    else error ??= result.error;
  }
  const [association, runs, running, inKind] = await Promise.all([
    associationForReceipts(deps.db),
    latestRuns(deps.db, 10),
    preview ? runningRun(deps.db, preview.year) : Promise.resolve(undefined),
    preview ? inKindGiftsToReceipt(deps.db, preview, 20) : Promise.resolve([]),
  ]);
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => current - i);
  if (chosen !== null && chosen >= 2000 && chosen <= current && !years.includes(chosen)) years.push(chosen);
  const data: AnnualPageData = {
    year: chosen,
    years,
    preview,
    simplifiedProof: association?.simplified_proof ?? false,
    inKind,
    running: running ?? null,
    runs,
    error,
  };
  return c.html(AnnualPage({ c, data }), error ? (error.status === 409 ? 409 : 422) : 200);
}

export function annualRunRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/receipts/annual', async (c) => {
    const deps = c.get('deps');
    const raw = c.req.query('year');
    if (raw !== undefined && raw !== '') return annualScreen(c, yearOf(raw));
    // no year chosen: last year while it has something to receipt (January to spring), else this year
    const current = Number(berlinToday(deps.clock.now()).slice(0, 4));
    const last = await attempt(() => previewAnnualRun(deps.db, { year: current - 1, listLimit: PREVIEW_LIST_LIMIT }, deps));
    if (last.ok && last.value.receipts.count > 0) return annualScreen(c, current - 1, { preview: last.value });
    return annualScreen(c, current);
  });

  app.post('/receipts/annual', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const year = yearOf(form.year);
    const actor = actorOf(c);
    const result = await attempt(() => startAnnualRun(deps.db, { year, actor }, deps));
    if (!result.ok) return annualScreen(c, Number.isInteger(year) ? year : null, { error: result.error });
    const { runId, started } = result.value;
    const people = 'people' in result.value ? result.value.people : undefined;
    const run = await findRun(deps.db, runId);
    // A second click finds the run of the first: it is only taken over when its worker died.
    if (started || (run && isStale(run, deps.clock.now()))) {
      // the run records its own failure (status, last_error, log); nothing to report here
      deps.background(() => processAnnualRun(deps.db, { runId, actor, people }, deps).catch(() => undefined));
    }
    setFlash(
      c,
      'info',
      started
        ? msg(`Jahreslauf ${year} gestartet: ${run?.donors_total ?? '?'} Personen.`, `Annual run ${year} started: ${run?.donors_total ?? '?'} people.`)
        : msg(`Der Jahreslauf ${year} läuft schon – hier ist sein Fortschritt.`, `The annual run ${year} is already under way – here is its progress.`),
    );
    return c.redirect(`/receipts/annual/${runId}`, 303);
  });

  // /receipts/annual/7 is the page, /receipts/annual/7.json the same progress as JSON
  app.get('/receipts/annual/:id', async (c) => {
    const deps = c.get('deps');
    const match = /^(\d{1,15})(\.json)?$/.exec(c.req.param('id'));
    const run = match ? await findRun(deps.db, Number(match[1])) : undefined;
    if (!run) throw new AppError('not_found', RUN_NOT_FOUND);
    const stale = isStale(run, deps.clock.now());
    if (match![2]) return c.json(runProgress(run, stale), 200, { 'cache-control': 'no-store' });
    return c.html(RunPage({ c, run, stale }), 200, { 'cache-control': 'no-store' });
  });

  return app;
}
