import type { FeeInterval } from '../../db/schema';

/**
 * Billing periods of the calendar: months, quarters, half-years, years. Dates are 'YYYY-MM-DD'
 * strings; arithmetic on whole days in UTC (business dates have no time of day).
 */
export interface Period {
  start: string;
  end: string;
}

const MONTHS: Record<FeeInterval, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };

function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Every period of `interval` that starts within [from, to]. */
export function periodsStartingIn(interval: FeeInterval, from: string, to: string): Period[] {
  const step = MONTHS[interval];
  const periods: Period[] = [];
  let year = Number(from.slice(0, 4));
  let month = Math.floor((Number(from.slice(5, 7)) - 1) / step) * step + 1;
  for (;;) {
    const start = iso(year, month, 1);
    if (start > to) break;
    const end = iso(year, month + step, 0);
    if (start >= from) periods.push({ start, end });
    month += step;
    if (month > 12) {
      month -= 12;
      year++;
    }
  }
  return periods;
}

/** Days of `period` on which a membership from `join` to `exit` (inclusive, exit may be null) runs. */
export function memberDaysIn(period: Period, join: string, exit: string | null): number {
  const from = join > period.start ? join : period.start;
  const to = exit && exit < period.end ? exit : period.end;
  return to < from ? 0 : daysBetween(from, to) + 1;
}

export function periodDays(period: Period): number {
  return daysBetween(period.start, period.end) + 1;
}

/** fee × part / whole in integer cents, half up: no float ever touches money. */
export function proRata(feeCents: number, part: number, whole: number): number {
  return Math.floor((feeCents * part * 2 + whole) / (whole * 2));
}

/** "2026", "2. Halbjahr 2026", "3. Quartal 2026", "03/2026" — how a period reads on a claim. */
export function periodLabel(interval: FeeInterval, period: Period): string {
  const year = period.start.slice(0, 4);
  const month = Number(period.start.slice(5, 7));
  switch (interval) {
    case 'yearly':
      return year;
    case 'half_yearly':
      return `${month <= 6 ? 1 : 2}. Halbjahr ${year}`;
    case 'quarterly':
      return `${Math.ceil(month / 3)}. Quartal ${year}`;
    case 'monthly':
      return `${String(month).padStart(2, '0')}/${year}`;
  }
}
