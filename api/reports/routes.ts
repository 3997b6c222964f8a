import { createRoute, z } from '@hono/zod-openapi';
import { validationError } from '../http/errors';
import { errorResponses, jsonOk, type ApiRouter } from '../http/openapi';
import { dashboardFigures } from './dashboard-figures';

/**
 * The finance dashboard as JSON (GET /api/v1/dashboard): the same operation as the page
 * (web/reports), so the numbers are the same. A period that is no period answers 422 with the
 * page's message as the field error.
 */

const TAG = ['Berichte / reports'];
const optionalText = z.string().max(40).optional();

export const dashboardQuerySchema = z.object({
  period: optionalText.openapi({ description: 'Jahr (2026) oder Quartal (2026-Q3); leer: laufendes Jahr bis heute / a year or a quarter', example: '2026-Q3' }),
  from: optionalText.openapi({ description: 'Anfang eines eigenen Zeitraums (YYYY-MM-DD) / start of a custom range', example: '2026-01-01' }),
  to: optionalText.openapi({ description: 'Ende eines eigenen Zeitraums (YYYY-MM-DD) / end of a custom range', example: '2026-06-30' }),
});

const bySource = z.object({ dues: z.number().int(), donations_once: z.number().int(), donations_monthly: z.number().int(), grants: z.number().int(), total: z.number().int() });
const label = z.object({ de: z.string(), en: z.string() });
const deadline = z.object({
  id: z.number().int(),
  application_id: z.number().int(),
  application_title: z.string(),
  funder_name: z.string(),
  kind: z.string(),
  title: z.string(),
  due_on: z.string(),
});

const dashboardOut = z
  .object({
    today: z.string(),
    period: z.object({ kind: z.enum(['year_to_date', 'year', 'quarter', 'range']), key: z.string(), from: z.string(), to: z.string(), as_of: z.string(), label }),
    comparison: z.object({ from: z.string(), to: z.string(), label }),
    income: z.object({
      months: z.array(z.object({ month: z.string(), previous_month: z.string(), current: bySource, previous: bySource })),
      totals: bySource,
      previous_totals: bySource,
    }),
    dues: z.object({
      claims: z.number().int(),
      expected_cents: z.number().int(),
      received_cents: z.number().int(),
      open_cents: z.number().int(),
      open_claims: z.number().int(),
      written_off_cents: z.number().int(),
      arrears: z.object({
        as_of: z.string(),
        total_cents: z.number().int(),
        claims: z.number().int(),
        debtors: z.number().int(),
        buckets: z.array(z.object({ key: z.enum(['d0_30', 'd31_90', 'd91_180', 'd181_plus']), claims: z.number().int(), cents: z.number().int() })),
      }),
      returned_debits: z.object({ count: z.number().int(), cents: z.number().int() }),
    }),
    members: z.object({
      as_of: z.string(),
      total: z.number().int(),
      joins: z.number().int(),
      exits: z.number().int(),
      by_type: z.array(z.object({ id: z.number().int(), name: z.string(), count: z.number().int(), joins: z.number().int(), exits: z.number().int() })),
      months: z.array(z.object({ month: z.string(), joins: z.number().int(), exits: z.number().int() })),
    }),
    donations: z.object({
      gifts: z.number().int(),
      cents: z.number().int(),
      donors: z.number().int(),
      anonymous_gifts: z.number().int(),
      average_cents: z.number().int(),
      by_purpose: z.array(z.object({ purpose_id: z.number().int().nullable(), name_de: z.string().nullable(), name_en: z.string().nullable(), gifts: z.number().int(), cents: z.number().int() })),
      recurring: z.object({ gifts: z.number().int(), donors: z.number().int(), monthly_cents: z.number().int() }),
    }),
    grants: z.object({
      by_status: z.array(
        z.object({ status: z.string(), count: z.number().int(), requested_cents: z.number().int(), approved_cents: z.number().int(), amount_cents: z.number().int(), received_cents: z.number().int() }),
      ),
      approved_cents: z.number().int(),
      received_cents: z.number().int(),
      outstanding_cents: z.number().int(),
      overdue_count: z.number().int(),
      overdue: z.array(deadline),
      next: z.array(deadline),
    }),
  })
  .openapi('Dashboard');

export function registerReportRoutes(api: ApiRouter) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/dashboard',
      tags: TAG,
      summary: 'Finanzübersicht eines Zeitraums (Einnahmen, Beiträge, Mitglieder, Spenden, Förderung) / the finance dashboard of a period',
      request: { query: dashboardQuerySchema },
      responses: { 200: jsonOk(dashboardOut), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { figures, error } = await dashboardFigures(deps.db, c.req.valid('query'), deps);
      if (error) throw validationError([{ field: error.field, message: error.message }], error.message);
      return c.json(figures, 200);
    },
  );
}
