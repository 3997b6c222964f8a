import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { moneyApplicationOrThrow } from './grant-finances';
import type { PlanLineFields } from './money-schemas';
import { findPlanLine, insertPlanLine, nextPlanPosition, updatePlanLine } from './money-queries';

export const PLAN_LINE_NOT_FOUND = msg('Diese Position des Kostenplans gibt es bei diesem Antrag nicht.', 'This cost plan line does not exist on this application.');

/** Adds a line to an application's cost plan (Kostenplan), or changes one (lineId). */
export async function saveGrantPlanLine(trx: Executor, input: PlanLineFields & { applicationId: number; lineId?: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  await moneyApplicationOrThrow(trx, input.applicationId, { lock: true });
  const fields = { category: input.category, label: input.label, planned_cents: input.planned_cents };
  if (input.lineId === undefined) {
    const position = input.position ?? (await nextPlanPosition(trx, input.applicationId));
    const line = await insertPlanLine(trx, { application_id: input.applicationId, ...fields, position });
    await writeAudit(trx, { actor: input.actor, action: 'grant.plan_line.created', entity: 'grant_plan_line', entityId: line.id, after: { application_id: input.applicationId, ...fields, position } }, deps);
    return { line, warnings: [] };
  }
  const before = await findPlanLine(trx, input.lineId);
  if (!before || Number(before.application_id) !== input.applicationId) throw new AppError('not_found', PLAN_LINE_NOT_FOUND);
  const line = await updatePlanLine(trx, input.lineId, { ...fields, position: input.position ?? before.position });
  await writeAudit(
    trx,
    {
      actor: input.actor,
      action: 'grant.plan_line.updated',
      entity: 'grant_plan_line',
      entityId: line.id,
      before: { category: before.category, label: before.label, planned_cents: before.planned_cents, position: before.position },
      after: { category: line.category, label: line.label, planned_cents: line.planned_cents, position: line.position },
    },
    deps,
  );
  return { line, warnings: [] };
}
