import { sql } from 'kysely';
import type { GrantFundingKind, GrantPlanCategory } from '../../db/schema';
import type { Executor } from '../deps';

/**
 * The SQL of a grant's money (grants money): cost plan lines, financing sources, payments
 * received and expenses. Reads grant_applications directly for the little it needs (exists,
 * status, approved amount, period); the applications themselves belong to queries.ts.
 */

/** The application as its money needs it, with the funder's name and programme. */
export async function applicationForMoney(db: Executor, id: number) {
  const row = await db
    .selectFrom('grant_applications as a')
    .innerJoin('funders as f', 'f.id', 'a.funder_id')
    .select([
      'a.id',
      'a.title',
      'a.project',
      'a.status',
      'a.requested_cents',
      'a.approved_cents',
      'a.own_contribution_cents',
      'a.period_from',
      'a.period_to',
      'f.name as funder_name',
      'f.programme as funder_programme',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, id: Number(row.id) } : undefined;
}
export type MoneyApplication = NonNullable<Awaited<ReturnType<typeof applicationForMoney>>>;

/** Row-locks the application so two writes of its money run one after the other. */
export async function lockApplicationForMoney(trx: Executor, id: number) {
  await trx.selectFrom('grant_applications').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function associationForNachweis(db: Executor) {
  return db.selectFrom('association').select(['name', 'street', 'postal_code', 'city']).executeTakeFirst();
}

// --- cost plan ---------------------------------------------------------------------------------

const num = <T extends { id: number }>(r: T) => ({ ...r, id: Number(r.id) });

export async function planLinesOf(db: Executor, applicationId: number) {
  const rows = await db.selectFrom('grant_plan_lines').selectAll().where('application_id', '=', applicationId).orderBy('position').orderBy('id').execute();
  return rows.map(num);
}

export async function findPlanLine(db: Executor, id: number) {
  const row = await db.selectFrom('grant_plan_lines').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? num(row) : undefined;
}

export async function nextPlanPosition(db: Executor, applicationId: number) {
  const r = await db
    .selectFrom('grant_plan_lines')
    .select((eb) => eb.fn.coalesce(eb.fn.max('position'), sql<number>`0`).as('max'))
    .where('application_id', '=', applicationId)
    .executeTakeFirstOrThrow();
  return Number(r.max) + 1;
}

export async function insertPlanLine(trx: Executor, v: { application_id: number; category: GrantPlanCategory; label: string; planned_cents: number; position: number }) {
  return num(await trx.insertInto('grant_plan_lines').values(v).returningAll().executeTakeFirstOrThrow());
}

export async function updatePlanLine(trx: Executor, id: number, v: { category: GrantPlanCategory; label: string; planned_cents: number; position: number }) {
  return num(await trx.updateTable('grant_plan_lines').set(v).where('id', '=', id).returningAll().executeTakeFirstOrThrow());
}

export async function deletePlanLine(trx: Executor, id: number) {
  await trx.deleteFrom('grant_plan_lines').where('id', '=', id).execute();
}

export async function expenseCountOfLine(db: Executor, lineId: number) {
  const r = await db.selectFrom('grant_expenses').select((eb) => eb.fn.countAll<string>().as('n')).where('plan_line_id', '=', lineId).executeTakeFirstOrThrow();
  return Number(r.n);
}

// --- financing plan ----------------------------------------------------------------------------

export async function fundingSourcesOf(db: Executor, applicationId: number) {
  const rows = await db.selectFrom('grant_funding_sources').selectAll().where('application_id', '=', applicationId).orderBy('position').orderBy('id').execute();
  return rows.map(num);
}

export async function findFundingSource(db: Executor, id: number) {
  const row = await db.selectFrom('grant_funding_sources').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? num(row) : undefined;
}

export async function nextSourcePosition(db: Executor, applicationId: number) {
  const r = await db
    .selectFrom('grant_funding_sources')
    .select((eb) => eb.fn.coalesce(eb.fn.max('position'), sql<number>`0`).as('max'))
    .where('application_id', '=', applicationId)
    .executeTakeFirstOrThrow();
  return Number(r.max) + 1;
}

export async function insertFundingSource(trx: Executor, v: { application_id: number; kind: GrantFundingKind; label: string; planned_cents: number; position: number }) {
  return num(await trx.insertInto('grant_funding_sources').values(v).returningAll().executeTakeFirstOrThrow());
}

export async function updateFundingSource(trx: Executor, id: number, v: { kind: GrantFundingKind; label: string; planned_cents: number; position: number }) {
  return num(await trx.updateTable('grant_funding_sources').set(v).where('id', '=', id).returningAll().executeTakeFirstOrThrow());
}

export async function deleteFundingSource(trx: Executor, id: number) {
  await trx.deleteFrom('grant_funding_sources').where('id', '=', id).execute();
}

// --- payments received -------------------------------------------------------------------------

export async function paymentsOf(db: Executor, applicationId: number) {
  const rows = await db.selectFrom('grant_payments').selectAll().where('application_id', '=', applicationId).orderBy('received_on').orderBy('id').execute();
  return rows.map(num);
}

export async function findPayment(db: Executor, id: number) {
  const row = await db.selectFrom('grant_payments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? num(row) : undefined;
}

export async function receivedCentsOf(db: Executor, applicationId: number) {
  const r = await db
    .selectFrom('grant_payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount_cents'), sql<string>`0`).as('total'))
    .where('application_id', '=', applicationId)
    .executeTakeFirstOrThrow();
  return Number(r.total);
}

export async function insertPayment(trx: Executor, v: { application_id: number; received_on: string; amount_cents: number; reference: string | null; created_at: Date; created_by: string }) {
  return num(await trx.insertInto('grant_payments').values(v).returningAll().executeTakeFirstOrThrow());
}

export async function deletePayment(trx: Executor, id: number) {
  await trx.deleteFrom('grant_payments').where('id', '=', id).execute();
}

// --- expenses ----------------------------------------------------------------------------------

/** Every expense with its plan line's label and category, oldest first (the Belegliste's order). */
export async function expensesOf(db: Executor, applicationId: number) {
  const rows = await db
    .selectFrom('grant_expenses as e')
    .innerJoin('grant_plan_lines as l', 'l.id', 'e.plan_line_id')
    .select(['e.id', 'e.application_id', 'e.plan_line_id', 'e.spent_on', 'e.amount_cents', 'e.description', 'e.receipt_ref', 'e.created_at', 'e.created_by', 'l.label as plan_line_label', 'l.category as plan_line_category'])
    .where('e.application_id', '=', applicationId)
    .orderBy('e.spent_on')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), plan_line_id: Number(r.plan_line_id) }));
}
export type ExpenseRow = Awaited<ReturnType<typeof expensesOf>>[number];

export async function findExpense(db: Executor, id: number) {
  const row = await db.selectFrom('grant_expenses').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? num(row) : undefined;
}

export async function insertExpense(
  trx: Executor,
  v: { application_id: number; plan_line_id: number; spent_on: string; amount_cents: number; description: string; receipt_ref: string | null; created_at: Date; created_by: string },
) {
  return num(await trx.insertInto('grant_expenses').values(v).returningAll().executeTakeFirstOrThrow());
}

export async function deleteExpense(trx: Executor, id: number) {
  await trx.deleteFrom('grant_expenses').where('id', '=', id).execute();
}

/** Approved, received and spent of one application in one statement (the application page). */
export async function moneyTotalsOf(db: Executor, applicationId: number) {
  const r = await db
    .selectFrom('grant_applications as a')
    .select((eb) => [
      'a.approved_cents',
      eb.fn.coalesce(eb.selectFrom('grant_payments').select((p) => p.fn.sum<string>('amount_cents').as('s')).where('application_id', '=', applicationId), sql<string>`0`).as('received'),
      eb.fn.coalesce(eb.selectFrom('grant_expenses').select((p) => p.fn.sum<string>('amount_cents').as('s')).where('application_id', '=', applicationId), sql<string>`0`).as('spent'),
      eb.fn.coalesce(eb.selectFrom('grant_plan_lines').select((p) => p.fn.sum<string>('planned_cents').as('s')).where('application_id', '=', applicationId), sql<string>`0`).as('planned'),
    ])
    .where('a.id', '=', applicationId)
    .executeTakeFirst();
  if (!r) return undefined;
  return { approved_cents: r.approved_cents === null ? null : Number(r.approved_cents), received_cents: Number(r.received), spent_cents: Number(r.spent), planned_cents: Number(r.planned) };
}
