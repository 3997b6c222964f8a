import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError } from '../http/errors';
import { deleteDeadline, lockDeadline } from './deadline-queries';
import { DEADLINE_NOT_FOUND } from './save-grant-deadline';

/** Deletes a deadline entered by mistake (its reminder records go with it); the audit row keeps what it was. */
export async function removeGrantDeadline(trx: Executor, input: { deadlineId: number; applicationId?: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const before = await lockDeadline(trx, input.deadlineId);
  if (!before || (input.applicationId !== undefined && before.application_id !== input.applicationId)) throw new AppError('not_found', DEADLINE_NOT_FOUND);
  await deleteDeadline(trx, input.deadlineId);
  await writeAudit(
    trx,
    {
      actor: input.actor,
      action: 'grant_deadline.deleted',
      entity: 'grant_deadline',
      entityId: input.deadlineId,
      before: { application_id: before.application_id, kind: before.kind, title: before.title, due_on: before.due_on, done_on: before.done_on, notes: before.notes },
    },
    deps,
  );
  return before;
}
