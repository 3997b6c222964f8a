import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { msg, validationError } from '../http/errors';
import { formatDate } from '../lib/dates';
import { moneyApplicationOrThrow } from './grant-finances';
import type { ExpenseFields, MoneyWarning } from './money-schemas';
import { findPlanLine, insertExpense } from './money-queries';

/**
 * Books an expense of the project on one of its cost plan lines (plan vs actual, Belegliste of
 * the Verwendungsnachweis). A date outside the project period is stored with a warning: funders
 * usually do not accept it, but the treasurer decides (an advance paid before the start).
 */
export async function recordGrantExpense(trx: Executor, input: ExpenseFields & { applicationId: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const application = await moneyApplicationOrThrow(trx, input.applicationId, { lock: true });
  const line = await findPlanLine(trx, input.plan_line_id);
  if (!line || Number(line.application_id) !== input.applicationId) {
    throw validationError([
      { field: 'plan_line_id', message: msg('Kostenplanposition: bitte eine Position dieses Antrags wählen', 'Cost plan line: please choose a line of this application') },
    ]);
  }
  const warnings: MoneyWarning[] = [];
  const { period_from: from, period_to: to } = application;
  if ((from && input.spent_on < from) || (to && input.spent_on > to)) {
    const period = `${from ? formatDate(from) : '…'} – ${to ? formatDate(to) : '…'}`;
    warnings.push({
      code: 'outside_project_period',
      message: msg(
        `Das Ausgabedatum ${formatDate(input.spent_on)} liegt außerhalb des Projektzeitraums (${period}). Der Fördermittelgeber erkennt solche Ausgaben meist nicht an.`,
        `The date ${formatDate(input.spent_on)} is outside the project period (${period}). Funders usually do not accept such expenses.`,
      ),
    });
  }
  const expense = await insertExpense(trx, {
    application_id: input.applicationId,
    plan_line_id: line.id,
    spent_on: input.spent_on,
    amount_cents: input.amount_cents,
    description: input.description,
    receipt_ref: input.receipt_ref ?? null,
    created_at: deps.clock.now(),
    created_by: input.actor.label,
  });
  await writeAudit(
    trx,
    {
      actor: input.actor,
      action: 'grant.expense.recorded',
      entity: 'grant_expense',
      entityId: expense.id,
      after: {
        application_id: input.applicationId,
        plan_line_id: line.id,
        plan_line: line.label,
        spent_on: expense.spent_on,
        amount_cents: expense.amount_cents,
        description: expense.description,
        receipt_ref: expense.receipt_ref,
        warnings: warnings.map((w) => w.code),
      },
    },
    deps,
  );
  return { expense, warnings };
}
