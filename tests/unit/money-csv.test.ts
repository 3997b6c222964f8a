import { describe, expect, it } from 'vitest';
import { toExcelCsv } from '../../api/lib/csv';
import { formatAmount, formatEuro, parseAmount } from '../../api/lib/money';

describe('amounts as people type them', () => {
  it.each([
    ['12', 1200],
    ['12,5', 1250],
    ['12,50', 1250],
    ['1.234,56', 123456],
    ['12.50', 1250],
    ['1,234.56', 123456],
    ['12,50 €', 1250],
    ['60,00 EUR', 6000],
    ['0', 0],
    ['-3,10', -310],
  ] as const)('%s → %i cents', (input, cents) => expect(parseAmount(input)).toBe(cents));

  it.each(['', 'abc', '12,345', '12,5,0', '60.001', '1.234', '1.23.4', '12,', '€'])('refuses %j', (input) => expect(parseAmount(input)).toBeNull());

  it('formats cents in German', () => {
    expect(formatEuro(123456).replace(/\u00a0/g, ' ')).toBe('1.234,56 €');
    expect(formatAmount(5)).toBe('0,05');
  });
});

describe('Excel CSV', () => {
  it('writes BOM, semicolons, CRLF, quotes where needed and defuses formulas', () => {
    const csv = toExcelCsv(['a', 'b'], [['x;y', '=1+1'], ['-3,10', '@SUM'], [null, 'Zeile\nzwei']]);
    expect(csv).toBe('\uFEFFa;b\r\n"x;y";\'=1+1\r\n-3,10;\'@SUM\r\n;"Zeile\nzwei"\r\n');
  });
});
