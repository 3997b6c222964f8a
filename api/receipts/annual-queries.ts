import { sql } from 'kysely';
import type { Executor } from '../deps';

/**
 * Reads of the annual run's screen (web/receipts/annual.tsx) that the run itself does not need:
 * the gifts in kind it leaves out. A Sachzuwendung never goes on a Sammelbestätigung (spec §5),
 * so the screen names each one with a link to issue its own receipt.
 */
export function inKindGiftsToReceipt(db: Executor, w: { from: string; to: string }, limit: number) {
  return db
    .selectFrom('donations as d')
    .innerJoin('donors as o', 'o.id', 'd.donor_id')
    .select(['d.id', 'd.donor_id', 'o.name', 'd.donated_on', 'd.amount_cents'])
    .where('d.method', '=', 'in_kind')
    .where('d.status', '=', 'succeeded')
    .where('d.donated_on', '>=', w.from)
    .where('d.donated_on', '<=', w.to)
    .where(sql<boolean>`not exists (select 1 from receipt_items i where i.donation_id = d.id and i.active)`)
    .orderBy('d.donated_on')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}
export type InKindGift = Awaited<ReturnType<typeof inKindGiftsToReceipt>>[number];
