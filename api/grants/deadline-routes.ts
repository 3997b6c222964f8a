import { createRoute, z } from '@hono/zod-openapi';
import type { GrantDeadline } from '../../db/schema';
import { inTransaction } from '../deps';
import { actorOf } from '../http/context';
import { errorResponses, idParam, jsonBody, jsonOk, notFoundResponse, type ApiRouter } from '../http/openapi';
import { addDays, berlinToday } from '../lib/dates';
import { deadlineState, DEADLINE_KIND_LABELS } from '../lib/grants';
import { openDeadlines } from './deadline-queries';
import { deadlineListQuery, deadlinePatchSchema, DEADLINE_KINDS, newDeadlineSchema } from './deadline-schemas';
import { createGrantDeadline, updateGrantDeadline } from './save-grant-deadline';
import { daysBetween } from './send-grant-reminders';

/** Deadlines of applications in the JSON API (grants deadlines): the same operations as the screens. */

const TAG = ['Förderfristen / grant deadlines'];

const deadlineOut = z
  .object({
    id: z.number().int(),
    application_id: z.number().int(),
    kind: z.enum(DEADLINE_KINDS as [string, ...string[]]),
    kind_label: z.string(),
    title: z.string(),
    due_on: z.string(),
    done_on: z.string().nullable(),
    done_by: z.string().nullable(),
    notes: z.string().nullable(),
    state: z.enum(['open', 'done', 'overdue']),
    days_left: z.number().int().openapi({ description: 'Tage bis zur Frist, negativ = überfällig / days until due, negative = overdue' }),
  })
  .openapi('GrantDeadline');

const calendarEntryOut = deadlineOut
  .omit({ done_by: true })
  .extend({ application_title: z.string(), funder_name: z.string(), responsible_name: z.string().nullable() })
  .openapi('GrantDeadlineCalendarEntry');

export function deadlineJson(d: GrantDeadline, today: string, lang: 'de' | 'en' = 'de') {
  return {
    id: Number(d.id),
    application_id: Number(d.application_id),
    kind: d.kind,
    kind_label: DEADLINE_KIND_LABELS[d.kind][lang],
    title: d.title,
    due_on: d.due_on,
    done_on: d.done_on,
    done_by: d.done_by,
    notes: d.notes,
    state: deadlineState(d, today),
    days_left: daysBetween(today, d.due_on),
  };
}

export function registerGrantDeadlineRoutes(api: ApiRouter) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/grant-deadlines',
      tags: TAG,
      summary: 'Offene Fristen: überfällige zuerst, dann die nächsten ?days Tage (Standard 90) / open deadlines: overdue first, then the next ?days days',
      request: { query: deadlineListQuery },
      responses: { 200: jsonOk(z.object({ today: z.string(), until: z.string(), deadlines: z.array(calendarEntryOut) })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const today = berlinToday(deps.clock.now());
      const until = addDays(today, c.req.valid('query').days);
      const rows = await openDeadlines(deps.db, until);
      const lang = c.get('lang');
      return c.json(
        {
          today,
          until,
          deadlines: rows.map((d) => ({
            id: Number(d.id),
            application_id: Number(d.application_id),
            application_title: d.application_title,
            funder_name: d.funder_name,
            responsible_name: d.responsible_name,
            kind: d.kind,
            kind_label: DEADLINE_KIND_LABELS[d.kind][lang],
            title: d.title,
            due_on: d.due_on,
            done_on: d.done_on,
            notes: d.notes,
            state: deadlineState(d, today),
            days_left: daysBetween(today, d.due_on),
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/grants/{id}/deadlines',
      tags: TAG,
      summary: 'Frist eines Antrags anlegen (nicht vor dem Einreichungsdatum, außer der Antragsfrist) / add a deadline (not before submission, except the application deadline)',
      request: { params: idParam, body: jsonBody(newDeadlineSchema) },
      responses: { 201: jsonOk(deadlineOut, 'Angelegt / created'), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      const row = await inTransaction(deps.db, (trx) => createGrantDeadline(trx, { applicationId: id, deadline: c.req.valid('json'), actor: actorOf(c) }, deps));
      c.header('location', `/api/v1/grant-deadlines/${row.id}`);
      return c.json(deadlineJson(row, berlinToday(deps.clock.now()), c.get('lang')), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/grant-deadlines/{id}',
      tags: TAG,
      summary: 'Frist ändern; done_on setzt sie erledigt, null wieder offen / change a deadline; done_on marks it done, null reopens it',
      request: { params: idParam, body: jsonBody(deadlinePatchSchema) },
      responses: { 200: jsonOk(deadlineOut), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await inTransaction(deps.db, (trx) => updateGrantDeadline(trx, { deadlineId: c.req.valid('param').id, patch: c.req.valid('json'), actor: actorOf(c) }, deps));
      return c.json(deadlineJson(row, berlinToday(deps.clock.now()), c.get('lang')), 200);
    },
  );
}
