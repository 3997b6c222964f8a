import type { Executor } from '../deps';

/**
 * The few reads other areas need about receipts: which valid receipt covers a gift (a receipted
 * gift is not edited, donations/correct-donation.ts) and which receipts a donor or member has
 * (their pages). Read-only; what a receipt is and how it changes stays in this area.
 */

/** The valid receipt covering each of these gifts (an active receipt_items row: at most one per gift). */
export function activeReceiptsOfDonations(db: Executor, donationIds: number[]) {
  if (!donationIds.length) return Promise.resolve([]);
  return db
    .selectFrom('receipt_items as i')
    .innerJoin('receipts as r', 'r.id', 'i.receipt_id')
    .select(['i.donation_id', 'r.id', 'r.number', 'r.review_reason'])
    .where('i.active', '=', true)
    .where('r.cancelled_at', 'is', null)
    .where('i.donation_id', 'in', donationIds)
    .execute();
}

/** The valid receipt covering one gift, if any. */
export async function activeReceiptOfDonation(db: Executor, donationId: number) {
  const [row] = await activeReceiptsOfDonations(db, [donationId]);
  return row ? { id: Number(row.id), number: row.number, reviewReason: row.review_reason } : null;
}

/**
 * Every receipt of one person, newest first, cancelled ones included (their numbers stay used).
 * A donor linked to a member and that member are one person (receipts/recipients.ts), so a
 * donor's page also lists receipts issued to the member, and the other way round.
 */
export function receiptsOfPerson(db: Executor, who: { donorId?: number; memberId?: number }) {
  return db
    .selectFrom('receipts as r')
    .select(['r.id', 'r.number', 'r.kind', 'r.issued_on', 'r.period_from', 'r.period_to', 'r.total_cents', 'r.delivery', 'r.cancelled_at', 'r.review_reason', 'r.replaces_receipt_id'])
    .where((eb) => {
      const ors = [];
      if (who.donorId) {
        ors.push(eb('r.donor_id', '=', who.donorId));
        ors.push(eb('r.member_id', 'in', eb.selectFrom('donors as d').select('d.member_id').where('d.id', '=', who.donorId).where('d.member_id', 'is not', null)));
      }
      if (who.memberId) {
        ors.push(eb('r.member_id', '=', who.memberId));
        ors.push(eb('r.donor_id', 'in', eb.selectFrom('donors as d').select('d.id').where('d.member_id', '=', who.memberId)));
      }
      return ors.length ? eb.or(ors) : eb.val(false);
    })
    .orderBy('r.year', 'desc')
    .orderBy('r.seq', 'desc')
    .execute();
}
export type PersonReceipt = Awaited<ReturnType<typeof receiptsOfPerson>>[number];

/** Numbers of the receipts (valid or cancelled) that name this donor record itself. */
export async function receiptNumbersNamingDonor(db: Executor, donorId: number): Promise<string[]> {
  const rows = await db.selectFrom('receipts').select('number').where('donor_id', '=', donorId).orderBy('year').orderBy('seq').execute();
  return rows.map((r) => r.number);
}
