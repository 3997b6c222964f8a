import type { Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { drawdown, financing, planVsActual } from '../lib/grant-finances';
import { applicationForMoney, expensesOf, fundingSourcesOf, lockApplicationForMoney, paymentsOf, planLinesOf, type MoneyApplication } from './money-queries';

export const GRANT_NOT_FOUND = msg('Diesen Förderantrag gibt es nicht.', 'This grant application does not exist.');

/** The application whose money is asked for, or a 404; with `lock`, row-locked for a write. */
export async function moneyApplicationOrThrow(db: Executor, id: number, options: { lock?: boolean } = {}): Promise<MoneyApplication> {
  if (options.lock) await lockApplicationForMoney(db, id);
  const application = await applicationForMoney(db, id);
  if (!application) throw new AppError('not_found', GRANT_NOT_FOUND);
  return application;
}

/**
 * Everything about a grant's money (grants money): the cost plan with each line's actual
 * (sum of its expenses), the financing plan against the cost plan and with this grant's
 * payments as its actual, the payments against the approved amount, and every expense.
 */
export async function grantFinances(db: Executor, applicationId: number) {
  const application = await moneyApplicationOrThrow(db, applicationId);
  const [lines, sources, payments, expenses] = await Promise.all([planLinesOf(db, applicationId), fundingSourcesOf(db, applicationId), paymentsOf(db, applicationId), expensesOf(db, applicationId)]);
  const plan = planVsActual(lines, expenses);
  const received = payments.reduce((a, p) => a + p.amount_cents, 0);
  return {
    application,
    lines,
    sources,
    payments,
    expenses,
    plan,
    financing: financing(sources, plan.planned_cents, received, plan.actual_cents),
    drawdown: drawdown(application.approved_cents, received),
  };
}
export type GrantFinances = Awaited<ReturnType<typeof grantFinances>>;
