import { createRoute, z } from '@hono/zod-openapi';
import type { Donation, Donor } from '../../db/schema';
import { inTransaction } from '../deps';
import { actorOf } from '../http/context';
import { AppError } from '../http/errors';
import { errorResponses, idParam, jsonBody, jsonOk, notFoundResponse, type ApiRouter } from '../http/openapi';
import { correctDonation } from './correct-donation';
import { donationsOfDonor, findDonor, listDonations, listDonors, subscriptionsOfDonor } from './ledger-queries';
import { DONOR_NOT_FOUND } from './ledger-rules';
import { DONATION_METHODS, DONATION_STATUSES, donationFilterSchema, donationPatchSchema, donorFilterSchema, offlineDonationSchema } from './ledger-schemas';
import { recordOfflineDonation } from './record-offline-donation';

export const DONATION_PAGE_SIZE = 50;
const TAG = ['Spenden / donations'];

const donationOut = z
  .object({
    id: z.number().int(),
    donor_id: z.number().int().nullable(),
    subscription_id: z.number().int().nullable(),
    donated_on: z.string(),
    amount_cents: z.number().int(),
    refunded_cents: z.number().int(),
    method: z.enum(DONATION_METHODS),
    purpose_id: z.number().int().nullable(),
    status: z.enum(DONATION_STATUSES),
    source: z.enum(['online', 'offline']),
    receipt_wanted: z.boolean(),
    waiver: z.boolean(),
    note: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .passthrough()
  .openapi('Donation');

export function donationJson(g: Donation) {
  return { ...g, created_at: g.created_at.toISOString(), updated_at: g.updated_at.toISOString(), thanked_at: g.thanked_at?.toISOString() ?? null };
}
export function donorJson(d: Donor) {
  return { ...d, created_at: d.created_at.toISOString(), updated_at: d.updated_at.toISOString() };
}

/** The donations ledger in the JSON API: the same operations as the treasurer's screens. */
export function registerDonationLedgerRoutes(api: ApiRouter) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/donations',
      tags: TAG,
      summary: 'Spenden filtern; Summe nur der eingegangenen / filter gifts; the sum counts succeeded gifts only',
      request: { query: donationFilterSchema },
      responses: {
        200: jsonOk(z.object({ total: z.number().int(), succeeded_cents: z.number().int(), page: z.number().int(), page_size: z.number().int(), donations: z.array(z.record(z.string(), z.unknown())) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const filter = c.req.valid('query');
      const { rows, total, succeededCents } = await listDonations(c.get('deps').db, filter, DONATION_PAGE_SIZE);
      return c.json({ total, succeeded_cents: succeededCents, page: filter.page, page_size: DONATION_PAGE_SIZE, donations: rows }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/donations',
      tags: TAG,
      summary: 'Spende von Hand erfassen (Überweisung, bar, Sachspende, Aufwandsspende) / record an offline gift',
      request: { body: jsonBody(offlineDonationSchema) },
      responses: { 201: jsonOk(donationOut, 'Erfasst / recorded'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const donation = await inTransaction(deps.db, (trx) => recordOfflineDonation(trx, { donation: c.req.valid('json'), actor: actorOf(c) }, deps));
      return c.json(donationJson(donation), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/donations/{id}',
      tags: TAG,
      summary: 'Spende korrigieren; bei Stripe-Spenden nur Zweck, Notiz, Spender, Bestätigung / correct a gift; Stripe gifts: purpose, note, donor, receipt only',
      request: { params: idParam, body: jsonBody(donationPatchSchema) },
      responses: { 200: jsonOk(donationOut), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const donation = await inTransaction(deps.db, (trx) => correctDonation(trx, { id: c.req.valid('param').id, changes: c.req.valid('json'), actor: actorOf(c) }, deps));
      return c.json(donationJson(donation), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/donors',
      tags: TAG,
      summary: 'Spender suchen, mit Zahl und Summe der Spenden / search donors with gift count and total',
      request: { query: donorFilterSchema },
      responses: { 200: jsonOk(z.object({ total: z.number().int(), page: z.number().int(), page_size: z.number().int(), donors: z.array(z.record(z.string(), z.unknown())) })), ...errorResponses },
    }),
    async (c) => {
      const filter = c.req.valid('query');
      const { rows, total } = await listDonors(c.get('deps').db, filter, DONATION_PAGE_SIZE);
      return c.json({ total, page: filter.page, page_size: DONATION_PAGE_SIZE, donors: rows }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/donors/{id}',
      tags: TAG,
      summary: 'Ein Spender mit allen Spenden und Daueraufträgen / one donor with all gifts and monthly gifts',
      request: { params: idParam },
      responses: {
        200: jsonOk(z.object({ donor: z.record(z.string(), z.unknown()), donations: z.array(z.record(z.string(), z.unknown())), subscriptions: z.array(z.record(z.string(), z.unknown())) })),
        ...errorResponses,
        ...notFoundResponse,
      },
    }),
    async (c) => {
      const db = c.get('deps').db;
      const id = c.req.valid('param').id;
      const donor = await findDonor(db, id);
      if (!donor) throw new AppError('not_found', DONOR_NOT_FOUND);
      const [donations, subscriptions] = await Promise.all([donationsOfDonor(db, id), subscriptionsOfDonor(db, id)]);
      return c.json({ donor: donorJson(donor), donations, subscriptions: subscriptions.map((s) => ({ ...s, canceled_at: s.canceled_at?.toISOString() ?? null })) }, 200);
    },
  );
}
