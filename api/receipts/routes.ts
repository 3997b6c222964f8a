import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Receipt } from '../../db/schema';
import { inTransaction, type Executor } from '../deps';
import { getBlob } from '../files/blobs';
import { actorOf } from '../http/context';
import { AppError, bilingual, msg } from '../http/errors';
import { conflictResponse, errorResponses, idParam, jsonBody, jsonOk, notFoundResponse, type ApiRouter } from '../http/openapi';
import { cancelReceipt } from './cancel-receipt';
import { issueReceipt } from './issue-receipt';
import { countReceipts, findReceipt, listReceipts, receiptItems, type ReceiptFilter } from './queries';
import { replacementsOf } from './screen-queries';

/**
 * Zuwendungsbestätigungen in the JSON API (/api/v1/receipts): the same operations as the
 * treasurer's screens (web/receipts). A receipt is never changed: it is issued, downloaded as the
 * stored Doppel, and cancelled (its number stays used); a replacement names the cancelled one.
 */

export const RECEIPT_PAGE_SIZE = 200;
const TAG = ['Zuwendungsbestätigungen / receipts'];
export const RECEIPT_NOT_FOUND = msg('Diese Zuwendungsbestätigung gibt es nicht.', 'This receipt does not exist.');

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
export const RECEIPT_STATES = ['valid', 'cancelled', 'review', 'post_unprinted'] as const;

/** The list's filter, for the screen (query string) and the API alike. */
export const receiptFilterSchema = z.object({
  year: z.preprocess(blankToUndefined, z.coerce.number().int().min(2000).max(2999).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  state: z.preprocess(blankToUndefined, z.enum(RECEIPT_STATES).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).default(1)),
});
export type ReceiptListFilter = z.output<typeof receiptFilterSchema>;

const ids = (label: string) =>
  z
    .array(z.number({ error: bilingual(msg(`${label}: nur Ids (ganze Zahlen)`, `${label}: ids (integers) only`)) }).int().positive())
    .max(5000)
    .default([]);

export const issueReceiptSchema = z
  .strictObject({
    donationIds: ids('donationIds').openapi({ description: 'Geld- und Sachzuwendungen (donations.id) / gifts' }),
    paymentIds: ids('paymentIds').openapi({ description: 'Bezahlte Mitgliedsbeiträge (payments.id) / paid dues' }),
    replacesReceiptId: z.number().int().positive().nullable().optional().openapi({ description: 'Die stornierte Bestätigung, die ersetzt wird / the cancelled receipt this replaces' }),
  })
  .openapi('ReceiptIssue');

export const cancelReceiptSchema = z
  .strictObject({
    reason: z.string({ error: bilingual(msg('Grund: bitte angeben', 'Reason: please give one')) }).trim().min(3, bilingual(msg('Grund: bitte angeben', 'Reason: please give one'))).max(1000),
  })
  .openapi('ReceiptCancel');

export type ReceiptState = 'valid' | 'cancelled' | 'to_cancel';
export function receiptState(r: Pick<Receipt, 'cancelled_at' | 'review_since'>): ReceiptState {
  return r.cancelled_at ? 'cancelled' : r.review_since ? 'to_cancel' : 'valid';
}

type ReceiptListRow = Awaited<ReturnType<typeof listReceipts>>[number];
const iso = (d: Date | null) => d?.toISOString() ?? null;

export function receiptJson(r: ReceiptListRow, extra: { replaces_number?: string | null; replaced_by_id?: number | null; replaced_by_number?: string | null } = {}) {
  const { blob_key: _blob, ...rest } = r;
  return {
    ...rest,
    state: receiptState(r),
    issued_at: r.issued_at.toISOString(),
    printed_at: iso(r.printed_at),
    cancelled_at: iso(r.cancelled_at),
    review_since: iso(r.review_since),
    replaces_number: extra.replaces_number ?? null,
    replaced_by_id: extra.replaced_by_id ?? null,
    replaced_by_number: extra.replaced_by_number ?? null,
    pdf_url: `/api/v1/receipts/${r.id}/pdf`,
  };
}

export function pdfFilename(number: string) {
  return `Zuwendungsbestaetigung-${number}.pdf`;
}

/** The stored Doppel, byte for byte, as a download; its SHA-256 is the ETag (the bytes never change). */
export async function receiptPdfResponse(c: Context, db: Executor, id: number) {
  const receipt = await findReceipt(db, id);
  if (!receipt) throw new AppError('not_found', RECEIPT_NOT_FOUND);
  const etag = `"${receipt.sha256}"`;
  const headers = {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${pdfFilename(receipt.number)}"`,
    etag,
    'cache-control': 'private, no-cache',
    'x-content-type-options': 'nosniff',
  };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  const blob = await getBlob(db, receipt.blob_key);
  if (!blob) throw new Error(`receipt ${receipt.number}: stored PDF ${receipt.blob_key} is missing`);
  return c.body(blob.bytes as Uint8Array<ArrayBuffer>, 200, headers);
}

export function filterOf(f: ReceiptListFilter): ReceiptFilter {
  return { year: f.year, q: f.q, state: f.state, limit: RECEIPT_PAGE_SIZE, offset: (f.page - 1) * RECEIPT_PAGE_SIZE };
}

/** A page of receipts with the replacement of each cancelled one. */
export async function receiptPage(db: Executor, f: ReceiptFilter) {
  const [rows, total] = await Promise.all([listReceipts(db, f), countReceipts(db, f)]);
  const replacements = await replacementsOf(
    db,
    rows.filter((r) => r.cancelled_at).map((r) => Number(r.id)),
  );
  const replacedBy = new Map(replacements.map((r) => [Number(r.replaces_receipt_id), { id: Number(r.id), number: r.number }]));
  return { rows: rows.map((r) => ({ ...r, replaced_by: replacedBy.get(Number(r.id)) ?? null })), total };
}

const receiptOut = z
  .object({
    id: z.number().int(),
    number: z.string().openapi({ example: '2026-00042' }),
    year: z.number().int(),
    kind: z.enum(['single', 'sammel', 'sach']),
    state: z.enum(['valid', 'cancelled', 'to_cancel']),
    donor_id: z.number().int().nullable(),
    member_id: z.number().int().nullable(),
    recipient_name: z.string(),
    recipient_address: z.string(),
    period_from: z.string(),
    period_to: z.string(),
    total_cents: z.number().int(),
    has_waiver: z.boolean(),
    issued_on: z.string(),
    issued_at: z.string(),
    issued_by: z.string(),
    delivery: z.enum(['email', 'post']),
    sha256: z.string(),
    replaces_receipt_id: z.number().int().nullable(),
    replaces_number: z.string().nullable(),
    replaced_by_id: z.number().int().nullable(),
    replaced_by_number: z.string().nullable(),
    printed_at: z.string().nullable(),
    cancelled_at: z.string().nullable(),
    cancelled_by: z.string().nullable(),
    cancel_reason: z.string().nullable(),
    review_reason: z.string().nullable(),
    review_since: z.string().nullable(),
    pdf_url: z.string(),
  })
  .passthrough()
  .openapi('Receipt');

const receiptItemOut = z
  .object({
    id: z.number().int(),
    donation_id: z.number().int().nullable(),
    payment_id: z.number().int().nullable(),
    item_date: z.string(),
    kind: z.enum(['donation', 'fee', 'in_kind']),
    waiver: z.boolean(),
    amount_cents: z.number().int(),
    active: z.boolean(),
  })
  .openapi('ReceiptItem');

async function receiptDetailJson(db: Executor, id: number) {
  const r = await findReceipt(db, id);
  if (!r) throw new AppError('not_found', RECEIPT_NOT_FOUND);
  const items = await receiptItems(db, id);
  const { replaces_number, replaced_by_id, replaced_by_number, ...row } = r;
  return { ...receiptJson(row, { replaces_number, replaced_by_id: replaced_by_id === null ? null : Number(replaced_by_id), replaced_by_number }), items };
}

export function registerReceiptRoutes(api: ApiRouter) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/receipts',
      tags: TAG,
      summary: 'Zuwendungsbestätigungen filtern (Jahr, Nummer oder Name, Zustand) / filter receipts',
      request: { query: receiptFilterSchema },
      responses: {
        200: jsonOk(z.object({ total: z.number().int(), page: z.number().int(), page_size: z.number().int(), receipts: z.array(receiptOut) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const filter = c.req.valid('query');
      const { rows, total } = await receiptPage(c.get('deps').db, filterOf(filter));
      return c.json(
        {
          total,
          page: filter.page,
          page_size: RECEIPT_PAGE_SIZE,
          receipts: rows.map(({ replaced_by, ...r }) => receiptJson(r, { replaced_by_id: replaced_by?.id ?? null, replaced_by_number: replaced_by?.number ?? null })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/receipts/{id}',
      tags: TAG,
      summary: 'Eine Zuwendungsbestätigung mit ihren Zuwendungen / one receipt with its items',
      request: { params: idParam },
      responses: { 200: jsonOk(receiptOut.extend({ items: z.array(receiptItemOut) })), ...errorResponses, ...notFoundResponse },
    }),
    async (c) => c.json(await receiptDetailJson(c.get('deps').db, c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/receipts/{id}/pdf',
      tags: TAG,
      summary: 'Das gespeicherte PDF (Doppel), Byte für Byte; ETag = SHA-256 / the stored PDF, byte for byte',
      request: { params: idParam },
      responses: {
        200: { description: 'PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
        304: { description: 'Unverändert / not modified' },
        ...errorResponses,
        ...notFoundResponse,
      },
    }),
    (c) => receiptPdfResponse(c, c.get('deps').db, c.req.valid('param').id) as never,
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/receipts',
      tags: TAG,
      summary:
        'Zuwendungsbestätigung ausstellen: eine Zuwendung → Einzel-, mehrere → Sammelbestätigung, eine Sachzuwendung allein; mit replacesReceiptId als Ersatz einer stornierten / issue a receipt (single, Sammel, Sach), optionally replacing a cancelled one',
      request: { body: jsonBody(issueReceiptSchema) },
      responses: { 201: jsonOk(receiptOut.extend({ items: z.array(receiptItemOut), mailed: z.boolean() }), 'Ausgestellt / issued'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const body = c.req.valid('json');
      const issued = await inTransaction(deps.db, (trx) =>
        issueReceipt(trx, { donationIds: body.donationIds, paymentIds: body.paymentIds, replacesReceiptId: body.replacesReceiptId ?? null, actor: actorOf(c) }, deps),
      );
      c.header('location', `/api/v1/receipts/${issued.id}`);
      return c.json({ ...(await receiptDetailJson(deps.db, issued.id)), mailed: issued.mailed }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/receipts/{id}/cancel',
      tags: TAG,
      summary: 'Stornieren mit Grund: die Nummer bleibt verbraucht, die Zuwendungen werden wieder bestätigbar / cancel with a reason; the number stays used',
      request: { params: idParam, body: jsonBody(cancelReceiptSchema) },
      responses: { 200: jsonOk(receiptOut.extend({ items: z.array(receiptItemOut) })), ...errorResponses, ...notFoundResponse, ...conflictResponse },
    }),
    async (c) => {
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      await inTransaction(deps.db, (trx) => cancelReceipt(trx, { receiptId: id, reason: c.req.valid('json').reason, actor: actorOf(c) }, deps));
      return c.json(await receiptDetailJson(deps.db, id), 200);
    },
  );
}
