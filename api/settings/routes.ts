import { createRoute, z } from '@hono/zod-openapi';
import type { Association } from '../../db/schema';
import { inTransaction } from '../deps';
import { actorOf } from '../http/context';
import { AppError, msg } from '../http/errors';
import { errorResponses, jsonBody, jsonOk, notFoundResponse, type ApiRouter } from '../http/openapi';
import { getAssociation } from './queries';
import { associationSchema } from './schemas';
import { updateSettings } from './update-settings';

const associationOut = z
  .object({
    name: z.string(),
    street: z.string(),
    postal_code: z.string(),
    city: z.string(),
    finanzamt: z.string(),
    steuernummer: z.string(),
    notice_kind: z.enum(['freistellungsbescheid', 'feststellung_60a']),
    notice_date: z.string(),
    notice_year_from: z.number().int().nullable(),
    notice_year_to: z.number().int().nullable(),
    purposes: z.array(z.object({ genitive: z.string(), accusative: z.string() })),
    iban: z.string(),
    bic: z.string().nullable(),
    creditor_id: z.string().nullable(),
    signature_place: z.string(),
    dues_join_rule: z.enum(['next_period', 'pro_rata']),
    sepa_version: z.enum(['001.08', '001.02']),
    prenotification_days: z.number().int(),
    return_fee_to_member: z.boolean(),
    dunning_levels: z.array(z.object({ days: z.number().int(), fee_cents: z.number().int() })),
    member_dues_deductible: z.boolean(),
    machine_procedure_notified_on: z.string().nullable(),
    simplified_proof: z.boolean(),
    grant_reminder_days: z.array(z.number().int()),
    grant_reminders_to_board: z.boolean(),
    updated_at: z.string(),
  })
  .openapi('AssociationSettings');

function associationJson(a: Association) {
  const { id: _id, ...rest } = a;
  return { ...rest, updated_at: a.updated_at.toISOString() };
}

export function registerSettingsRoutes(api: ApiRouter) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/settings',
      tags: ['Einstellungen / settings'],
      summary: 'Stammdaten des Vereins / the association’s master data',
      responses: { 200: jsonOk(associationOut), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const association = await getAssociation(c.get('deps').db);
      if (!association) throw new AppError('not_found', msg('Kassenwart ist noch nicht eingerichtet.', 'Kassenwart is not set up yet.'));
      return c.json(associationJson(association), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/settings',
      tags: ['Einstellungen / settings'],
      summary: 'Stammdaten ändern (IBAN und Gläubiger-ID werden geprüft) / change master data (IBAN and creditor ID are checked)',
      request: { body: jsonBody(associationSchema) },
      responses: { 200: jsonOk(associationOut), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const association = c.req.valid('json');
      const saved = await inTransaction(deps.db, (trx) => updateSettings(trx, { association, actor: actorOf(c) }, deps));
      return c.json(associationJson(saved), 200);
    },
  );
}
