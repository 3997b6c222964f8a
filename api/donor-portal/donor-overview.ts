import type { DonationStatus } from '../../db/schema';
import type { Executor } from '../deps';
import type { VisitorLang } from '../http/errors';
import { giftsOfDonor, monthlyGiftsOfDonor } from './queries';

type Names = { name_de: string | null; name_en: string | null; name_ar: string | null; name_tr: string | null };

/** A purpose in the donor's language, German where no translation was kept; null: where most needed. */
export function purposeName(row: Names, lang: VisitorLang): string | null {
  if (!row.name_de) return null;
  return row[`name_${lang}`] ?? row.name_de;
}

/** What counts towards a year's total: money that arrived and stayed (a partial refund is taken off). */
export function countedCents(g: { status: DonationStatus; amount_cents: number; refunded_cents: number }) {
  return g.status === 'succeeded' ? g.amount_cents - g.refunded_cents : 0;
}

/**
 * The donor's page: every own gift (newest first), the totals per calendar year of what arrived
 * (pending SEPA debits shown apart: they may still bounce), and the monthly gifts.
 */
export async function donorOverview(db: Executor, input: { donorId: number; lang: VisitorLang }) {
  const [gifts, monthly] = await Promise.all([giftsOfDonor(db, input.donorId), monthlyGiftsOfDonor(db, input.donorId)]);
  const years = new Map<string, { year: string; total_cents: number; pending_cents: number; count: number }>();
  for (const g of gifts) {
    const year = g.donated_on.slice(0, 4);
    const y = years.get(year) ?? { year, total_cents: 0, pending_cents: 0, count: 0 };
    y.total_cents += countedCents(g);
    if (g.status === 'pending') y.pending_cents += g.amount_cents;
    if (g.status === 'succeeded') y.count++;
    years.set(year, y);
  }
  return {
    gifts: gifts.map((g) => ({ ...g, purpose: purposeName(g, input.lang) })),
    years: [...years.values()].sort((a, b) => b.year.localeCompare(a.year)),
    monthly: monthly.map((s) => ({ ...s, purpose: purposeName(s, input.lang) })),
  };
}
