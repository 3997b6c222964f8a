import { sql } from 'kysely';
import type { Executor } from '../deps';

/**
 * The reads of the treasurer's receipt screens and the receipts JSON API (web/receipts,
 * api/receipts/routes.ts): who a new receipt is for and what of theirs can still be receipted,
 * the details of an issued one, and the print batch. The issuance itself locks and checks again
 * (issue-receipt.ts): these lists only offer, they never decide.
 */

// ---- the person a new receipt is for

export interface ReceiptPerson {
  /** the donor records of the person (a donor of their own, or every donor linked to the member) */
  donorIds: number[];
  memberId: number | null;
  name: string;
}

async function donorsOfMember(db: Executor, memberId: number) {
  const rows = await db.selectFrom('donors').select('id').where('member_id', '=', memberId).orderBy('id').execute();
  return rows.map((r) => Number(r.id));
}

/** A donor and, when they are a member, the member and the member's other donor records: one person (recipients.ts). */
export async function personOfDonor(db: Executor, donorId: number): Promise<ReceiptPerson | null> {
  const d = await db.selectFrom('donors').select(['id', 'name', 'member_id']).where('id', '=', donorId).executeTakeFirst();
  if (!d) return null;
  if (!d.member_id) return { donorIds: [Number(d.id)], memberId: null, name: d.name };
  const ids = await donorsOfMember(db, Number(d.member_id));
  return { donorIds: [...new Set([Number(d.id), ...ids])], memberId: Number(d.member_id), name: d.name };
}

export async function personOfMember(db: Executor, memberId: number): Promise<ReceiptPerson | null> {
  const m = await db.selectFrom('members').select(['id', 'first_name', 'last_name']).where('id', '=', memberId).executeTakeFirst();
  if (!m) return null;
  return { donorIds: await donorsOfMember(db, memberId), memberId: Number(m.id), name: `${m.first_name} ${m.last_name}` };
}

export function donorOfDonation(db: Executor, donationId: number) {
  return db.selectFrom('donations').select(['id', 'donor_id']).where('id', '=', donationId).executeTakeFirst();
}

/** Donors and members by name (or e-mail), for choosing whom a receipt is for. */
export async function searchReceiptPeople(db: Executor, q: string) {
  const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const [donors, members] = await Promise.all([
    db
      .selectFrom('donors')
      .select(['id', 'name', 'city', 'member_id'])
      .where((eb) => eb.or([eb('name', 'ilike', like), eb('email', 'ilike', like)]))
      .orderBy('name')
      .limit(20)
      .execute(),
    db
      .selectFrom('members')
      .select(['id', 'first_name', 'last_name', 'city', 'member_number'])
      .where((eb) => eb.or([eb(sql<string>`first_name || ' ' || last_name`, 'ilike', like), eb('email', 'ilike', like)]))
      .orderBy('last_name')
      .orderBy('first_name')
      .limit(20)
      .execute(),
  ]);
  return { donors, members };
}

// ---- what of theirs can be receipted

const notReceiptedDonation = sql<boolean>`not exists (select 1 from receipt_items i where i.donation_id = d.id and i.active)`;
const notReceiptedPayment = sql<boolean>`not exists (select 1 from receipt_items i where i.payment_id = p.id and i.active)`;

/** Money and in-kind gifts that arrived, are not (or no longer) receipted, not refunded in full and not in the future. */
export function receiptableDonations(db: Executor, donorIds: number[], today: string) {
  if (!donorIds.length) return Promise.resolve([]);
  return db
    .selectFrom('donations as d')
    .select(['d.id', 'd.donor_id', 'd.donated_on', 'd.amount_cents', 'd.refunded_cents', 'd.method', 'd.waiver', 'd.in_kind_description'])
    .where('d.donor_id', 'in', donorIds)
    .where('d.status', '=', 'succeeded')
    .where(sql<boolean>`d.amount_cents > d.refunded_cents`)
    .where('d.donated_on', '<=', today)
    .where(notReceiptedDonation)
    .orderBy('d.donated_on')
    .orderBy('d.id')
    .execute();
}

/** Paid membership fees (dues, not reversed, not receipted) the member paid as the debtor. */
export function receiptablePayments(db: Executor, memberId: number, today: string) {
  return db
    .selectFrom('payments as p')
    .innerJoin('claims as c', 'c.id', 'p.claim_id')
    .select(['p.id', 'p.paid_on', 'p.amount_cents', 'p.method', 'c.label as claim_label', 'c.member_id as claim_member_id'])
    .where('p.debtor_member_id', '=', memberId)
    .where('c.kind', '=', 'dues')
    .where('p.reversed_on', 'is', null)
    .where('p.paid_on', '<=', today)
    .where(notReceiptedPayment)
    .orderBy('p.paid_on')
    .orderBy('p.id')
    .execute();
}

/** The valid receipts that now cover any of these gifts or payments (a double click finds the first one's receipt here). */
export async function activeReceiptsCovering(db: Executor, input: { donationIds: number[]; paymentIds: number[] }) {
  if (!input.donationIds.length && !input.paymentIds.length) return [];
  return db
    .selectFrom('receipt_items as i')
    .innerJoin('receipts as r', 'r.id', 'i.receipt_id')
    .select(['r.id', 'r.number', 'i.donation_id', 'i.payment_id'])
    .where('i.active', '=', true)
    .where((eb) =>
      eb.or([
        ...(input.donationIds.length ? [eb('i.donation_id', 'in', input.donationIds)] : []),
        ...(input.paymentIds.length ? [eb('i.payment_id', 'in', input.paymentIds)] : []),
      ]),
    )
    .execute();
}

/** The items of a receipt with what a link to them needs (the gift, or the member who paid the fee). */
export function receiptItemsWithSources(db: Executor, receiptId: number) {
  return db
    .selectFrom('receipt_items as i')
    .leftJoin('donations as d', 'd.id', 'i.donation_id')
    .leftJoin('payments as p', 'p.id', 'i.payment_id')
    .select([
      'i.id',
      'i.donation_id',
      'i.payment_id',
      'i.item_date',
      'i.kind',
      'i.waiver',
      'i.amount_cents',
      'i.active',
      'd.status as donation_status',
      'd.amount_cents as donation_amount_cents',
      'd.refunded_cents as donation_refunded_cents',
      'p.debtor_member_id as payment_member_id',
      'p.reversed_on as payment_reversed_on',
    ])
    .where('i.receipt_id', '=', receiptId)
    .orderBy('i.item_date')
    .orderBy('i.id')
    .execute();
}

/**
 * Of a cancelled receipt's gifts and fees, those a replacement may confirm: still received, not
 * refunded in full, not reversed, and not on another valid receipt meanwhile.
 */
export async function stillReceiptableOf(db: Executor, receiptId: number) {
  const [donations, payments] = await Promise.all([
    db
      .selectFrom('receipt_items as i')
      .innerJoin('donations as d', 'd.id', 'i.donation_id')
      .select('d.id')
      .where('i.receipt_id', '=', receiptId)
      .where('d.status', '=', 'succeeded')
      .where(sql<boolean>`d.amount_cents > d.refunded_cents`)
      .where(notReceiptedDonation)
      .execute(),
    db
      .selectFrom('receipt_items as i')
      .innerJoin('payments as p', 'p.id', 'i.payment_id')
      .innerJoin('claims as c', 'c.id', 'p.claim_id')
      .select('p.id')
      .where('i.receipt_id', '=', receiptId)
      .where('p.reversed_on', 'is', null)
      .where('c.kind', '=', 'dues')
      .where(notReceiptedPayment)
      .execute(),
  ]);
  return { donationIds: donations.map((d) => Number(d.id)), paymentIds: payments.map((p) => Number(p.id)) };
}

// ---- details of issued receipts

/** The receipts that replace any of these (for the list's "ersetzt durch …"). */
export function replacementsOf(db: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('receipts').select(['id', 'number', 'replaces_receipt_id']).where('replaces_receipt_id', 'in', ids).execute();
}

/** The mail that carried a receipt: its state in the outbox. */
export function receiptMail(db: Executor, outboxId: number) {
  return db.selectFrom('outbox').select(['id', 'status', 'to_address', 'attempts', 'sent_at', 'last_error', 'created_at']).where('id', '=', outboxId).executeTakeFirst();
}

// ---- the print batch

/** Valid receipts that go by post and are not printed yet, oldest first (at most `limit`). */
export function unprintedPostReceipts(db: Executor, limit: number) {
  return db
    .selectFrom('receipts')
    .select(['id', 'number', 'kind', 'recipient_name', 'issued_at', 'blob_key'])
    .where('delivery', '=', 'post')
    .where('printed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .orderBy('issued_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** These receipts for printing, in the order given, if they are valid and go by post (a reprint is allowed). */
export async function postReceiptsByIds(db: Executor, ids: number[]) {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('receipts')
    .select(['id', 'number', 'kind', 'recipient_name', 'issued_at', 'blob_key', 'printed_at'])
    .where('id', 'in', ids)
    .where('delivery', '=', 'post')
    .where('cancelled_at', 'is', null)
    .execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
