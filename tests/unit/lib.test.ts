import { describe, expect, it } from 'vitest';
import { isCreditorId } from '../../api/lib/creditor-id';
import { berlinToday, formatDate, isIsoDate } from '../../api/lib/dates';
import { receiptsAllowedUntil } from '../../api/lib/exemption';
import { isBic, isIban, isSepaIban, maskIban, normalizeIban } from '../../api/lib/iban';
import { maskForAudit } from '../../api/lib/mask';
import { backoffMs } from '../../api/jobs/deliver-outbox';

describe('IBAN (shared/spec/sepa.md §9.1 vectors)', () => {
  const valid = [
    'DE89370400440532013000',
    'DE89 3704 0044 0532 0130 00',
    'DE75512108001245126199',
    'DE02120300000000202051',
    'DE68210501700012345678',
    'DE44500105175407324931',
    'AT611904300234573201',
    'GB29NWBK60161331926819',
    'FR1420041010050500013M02606',
    'NL91ABNA0417164300',
    'CH9300762011623852957',
  ];
  const invalid = ['DE89370400440532013001', 'DE88370400440532013000', 'DE8937040044053201300', '', 'not an iban'];
  it.each(valid)('%s is valid', (iban) => expect(isIban(iban)).toBe(true));
  it.each(invalid)('%s is invalid', (iban) => expect(isIban(iban)).toBe(false));
  it('accepts lower case and spaces, and masks all but the first and last four characters', () => {
    expect(normalizeIban('de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(maskIban('DE89370400440532013000')).toBe('DE89 **** **** **** **30 00');
  });
  it('knows SEPA countries', () => {
    expect(isSepaIban('CH9300762011623852957')).toBe(true);
    expect(isSepaIban('BR1800360305000010009795493C1')).toBe(false);
  });
  it('checks BIC format', () => {
    expect(isBic('BYLADEM1001')).toBe(true);
    expect(isBic('COBADEFF')).toBe(true);
    expect(isBic('COBADEF')).toBe(false);
  });
});

describe('Gläubiger-ID (shared/spec/sepa.md §6 vectors)', () => {
  it.each([
    ['DE98ZZZ09999999999', true],
    ['DE98ABC09999999999', true],
    ['DE79ZZZ01234567890', true],
    ['DE36ZZZ00000000000', true],
    ['de98 zzz0 9999 9999 99', true],
    ['DE97ZZZ09999999999', false],
    ['DE98ZZZ09999999998', false],
    ['DE26ZZZ00000000000', false],
    ['DE98ZZZ0999999999', false],
  ] as const)('%s → %s', (ci, expected) => expect(isCreditorId(ci)).toBe(expected));
});

describe('audit masking', () => {
  it('masks IBANs, passwords, tokens and hashes at any depth and keeps the rest', () => {
    const masked = maskForAudit({
      name: 'Leyla Yılmaz',
      iban: 'DE02120300000000202051',
      password_hash: 'scrypt$…',
      nested: { debtor_iban: 'DE89370400440532013000', token: 'abc', list: [{ apiKey: 'k', amount: 1200 }] },
    });
    expect(masked).toEqual({
      name: 'Leyla Yılmaz',
      iban: 'DE02 **** **** **** **20 51',
      password_hash: '***',
      nested: { debtor_iban: 'DE89 **** **** **** **30 00', token: '***', list: [{ apiKey: '***', amount: 1200 }] },
    });
  });
});

describe('dates', () => {
  it('takes the business day in Berlin, not UTC', () => {
    expect(berlinToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(berlinToday(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(berlinToday(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
  it('validates and formats ISO dates', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('1.3.2026')).toBe(false);
    expect(formatDate('2026-03-01')).toBe('01.03.2026');
  });
  it('gives the last day a receipt may be issued under § 63 Abs. 5 AO', () => {
    expect(receiptsAllowedUntil('freistellungsbescheid', '2025-06-30')).toBe('2030-06-30');
    expect(receiptsAllowedUntil('feststellung_60a', '2025-06-30')).toBe('2028-06-30');
    expect(receiptsAllowedUntil('feststellung_60a', '2024-02-29')).toBe('2027-02-28');
  });
});

describe('outbox backoff', () => {
  it('doubles from one minute and stops at twelve hours', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(20)).toBe(12 * 60 * 60_000);
  });
});
