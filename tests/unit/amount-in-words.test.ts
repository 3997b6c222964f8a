import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_IN_WORDS_CENTS, amountInDigitWords, amountInWords, numberInWords } from '../../api/lib/amount-in-words';
import { formatEuro } from '../../api/lib/money';

// shared/spec/zuwendungsbestaetigung.md §14.3, copied row by row (the spec's own numbering has gaps).
// [#, figures as printed in the spec, cents, canonical words]
const AMOUNT_VECTORS = [
  [1, '1,00', 100, 'ein Euro'],
  [2, '1,01', 101, 'ein Euro ein Cent'],
  [3, '0,50', 50, 'fünfzig Cent'],
  [4, '7,00', 700, 'sieben Euro'],
  [6, '16,00', 1600, 'sechzehn Euro'],
  [7, '17,00', 1700, 'siebzehn Euro'],
  [8, '21,00', 2100, 'einundzwanzig Euro'],
  [10, '33,33', 3333, 'dreiunddreißig Euro dreiunddreißig Cent'],
  [11, '60,00', 6000, 'sechzig Euro'],
  [12, '66,00', 6600, 'sechsundsechzig Euro'],
  [14, '77,00', 7700, 'siebenundsiebzig Euro'],
  [15, '99,99', 9999, 'neunundneunzig Euro neunundneunzig Cent'],
  [16, '100,00', 10000, 'einhundert Euro'],
  [17, '101,00', 10100, 'einhunderteins Euro'],
  [19, '123,45', 12345, 'einhundertdreiundzwanzig Euro fünfundvierzig Cent'],
  [20, '250,00', 25000, 'zweihundertfünfzig Euro'],
  [21, '300,00', 30000, 'dreihundert Euro'],
  [23, '1.000,00', 100000, 'eintausend Euro'],
  [24, '1.001,00', 100100, 'eintausendeins Euro'],
  [26, '1.246,00', 124600, 'eintausendzweihundertsechsundvierzig Euro'],
  [27, '1.250,50', 125050, 'eintausendzweihundertfünfzig Euro fünfzig Cent'],
  [28, '1.322,00', 132200, 'eintausenddreihundertzweiundzwanzig Euro'],
  [30, '2.021,00', 202100, 'zweitausendeinundzwanzig Euro'],
  [31, '10.000,00', 1000000, 'zehntausend Euro'],
  [32, '12.345,67', 1234567, 'zwölftausenddreihundertfünfundvierzig Euro siebenundsechzig Cent'],
  [34, '21.000,00', 2100000, 'einundzwanzigtausend Euro'],
  [35, '25.000,00', 2500000, 'fünfundzwanzigtausend Euro'],
  [36, '100.000,00', 10000000, 'einhunderttausend Euro'],
  [38, '1.000.000,00', 100000000, 'eine Million Euro'],
] as const;

// §14.3 "Pure number checks for words(n)".
const NUMBER_VECTORS = [
  [0, 'null'],
  [1, 'eins'],
  [12, 'zwölf'],
  [31, 'einunddreißig'],
  [110, 'einhundertzehn'],
  [121, 'einhunderteinundzwanzig'],
  [365, 'dreihundertfünfundsechzig'],
  [1010, 'eintausendzehn'],
  [1100, 'eintausendeinhundert'],
  [10001, 'zehntausendeins'],
  [99999, 'neunundneunzigtausendneunhundertneunundneunzig'],
  [121000, 'einhunderteinundzwanzigtausend'],
  [1000001, 'eine Million eins'],
  [1001000, 'eine Million eintausend'],
  [21000000, 'einundzwanzig Millionen'],
  [1000000000, 'eine Milliarde'],
] as const;

describe('amount in words (§14.3 vectors)', () => {
  it.each(AMOUNT_VECTORS)('#%i: %s € (%i cents) → %s', (_n, _figures, cents, words) => {
    expect(amountInWords(cents)).toBe(words);
  });

  // The figures column of the same table, printed beside the words on the receipt (§3: "1.250,50 €").
  it.each(AMOUNT_VECTORS)('#%i: %s € in figures', (_n, figures, cents) => {
    expect(formatEuro(cents)).toBe(`${figures}\u00a0€`);
  });
});

describe('words(n) (§14.3 pure number checks)', () => {
  it.each(NUMBER_VECTORS)('%i → %s', (n, words) => {
    expect(numberInWords(n)).toBe(words);
  });
});

describe('digit-by-digit alternative (§14.3)', () => {
  it('1.322,00 → "XXX eins – drei – zwei – zwei XXX"', () => {
    expect(amountInDigitWords(132200)).toBe('XXX eins – drei – zwei – zwei XXX');
  });

  it('refuses cents, which the spec does not spell in this form', () => {
    expect(() => amountInDigitWords(132250)).toThrow(/whole euros only/);
  });
});

describe('amounts JVerein gets wrong through doubles (§14.5)', () => {
  // Expected strings follow from §14.2; the spec lists the amounts, not the words.
  it.each([
    [1999, 'neunzehn Euro neunundneunzig Cent'],
    [201, 'zwei Euro ein Cent'],
    [820, 'acht Euro zwanzig Cent'],
  ] as const)('%i cents → %s', (cents, words) => {
    expect(amountInWords(cents)).toBe(words);
  });
});

describe('the rules of §14.2 beyond the listed vectors', () => {
  it.each([
    [1, 'ein Cent'],
    [2101, 'einundzwanzig Euro ein Cent'],
    [3000, 'dreißig Euro'],
    [10121, 'einhunderteins Euro einundzwanzig Cent'],
    [200000000, 'zwei Millionen Euro'],
    [100000100, 'eine Million eins Euro'],
    [10100000000, 'einhunderteine Millionen Euro'],
    [200100000000, 'zwei Milliarden eine Million Euro'],
    [MAX_AMOUNT_IN_WORDS_CENTS, 'neunhundertneunundneunzig Milliarden neunhundertneunundneunzig Millionen neunhundertneunundneunzigtausendneunhundertneunundneunzig Euro neunundneunzig Cent'],
  ] as const)('%i cents → %s', (cents, words) => {
    expect(amountInWords(cents)).toBe(words);
  });
});

describe('refused input', () => {
  it.each([
    [12.5, /must be an integer/],
    [0.1 + 0.2, /must be an integer/],
    [Number.NaN, /must be an integer/],
    [Number.POSITIVE_INFINITY, /must be an integer/],
    [-100, /must not be negative/],
    [0, /at least 1/],
    [MAX_AMOUNT_IN_WORDS_CENTS + 1, /at most 99999999999999/],
    [Number.MAX_SAFE_INTEGER, /at most/],
  ] as const)('%s', (cents, message) => {
    expect(() => amountInWords(cents)).toThrow(RangeError);
    expect(() => amountInWords(cents)).toThrow(message);
  });

  it('words(n) refuses what it cannot spell', () => {
    expect(() => numberInWords(1e12)).toThrow(/at most 999999999999/);
    expect(() => numberInWords(-1)).toThrow(/must not be negative/);
    expect(() => numberInWords(1.5)).toThrow(/must be an integer/);
  });
});
