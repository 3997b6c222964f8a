import { createRoute, z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { FundersTable } from '../../db/schema';
import { inTransaction } from '../deps';
import { actorOf, type AppContext } from '../http/context';
import { AppError } from '../http/errors';
import { conflictResponse, errorResponses, idParam, jsonBody, jsonOk, notFoundResponse, type ApiRouter } from '../http/openapi';
import { parseOrThrow } from '../http/validate';
import { applicationDetail, type ApplicationDetail } from './application-detail';
import { applicationAsInput, APPLICATION_NOT_FOUND, type GrantWarning } from './application-rules';
import { createGrantApplication } from './create-grant-application';
import { moveGrantApplication } from './move-grant-application';
import { applicationsOfFunder, findFunder, listApplications, listFunders, lockApplication, lockFunder, type ApplicationRow } from './queries';
import { createFunder, FUNDER_NOT_FOUND, updateFunder } from './save-funder';
import { applicationPatchSchema, applicationSchema, funderPatchSchema, funderSchema, grantFilterSchema, moveSchema } from './schemas';
import { updateGrantApplication } from './update-grant-application';

/**
 * Funders and applications in the JSON API (/api/v1/funders, /api/v1/grants): the same
 * operations as the screens (web/grants). Amounts are cents (numbers) or euros as text
 * ("12.345,67"); a saved change that deserves a second look answers with `warnings`.
 */

const FUNDER_TAG = ['Fördermittelgeber / funders'];
const GRANT_TAG = ['Förderanträge / grant applications'];

const iso = (d: Date) => d.toISOString();

export function funderJson(f: Selectable<FundersTable>) {
  return { ...f, id: Number(f.id), created_at: iso(f.created_at), updated_at: iso(f.updated_at) };
}

export function applicationJson(a: ApplicationRow | Omit<ApplicationRow, 'funder_name' | 'funder_programme' | 'responsible_name'>) {
  return { ...a, id: Number(a.id), created_at: iso(a.created_at), updated_at: iso(a.updated_at), url: `/grants/${a.id}` };
}

const warningsJson = (c: AppContext, warnings: GrantWarning[]) => warnings.map((w) => ({ code: w.code, message: w.message[c.get('lang')] }));

function detailJson(d: ApplicationDetail) {
  return {
    ...applicationJson(d.application),
    next_statuses: [...d.nextStatuses] as string[],
    status_changes: d.statusChanges.map((s) => ({ ...s, id: Number(s.id), changed_at: iso(s.changed_at) })),
    documents: d.documents.map(({ blob_key: _k, ...doc }) => ({ ...doc, id: Number(doc.id), created_at: iso(doc.created_at), download_url: `/grants/${d.application.id}/documents/${doc.id}` })),
  };
}

const funderOut = z.record(z.string(), z.any()).openapi('Funder');
const applicationOut = z.record(z.string(), z.any()).openapi('GrantApplication');

export function registerGrantRoutes(api: ApiRouter) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/funders',
      tags: FUNDER_TAG,
      summary: 'Alle Fördermittelgeber mit der Zahl ihrer Anträge / all funders with their number of applications',
      responses: { 200: jsonOk(z.object({ funders: z.array(funderOut) })), ...errorResponses },
    }),
    async (c) => {
      const rows = await listFunders(c.get('deps').db);
      return c.json({ funders: rows.map((f) => ({ ...funderJson(f), application_count: Number(f.application_count ?? 0) })) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/funders',
      tags: FUNDER_TAG,
      summary: 'Fördermittelgeber anlegen; Name und Programm zusammen gibt es nur einmal / create a funder; name and programme are unique together',
      request: { body: jsonBody(funderSchema) },
      responses: { 201: jsonOk(funderOut, 'Angelegt / created'), ...errorResponses, ...conflictResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const funder = await inTransaction(deps.db, (trx) => createFunder(trx, { funder: c.req.valid('json'), actor: actorOf(c) }, deps));
      c.header('location', `/api/v1/funders/${funder.id}`);
      return c.json(funderJson(funder), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/funders/{id}',
      tags: FUNDER_TAG,
      summary: 'Ein Fördermittelgeber mit seinen Anträgen (Status, Beträge) / one funder with its applications',
      request: { params: idParam },
      responses: { 200: jsonOk(funderOut), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const db = c.get('deps').db;
      const id = c.req.valid('param').id;
      const funder = await findFunder(db, id);
      if (!funder) throw new AppError('not_found', FUNDER_NOT_FOUND);
      const applications = await applicationsOfFunder(db, id);
      return c.json({ ...funderJson(funder), applications: applications.map(applicationJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/funders/{id}',
      tags: FUNDER_TAG,
      summary: 'Fördermittelgeber ändern (nur die genannten Felder; null leert ein Feld) / change a funder (only the fields given; null empties one)',
      request: { params: idParam, body: jsonBody(funderPatchSchema) },
      responses: { 200: jsonOk(funderOut), ...errorResponses, ...notFoundResponse, ...conflictResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      c.req.valid('json');
      const raw = (await c.req.json()) as Record<string, unknown>;
      const funder = await inTransaction(deps.db, async (trx) => {
        const current = await lockFunder(trx, id);
        if (!current) throw new AppError('not_found', FUNDER_NOT_FOUND);
        const { id: _id, created_at: _c, updated_at: _u, ...fields } = current;
        // absent keys keep their value, null empties a field
        return updateFunder(trx, { id, funder: parseOrThrow(funderSchema, { ...fields, ...raw }), actor: actorOf(c) }, deps);
      });
      return c.json(funderJson(funder), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/grants',
      tags: GRANT_TAG,
      summary: 'Förderanträge, wahlweise eines Fördermittelgebers oder einer verantwortlichen Person / applications, optionally by funder or responsible person',
      request: { query: grantFilterSchema },
      responses: { 200: jsonOk(z.object({ applications: z.array(applicationOut) })), ...errorResponses },
    }),
    async (c) => {
      const f = c.req.valid('query');
      const rows = await listApplications(c.get('deps').db, { funderId: f.funder, responsibleUserId: f.responsible });
      return c.json({ applications: rows.map(applicationJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/grants',
      tags: GRANT_TAG,
      summary: 'Förderantrag anlegen (beginnt als Idee); bewilligt über beantragt wird gespeichert und gewarnt / create an application (starts as an idea); approved above requested is saved with a warning',
      request: { body: jsonBody(applicationSchema) },
      responses: { 201: jsonOk(applicationOut, 'Angelegt / created'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { application, warnings } = await inTransaction(deps.db, (trx) => createGrantApplication(trx, { application: c.req.valid('json'), actor: actorOf(c) }, deps));
      c.header('location', `/api/v1/grants/${application.id}`);
      return c.json({ ...detailJson(await applicationDetail(deps.db, application.id)), warnings: warningsJson(c, warnings) }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/grants/{id}',
      tags: GRANT_TAG,
      summary: 'Ein Förderantrag mit Statusverlauf, Dokumenten und den erlaubten nächsten Status / one application with its status history, documents and allowed next statuses',
      request: { params: idParam },
      responses: { 200: jsonOk(applicationOut), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => c.json(detailJson(await applicationDetail(c.get('deps').db, c.req.valid('param').id)), 200),
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/grants/{id}',
      tags: GRANT_TAG,
      summary: 'Förderantrag ändern (nur die genannten Felder; der Status wandert nur über /status) / change an application (status moves only through /status)',
      request: { params: idParam, body: jsonBody(applicationPatchSchema) },
      responses: { 200: jsonOk(applicationOut), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      const raw = (await c.req.json()) as Record<string, unknown>;
      const { warnings } = await inTransaction(deps.db, async (trx) => {
        const current = await lockApplication(trx, id);
        if (!current) throw new AppError('not_found', APPLICATION_NOT_FOUND);
        const application = parseOrThrow(applicationSchema, { ...applicationAsInput(current), ...raw });
        return updateGrantApplication(trx, { id, application, actor: actorOf(c) }, deps);
      });
      return c.json({ ...detailJson(await applicationDetail(deps.db, id)), warnings: warningsJson(c, warnings) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/grants/{id}/status',
      tags: GRANT_TAG,
      summary:
        'Im Ablauf weiterschieben (to, on = Tag, Standard heute; approved_cents bei Bewilligung Pflicht; note). Unerlaubte Sprünge: 422 mit den erlaubten nächsten Status / move through the pipeline; a jump not allowed answers 422 naming the allowed next statuses',
      request: { params: idParam, body: jsonBody(moveSchema) },
      responses: { 200: jsonOk(applicationOut), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      const moved = await inTransaction(deps.db, (trx) => moveGrantApplication(trx, { id, move: c.req.valid('json'), actor: actorOf(c) }, deps));
      return c.json({ ...detailJson(await applicationDetail(deps.db, id)), deadlines_done: moved.deadlinesDone.map((d) => Number(d.id)), warnings: warningsJson(c, moved.warnings) }, 200);
    },
  );

}
