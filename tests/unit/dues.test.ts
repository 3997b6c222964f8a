import { describe, expect, it } from 'vitest';
import { duesFor, type DuesMember } from '../../api/lib/dues';
import { memberDaysIn, periodLabel, periodsStartingIn, proRata } from '../../api/lib/periods';

const yearly: DuesMember = { join_date: '2020-01-01', exit_date: null, reduced_fee: false, fee_cents: 6000, reduced_fee_cents: 3000, interval: 'yearly' };

describe('billing periods', () => {
  it('cuts the calendar by interval and keeps periods starting in the range', () => {
    expect(periodsStartingIn('quarterly', '2026-01-01', '2026-12-31').map((p) => `${p.start}..${p.end}`)).toEqual([
      '2026-01-01..2026-03-31',
      '2026-04-01..2026-06-30',
      '2026-07-01..2026-09-30',
      '2026-10-01..2026-12-31',
    ]);
    expect(periodsStartingIn('monthly', '2028-02-01', '2028-02-29')).toEqual([{ start: '2028-02-01', end: '2028-02-29' }]);
    expect(periodsStartingIn('yearly', '2026-03-01', '2026-12-31')).toEqual([]);
    expect(periodsStartingIn('half_yearly', '2026-05-01', '2027-01-31').map((p) => p.start)).toEqual(['2026-07-01', '2027-01-01']);
  });
  it('counts membership days and prorates in whole cents, half up', () => {
    expect(memberDaysIn({ start: '2026-01-01', end: '2026-12-31' }, '2026-07-01', null)).toBe(184);
    expect(memberDaysIn({ start: '2026-01-01', end: '2026-12-31' }, '2020-01-01', '2026-01-31')).toBe(31);
    expect(proRata(6000, 184, 365)).toBe(3025); // 3024.66 → 3025
    expect(proRata(1000, 1, 3)).toBe(333);
    expect(proRata(1000, 2, 3)).toBe(667);
  });
  it('labels periods as a claim shows them', () => {
    expect(periodLabel('quarterly', { start: '2026-07-01', end: '2026-09-30' })).toBe('3. Quartal 2026');
    expect(periodLabel('monthly', { start: '2026-03-01', end: '2026-03-31' })).toBe('03/2026');
  });
});

describe('dues of one member', () => {
  it('charges a full year to a member of long standing', () => {
    expect(duesFor(yearly, 'next_period', '2026-01-01', '2026-12-31')).toEqual([
      { period: { start: '2026-01-01', end: '2026-12-31' }, label: 'Mitgliedsbeitrag 2026', due_date: '2026-01-01', amount_cents: 6000, prorated: false },
    ]);
  });
  it('charges a member joining mid-year from the next period, or pro rata per day', () => {
    const joiner = { ...yearly, join_date: '2026-07-01' };
    expect(duesFor(joiner, 'next_period', '2026-01-01', '2026-12-31')).toEqual([]);
    expect(duesFor(joiner, 'next_period', '2027-01-01', '2027-12-31')[0]!.amount_cents).toBe(6000);
    const [claim] = duesFor(joiner, 'pro_rata', '2026-01-01', '2026-12-31');
    expect(claim).toMatchObject({ amount_cents: 3025, due_date: '2026-07-01', prorated: true, label: 'Mitgliedsbeitrag 2026 (anteilig ab 01.07.2026)' });
    const quarterly = { ...joiner, interval: 'quarterly' as const, fee_cents: 1500 };
    expect(duesFor(quarterly, 'next_period', '2026-01-01', '2026-12-31').map((c) => c.period.start)).toEqual(['2026-07-01', '2026-10-01']);
  });
  it('ends with the exit: nothing after it, the exit period full or pro rata', () => {
    const leaver = { ...yearly, interval: 'quarterly' as const, fee_cents: 1500, exit_date: '2026-05-15' };
    expect(duesFor(leaver, 'next_period', '2026-01-01', '2026-12-31').map((c) => c.amount_cents)).toEqual([1500, 1500]);
    expect(duesFor(leaver, 'pro_rata', '2026-01-01', '2026-12-31').map((c) => c.amount_cents)).toEqual([1500, 742]);
  });
  it('uses the reduced fee and makes no claim of 0', () => {
    expect(duesFor({ ...yearly, reduced_fee: true }, 'next_period', '2026-01-01', '2026-12-31')[0]!.amount_cents).toBe(3000);
    expect(duesFor({ ...yearly, fee_cents: 0 }, 'next_period', '2026-01-01', '2026-12-31')).toEqual([]);
  });
});
