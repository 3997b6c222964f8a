import { writeAudit, changedFields } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg, validationError, type FieldError } from '../http/errors';
import { berlinToday, formatDate } from '../lib/dates';
import { DEADLINE_KIND_LABELS } from '../lib/grants';
import { findApplicationForDeadlines, insertDeadline, lockDeadline, updateDeadline } from './deadline-queries';
import type { DeadlinePatchInput, NewDeadlineInput } from './deadline-schemas';
import type { GrantDeadlineKind } from '../../db/schema';

export const APPLICATION_NOT_FOUND = msg('Diesen Förderantrag gibt es nicht.', 'This grant application does not exist.');
export const DEADLINE_NOT_FOUND = msg('Diese Frist gibt es nicht (mehr).', 'This deadline does not exist (any more).');

type Application = NonNullable<Awaited<ReturnType<typeof findApplicationForDeadlines>>>;

/**
 * An obligation after the application went to the funder cannot fall before that day (only the
 * application deadline itself may: it is often noted after the fact). Names both dates.
 */
function checkAgainstSubmission(application: Application, d: { kind: GrantDeadlineKind; due_on: string }): FieldError[] {
  if (d.kind === 'application' || !application.submitted_on || d.due_on >= application.submitted_on) return [];
  const kind = DEADLINE_KIND_LABELS[d.kind];
  return [
    {
      field: 'due_on',
      message: msg(
        `${kind.de}: Die Frist am ${formatDate(d.due_on)} liegt vor dem Einreichungsdatum des Antrags (${formatDate(application.submitted_on)}). Bitte ein Datum ab dem ${formatDate(application.submitted_on)} wählen.`,
        `${kind.en}: the deadline on ${formatDate(d.due_on)} lies before the day the application was submitted (${formatDate(application.submitted_on)}). Please choose a date from ${formatDate(application.submitted_on)} on.`,
      ),
    },
  ];
}

function auditView(d: { kind: string; title: string; due_on: string; done_on: string | null; notes: string | null }) {
  return { kind: d.kind, title: d.title, due_on: d.due_on, done_on: d.done_on, notes: d.notes };
}

/** Adds a dated obligation to an application. */
export async function createGrantDeadline(trx: Executor, input: { applicationId: number; deadline: NewDeadlineInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const application = await findApplicationForDeadlines(trx, input.applicationId);
  if (!application) throw new AppError('not_found', APPLICATION_NOT_FOUND);
  const d = input.deadline;
  const errors = checkAgainstSubmission(application, d);
  if (errors.length) throw validationError(errors);
  const row = await insertDeadline(trx, {
    application_id: input.applicationId,
    kind: d.kind,
    title: d.title ?? DEADLINE_KIND_LABELS[d.kind].de,
    due_on: d.due_on,
    done_on: null,
    done_by: null,
    notes: d.notes ?? null,
    created_at: deps.clock.now(),
  });
  await writeAudit(
    trx,
    { actor: input.actor, action: 'grant_deadline.created', entity: 'grant_deadline', entityId: row.id, after: { application_id: input.applicationId, ...auditView(row) } },
    deps,
  );
  return row;
}

/**
 * Changes a deadline: what the patch names changes. A done_on marks it done that day (not in
 * the future), null opens it again. The submission rule holds for the result.
 */
export async function updateGrantDeadline(
  trx: Executor,
  input: { deadlineId: number; applicationId?: number; patch: DeadlinePatchInput; actor: Actor },
  deps: Pick<Deps, 'clock'>,
) {
  const before = await lockDeadline(trx, input.deadlineId);
  if (!before || (input.applicationId !== undefined && before.application_id !== input.applicationId)) throw new AppError('not_found', DEADLINE_NOT_FOUND);
  const application = await findApplicationForDeadlines(trx, before.application_id);
  if (!application) throw new AppError('not_found', APPLICATION_NOT_FOUND);
  const p = input.patch;
  const next = {
    kind: p.kind ?? before.kind,
    title: p.title ?? before.title,
    due_on: p.due_on ?? before.due_on,
    notes: p.notes === undefined ? before.notes : p.notes,
    done_on: p.done_on === undefined ? before.done_on : p.done_on,
  };
  const errors = checkAgainstSubmission(application, next);
  if (p.done_on && p.done_on > berlinToday(deps.clock.now())) {
    errors.push({ field: 'done_on', message: msg('Erledigt am: Das Datum liegt in der Zukunft.', 'Done on: the date is in the future.') });
  }
  if (errors.length) throw validationError(errors);
  const doneBy = next.done_on === null ? null : before.done_on === next.done_on ? before.done_by : input.actor.label;
  const after = await updateDeadline(trx, input.deadlineId, { ...next, done_by: doneBy });
  const diff = changedFields(auditView(before), auditView(after));
  if (diff) {
    const action = before.done_on === null && after.done_on !== null ? 'grant_deadline.done' : before.done_on !== null && after.done_on === null ? 'grant_deadline.reopened' : 'grant_deadline.updated';
    await writeAudit(trx, { actor: input.actor, action, entity: 'grant_deadline', entityId: input.deadlineId, ...diff }, deps);
  }
  return after;
}
