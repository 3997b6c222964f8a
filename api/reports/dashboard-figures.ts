import type { GrantStatus } from '../../db/schema';
import type { Deps, Executor } from '../deps';
import type { Msg } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { APPROVED_STATUSES, GRANT_STATUSES } from '../lib/grants';
import { monthsOf, parseReportPeriod, yearEarlier, type ReportPeriodInput, type ReportPeriods } from '../lib/report-periods';
import {
  activeMonthlyGifts,
  arrearsByAge,
  claimsDueIn,
  donationsByPurpose,
  donationTotals,
  grantDeadlines,
  grantsByStatus,
  incomeByMonth,
  memberMovements,
  membersByType,
  overdueDeadlineCount,
  returnedDebits,
  type IncomeSource,
} from './queries';

/**
 * Every figure of the finance dashboard for one period, from the aggregate queries: the page
 * (web/reports) and the JSON API (GET /api/v1/dashboard) both call this, so they can never
 * disagree. Amounts are integer cents; months are 'YYYY-MM'. Aggregates only (plus application
 * titles and deadline names): the board reads this and never sees a person's details.
 */

export const INCOME_SOURCES: readonly IncomeSource[] = ['dues', 'donations_once', 'donations_monthly', 'grants'];
export const ARREARS_BUCKETS = ['d0_30', 'd31_90', 'd91_180', 'd181_plus'] as const;
export type ArrearsBucket = (typeof ARREARS_BUCKETS)[number];

type BySource = Record<IncomeSource | 'total', number>;
const zeroBySource = (): BySource => ({ dues: 0, donations_once: 0, donations_monthly: 0, grants: 0, total: 0 });

export interface DashboardFigures {
  today: string;
  period: { kind: ReportPeriods['period']['kind']; key: string; from: string; to: string; as_of: string; label: Msg };
  comparison: { from: string; to: string; label: Msg };
  income: {
    /** one row per month of the period, with last year's same month beside it */
    months: { month: string; previous_month: string; current: BySource; previous: BySource }[];
    totals: BySource;
    previous_totals: BySource;
  };
  dues: {
    claims: number;
    expected_cents: number;
    received_cents: number;
    open_cents: number;
    open_claims: number;
    written_off_cents: number;
    arrears: { as_of: string; total_cents: number; claims: number; debtors: number; buckets: { key: ArrearsBucket; claims: number; cents: number }[] };
    returned_debits: { count: number; cents: number };
  };
  members: {
    as_of: string;
    total: number;
    joins: number;
    exits: number;
    by_type: { id: number; name: string; count: number; joins: number; exits: number }[];
    months: { month: string; joins: number; exits: number }[];
  };
  donations: {
    gifts: number;
    cents: number;
    donors: number;
    anonymous_gifts: number;
    average_cents: number;
    by_purpose: { purpose_id: number | null; name_de: string | null; name_en: string | null; gifts: number; cents: number }[];
    recurring: { gifts: number; donors: number; monthly_cents: number };
  };
  grants: {
    by_status: { status: GrantStatus; count: number; requested_cents: number; approved_cents: number; amount_cents: number; received_cents: number }[];
    approved_cents: number;
    received_cents: number;
    outstanding_cents: number;
    overdue_count: number;
    overdue: DeadlineFigure[];
    next: DeadlineFigure[];
  };
}

export interface DeadlineFigure {
  id: number;
  application_id: number;
  application_title: string;
  funder_name: string;
  kind: string;
  title: string;
  due_on: string;
}

/**
 * The figures of the period the input names, or of the default period (the year to date) when
 * the input is no period: then `error` says why, in German and English, and the caller decides
 * (the page shows it above the default figures, the API answers 422).
 */
export async function dashboardFigures(db: Executor, input: ReportPeriodInput, deps: Pick<Deps, 'clock'>): Promise<{ figures: DashboardFigures; error: ReportPeriods['error'] }> {
  const today = berlinToday(deps.clock.now());
  const periods = parseReportPeriod(input, today);
  return { figures: await figuresFor(db, periods, today), error: periods.error };
}

async function figuresFor(db: Executor, periods: ReportPeriods, today: string): Promise<DashboardFigures> {
  const { period, comparison } = periods;
  const [income, previousIncome, claims, arrears, returned, types, movements, purposes, gifts, monthly, grants, deadlines, overdueCount] = await Promise.all([
    incomeByMonth(db, period),
    incomeByMonth(db, comparison),
    claimsDueIn(db, period),
    arrearsByAge(db, period.asOf),
    returnedDebits(db, period),
    membersByType(db, period.asOf),
    memberMovements(db, period),
    donationsByPurpose(db, period),
    donationTotals(db, period),
    activeMonthlyGifts(db, period.asOf),
    grantsByStatus(db),
    grantDeadlines(db, today),
    overdueDeadlineCount(db, today),
  ]);

  // income: the period's months, each beside the same month a year earlier
  const months = monthsOf(period.from, period.to).map((month) => ({ month, previous_month: yearEarlier(`${month}-01`).slice(0, 7), current: zeroBySource(), previous: zeroBySource() }));
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const byPreviousMonth = new Map(months.map((m) => [m.previous_month, m]));
  const totals = zeroBySource();
  const previousTotals = zeroBySource();
  for (const row of income) {
    const m = byMonth.get(row.month);
    if (m) {
      m.current[row.source] += row.cents;
      m.current.total += row.cents;
    }
    totals[row.source] += row.cents;
    totals.total += row.cents;
  }
  for (const row of previousIncome) {
    const m = byPreviousMonth.get(row.month);
    if (m) {
      m.previous[row.source] += row.cents;
      m.previous.total += row.cents;
    }
    previousTotals[row.source] += row.cents;
    previousTotals.total += row.cents;
  }

  const buckets = ARREARS_BUCKETS.map((key, i) => {
    const b = arrears.buckets.find((x) => x.bucket === i);
    return { key, claims: b?.claims ?? 0, cents: b?.cents ?? 0 };
  });

  // members: joins and exits by month and by type
  const memberMonths = monthsOf(period.from, period.to).map((month) => ({ month, joins: 0, exits: 0 }));
  const memberMonth = new Map(memberMonths.map((m) => [m.month, m]));
  const byType = types.map((t) => ({ ...t, joins: 0, exits: 0 }));
  const typeOf = new Map(byType.map((t) => [t.id, t]));
  let joins = 0;
  let exits = 0;
  for (const mv of movements) {
    const m = memberMonth.get(mv.month);
    const t = typeOf.get(mv.typeId);
    if (mv.kind === 'join') {
      joins += mv.count;
      if (m) m.joins += mv.count;
      if (t) t.joins += mv.count;
    } else {
      exits += mv.count;
      if (m) m.exits += mv.count;
      if (t) t.exits += mv.count;
    }
  }

  const byStatus = GRANT_STATUSES.map((status) => {
    const g = grants.find((x) => x.status === status);
    const approvedStatus = APPROVED_STATUSES.includes(status);
    return {
      status,
      count: g?.count ?? 0,
      requested_cents: g?.requestedCents ?? 0,
      approved_cents: g?.approvedCents ?? 0,
      // what the pipeline board sums: the approved amount once the funder said yes
      amount_cents: g ? (approvedStatus ? g.approvedElseRequestedCents : g.requestedCents) : 0,
      received_cents: g?.receivedCents ?? 0,
    };
  });
  const approved = byStatus.filter((s) => APPROVED_STATUSES.includes(s.status));
  const approvedCents = approved.reduce((s, x) => s + x.approved_cents, 0);
  const receivedCents = approved.reduce((s, x) => s + x.received_cents, 0);
  const deadline = (d: (typeof deadlines)[number]): DeadlineFigure => ({
    id: d.id,
    application_id: d.application_id,
    application_title: d.application_title,
    funder_name: d.funder_name,
    kind: d.kind,
    title: d.title,
    due_on: d.due_on,
  });
  const byDue = (a: (typeof deadlines)[number], b: (typeof deadlines)[number]) => (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : a.application_title.localeCompare(b.application_title, 'de') || a.id - b.id);

  return {
    today,
    period: { kind: period.kind, key: period.key, from: period.from, to: period.to, as_of: period.asOf, label: period.label },
    comparison,
    income: { months, totals, previous_totals: previousTotals },
    dues: {
      claims: claims.claims,
      expected_cents: claims.expectedCents,
      received_cents: claims.receivedCents,
      open_cents: claims.openCents,
      open_claims: claims.openClaims,
      written_off_cents: claims.writtenOffCents,
      arrears: {
        as_of: period.asOf,
        total_cents: buckets.reduce((s, b) => s + b.cents, 0),
        claims: buckets.reduce((s, b) => s + b.claims, 0),
        debtors: arrears.debtors,
        buckets,
      },
      returned_debits: returned,
    },
    members: { as_of: period.asOf, total: byType.reduce((s, t) => s + t.count, 0), joins, exits, by_type: byType, months: memberMonths },
    donations: {
      gifts: gifts.gifts,
      cents: gifts.cents,
      donors: gifts.donors,
      anonymous_gifts: gifts.anonymousGifts,
      average_cents: gifts.gifts ? Math.round(gifts.cents / gifts.gifts) : 0,
      by_purpose: purposes.map((p) => ({ purpose_id: p.purposeId, name_de: p.nameDe, name_en: p.nameEn, gifts: p.count, cents: p.cents })),
      recurring: { gifts: monthly.gifts, donors: monthly.donors, monthly_cents: monthly.monthlyCents },
    },
    grants: {
      by_status: byStatus,
      approved_cents: approvedCents,
      received_cents: receivedCents,
      outstanding_cents: Math.max(0, approvedCents - receivedCents),
      overdue_count: overdueCount,
      overdue: deadlines.filter((d) => d.overdue).sort(byDue).map(deadline),
      next: deadlines.filter((d) => !d.overdue).sort(byDue).map(deadline),
    },
  };
}
