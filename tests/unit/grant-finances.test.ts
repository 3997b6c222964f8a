import { describe, expect, it } from 'vitest';
import { drawdown, financing, percentOf, planVsActual } from '../../api/lib/grant-finances';

describe('grant finances: the pure sums', () => {
  const lines = [
    { id: 3, category: 'rent' as const, label: 'Raummiete', planned_cents: 600_000, position: 2 },
    { id: 1, category: 'staff' as const, label: 'Beratung 0,5 Stelle', planned_cents: 2_400_000, position: 1 },
    { id: 7, category: 'material' as const, label: 'Laptop', planned_cents: 0, position: 3 },
  ];

  it('sums expenses per plan line, in plan order, with difference and percent used', () => {
    const r = planVsActual(lines, [
      { plan_line_id: 1, amount_cents: 1_000_000 },
      { plan_line_id: 1, amount_cents: 234_567 },
      { plan_line_id: 3, amount_cents: 650_000 },
      { plan_line_id: 7, amount_cents: 89_900 },
    ]);
    expect(r.lines.map((l) => [l.label, l.actual_cents, l.difference_cents, l.percent_used, l.expense_count])).toEqual([
      ['Beratung 0,5 Stelle', 1_234_567, 1_165_433, 51.4, 2],
      ['Raummiete', 650_000, -50_000, 108.3, 1],
      ['Laptop', 89_900, -89_900, null, 1],
    ]);
    expect(r).toMatchObject({ planned_cents: 3_000_000, actual_cents: 1_974_467, difference_cents: 1_025_533, percent_used: 65.8 });
  });

  it('a plan without expenses is 0 spent and 0 percent; an empty plan has no percent', () => {
    expect(planVsActual(lines, [])).toMatchObject({ actual_cents: 0, difference_cents: 3_000_000, percent_used: 0 });
    expect(planVsActual([], [])).toMatchObject({ planned_cents: 0, actual_cents: 0, percent_used: null });
    expect(percentOf(1, 3)).toBe(33.3);
  });

  it('the financing plan against the cost plan: covered, a gap, or more than the costs', () => {
    const sources = [
      { id: 1, kind: 'this_grant' as const, label: 'Stiftung', planned_cents: 2_500_000, position: 1 },
      { id: 2, kind: 'own_means' as const, label: 'Eigenmittel', planned_cents: 500_000, position: 2 },
    ];
    expect(financing(sources, 3_000_000, 0, 0)).toMatchObject({ planned_cents: 3_000_000, gap_cents: 0, covered: true });
    expect(financing(sources, 3_200_000, 0, 0)).toMatchObject({ gap_cents: 200_000, covered: false });
    expect(financing(sources, 2_900_000, 0, 0)).toMatchObject({ gap_cents: -100_000, covered: false });
  });

  it("this grant's actual is the payments received, spread over its lines in plan order; other sources are not recorded", () => {
    const sources = [
      { id: 5, kind: 'this_grant' as const, label: '1. Rate', planned_cents: 1_000_000, position: 1 },
      { id: 6, kind: 'own_means' as const, label: 'Eigenmittel', planned_cents: 300_000, position: 2 },
      { id: 7, kind: 'this_grant' as const, label: '2. Rate', planned_cents: 1_000_000, position: 3 },
    ];
    const f = financing(sources, 2_300_000, 1_500_000, 1_700_000);
    expect(f.sources.map((s) => s.actual_cents)).toEqual([1_000_000, null, 500_000]);
    expect(f).toMatchObject({ received_cents: 1_500_000, received_unplanned_cents: 0, spent_beyond_received_cents: 200_000 });
    expect(financing([], 0, 70_000, 0).received_unplanned_cents).toBe(70_000);
  });

  it('still to draw down is approved − received, never negative; the excess is shown apart', () => {
    expect(drawdown(2_000_000, 750_000)).toEqual({ approved_cents: 2_000_000, received_cents: 750_000, to_draw_down_cents: 1_250_000, over_received_cents: 0 });
    expect(drawdown(2_000_000, 2_100_000)).toMatchObject({ to_draw_down_cents: 0, over_received_cents: 100_000 });
    expect(drawdown(null, 0)).toMatchObject({ to_draw_down_cents: 0, over_received_cents: 0 });
  });
});
