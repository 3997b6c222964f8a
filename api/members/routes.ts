import { createRoute, z } from '@hono/zod-openapi';
import type { Member, MembershipType } from '../../db/schema';
import { entityHistory } from '../audit/entity-history';
import { inTransaction } from '../deps';
import { kickOutbox } from '../jobs/deliver-outbox';
import { actorOf } from '../http/context';
import { AppError } from '../http/errors';
import { conflictResponse, errorResponses, idParam, jsonBody, jsonOk, notFoundResponse, type ApiRouter } from '../http/openapi';
import { acceptApplication } from './accept-application';
import { createMember } from './create-member';
import { declineApplication } from './decline-application';
import { findMemberDetails, listMembers, listMembershipTypes, listOpenApplications } from './queries';
import { saveMembershipType } from './save-membership-type';
import { FEE_INTERVALS, MEMBER_LANGUAGES, MEMBER_STATUSES, PAYMENT_METHODS, acceptApplicationSchema, declineApplicationSchema, memberFilterSchema, memberSchema, membershipTypeSchema } from './schemas';
import { maskIban } from '../lib/iban';
import { MEMBER_NOT_FOUND, updateMember } from './update-member';

export const PAGE_SIZE = 50;

const memberOut = z
  .object({
    id: z.number().int(),
    member_number: z.number().int().nullable(),
    first_name: z.string(),
    last_name: z.string(),
    street: z.string().nullable(),
    postal_code: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    birth_date: z.string().nullable(),
    join_date: z.string().nullable(),
    exit_date: z.string().nullable(),
    status: z.enum(MEMBER_STATUSES),
    membership_type_id: z.number().int(),
    reduced_fee: z.boolean(),
    payment_method: z.enum(PAYMENT_METHODS),
    payer_member_id: z.number().int().nullable(),
    consent_newsletter_on: z.string().nullable(),
    consent_photos_on: z.string().nullable(),
    notes: z.string().nullable(),
    language: z.enum(MEMBER_LANGUAGES),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Member');

const typeOut = z
  .object({
    id: z.number().int(),
    name: z.string(),
    fee_cents: z.number().int(),
    reduced_fee_cents: z.number().int().nullable(),
    interval: z.enum(FEE_INTERVALS),
    active: z.boolean(),
  })
  .openapi('MembershipType');

export function memberJson(m: Member) {
  return { ...m, created_at: m.created_at.toISOString(), updated_at: m.updated_at.toISOString() };
}
const typeJson = (t: MembershipType) => ({ id: t.id, name: t.name, fee_cents: t.fee_cents, reduced_fee_cents: t.reduced_fee_cents, interval: t.interval, active: t.active });

export function registerMemberRoutes(api: ApiRouter) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/members',
      tags: ['Mitglieder / members'],
      summary: 'Mitglieder suchen und filtern / search and filter members',
      request: { query: memberFilterSchema },
      responses: {
        200: jsonOk(z.object({ total: z.number().int(), page: z.number().int(), page_size: z.number().int(), members: z.array(z.record(z.string(), z.unknown())) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const filter = c.req.valid('query');
      const { rows, total } = await listMembers(c.get('deps').db, filter, PAGE_SIZE);
      return c.json({ total, page: filter.page, page_size: PAGE_SIZE, members: rows }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/members',
      tags: ['Mitglieder / members'],
      summary: 'Mitglied anlegen / create a member',
      request: { body: jsonBody(memberSchema) },
      responses: { 201: jsonOk(memberOut, 'Angelegt / created'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const member = await inTransaction(deps.db, (trx) => createMember(trx, { member: c.req.valid('json'), actor: actorOf(c) }, deps));
      return c.json(memberJson(member), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/members/{id}',
      tags: ['Mitglieder / members'],
      summary: 'Ein Mitglied / one member',
      request: { params: idParam },
      responses: { 200: jsonOk(memberOut), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const member = await findMemberDetails(c.get('deps').db, c.req.valid('param').id);
      if (!member) throw new AppError('not_found', MEMBER_NOT_FOUND);
      const { type_name: _t, fee_cents: _f, reduced_fee_cents: _r, interval: _i, payer_first_name: _pf, payer_last_name: _pl, payer_member_number: _pn, ...row } = member;
      return c.json(memberJson(row), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/members/{id}',
      tags: ['Mitglieder / members'],
      summary: 'Mitglied ändern (ganzer Datensatz) / change a member (whole record)',
      request: { params: idParam, body: jsonBody(memberSchema) },
      responses: { 200: jsonOk(memberOut), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const member = await inTransaction(deps.db, (trx) => updateMember(trx, { id: c.req.valid('param').id, member: c.req.valid('json'), actor: actorOf(c) }, deps));
      return c.json(memberJson(member), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/members/{id}/history',
      tags: ['Mitglieder / members'],
      summary: 'Änderungen am Mitglied / history of changes',
      request: { params: idParam },
      responses: {
        200: jsonOk(z.object({ entries: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), before: z.unknown(), after: z.unknown() })) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const rows = await entityHistory(c.get('deps').db, 'member', c.req.valid('param').id);
      return c.json({ entries: rows.map((r) => ({ at: r.at.toISOString(), actor: r.actor, action: r.action, before: r.before, after: r.after })) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/membership-types',
      tags: ['Mitglieder / members'],
      summary: 'Beitragsarten / membership types',
      responses: { 200: jsonOk(z.object({ types: z.array(typeOut) })), ...errorResponses },
    }),
    async (c) => c.json({ types: (await listMembershipTypes(c.get('deps').db)).map(typeJson) }, 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/membership-types',
      tags: ['Mitglieder / members'],
      summary: 'Beitragsart anlegen / create a membership type',
      request: { body: jsonBody(membershipTypeSchema) },
      responses: { 201: jsonOk(typeOut, 'Angelegt / created'), ...errorResponses, ...conflictResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const type = await inTransaction(deps.db, (trx) => saveMembershipType(trx, { id: null, type: c.req.valid('json'), actor: actorOf(c) }, deps));
      return c.json(typeJson(type), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/membership-types/{id}',
      tags: ['Mitglieder / members'],
      summary: 'Beitragsart ändern / change a membership type',
      request: { params: idParam, body: jsonBody(membershipTypeSchema) },
      responses: { 200: jsonOk(typeOut), ...errorResponses, ...notFoundResponse, ...conflictResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const type = await inTransaction(deps.db, (trx) => saveMembershipType(trx, { id: c.req.valid('param').id, type: c.req.valid('json'), actor: actorOf(c) }, deps));
      return c.json(typeJson(type), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/applications',
      tags: ['Mitglieder / members'],
      summary: 'Offene Mitgliedsanträge / open membership applications',
      responses: { 200: jsonOk(z.object({ applications: z.array(z.record(z.string(), z.unknown())) })), ...errorResponses },
    }),
    async (c) => {
      const rows = await listOpenApplications(c.get('deps').db);
      // The account of a mandate given online travels masked; the full IBAN moves into the mandate on acceptance.
      const applications = rows.map(({ iban, ...a }) => ({ ...a, iban_masked: iban ? maskIban(iban) : null, submitted_at: a.submitted_at.toISOString() }));
      return c.json({ applications }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/applications/{id}/accept',
      tags: ['Mitglieder / members'],
      summary: 'Antrag annehmen: Mitglied + Mandat aktiv, Willkommensmail / accept: member and mandate active, welcome mail',
      request: { params: idParam, body: jsonBody(acceptApplicationSchema) },
      responses: {
        200: jsonOk(z.object({ member: memberOut, mandate_reference: z.string().nullable(), first_date: z.string().nullable() })),
        ...errorResponses,
        ...notFoundResponse,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const result = await inTransaction(deps.db, (trx) => acceptApplication(trx, { applicationId: c.req.valid('param').id, ...c.req.valid('json'), actor: actorOf(c) }, deps));
      kickOutbox(deps);
      return c.json({ member: memberJson(result.member), mandate_reference: result.mandate?.reference ?? null, first_date: result.firstDate }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/applications/{id}/decline',
      tags: ['Mitglieder / members'],
      summary: 'Antrag ablehnen: Nachricht, Angaben gelöscht / decline: message, data deleted',
      request: { params: idParam, body: jsonBody(declineApplicationSchema) },
      responses: { 204: { description: 'Abgelehnt und gelöscht / declined and deleted' }, ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      await inTransaction(deps.db, (trx) => declineApplication(trx, { applicationId: c.req.valid('param').id, message: c.req.valid('json').message, actor: actorOf(c) }, deps));
      kickOutbox(deps);
      return c.body(null, 204);
    },
  );
}
