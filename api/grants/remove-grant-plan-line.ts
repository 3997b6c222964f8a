import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { formatEuro } from '../lib/money';
import { moneyApplicationOrThrow } from './grant-finances';
import { deletePlanLine, expenseCountOfLine, findPlanLine } from './money-queries';
import { PLAN_LINE_NOT_FOUND } from './save-grant-plan-line';

/** Removes a cost plan line; refused while expenses are booked on it (they would lose their line). */
export async function removeGrantPlanLine(trx: Executor, input: { applicationId: number; lineId: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  await moneyApplicationOrThrow(trx, input.applicationId, { lock: true });
  const line = await findPlanLine(trx, input.lineId);
  if (!line || Number(line.application_id) !== input.applicationId) throw new AppError('not_found', PLAN_LINE_NOT_FOUND);
  const expenses = await expenseCountOfLine(trx, line.id);
  if (expenses > 0) {
    throw new AppError(
      'conflict',
      msg(
        `Die Position „${line.label}“ kann nicht gelöscht werden: Es sind ${expenses === 1 ? 'eine Ausgabe' : `${expenses} Ausgaben`} darauf gebucht. Bitte die Ausgaben zuerst löschen oder die Position nur umbenennen.`,
        `The line "${line.label}" cannot be deleted: ${expenses === 1 ? 'one expense is' : `${expenses} expenses are`} booked on it. Delete the expenses first, or just rename the line.`,
      ),
    );
  }
  await deletePlanLine(trx, line.id);
  await writeAudit(
    trx,
    { actor: input.actor, action: 'grant.plan_line.deleted', entity: 'grant_plan_line', entityId: line.id, before: { application_id: input.applicationId, category: line.category, label: line.label, planned: formatEuro(line.planned_cents), planned_cents: line.planned_cents } },
    deps,
  );
  return { line };
}
