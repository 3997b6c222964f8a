import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { moneyApplicationOrThrow } from './grant-finances';
import { deleteExpense, findExpense } from './money-queries';

export const EXPENSE_NOT_FOUND = msg('Diese Ausgabe gibt es bei diesem Antrag nicht.', 'This expense does not exist on this application.');

/** Removes an expense booked by mistake; the audit row keeps what it was. */
export async function removeGrantExpense(trx: Executor, input: { applicationId: number; expenseId: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  await moneyApplicationOrThrow(trx, input.applicationId, { lock: true });
  const expense = await findExpense(trx, input.expenseId);
  if (!expense || Number(expense.application_id) !== input.applicationId) throw new AppError('not_found', EXPENSE_NOT_FOUND);
  await deleteExpense(trx, expense.id);
  await writeAudit(
    trx,
    {
      actor: input.actor,
      action: 'grant.expense.deleted',
      entity: 'grant_expense',
      entityId: expense.id,
      before: { application_id: input.applicationId, plan_line_id: expense.plan_line_id, spent_on: expense.spent_on, amount_cents: expense.amount_cents, description: expense.description, receipt_ref: expense.receipt_ref },
    },
    deps,
  );
  return { expense };
}
