import { createRoute, z } from '@hono/zod-openapi';
import { inTransaction } from '../deps';
import { actorOf, type AppContext } from '../http/context';
import { conflictResponse, errorResponses, idParam, jsonBody, jsonOk, notFoundResponse, type ApiRouter } from '../http/openapi';
import { grantFinances, type GrantFinances } from './grant-finances';
import { expenseBody, fundingSourceBody, paymentBody, planLineBody, type MoneyWarning } from './money-schemas';
import { recordGrantExpense } from './record-grant-expense';
import { recordGrantPayment } from './record-grant-payment';
import { saveGrantFundingSource } from './save-grant-funding-source';
import { saveGrantPlanLine } from './save-grant-plan-line';

/**
 * An application's plan, financing, payments and expenses in the JSON API (grants money): the
 * same operations as the finances page (web/grants/finances.tsx). Amounts are integer cents;
 * where a change is stored but looks wrong, the answer carries `warnings`.
 */

const TAG = ['Förderanträge: Finanzen / grant finances'];

const warningOut = z.object({ code: z.string(), message: z.string() }).openapi('GrantMoneyWarning');
const planLineOut = z
  .object({ id: z.number().int(), application_id: z.number().int(), category: z.string(), label: z.string(), planned_cents: z.number().int(), position: z.number().int() })
  .openapi('GrantPlanLine');
const sourceOut = z
  .object({ id: z.number().int(), application_id: z.number().int(), kind: z.string(), label: z.string(), planned_cents: z.number().int(), position: z.number().int() })
  .openapi('GrantFundingSource');
const paymentOut = z
  .object({ id: z.number().int(), application_id: z.number().int(), received_on: z.string(), amount_cents: z.number().int(), reference: z.string().nullable(), created_at: z.string(), created_by: z.string() })
  .openapi('GrantPayment');
const expenseOut = z
  .object({
    id: z.number().int(),
    application_id: z.number().int(),
    plan_line_id: z.number().int(),
    spent_on: z.string(),
    amount_cents: z.number().int(),
    description: z.string(),
    receipt_ref: z.string().nullable(),
    created_at: z.string(),
    created_by: z.string(),
  })
  .passthrough()
  .openapi('GrantExpense');
const financesOut = z
  .object({
    application_id: z.number().int(),
    status: z.string(),
    approved_cents: z.number().int().nullable(),
    received_cents: z.number().int(),
    to_draw_down_cents: z.number().int(),
    over_received_cents: z.number().int(),
    plan_lines: z.array(planLineOut),
    funding_sources: z.array(sourceOut),
    payments: z.array(paymentOut),
    expenses: z.array(expenseOut),
    plan_vs_actual: z.object({
      lines: z.array(
        z.object({
          plan_line_id: z.number().int(),
          category: z.string(),
          label: z.string(),
          planned_cents: z.number().int(),
          actual_cents: z.number().int(),
          difference_cents: z.number().int(),
          percent_used: z.number().nullable(),
        }),
      ),
      planned_cents: z.number().int(),
      actual_cents: z.number().int(),
      difference_cents: z.number().int(),
      percent_used: z.number().nullable(),
    }),
    financing: z.object({
      sources: z.array(z.object({ funding_source_id: z.number().int(), kind: z.string(), label: z.string(), planned_cents: z.number().int(), actual_cents: z.number().int().nullable() })),
      planned_cents: z.number().int(),
      cost_planned_cents: z.number().int(),
      gap_cents: z.number().int(),
      covered: z.boolean(),
      received_unplanned_cents: z.number().int(),
    }),
  })
  .openapi('GrantFinances');

const iso = (d: Date) => d.toISOString();
const paymentJson = (p: GrantFinances['payments'][number]) => ({ ...p, application_id: Number(p.application_id), created_at: iso(p.created_at) });
const expenseJson = <E extends { created_at: Date; application_id: number; plan_line_id: number }>(e: E) => ({ ...e, application_id: Number(e.application_id), plan_line_id: Number(e.plan_line_id), created_at: iso(e.created_at) });
const lineJson = <L extends { application_id: number }>(l: L) => ({ ...l, application_id: Number(l.application_id) });

export function financesJson(f: GrantFinances) {
  return {
    application_id: f.application.id,
    status: f.application.status,
    approved_cents: f.drawdown.approved_cents,
    received_cents: f.drawdown.received_cents,
    to_draw_down_cents: f.drawdown.to_draw_down_cents,
    over_received_cents: f.drawdown.over_received_cents,
    plan_lines: f.lines.map(lineJson),
    funding_sources: f.sources.map(lineJson),
    payments: f.payments.map(paymentJson),
    expenses: f.expenses.map(expenseJson),
    plan_vs_actual: {
      lines: f.plan.lines.map((l) => ({ plan_line_id: l.id, category: l.category, label: l.label, planned_cents: l.planned_cents, actual_cents: l.actual_cents, difference_cents: l.difference_cents, percent_used: l.percent_used })),
      planned_cents: f.plan.planned_cents,
      actual_cents: f.plan.actual_cents,
      difference_cents: f.plan.difference_cents,
      percent_used: f.plan.percent_used,
    },
    financing: {
      sources: f.financing.sources.map((s) => ({ funding_source_id: s.id, kind: s.kind, label: s.label, planned_cents: s.planned_cents, actual_cents: s.actual_cents })),
      planned_cents: f.financing.planned_cents,
      cost_planned_cents: f.financing.cost_planned_cents,
      gap_cents: f.financing.gap_cents,
      covered: f.financing.covered,
      received_unplanned_cents: f.financing.received_unplanned_cents,
    },
  };
}

const warningsJson = (c: AppContext, warnings: MoneyWarning[]) => warnings.map((w) => ({ code: w.code, message: w.message[c.get('lang')] }));

export function registerGrantMoneyRoutes(api: ApiRouter) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/grants/{id}/finances',
      tags: TAG,
      summary: 'Kosten- und Finanzierungsplan, Zahlungen, Ausgaben, Soll/Ist / plan, financing, payments, expenses, plan vs actual',
      request: { params: idParam },
      responses: { 200: jsonOk(financesOut), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => c.json(financesJson(await grantFinances(c.get('deps').db, c.req.valid('param').id)), 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/grants/{id}/plan-lines',
      tags: TAG,
      summary: 'Position im Kostenplan anlegen (Cent) / add a cost plan line (cents)',
      request: { params: idParam, body: jsonBody(planLineBody) },
      responses: { 201: jsonOk(planLineOut.extend({ warnings: z.array(warningOut) }), 'Angelegt / created'), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      const r = await inTransaction(deps.db, (trx) => saveGrantPlanLine(trx, { ...c.req.valid('json'), applicationId: id, actor: actorOf(c) }, deps));
      return c.json({ ...lineJson(r.line), warnings: warningsJson(c, r.warnings) }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/grants/{id}/funding-sources',
      tags: TAG,
      summary: 'Position im Finanzierungsplan anlegen (Cent) / add a financing source (cents)',
      request: { params: idParam, body: jsonBody(fundingSourceBody) },
      responses: { 201: jsonOk(sourceOut.extend({ warnings: z.array(warningOut) }), 'Angelegt / created'), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      const r = await inTransaction(deps.db, (trx) => saveGrantFundingSource(trx, { ...c.req.valid('json'), applicationId: id, actor: actorOf(c) }, deps));
      return c.json({ ...lineJson(r.source), warnings: warningsJson(c, r.warnings) }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/grants/{id}/payments',
      tags: TAG,
      summary: 'Erhaltene Fördermittel erfassen (nur bewilligte Anträge; mehr als bewilligt: Warnung) / record grant money received',
      request: { params: idParam, body: jsonBody(paymentBody) },
      responses: {
        201: jsonOk(paymentOut.extend({ received_cents: z.number().int(), warnings: z.array(warningOut) }), 'Erfasst / recorded'),
        ...errorResponses,
        ...notFoundResponse,
        ...conflictResponse,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      const r = await inTransaction(deps.db, (trx) => recordGrantPayment(trx, { ...c.req.valid('json'), applicationId: id, actor: actorOf(c) }, deps));
      return c.json({ ...paymentJson(r.payment), received_cents: r.received_cents, warnings: warningsJson(c, r.warnings) }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/grants/{id}/expenses',
      tags: TAG,
      summary: 'Ausgabe auf eine Kostenplanposition buchen (außerhalb des Projektzeitraums: Warnung) / record an expense on a plan line',
      request: { params: idParam, body: jsonBody(expenseBody) },
      responses: { 201: jsonOk(expenseOut.extend({ warnings: z.array(warningOut) }), 'Erfasst / recorded'), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      const r = await inTransaction(deps.db, (trx) => recordGrantExpense(trx, { ...c.req.valid('json'), applicationId: id, actor: actorOf(c) }, deps));
      return c.json({ ...expenseJson(r.expense), warnings: warningsJson(c, r.warnings) }, 201);
    },
  );
}
