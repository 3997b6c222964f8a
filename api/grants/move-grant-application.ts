import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg, type FieldError } from '../http/errors';
import { berlinToday, formatDate } from '../lib/dates';
import { canMove, GRANT_STATUS_LABELS, GRANT_STATUSES, GRANT_TRANSITIONS, NEEDS_APPROVED_AMOUNT } from '../lib/grants';
import type { GrantStatus } from '../../db/schema';
import { amountWarnings, APPLICATION_NOT_FOUND } from './application-rules';
import { insertStatusChange, lockApplication, markApplicationDeadlinesDone, updateApplicationRow } from './queries';
import type { MoveInput } from './schemas';

const label = (s: string, lang: 'de' | 'en') => (GRANT_STATUSES.includes(s as GrantStatus) ? GRANT_STATUS_LABELS[s as GrantStatus][lang] : s);

/** "Eingereicht, Zurückgezogen" or "keine – das ist ein Endstand". */
function allowedText(from: GrantStatus) {
  const next = GRANT_TRANSITIONS[from];
  return next.length
    ? { de: next.map((s) => `„${label(s, 'de')}“`).join(', '), en: next.map((s) => `“${label(s, 'en')}”`).join(', ') }
    : { de: 'keiner – das ist ein Endstand', en: 'none – this is a final state' };
}

/**
 * Moves an application one step through its pipeline (api/lib/grants.ts GRANT_TRANSITIONS), on a
 * day that is not in the future nor before its last move. The move to 'submitted' sets the
 * submission day and ticks off the open application deadline that day; a decision to approve
 * needs the approved amount. A refused move stores nothing and names what is allowed.
 */
export async function moveGrantApplication(trx: Executor, input: { id: number; move: MoveInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const before = await lockApplication(trx, input.id);
  if (!before) throw new AppError('not_found', APPLICATION_NOT_FOUND);
  const from = before.status;
  const to = input.move.to;
  const allowed = allowedText(from);
  if (!GRANT_STATUSES.includes(to as GrantStatus)) {
    throw new AppError(
      'validation',
      msg(
        `Unbekannter Status „${to}“: von „${label(from, 'de')}“ aus geht es nur nach ${allowed.de}.`,
        `Unknown status “${to}”: from “${label(from, 'en')}” the allowed next ones are ${allowed.en}.`,
      ),
      [{ field: 'to', message: msg(`Neuer Status: „${to}“ gibt es nicht – erlaubt: ${allowed.de}`, `New status: “${to}” does not exist – allowed: ${allowed.en}`) }],
    );
  }
  const target = to as GrantStatus;
  if (!canMove(from, target)) {
    const m = msg(
      `Von „${label(from, 'de')}“ nach „${label(target, 'de')}“ geht es nicht. Erlaubt von „${label(from, 'de')}“ aus: ${allowed.de}.`,
      `An application cannot move from “${label(from, 'en')}” to “${label(target, 'en')}”. Allowed from “${label(from, 'en')}”: ${allowed.en}.`,
    );
    throw new AppError('validation', m, [{ field: 'to', message: m }]);
  }
  const at = deps.clock.now();
  const today = berlinToday(at);
  const on = input.move.on ?? today;
  const errors: FieldError[] = [];
  if (on > today) errors.push({ field: 'on', message: msg(`Datum: ${formatDate(on)} liegt in der Zukunft – höchstens heute (${formatDate(today)})`, `Date: ${formatDate(on)} is in the future – today (${formatDate(today)}) at the latest`) });
  else if (on < before.status_since) {
    errors.push({
      field: 'on',
      message: msg(
        `Datum: liegt vor dem letzten Statuswechsel (${formatDate(before.status_since)}, „${label(from, 'de')}“)`,
        `Date: before the last status change (${formatDate(before.status_since)}, “${label(from, 'en')}”)`,
      ),
    });
  }
  const needsAmount = NEEDS_APPROVED_AMOUNT.includes(target);
  if (needsAmount && input.move.approved_cents === undefined) {
    errors.push({ field: 'approved_cents', message: msg(`Bewilligter Betrag: bei „${label(target, 'de')}“ bitte angeben, wie im Bescheid`, `Approved amount: required for “${label(target, 'en')}”, as in the notice`) });
  }
  if (errors.length) throw new AppError('validation', undefined, errors);

  const changes: Parameters<typeof updateApplicationRow>[2] = { status: target, status_since: on };
  if (needsAmount) changes.approved_cents = input.move.approved_cents!;
  if (target === 'submitted') changes.submitted_on = on;
  const after = await updateApplicationRow(trx, input.id, changes, at);
  const change = await insertStatusChange(trx, { application_id: input.id, from_status: from, to_status: target, changed_on: on, changed_by: input.actor.label, note: input.move.note ?? null }, at);
  const ticked = target === 'submitted' ? await markApplicationDeadlinesDone(trx, input.id, on, input.actor.label) : [];
  await writeAudit(
    trx,
    {
      actor: input.actor,
      action: 'grant_application.moved',
      entity: 'grant_application',
      entityId: input.id,
      before: { status: from, status_since: before.status_since, approved_cents: before.approved_cents, submitted_on: before.submitted_on },
      after: { status: target, status_since: on, approved_cents: after.approved_cents, submitted_on: after.submitted_on, note: input.move.note ?? null, deadlines_done: ticked.map((d) => Number(d.id)) },
    },
    deps,
  );
  return { application: after, change, deadlinesDone: ticked, warnings: amountWarnings(after) };
}
