import type { Msg } from '../http/errors';
import { msg } from '../http/errors';
import { formatDate, isIsoDate } from './dates';

/**
 * The period a report covers (api/reports): a year, a quarter or a custom range of business
 * dates, the same dates one year earlier to compare with, and the day the state figures
 * (members, arrears) are counted on. Pure: "today" comes in as a string.
 */
export type ReportPeriodKind = 'year_to_date' | 'year' | 'quarter' | 'range';

export interface ReportPeriod {
  kind: ReportPeriodKind;
  /** '2026', '2026-Q3', or '' for the default and a custom range (its dates are in from/to) */
  key: string;
  from: string;
  to: string;
  /** the day state figures are counted on: the period's end, or today when the period runs on */
  asOf: string;
  label: Msg;
}

export interface ReportPeriods {
  period: ReportPeriod;
  /** the same days one year earlier (29 February becomes 28 February) */
  comparison: { from: string; to: string; label: Msg };
  /** why the input was not taken: the page shows it and the default period instead */
  error: { field: 'period' | 'from' | 'to'; message: Msg } | null;
}

export interface ReportPeriodInput {
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The earliest year a report may show: older dates are typing errors, not history. */
export const FIRST_REPORT_YEAR = 2000;
/** A custom range may span at most this many years (its chart has one bar per month). */
export const MAX_RANGE_YEARS = 10;

/** '2026-03-15' one year earlier: '2025-03-15'; '2024-02-29' → '2023-02-28'. */
export function yearEarlier(date: string): string {
  const y = Number(date.slice(0, 4)) - 1;
  const md = date.slice(5);
  if (md === '02-29') return `${y}-02-28`;
  return `${String(y).padStart(4, '0')}-${md}`;
}

/** The first day of every month that overlaps [from, to], as 'YYYY-MM'. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m === 13) {
      m = 1;
      y++;
    }
  }
  return months;
}

const QUARTER_START = ['01-01', '04-01', '07-01', '10-01'] as const;
const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'] as const;

function make(kind: ReportPeriodKind, key: string, from: string, to: string, today: string, label: Msg): ReportPeriods {
  const period: ReportPeriod = { kind, key, from, to, asOf: to < today ? to : today, label };
  const cFrom = yearEarlier(from);
  const cTo = yearEarlier(to);
  return { period, comparison: { from: cFrom, to: cTo, label: rangeLabel(kind, key, cFrom, cTo) }, error: null };
}

function rangeLabel(kind: ReportPeriodKind, key: string, from: string, to: string): Msg {
  if (kind === 'year') return msg(from.slice(0, 4), from.slice(0, 4));
  if (kind === 'quarter') {
    const q = key.slice(-1);
    return msg(`${q}. Quartal ${from.slice(0, 4)}`, `Q${q} ${from.slice(0, 4)}`);
  }
  return msg(`${formatDate(from)} – ${formatDate(to)}`, `${formatDate(from)} – ${formatDate(to)}`);
}

/** The default: the current Berlin year up to today. */
export function defaultReportPeriod(today: string): ReportPeriods {
  const from = `${today.slice(0, 4)}-01-01`;
  return make('year_to_date', '', from, today, today, msg(`${today.slice(0, 4)} bis heute`, `${today.slice(0, 4)} to date`));
}

function refuse(today: string, field: 'period' | 'from' | 'to', message: Msg): ReportPeriods {
  return { ...defaultReportPeriod(today), error: { field, message } };
}

/**
 * `?period=2026`, `?period=2026-Q3` or `?from=2026-01-01&to=2026-06-30`; nothing gives the year to
 * date. Input that cannot be a period (unreadable, end before start, a year or quarter that has
 * not begun, before 2000, longer than ten years) gives the default period and a message in
 * German and English saying what was wrong.
 */
export function parseReportPeriod(input: ReportPeriodInput, today: string): ReportPeriods {
  const year = Number(today.slice(0, 4));
  const raw = input.period?.trim() ?? '';
  const from = input.from?.trim() ?? '';
  const to = input.to?.trim() ?? '';
  if (raw) {
    const y = /^(\d{4})$/.exec(raw);
    const q = /^(\d{4})-?[Qq]([1-4])$/.exec(raw);
    if (!y && !q) {
      return refuse(
        today,
        'period',
        msg(
          `„${raw.slice(0, 40)}“ ist kein Zeitraum. Bitte ein Jahr (2026), ein Quartal (2026-Q3) oder Von und Bis angeben.`,
          `“${raw.slice(0, 40)}” is not a period. Please give a year (2026), a quarter (2026-Q3) or from and to dates.`,
        ),
      );
    }
    const py = Number((y ?? q)![1]);
    if (py < FIRST_REPORT_YEAR) {
      return refuse(today, 'period', msg(`Das Jahr ${py} liegt vor ${FIRST_REPORT_YEAR}: dafür gibt es keine Zahlen.`, `The year ${py} is before ${FIRST_REPORT_YEAR}: there are no figures for it.`));
    }
    if (py > year) {
      return refuse(today, 'period', msg(`Das Jahr ${py} liegt in der Zukunft. Gezeigt wird das laufende Jahr bis heute.`, `The year ${py} is in the future. Showing the current year to date.`));
    }
    if (y) return make('year', String(py), `${py}-01-01`, `${py}-12-31`, today, msg(String(py), String(py)));
    const n = Number(q![2]);
    const qFrom = `${py}-${QUARTER_START[n - 1]}`;
    if (qFrom > today) {
      return refuse(today, 'period', msg(`Das ${n}. Quartal ${py} hat noch nicht begonnen. Gezeigt wird das laufende Jahr bis heute.`, `Q${n} ${py} has not begun yet. Showing the current year to date.`));
    }
    const key = `${py}-Q${n}`;
    return make('quarter', key, qFrom, `${py}-${QUARTER_END[n - 1]}`, today, msg(`${n}. Quartal ${py}`, `Q${n} ${py}`));
  }
  if (!from && !to) return defaultReportPeriod(today);
  if (!from) return refuse(today, 'from', msg('Von: bitte ein Datum angeben.', 'From: please give a date.'));
  if (!to) return refuse(today, 'to', msg('Bis: bitte ein Datum angeben.', 'To: please give a date.'));
  const f = parseDay(from);
  if (!f) return refuse(today, 'from', msg(`Von: „${from.slice(0, 20)}“ ist kein Datum (TT.MM.JJJJ).`, `From: “${from.slice(0, 20)}” is not a date (DD.MM.YYYY).`));
  const t = parseDay(to);
  if (!t) return refuse(today, 'to', msg(`Bis: „${to.slice(0, 20)}“ ist kein Datum (TT.MM.JJJJ).`, `To: “${to.slice(0, 20)}” is not a date (DD.MM.YYYY).`));
  if (t < f) {
    return refuse(today, 'to', msg(`Das Ende (${formatDate(t)}) liegt vor dem Anfang (${formatDate(f)}).`, `The end (${formatDate(t)}) is before the start (${formatDate(f)}).`));
  }
  if (f > today) return refuse(today, 'from', msg(`Der Anfang ${formatDate(f)} liegt in der Zukunft.`, `The start ${formatDate(f)} is in the future.`));
  if (Number(f.slice(0, 4)) < FIRST_REPORT_YEAR) {
    return refuse(today, 'from', msg(`Der Anfang liegt vor ${FIRST_REPORT_YEAR}: dafür gibt es keine Zahlen.`, `The start is before ${FIRST_REPORT_YEAR}: there are no figures for it.`));
  }
  if (Number(t.slice(0, 4)) - Number(f.slice(0, 4)) >= MAX_RANGE_YEARS) {
    return refuse(today, 'to', msg(`Ein Zeitraum darf höchstens ${MAX_RANGE_YEARS} Jahre umfassen.`, `A period may span at most ${MAX_RANGE_YEARS} years.`));
  }
  return make('range', '', f, t, today, rangeLabel('range', '', f, t));
}

/** 'YYYY-MM-DD' (the date input) or 'TT.MM.JJJJ' (typed the German way) → 'YYYY-MM-DD', else null. */
function parseDay(value: string): string | null {
  const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const iso = de ? `${de[3]}-${de[2]!.padStart(2, '0')}-${de[1]!.padStart(2, '0')}` : value;
  return isIsoDate(iso) ? iso : null;
}

/** The query string that selects this period again (links, the language switch). */
export function periodQuery(p: ReportPeriod): string {
  if (p.kind === 'year' || p.kind === 'quarter') return `period=${p.key}`;
  if (p.kind === 'range') return `from=${p.from}&to=${p.to}`;
  return '';
}
