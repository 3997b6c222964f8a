import { sql } from 'kysely';
import type { Executor } from '../deps';

// ---- settings the receipts print

export function associationForReceipts(db: Executor) {
  return db
    .selectFrom('association')
    .select([
      'name',
      'street',
      'postal_code',
      'city',
      'finanzamt',
      'steuernummer',
      'notice_kind',
      'notice_date',
      'notice_year_from',
      'notice_year_to',
      'purposes',
      'signature_place',
      'member_dues_deductible',
      'machine_procedure_notified_on',
      'simplified_proof',
    ])
    .executeTakeFirst();
}
export type ReceiptAssociation = NonNullable<Awaited<ReturnType<typeof associationForReceipts>>>;

// ---- what can be receipted

/** Money gifts and in-kind gifts with their donor, locked for the issuance (FOR UPDATE of the donation rows). */
export function lockDonationsForReceipt(trx: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return trx
    .selectFrom('donations as d')
    .leftJoin('donors as o', 'o.id', 'd.donor_id')
    .select([
      'd.id',
      'd.donor_id',
      'd.donated_on',
      'd.amount_cents',
      'd.refunded_cents',
      'd.method',
      'd.status',
      'd.waiver',
      'd.in_kind_description',
      'd.in_kind_origin',
      'd.in_kind_documents',
      'o.member_id',
      sql<boolean>`exists (select 1 from receipt_items i where i.donation_id = d.id and i.active)`.as('receipted'),
    ])
    .where('d.id', 'in', ids)
    .orderBy('d.donated_on')
    .orderBy('d.id')
    .forUpdate('d')
    .execute();
}

/** Paid membership fees (dues payments, not reversed) with their payer, locked for the issuance. */
export function lockFeePaymentsForReceipt(trx: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return trx
    .selectFrom('payments as p')
    .innerJoin('claims as c', 'c.id', 'p.claim_id')
    .select([
      'p.id',
      'p.debtor_member_id',
      'p.paid_on',
      'p.amount_cents',
      'p.reversed_on',
      'c.kind as claim_kind',
      sql<boolean>`exists (select 1 from receipt_items i where i.payment_id = p.id and i.active)`.as('receipted'),
    ])
    .where('p.id', 'in', ids)
    .orderBy('p.paid_on')
    .orderBy('p.id')
    .forUpdate('p')
    .execute();
}

/** Who a receipt is addressed to: the donor record (its receipt address), else the member. */
export function recipientDonors(db: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('donors').select(['id', 'name', 'street', 'postal_code', 'city', 'country', 'email', 'language', 'member_id']).where('id', 'in', ids).execute();
}
export function recipientMembers(db: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('members as m')
    .select(['m.id', 'm.first_name', 'm.last_name', 'm.street', 'm.postal_code', 'm.city', 'm.country', 'm.email', 'm.language'])
    .select((eb) => eb.selectFrom('donors as o').select('o.id').whereRef('o.member_id', '=', 'm.id').orderBy('o.id').limit(1).as('donor_id'))
    .where('m.id', 'in', ids)
    .execute();
}

// ---- numbering

/**
 * Takes `count` numbers of a year: the counter row stays locked until the transaction ends, so
 * concurrent issuances queue here and a rolled-back one gives its numbers back (gapless).
 * Returns the first number taken.
 */
export async function takeReceiptNumbers(trx: Executor, year: number, count: number): Promise<number> {
  const row = await trx
    .insertInto('receipt_counters')
    .values({ year, last_number: count })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: sql`receipt_counters.last_number + ${count}` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number - count + 1;
}

// ---- writing receipts

export interface NewReceiptRow {
  year: number;
  seq: number;
  number: string;
  kind: 'single' | 'sammel' | 'sach';
  donor_id: number | null;
  member_id: number | null;
  recipient_name: string;
  recipient_address: string;
  period_from: string;
  period_to: string;
  total_cents: number;
  has_waiver: boolean;
  issued_on: string;
  issued_at: Date;
  issued_by: string;
  delivery: 'email' | 'post';
  blob_key: string;
  sha256: string;
  replaces_receipt_id: number | null;
  run_id: number | null;
}

export function insertReceipts(trx: Executor, rows: NewReceiptRow[]) {
  return trx.insertInto('receipts').values(rows).returning(['id', 'number']).execute();
}

export interface NewReceiptItemRow {
  receipt_id: number;
  donation_id: number | null;
  payment_id: number | null;
  item_date: string;
  kind: 'donation' | 'fee' | 'in_kind';
  waiver: boolean;
  amount_cents: number;
}

export async function insertReceiptItems(trx: Executor, rows: NewReceiptItemRow[]) {
  for (let i = 0; i < rows.length; i += 2000) await trx.insertInto('receipt_items').values(rows.slice(i, i + 2000)).execute();
}

export async function setReceiptOutbox(trx: Executor, pairs: { id: number; outboxId: number }[]) {
  if (!pairs.length) return;
  await sql`update receipts r set outbox_id = v.outbox_id::bigint
    from (values ${sql.join(pairs.map((p) => sql`(${p.id}::bigint, ${p.outboxId}::bigint)`))}) as v(id, outbox_id)
    where r.id = v.id`.execute(trx);
}

// ---- reading receipts

const receiptColumns = [
  'r.id',
  'r.number',
  'r.year',
  'r.kind',
  'r.donor_id',
  'r.member_id',
  'r.recipient_name',
  'r.recipient_address',
  'r.period_from',
  'r.period_to',
  'r.total_cents',
  'r.has_waiver',
  'r.issued_on',
  'r.issued_at',
  'r.issued_by',
  'r.delivery',
  'r.blob_key',
  'r.sha256',
  'r.replaces_receipt_id',
  'r.run_id',
  'r.outbox_id',
  'r.printed_at',
  'r.cancelled_at',
  'r.cancelled_by',
  'r.cancel_reason',
  'r.review_reason',
  'r.review_since',
] as const;

export function findReceipt(db: Executor, id: number) {
  return db
    .selectFrom('receipts as r')
    .leftJoin('receipts as old', 'old.id', 'r.replaces_receipt_id')
    .leftJoin('receipts as repl', 'repl.replaces_receipt_id', 'r.id')
    .select([...receiptColumns, 'old.number as replaces_number', 'repl.id as replaced_by_id', 'repl.number as replaced_by_number'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type ReceiptRow = NonNullable<Awaited<ReturnType<typeof findReceipt>>>;

export function lockReceipt(trx: Executor, id: number) {
  return trx.selectFrom('receipts as r').select(receiptColumns).where('r.id', '=', id).forUpdate().executeTakeFirst();
}

export function receiptItems(db: Executor, receiptId: number) {
  return db
    .selectFrom('receipt_items')
    .select(['id', 'donation_id', 'payment_id', 'item_date', 'kind', 'waiver', 'amount_cents', 'active'])
    .where('receipt_id', '=', receiptId)
    .orderBy('item_date')
    .orderBy('id')
    .execute();
}

export interface ReceiptFilter {
  year?: number;
  q?: string;
  state?: 'valid' | 'cancelled' | 'review' | 'post_unprinted';
  donorId?: number;
  memberId?: number;
  limit?: number;
  offset?: number;
}

function filtered(db: Executor, f: ReceiptFilter) {
  let q = db.selectFrom('receipts as r');
  if (f.year) q = q.where('r.year', '=', f.year);
  if (f.donorId) q = q.where('r.donor_id', '=', f.donorId);
  if (f.memberId) q = q.where('r.member_id', '=', f.memberId);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('r.number', 'ilike', like), eb('r.recipient_name', 'ilike', like)]));
  }
  if (f.state === 'valid') q = q.where('r.cancelled_at', 'is', null);
  if (f.state === 'cancelled') q = q.where('r.cancelled_at', 'is not', null);
  if (f.state === 'review') q = q.where('r.review_since', 'is not', null).where('r.cancelled_at', 'is', null);
  if (f.state === 'post_unprinted') q = q.where('r.delivery', '=', 'post').where('r.printed_at', 'is', null).where('r.cancelled_at', 'is', null);
  return q;
}

export function listReceipts(db: Executor, f: ReceiptFilter) {
  return filtered(db, f)
    .select(receiptColumns)
    .orderBy('r.year', 'desc')
    .orderBy('r.seq', 'desc')
    .limit(f.limit ?? 200)
    .offset(f.offset ?? 0)
    .execute();
}

/** Every receipt the list's filter shows (no paging), in list order, with its replacement: the CSV export. */
export function receiptsForExport(db: Executor, f: Omit<ReceiptFilter, 'limit' | 'offset'>) {
  return filtered(db, f)
    .leftJoin('receipts as repl', 'repl.replaces_receipt_id', 'r.id')
    .leftJoin('receipts as old', 'old.id', 'r.replaces_receipt_id')
    .select([...receiptColumns, 'repl.number as replaced_by_number', 'old.number as replaces_number'])
    .orderBy('r.year', 'desc')
    .orderBy('r.seq', 'desc')
    .execute();
}

export async function countReceipts(db: Executor, f: ReceiptFilter) {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- cancelling and the list to cancel

export async function cancelReceiptRow(trx: Executor, id: number, input: { at: Date; by: string; reason: string }) {
  await trx.updateTable('receipts').set({ cancelled_at: input.at, cancelled_by: input.by, cancel_reason: input.reason, review_reason: null, review_since: null }).where('id', '=', id).execute();
  await trx.updateTable('receipt_items').set({ active: false }).where('receipt_id', '=', id).execute();
}

/** Puts the valid receipts that cover these gifts or payments on the list to cancel; returns their ids. */
export async function flagReceiptsCovering(trx: Executor, input: { donationIds?: number[]; paymentIds?: number[]; reason: string; at: Date }) {
  const donationIds = input.donationIds ?? [];
  const paymentIds = input.paymentIds ?? [];
  if (!donationIds.length && !paymentIds.length) return [];
  const rows = await trx
    .updateTable('receipts')
    .set({ review_reason: input.reason, review_since: input.at })
    .where('cancelled_at', 'is', null)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('receipt_items')
        .select('receipt_id')
        .where('active', '=', true)
        .where((w) =>
          w.or([...(donationIds.length ? [w('donation_id', 'in', donationIds)] : []), ...(paymentIds.length ? [w('payment_id', 'in', paymentIds)] : [])]),
        ),
    )
    .returning(['id', 'number'])
    .execute();
  return rows;
}

export function markPrinted(trx: Executor, ids: number[], at: Date) {
  if (!ids.length) return Promise.resolve();
  return trx.updateTable('receipts').set({ printed_at: at }).where('id', 'in', ids).where('printed_at', 'is', null).execute();
}

// ---- the annual run (preview-annual-run.ts, run-annual-receipts.ts)

export interface YearWindow {
  from: string;
  to: string;
  simplifiedProof: boolean;
  duesDeductible: boolean;
}

/**
 * Money gifts of the window that can go on a Sammelbestätigung: arrived, not (fully) refunded,
 * from a known donor, not yet on a valid receipt; under the vereinfachter Zuwendungsnachweis
 * (spec §10) a gift up to 300 € only when the donor asked for a receipt.
 */
function receiptableGifts(db: Executor, w: YearWindow) {
  return db
    .selectFrom('donations as d')
    .innerJoin('donors as o', 'o.id', 'd.donor_id')
    .where('d.donated_on', '>=', w.from)
    .where('d.donated_on', '<=', w.to)
    .where('d.status', '=', 'succeeded')
    .where('d.method', '<>', 'in_kind')
    .where(sql<boolean>`d.amount_cents > d.refunded_cents`)
    .where(sql<boolean>`not exists (select 1 from receipt_items i where i.donation_id = d.id and i.active)`)
    .$if(w.simplifiedProof, (q) => q.where((eb) => eb.or([eb('d.receipt_wanted', '=', true), eb(sql`d.amount_cents - d.refunded_cents`, '>', 300_00)])));
}

/** Paid membership fees of the window not yet on a valid receipt (only where dues are deductible). */
function receiptableFees(db: Executor, w: YearWindow) {
  return db
    .selectFrom('payments as p')
    .innerJoin('claims as c', 'c.id', 'p.claim_id')
    .where('c.kind', '=', 'dues')
    .where('p.reversed_on', 'is', null)
    .where('p.paid_on', '>=', w.from)
    .where('p.paid_on', '<=', w.to)
    .where(sql<boolean>`not exists (select 1 from receipt_items i where i.payment_id = p.id and i.active)`)
    .where(sql<boolean>`${w.duesDeductible}`);
}

/** Who has something to receipt in the window: donor ids with their member, and paying members. */
export async function annualRunCandidates(db: Executor, w: YearWindow) {
  const gifts = await receiptableGifts(db, w)
    .select(['d.donor_id', 'o.member_id'])
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(sql`d.amount_cents - d.refunded_cents`).as('cents'), sql<boolean>`bool_or(d.waiver)`.as('waiver')])
    .groupBy(['d.donor_id', 'o.member_id'])
    .execute();
  const fees = await receiptableFees(db, w)
    .select('p.debtor_member_id')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('p.amount_cents').as('cents')])
    .groupBy('p.debtor_member_id')
    .execute();
  return {
    gifts: gifts.map((g) => ({ donorId: Number(g.donor_id), memberId: g.member_id === null ? null : Number(g.member_id), count: Number(g.n), cents: Number(g.cents), waiver: Boolean(g.waiver) })),
    fees: fees.map((f) => ({ memberId: Number(f.debtor_member_id), count: Number(f.n), cents: Number(f.cents) })),
  };
}

/** The receiptable gifts and fees of some donors and members, locked for their receipts. */
export async function lockAnnualRunItems(trx: Executor, w: YearWindow, who: { donorIds: number[]; memberIds: number[] }) {
  const gifts = who.donorIds.length
    ? await receiptableGifts(trx, w)
        .select(['d.id', 'd.donor_id', 'd.donated_on', 'd.waiver', sql<number>`d.amount_cents - d.refunded_cents`.as('net_cents')])
        .where('d.donor_id', 'in', who.donorIds)
        .orderBy('d.donated_on')
        .orderBy('d.id')
        .forUpdate('d')
        .execute()
    : [];
  const fees = who.memberIds.length
    ? await receiptableFees(trx, w)
        .select(['p.id', 'p.debtor_member_id', 'p.paid_on', 'p.amount_cents'])
        .where('p.debtor_member_id', 'in', who.memberIds)
        .orderBy('p.paid_on')
        .orderBy('p.id')
        .forUpdate('p')
        .execute()
    : [];
  return { gifts, fees };
}

/** What the annual run leaves out, and why (the preview shows it). */
export async function annualRunExclusions(db: Executor, w: YearWindow) {
  const row = await db
    .selectFrom('donations as d')
    .where('d.donated_on', '>=', w.from)
    .where('d.donated_on', '<=', w.to)
    .select((eb) => {
      const count = (cond: ReturnType<typeof sql<boolean>>) => sql<number>`count(*) filter (where ${cond})`;
      const sum = (cond: ReturnType<typeof sql<boolean>>) => sql<number>`coalesce(sum(d.amount_cents) filter (where ${cond}), 0)`;
      const anonymous = sql<boolean>`d.donor_id is null and d.status = 'succeeded' and d.method <> 'in_kind'`;
      const refunded = sql<boolean>`d.status in ('refunded', 'disputed') or (d.status = 'succeeded' and d.refunded_cents >= d.amount_cents)`;
      const pending = sql<boolean>`d.status = 'pending'`;
      const inKind = sql<boolean>`d.method = 'in_kind' and d.status = 'succeeded' and not exists (select 1 from receipt_items i where i.donation_id = d.id and i.active)`;
      const receipted = sql<boolean>`exists (select 1 from receipt_items i where i.donation_id = d.id and i.active)`;
      const small = sql<boolean>`${w.simplifiedProof} and d.donor_id is not null and d.status = 'succeeded' and d.method <> 'in_kind' and not d.receipt_wanted and d.amount_cents - d.refunded_cents <= 30000 and d.amount_cents > d.refunded_cents and not exists (select 1 from receipt_items i where i.donation_id = d.id and i.active)`;
      void eb;
      return [
        count(anonymous).as('anonymous_n'),
        sum(anonymous).as('anonymous_cents'),
        count(refunded).as('refunded_n'),
        sum(refunded).as('refunded_cents'),
        count(pending).as('pending_n'),
        sum(pending).as('pending_cents'),
        count(inKind).as('in_kind_n'),
        sum(inKind).as('in_kind_cents'),
        count(receipted).as('receipted_n'),
        sum(receipted).as('receipted_cents'),
        count(small).as('small_n'),
        sum(small).as('small_cents'),
      ];
    })
    .executeTakeFirstOrThrow();
  const pair = (n: unknown, cents: unknown) => ({ count: Number(n), cents: Number(cents) });
  return {
    anonymous: pair(row.anonymous_n, row.anonymous_cents),
    refunded: pair(row.refunded_n, row.refunded_cents),
    pending: pair(row.pending_n, row.pending_cents),
    inKind: pair(row.in_kind_n, row.in_kind_cents),
    alreadyReceipted: pair(row.receipted_n, row.receipted_cents),
    simplifiedProof: pair(row.small_n, row.small_cents),
  };
}

// ---- annual run bookkeeping

export function insertRun(trx: Executor, row: { year: number; donors_total: number; started_by: string; at: Date }) {
  return trx
    .insertInto('receipt_runs')
    .values({ year: row.year, status: 'running', donors_total: row.donors_total, started_by: row.started_by, started_at: row.at, heartbeat_at: row.at })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.id));
}

export function runningRun(db: Executor, year: number) {
  return db.selectFrom('receipt_runs').selectAll().where('year', '=', year).where('status', '=', 'running').executeTakeFirst();
}

export function findRun(db: Executor, id: number) {
  return db.selectFrom('receipt_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function latestRuns(db: Executor, limit = 10) {
  return db.selectFrom('receipt_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

/** Runs marked running whose worker stopped beating (killed process): the scheduler resumes them. */
export function staleRuns(db: Executor, before: Date) {
  return db.selectFrom('receipt_runs').select(['id', 'year']).where('status', '=', 'running').where('heartbeat_at', '<', before).execute();
}

/** Takes over a run whose heartbeat is older than `staleBefore` (or that nobody works on yet); false when another process holds it. */
export async function claimRun(db: Executor, id: number, at: Date, staleBefore: Date) {
  const rows = await db
    .updateTable('receipt_runs')
    .set({ heartbeat_at: at })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('heartbeat_at', '<=', staleBefore)
    .returning('id')
    .execute();
  return rows.length === 1;
}

export function addRunProgress(trx: Executor, id: number, p: { donors: number; issued: number; mailed: number; post: number; at: Date }) {
  return trx
    .updateTable('receipt_runs')
    .set((eb) => ({
      donors_done: eb('donors_done', '+', p.donors),
      receipts_issued: eb('receipts_issued', '+', p.issued),
      mails_queued: eb('mails_queued', '+', p.mailed),
      for_post: eb('for_post', '+', p.post),
      heartbeat_at: p.at,
    }))
    .where('id', '=', id)
    .execute();
}

export function finishRun(db: Executor, id: number, p: { status: 'finished' | 'failed'; at: Date; error?: string | null; donorsDone?: number }) {
  return db
    .updateTable('receipt_runs')
    .set({ status: p.status, finished_at: p.at, last_error: p.error ?? null, ...(p.donorsDone === undefined ? {} : { donors_done: p.donorsDone }) })
    .where('id', '=', id)
    .execute();
}
