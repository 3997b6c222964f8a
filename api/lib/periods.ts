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

/**
 * Days since 1970-01-01 of a 'YYYY-MM-DD' string, by arithmetic (Howard Hinnant's days_from_civil):
 * a dues run asks this twice for every member and period, and Date objects cost more.
 */
function dayNumber(date: string): number {
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (m <= 2) y--;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** A dues run asks for the same few ranges once per member: computed once each. */
const periodCache = new Map<string, readonly Period[]>();

/** Every period of `interval` that starts within [from, to]. */
export function periodsStartingIn(interval: FeeInterval, from: string, to: string): Period[] {
  const key = `${interval}|${from}|${to}`;
  let periods = periodCache.get(key);
  if (!periods) {
    periods = computePeriods(interval, from, to);
    if (periodCache.size > 1000) periodCache.clear();
    periodCache.set(key, periods);
  }
  return periods.map((p) => ({ ...p }));
}

function computePeriods(interval: FeeInterval, from: string, to: string): Period[] {
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

const INTERVAL_OF_MONTHS: Partial<Record<number, FeeInterval>> = { 1: 'monthly', 3: 'quarterly', 6: 'half_yearly', 12: 'yearly' };

/** The interval a period of the calendar belongs to, from its length; null for any other span. */
export function intervalOf(period: Period): FeeInterval | null {
  if (period.start.slice(8) !== '01') return null;
  const months = monthIndex(period.end) - monthIndex(period.start) + 1;
  const interval = INTERVAL_OF_MONTHS[months];
  if (!interval || monthIndex(period.start) % months !== 0) return null;
  // …and ends on the last day of its last month (a debit names tens of thousands of periods: no Date objects).
  return Number(period.end.slice(8, 10)) === daysInMonth(period.end) ? interval : null;
}

function daysInMonth(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Months since year 0: consecutive months differ by one. */
function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/**
 * Several periods of one interval as briefly as a bank statement line needs them: a run of
 * consecutive periods as a range, runs separated by commas. "01-12/2026", "11/2025-02/2026",
 * "1.-4. Quartal 2026", "2. Halbjahr 2025-1. Halbjahr 2026", "2025-2026", "03/2026, 05/2026".
 */
export function periodsLabel(interval: FeeInterval, periods: readonly Period[]): string {
  const step = MONTHS[interval];
  const sorted = [...periods].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const runs: Period[][] = [];
  for (const p of sorted) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (last && last.start === p.start) continue; // the same period twice reads once
    if (run && last && monthIndex(p.start) - monthIndex(last.start) === step) run.push(p);
    else runs.push([p]);
  }
  return runs.map((run) => rangeLabel(interval, run[0]!, run[run.length - 1]!)).join(', ');
}

function rangeLabel(interval: FeeInterval, first: Period, last: Period): string {
  if (first.start === last.start) return periodLabel(interval, first);
  const [y1, y2] = [first.start.slice(0, 4), last.start.slice(0, 4)];
  const [m1, m2] = [Number(first.start.slice(5, 7)), Number(last.start.slice(5, 7))];
  const within = y1 === y2;
  switch (interval) {
    case 'yearly':
      return `${y1}-${y2}`;
    case 'monthly':
      return within ? `${String(m1).padStart(2, '0')}-${String(m2).padStart(2, '0')}/${y1}` : `${periodLabel(interval, first)}-${periodLabel(interval, last)}`;
    case 'quarterly':
      return within ? `${Math.ceil(m1 / 3)}.-${Math.ceil(m2 / 3)}. Quartal ${y1}` : `${periodLabel(interval, first)}-${periodLabel(interval, last)}`;
    case 'half_yearly':
      return within ? `1.-2. Halbjahr ${y1}` : `${periodLabel(interval, first)}-${periodLabel(interval, last)}`;
  }
}
