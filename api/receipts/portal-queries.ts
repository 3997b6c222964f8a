import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import type { Executor } from '../deps';
import { getBlob, sha256Hex } from '../files/blobs';

/**
 * What the member portal and the donor portal show of receipts (api/portal/README.md,
 * api/donor-portal/README.md). Every read takes the person from the portal session and
 * answers only receipts addressed to that person; cancelled receipts are never offered.
 *
 * A person is a member id and the donor records that are the same person (donors.member_id):
 * a receipt names either or both (recipients.ts treats a linked donor and their member as one
 * recipient, but a receipt issued before the link names the donor only).
 */
export interface ReceiptHolder {
  memberId: number | null;
  donorIds: number[];
}

/** A member in the portal: the member and every donor record linked to them. */
export async function holderOfMember(db: Executor, memberId: number): Promise<ReceiptHolder> {
  const donors = await db.selectFrom('donors').select('id').where('member_id', '=', memberId).execute();
  return { memberId, donorIds: donors.map((d) => Number(d.id)) };
}

/** A donor in the donor portal: the donor, and the member they are linked to (the same person). */
export async function holderOfDonor(db: Executor, donorId: number): Promise<ReceiptHolder> {
  const row = await db.selectFrom('donors').select('member_id').where('id', '=', donorId).executeTakeFirst();
  return { memberId: row?.member_id ? Number(row.member_id) : null, donorIds: [donorId] };
}

function ownedBy(eb: ExpressionBuilder<DB, 'receipts'>, who: ReceiptHolder) {
  return eb.or([
    ...(who.memberId ? [eb('receipts.member_id', '=', who.memberId)] : []),
    ...(who.donorIds.length ? [eb('receipts.donor_id', 'in', who.donorIds)] : []),
    // nobody: no condition above, no receipt
    eb.val(false),
  ]);
}

/** The person's valid receipts, newest first. */
export function receiptsOfHolder(db: Executor, who: ReceiptHolder) {
  return db
    .selectFrom('receipts')
    .select(['id', 'number', 'kind', 'period_from', 'period_to', 'total_cents', 'issued_on', 'delivery'])
    .where((eb) => ownedBy(eb, who))
    .where('cancelled_at', 'is', null)
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
export type PortalReceipt = Awaited<ReturnType<typeof receiptsOfHolder>>[number];

/**
 * The stored PDF of one of the person's receipts, byte for byte (the Doppel), or null when the
 * id is not theirs, unknown, cancelled, or a receipt signed by hand ('post': it exists only on
 * paper, spec §11.3). Never regenerated: the bytes are checked against the hash recorded at issue.
 */
export async function downloadableReceipt(db: Executor, who: ReceiptHolder, receiptId: number): Promise<{ number: string; bytes: Uint8Array } | null> {
  const row = await db
    .selectFrom('receipts')
    .select(['number', 'blob_key', 'sha256'])
    .where('id', '=', receiptId)
    .where((eb) => ownedBy(eb, who))
    .where('cancelled_at', 'is', null)
    .where('delivery', '=', 'email')
    .executeTakeFirst();
  if (!row) return null;
  const blob = await getBlob(db, row.blob_key);
  if (!blob || (await sha256Hex(blob.bytes)) !== row.sha256) {
    // the archive must return what was issued; anything else is a fault to look at, not a receipt to hand out
    throw new Error(`stored PDF of receipt ${row.number} is missing or does not match its SHA-256`);
  }
  return { number: row.number, bytes: blob.bytes };
}

/** Which of a donor's gifts are on a valid receipt, and on which (by number). */
export async function receiptNumbersOfDonorGifts(db: Executor, donorId: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('receipt_items as i')
    .innerJoin('receipts as r', 'r.id', 'i.receipt_id')
    .innerJoin('donations as d', 'd.id', 'i.donation_id')
    .select(['i.donation_id', 'r.number'])
    .where('d.donor_id', '=', donorId)
    .where('i.active', '=', true)
    .where('r.cancelled_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [Number(r.donation_id), r.number]));
}
