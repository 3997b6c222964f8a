import type { GrantFundingKind, GrantPlanCategory } from '../../db/schema';

/**
 * The sums of a grant's money (api/grants/README.md, grants money), pure and in integer cents:
 * plan vs actual per cost-plan line, the financing plan against the cost plan and against what
 * came in, and what of the approved amount is still to be drawn down. No I/O.
 */

export interface PlanLineInput {
  id: number;
  category: GrantPlanCategory;
  label: string;
  planned_cents: number;
  position: number;
}

export interface PlanLineResult extends PlanLineInput {
  actual_cents: number;
  /** planned − actual: positive is left over, negative is overspent */
  difference_cents: number;
  /** actual in percent of planned, one decimal; null when nothing was planned */
  percent_used: number | null;
  expense_count: number;
}

export interface PlanVsActual {
  lines: PlanLineResult[];
  planned_cents: number;
  actual_cents: number;
  difference_cents: number;
  percent_used: number | null;
}

export function percentOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

/** Each plan line with the sum of its expenses; lines in plan order. */
export function planVsActual(lines: PlanLineInput[], expenses: { plan_line_id: number; amount_cents: number }[]): PlanVsActual {
  const spent = new Map<number, { sum: number; count: number }>();
  for (const e of expenses) {
    const s = spent.get(e.plan_line_id) ?? { sum: 0, count: 0 };
    s.sum += e.amount_cents;
    s.count += 1;
    spent.set(e.plan_line_id, s);
  }
  const ordered = [...lines].sort((a, b) => a.position - b.position || a.id - b.id);
  const rows = ordered.map((l) => {
    const actual = spent.get(l.id)?.sum ?? 0;
    return { ...l, actual_cents: actual, difference_cents: l.planned_cents - actual, percent_used: percentOf(actual, l.planned_cents), expense_count: spent.get(l.id)?.count ?? 0 };
  });
  const planned = sum(rows.map((r) => r.planned_cents));
  const actual = sum(rows.map((r) => r.actual_cents));
  return { lines: rows, planned_cents: planned, actual_cents: actual, difference_cents: planned - actual, percent_used: percentOf(actual, planned) };
}

export interface SourceInput {
  id: number;
  kind: GrantFundingKind;
  label: string;
  planned_cents: number;
  position: number;
}

export interface SourceResult extends SourceInput {
  /** this grant: the payments received; other sources are not recorded (null) */
  actual_cents: number | null;
}

export interface Financing {
  sources: SourceResult[];
  planned_cents: number;
  /** the cost plan's total */
  cost_planned_cents: number;
  /** cost plan − financing plan: 0 = covered, positive = a gap, negative = more financing than cost */
  gap_cents: number;
  covered: boolean;
  /** grant payments received (the actual of this grant's sources) */
  received_cents: number;
  /** received but no 'this grant' line in the financing plan to show it on */
  received_unplanned_cents: number;
  /** expenses not covered by the grant payments: paid from own means and other sources */
  spent_beyond_received_cents: number;
}

/**
 * The financing plan against the cost plan, and this grant's payments spread over its 'this
 * grant' lines in plan order (each filled up to its planned amount, the rest on the last one).
 */
export function financing(sources: SourceInput[], costPlannedCents: number, receivedCents: number, spentCents: number): Financing {
  const ordered = [...sources].sort((a, b) => a.position - b.position || a.id - b.id);
  const grantLines = ordered.filter((s) => s.kind === 'this_grant');
  let rest = receivedCents;
  const actualOf = new Map<number, number>();
  grantLines.forEach((s, i) => {
    const share = i === grantLines.length - 1 ? rest : Math.min(rest, s.planned_cents);
    actualOf.set(s.id, share);
    rest -= share;
  });
  const rows = ordered.map((s) => ({ ...s, actual_cents: s.kind === 'this_grant' ? (actualOf.get(s.id) ?? 0) : null }));
  const planned = sum(rows.map((s) => s.planned_cents));
  return {
    sources: rows,
    planned_cents: planned,
    cost_planned_cents: costPlannedCents,
    gap_cents: costPlannedCents - planned,
    covered: costPlannedCents === planned,
    received_cents: receivedCents,
    received_unplanned_cents: grantLines.length ? 0 : receivedCents,
    spent_beyond_received_cents: Math.max(0, spentCents - receivedCents),
  };
}

export interface Drawdown {
  approved_cents: number | null;
  received_cents: number;
  /** approved − received, never below 0 */
  to_draw_down_cents: number;
  /** received beyond the approved amount */
  over_received_cents: number;
}

/** What of the approved amount has come in and what is still to be drawn down (Mittelabruf). */
export function drawdown(approvedCents: number | null, receivedCents: number): Drawdown {
  const approved = approvedCents ?? 0;
  return {
    approved_cents: approvedCents,
    received_cents: receivedCents,
    to_draw_down_cents: Math.max(0, approved - receivedCents),
    over_received_cents: Math.max(0, receivedCents - approved),
  };
}

function sum(values: number[]) {
  return values.reduce((a, b) => a + b, 0);
}
