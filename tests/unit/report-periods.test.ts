import { describe, expect, it } from 'vitest';
import { monthsOf, parseReportPeriod, periodQuery, yearEarlier } from '../../api/lib/report-periods';

const TODAY = '2026-11-24';

describe('report periods', () => {
  it('defaults to the current Berlin year up to today, compared with the same days last year', () => {
    const p = parseReportPeriod({}, TODAY);
    expect(p.error).toBeNull();
    expect(p.period).toMatchObject({ kind: 'year_to_date', from: '2026-01-01', to: '2026-11-24', asOf: '2026-11-24' });
    expect(p.period.label.de).toBe('2026 bis heute');
    expect(p.comparison).toMatchObject({ from: '2025-01-01', to: '2025-11-24' });
    expect(periodQuery(p.period)).toBe('');
  });

  it('reads a year: a past one is counted on its last day, the current one on today', () => {
    const past = parseReportPeriod({ period: '2024' }, TODAY);
    expect(past.period).toMatchObject({ kind: 'year', key: '2024', from: '2024-01-01', to: '2024-12-31', asOf: '2024-12-31' });
    expect(past.comparison).toMatchObject({ from: '2023-01-01', to: '2023-12-31' });
    expect(parseReportPeriod({ period: '2026' }, TODAY).period).toMatchObject({ to: '2026-12-31', asOf: TODAY });
    expect(periodQuery(past.period)).toBe('period=2024');
  });

  it('reads a quarter in the usual spellings, with its last day and last year\'s quarter', () => {
    for (const raw of ['2026-Q3', '2026Q3', '2026-q3', ' 2026-Q3 ']) {
      const p = parseReportPeriod({ period: raw }, TODAY);
      expect([raw, p.error]).toEqual([raw, null]);
      expect(p.period).toMatchObject({ kind: 'quarter', key: '2026-Q3', from: '2026-07-01', to: '2026-09-30', asOf: '2026-09-30' });
      expect(p.period.label).toEqual({ de: '3. Quartal 2026', en: 'Q3 2026' });
      expect(p.comparison).toMatchObject({ from: '2025-07-01', to: '2025-09-30' });
    }
    expect(parseReportPeriod({ period: '2024-Q1' }, TODAY).period).toMatchObject({ from: '2024-01-01', to: '2024-03-31' });
    // the running quarter is counted on today
    expect(parseReportPeriod({ period: '2026-Q4' }, TODAY).period).toMatchObject({ to: '2026-12-31', asOf: TODAY });
  });

  it('reads a custom range as ISO dates or German dates; 29 February compares with 28 February', () => {
    const p = parseReportPeriod({ from: '2024-02-29', to: '2024-06-30' }, TODAY);
    expect(p.error).toBeNull();
    expect(p.period).toMatchObject({ kind: 'range', from: '2024-02-29', to: '2024-06-30', asOf: '2024-06-30' });
    expect(p.comparison).toMatchObject({ from: '2023-02-28', to: '2023-06-30' });
    expect(periodQuery(p.period)).toBe('from=2024-02-29&to=2024-06-30');
    expect(parseReportPeriod({ from: '1.3.2026', to: '30.06.2026' }, TODAY).period).toMatchObject({ from: '2026-03-01', to: '2026-06-30' });
    // a range into the future is counted on today
    expect(parseReportPeriod({ from: '2026-10-01', to: '2027-03-31' }, TODAY).period).toMatchObject({ asOf: TODAY });
    // one day is a range
    expect(parseReportPeriod({ from: TODAY, to: TODAY }, TODAY).error).toBeNull();
  });

  it('refuses what is no period with a German message naming the field, and falls back to the year to date', () => {
    const cases: [Parameters<typeof parseReportPeriod>[0], string, string][] = [
      [{ period: '2027' }, 'period', 'Das Jahr 2027 liegt in der Zukunft. Gezeigt wird das laufende Jahr bis heute.'],
      [{ period: '2027-Q1' }, 'period', 'Das Jahr 2027 liegt in der Zukunft. Gezeigt wird das laufende Jahr bis heute.'],
      [{ period: '1999' }, 'period', 'Das Jahr 1999 liegt vor 2000: dafür gibt es keine Zahlen.'],
      [{ period: '2026-Q5' }, 'period', '„2026-Q5“ ist kein Zeitraum. Bitte ein Jahr (2026), ein Quartal (2026-Q3) oder Von und Bis angeben.'],
      [{ period: 'letztes Jahr' }, 'period', '„letztes Jahr“ ist kein Zeitraum. Bitte ein Jahr (2026), ein Quartal (2026-Q3) oder Von und Bis angeben.'],
      [{ from: '2026-06-30', to: '2026-03-01' }, 'to', 'Das Ende (01.03.2026) liegt vor dem Anfang (30.06.2026).'],
      [{ from: '2026-02-30', to: '2026-03-01' }, 'from', 'Von: „2026-02-30“ ist kein Datum (TT.MM.JJJJ).'],
      [{ from: '2026-01-01', to: 'morgen' }, 'to', 'Bis: „morgen“ ist kein Datum (TT.MM.JJJJ).'],
      [{ from: '2026-01-01' }, 'to', 'Bis: bitte ein Datum angeben.'],
      [{ to: '2026-01-01' }, 'from', 'Von: bitte ein Datum angeben.'],
      [{ from: '2026-11-25', to: '2026-12-31' }, 'from', 'Der Anfang 25.11.2026 liegt in der Zukunft.'],
      [{ from: '1990-01-01', to: '1990-12-31' }, 'from', 'Der Anfang liegt vor 2000: dafür gibt es keine Zahlen.'],
      [{ from: '2010-01-01', to: '2026-01-01' }, 'to', 'Ein Zeitraum darf höchstens 10 Jahre umfassen.'],
    ];
    for (const [input, field, de] of cases) {
      const p = parseReportPeriod(input, TODAY);
      expect([input, p.error?.field, p.error?.message.de]).toEqual([input, field, de]);
      expect(p.error!.message.en.length).toBeGreaterThan(10);
      expect(p.period).toMatchObject({ kind: 'year_to_date', from: '2026-01-01', to: TODAY });
    }
    // the quarter that has not begun, within the current year
    expect(parseReportPeriod({ period: '2026-Q4' }, '2026-09-30').error?.message.de).toBe('Das 4. Quartal 2026 hat noch nicht begonnen. Gezeigt wird das laufende Jahr bis heute.');
  });

  it('lists the months a range touches and moves a day one year back', () => {
    expect(monthsOf('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
    expect(yearEarlier('2026-03-15')).toBe('2025-03-15');
    expect(yearEarlier('2024-02-29')).toBe('2023-02-28');
  });
});
