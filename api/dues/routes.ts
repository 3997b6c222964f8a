import { createRoute, z } from '@hono/zod-openapi';
import { inTransaction } from '../deps';
import { actorOf } from '../http/context';
import { conflictResponse, errorResponses, idParam, jsonBody, jsonOk, notFoundResponse, type ApiRouter } from '../http/openapi';
import { berlinToday } from '../lib/dates';
import { arrears, listClaims } from './queries';
import { recordPayment } from './record-payment';
import { runDues } from './run-dues';
import { runDunning } from './run-dunning';
import { kickOutbox } from '../jobs/deliver-outbox';
import { duesRunSchema, paymentSchema, writeOffSchema } from './schemas';
import { writeOffClaim } from './write-off-claim';

const CLAIM_STATUSES = ['open', 'partly_paid', 'paid', 'written_off', 'returned', 'submitted'] as const;

const runOut = z
  .object({
    id: z.number().int(),
    period_from: z.string(),
    period_to: z.string(),
    claims_created: z.number().int(),
    amount_created_cents: z.number().int(),
    claims_skipped: z.number().int(),
    notices_sent: z.number().int().openapi({ description: 'Zahlungsaufforderungen (mit GiroCode) an Überweiser / payment requests to transfer payers' }),
    notices_without_email: z.array(z.string()).openapi({ description: 'Zahler ohne E-Mail (bitte per Brief) / payers without e-mail (send a letter)' }),
  })
  .openapi('DuesRun');

const claimOut = z
  .object({
    id: z.number().int(),
    member_id: z.number().int(),
    debtor_member_id: z.number().int(),
    label: z.string(),
    period_start: z.string(),
    period_end: z.string(),
    due_date: z.string(),
    amount_cents: z.number().int(),
    paid_cents: z.number().int(),
    status: z.enum(CLAIM_STATUSES),
  })
  .openapi('Claim');

const claimJson = (c: z.infer<typeof claimOut> & Record<string, unknown>) => ({
  id: c.id,
  member_id: c.member_id,
  debtor_member_id: c.debtor_member_id,
  label: c.label,
  period_start: c.period_start,
  period_end: c.period_end,
  due_date: c.due_date,
  amount_cents: c.amount_cents,
  paid_cents: c.paid_cents,
  status: c.status,
});

export function registerDuesRoutes(api: ApiRouter) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/dues/runs',
      tags: ['Beiträge / dues'],
      summary: 'Beitragslauf: Forderungen für einen Zeitraum anlegen (wiederholbar ohne Doppel) / dues run (repeatable without doubles)',
      request: { body: jsonBody(duesRunSchema) },
      responses: { 201: jsonOk(runOut, 'Lauf ausgeführt / run done'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const run = await inTransaction(deps.db, (trx) => runDues(trx, { ...c.req.valid('json'), actor: actorOf(c) }, deps));
      kickOutbox(deps);
      return c.json(
        {
          id: run.id,
          period_from: run.period_from,
          period_to: run.period_to,
          claims_created: run.claims_created,
          amount_created_cents: run.amount_created_cents,
          claims_skipped: run.claims_skipped,
          notices_sent: run.notices.mails,
          notices_without_email: run.notices.withoutEmail,
        },
        201,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/dues/claims',
      tags: ['Beiträge / dues'],
      summary: 'Forderungen / claims',
      request: {
        query: z.object({
          status: z.enum(CLAIM_STATUSES).optional(),
          from: z.string().optional(),
          to: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
      responses: { 200: jsonOk(z.object({ total: z.number().int(), open_cents: z.number().int(), claims: z.array(claimOut) })), ...errorResponses },
    }),
    async (c) => {
      const [rows, totals] = await listClaims(c.get('deps').db, c.req.valid('query'));
      return c.json({ total: totals.n, open_cents: totals.open_cents, claims: rows.map(claimJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/dues/claims/{id}/payments',
      tags: ['Beiträge / dues'],
      summary: 'Überweisung oder Barzahlung erfassen / record a transfer or cash payment',
      request: { params: idParam, body: jsonBody(paymentSchema) },
      responses: { 201: jsonOk(claimOut, 'Erfasst / recorded'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { claim } = await inTransaction(deps.db, (trx) => recordPayment(trx, { claimId: c.req.valid('param').id, payment: c.req.valid('json'), actor: actorOf(c) }, deps));
      return c.json(claimJson(claim), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/dues/claims/{id}/write-off',
      tags: ['Beiträge / dues'],
      summary: 'Forderung ausbuchen / write off a claim',
      request: { params: idParam, body: jsonBody(writeOffSchema) },
      responses: { 200: jsonOk(claimOut), ...errorResponses, ...notFoundResponse, ...conflictResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const claim = await inTransaction(deps.db, (trx) => writeOffClaim(trx, { claimId: c.req.valid('param').id, reason: c.req.valid('json').reason, actor: actorOf(c) }, deps));
      return c.json(claimJson(claim), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/dues/arrears',
      tags: ['Beiträge / dues'],
      summary: 'Rückstände je Zahler, nach Alter / arrears per payer, by age',
      responses: {
        200: jsonOk(
          z.object({
            arrears: z.array(
              z.object({ member_id: z.number().int(), member_number: z.number().int().nullable(), first_name: z.string(), last_name: z.string(), oldest_due: z.string(), open_cents: z.number().int(), up_to_30: z.number().int(), days_31_90: z.number().int(), over_90: z.number().int() }),
            ),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const rows = await arrears(deps.db, berlinToday(deps.clock.now()));
      return c.json({ arrears: rows.map((r) => ({ ...r, oldest_due: String(r.oldest_due) })) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/dues/dunning-runs',
      tags: ['Beiträge / dues'],
      summary: 'Mahnlauf: fällige Erinnerungen verschicken (je Stufe nur einmal) / dunning run (each level once)',
      responses: {
        201: jsonOk(z.object({ mails: z.number().int(), reminders: z.number().int(), fees: z.number().int(), withoutEmail: z.array(z.string()) }), 'Ausgeführt / done'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const result = await inTransaction(deps.db, (trx) => runDunning(trx, { actor: actorOf(c) }, deps));
      kickOutbox(deps);
      return c.json(result, 201);
    },
  );
}
