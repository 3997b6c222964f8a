import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { inTransaction, type Actor, type Deps } from '../deps';
import { AppError, msg } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { exemptionGate } from '../lib/receipt-rules';
import { issueReceiptDrafts } from './issue-receipt-drafts';
import { addRunProgress, associationForReceipts, claimRun, findRun, finishRun, insertRun, lockAnnualRunItems, runningRun, staleRuns } from './queries';
import type { DraftItem, ReceiptDraft } from './receipt-data';
import { annualRunPeople, checkYear, yearWindow, type AnnualRunPerson } from './preview-annual-run';
import { resolveRecipients } from './recipients';

/** A run whose worker has not reported for this long was killed: another process may take it over. */
export const RUN_STALE_MS = 60_000;
/**
 * People per transaction: one number block, one commit. Large, because the render threads wait
 * while a transaction starts (locking the gifts) and ends (mails, audit, commit): 400 keeps that
 * under a tenth of the time (bench/receipts). A killed run loses at most this much work.
 */
const BATCH = 400;

type RunDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'logger'>;

export interface RunProgress {
  runId: number;
  donorsTotal: number;
  donorsDone: number;
  receiptsIssued: number;
}

/**
 * Starts the annual run of a year (the Sammelbestätigungen, spec §5), or finds the one already
 * running. Refuses a year with nothing to receipt and any run while the § 63 Abs. 5 AO window is
 * closed. `started` is false when a run of that year was already under way (this call then only
 * reports it; processAnnualRun takes it over if its worker died).
 */
export async function startAnnualRun(db: Kysely<DB>, input: { year: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const a = await associationForReceipts(db);
  if (!a) throw new AppError('conflict', msg('Zuerst die Stammdaten des Vereins eintragen.', 'Enter the association’s master data first.'));
  const now = deps.clock.now();
  const today = berlinToday(now);
  checkYear(input.year, today);
  const gate = exemptionGate({ kind: a.notice_kind, date: a.notice_date }, today);
  if (gate) throw new AppError('conflict', msg(gate.de, gate.en));
  const existing = await runningRun(db, input.year);
  if (existing) return { runId: Number(existing.id), started: false };
  const people = (await annualRunPeople(db, yearWindow(input.year, today, a))).filter((p) => p.recipient?.addressLines);
  if (!people.length) {
    throw new AppError(
      'conflict',
      msg(
        `Für ${input.year} gibt es nichts mehr zu bestätigen: alle eingegangenen Zuwendungen mit Anschrift sind bestätigt (die Vorschau zeigt, was warum fehlt).`,
        `Nothing left to receipt for ${input.year}: every gift with an address is receipted (the preview shows what is left out and why).`,
      ),
    );
  }
  try {
    const runId = await insertRun(db, { year: input.year, donors_total: people.length, started_by: input.actor.label, at: now });
    // handed to processAnnualRun right after, so it need not find them again
    return { runId, started: true, people };
  } catch (error) {
    // two clicks at once: the unique index lets one run per year be running
    const again = await runningRun(db, input.year);
    if (again) return { runId: Number(again.id), started: false };
    throw error;
  }
}

/**
 * Works through a run: everyone with receiptable gifts and fees, 400 people per
 * transaction (numbers, PDFs, archive, mails, progress commit together). Idempotent and
 * resumable: a gift on a valid receipt is never picked again, so a killed run continues where
 * its last commit ended, with no duplicate and no gap. Returns false when another process is
 * working on the run.
 */
export async function processAnnualRun(
  db: Kysely<DB>,
  input: { runId: number; actor: Actor; onProgress?: (p: RunProgress) => void; batchSize?: number; people?: AnnualRunPerson[] },
  deps: RunDeps,
): Promise<boolean> {
  const run = await findRun(db, input.runId);
  if (!run || run.status !== 'running') return false;
  const startedAt = deps.clock.now();
  const fresh = run.donors_done === 0 && run.receipts_issued === 0 && +run.heartbeat_at === +run.started_at;
  if (!(await claimRun(db, input.runId, startedAt, fresh ? run.heartbeat_at : new Date(startedAt.getTime() - RUN_STALE_MS)))) return false;

  try {
    const a = await associationForReceipts(db);
    const window = yearWindow(run.year, berlinToday(startedAt), a!);
    // a fresh run gets its people from startAnnualRun; a resumed one looks again (what is left)
    const people = (fresh && input.people) || (await annualRunPeople(db, window)).filter((p) => p.recipient?.addressLines);
    let done = run.donors_done;
    const size = input.batchSize ?? BATCH;
    for (let i = 0; i < people.length; i += size) {
      const batch = people.slice(i, i + size);
      const result = await inTransaction(db, async (trx) => {
        const drafts = await draftsFor(trx, batch, window);
        const issued = await issueReceiptDrafts(trx, { drafts, association: a!, actor: input.actor, runId: input.runId }, deps);
        const mailed = issued.filter((r) => r.mailed).length;
        await addRunProgress(trx, input.runId, { donors: batch.length, issued: issued.length, mailed, post: issued.length - mailed, at: deps.clock.now() });
        return issued.length;
      });
      done += batch.length;
      input.onProgress?.({ runId: input.runId, donorsTotal: Math.max(run.donors_total, done), donorsDone: done, receiptsIssued: run.receipts_issued + result });
      run.receipts_issued += result;
    }
    await finishRun(db, input.runId, { status: 'finished', at: deps.clock.now(), donorsDone: Math.max(done, run.donors_total) });
    return true;
  } catch (error) {
    const text = error instanceof AppError ? (error.detail?.de ?? error.message) : String(error);
    deps.logger.error({ runId: input.runId, error: String(error) }, 'annual receipt run failed');
    await finishRun(db, input.runId, { status: 'failed', at: deps.clock.now(), error: text });
    throw error;
  }
}

/** One draft per person of the batch, from their gifts and fees as locked now (what another process receipted meanwhile is gone). */
async function draftsFor(trx: Parameters<typeof lockAnnualRunItems>[0], batch: AnnualRunPerson[], window: ReturnType<typeof yearWindow>): Promise<ReceiptDraft[]> {
  const donorIds = batch.flatMap((p) => p.donorIds);
  const memberIds = batch.flatMap((p) => (p.memberId ? [p.memberId] : []));
  const { gifts, fees } = await lockAnnualRunItems(trx, window, { donorIds, memberIds });
  const recipients = await resolveRecipients(trx, { donorIds, memberIds });
  const itemsOf = new Map<string, DraftItem[]>();
  const keyOfDonor = new Map(batch.flatMap((p) => p.donorIds.map((id) => [id, p.key] as const)));
  const push = (key: string | undefined, item: DraftItem) => key && (itemsOf.get(key) ?? itemsOf.set(key, []).get(key)!).push(item);
  for (const g of gifts) push(keyOfDonor.get(Number(g.donor_id)), { donationId: Number(g.id), paymentId: null, date: g.donated_on, kind: 'donation', waiver: g.waiver, amountCents: Number(g.net_cents) });
  for (const f of fees) push(`m${f.debtor_member_id}`, { donationId: null, paymentId: Number(f.id), date: f.paid_on, kind: 'fee', waiver: false, amountCents: f.amount_cents });

  const drafts: ReceiptDraft[] = [];
  for (const person of batch) {
    const items = (itemsOf.get(person.key) ?? []).sort((x, y) => x.date.localeCompare(y.date));
    const recipient = person.memberId ? recipients.byMember(person.memberId) : recipients.byDonor(person.donorIds[0]!);
    if (!items.length || !recipient?.addressLines) continue;
    drafts.push({
      kind: items.length === 1 ? 'single' : 'sammel',
      donorId: recipient.donorId,
      memberId: recipient.memberId,
      recipient: { name: recipient.name, addressLines: recipient.addressLines, email: recipient.email, language: recipient.language },
      periodFrom: items.length === 1 ? items[0]!.date : window.from,
      periodTo: items.length === 1 ? items[0]!.date : window.to,
      items,
    });
  }
  return drafts;
}

/** Continues runs whose process died (scheduler: after a restart, or a Worker's lost waitUntil). */
export async function resumeStaleAnnualRuns(deps: RunDeps) {
  const runs = await staleRuns(deps.db, new Date(deps.clock.now().getTime() - RUN_STALE_MS));
  for (const run of runs) {
    await processAnnualRun(deps.db, { runId: Number(run.id), actor: { kind: 'system', id: null, label: `Jahreslauf ${run.year} (fortgesetzt)`, role: null } }, deps).catch(() => undefined);
  }
  return runs.length;
}
