/**
 * The amount "in Buchstaben" on a Zuwendungsbestätigung (donation receipt), per
 * shared/spec/zuwendungsbestaetigung.md §14.2 (canonical algorithm), tested with every vector of
 * §14.3. Works on integer cents only: JVerein derives the cents from a double and misspells
 * 19,99 / 2,01 / 8,20 (§14.5), so no float ever enters here.
 *
 * The figures beside the words (§3, §14.2: "1.250,50 €") are money.ts formatEuro; it already
 * gives the German format with two decimals and "€", so there is no second formatter.
 */

/** §14.2: words(n) is defined for 0 ≤ n < 10^12, so the euro part stays below one trillion. */
const MAX_EUROS = 999_999_999_999;
/** 99.999.999.999,99 € — the largest amount §14.2 covers; well inside Number.MAX_SAFE_INTEGER. */
export const MAX_AMOUNT_IN_WORDS_CENTS = MAX_EUROS * 100 + 99;

const UNITS = ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun'] as const;
const TEENS = ['zehn', 'elf', 'zwölf', 'dreizehn', 'vierzehn', 'fünfzehn', 'sechzehn', 'siebzehn', 'achtzehn', 'neunzehn'] as const;
const TENS = ['', '', 'zwanzig', 'dreißig', 'vierzig', 'fünfzig', 'sechzig', 'siebzig', 'achtzig', 'neunzig'] as const;

/**
 * How a trailing 1 is spelled (§14.2): "eins" at the end of a number, "ein" before "tausend"
 * (and for "ein Euro"/"ein Cent"), "eine" before Million/Milliarde.
 */
type One = 'eins' | 'ein' | 'eine';

/** 1–99. Inside a compound the unit 1 is always "ein" ("einundzwanzig"). */
function belowHundred(n: number, one: One): string {
  if (n === 1) return one;
  if (n < 10) return UNITS[n];
  if (n < 20) return TEENS[n - 10];
  const unit = n % 10;
  const tens = TENS[Math.floor(n / 10)];
  if (unit === 0) return tens;
  return (unit === 1 ? 'ein' : UNITS[unit]) + 'und' + tens;
}

/** 1–999, hundreds always with their numeral ("einhundert", never bare "hundert"). */
function belowThousand(n: number, one: One): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const head = hundreds === 0 ? '' : (hundreds === 1 ? 'ein' : UNITS[hundreds]) + 'hundert';
  return rest === 0 ? head : head + belowHundred(rest, one);
}

/** 1–999.999 as one closed compound ("einhunderteintausendzweihundertfünfzig"). */
function belowMillion(n: number, one: One): string {
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = thousands === 0 ? '' : belowThousand(thousands, 'ein') + 'tausend';
  return rest === 0 ? head : head + belowThousand(rest, one);
}

/** "eine Million", "zwei Millionen", "einundzwanzig Millionen", "einhunderteine Millionen". */
function scale(count: number, singular: string, plural: string): string {
  return count === 1 ? `eine ${singular}` : `${belowThousand(count, 'eine')} ${plural}`;
}

function assertWholeNumber(value: number, what: string, max: number): void {
  if (!Number.isInteger(value)) throw new RangeError(`${what} must be an integer, got ${String(value)}`);
  if (value < 0) throw new RangeError(`${what} must not be negative, got ${value}`);
  if (value > max) throw new RangeError(`${what} must be at most ${max} (§14.2 of the receipt spec spells numbers below 10^12), got ${value}`);
}

/**
 * §14.2 words(n), the German cardinal for 0 ≤ n < 10^12: closed compounds below one million,
 * Millionen and Milliarden as separate words, a final 1 as "eins" ("eine Million eins").
 */
export function numberInWords(n: number): string {
  assertWholeNumber(n, 'number', MAX_EUROS);
  if (n === 0) return UNITS[0];
  const billions = Math.floor(n / 1_000_000_000);
  const millions = Math.floor(n / 1_000_000) % 1000;
  const rest = n % 1_000_000;
  const parts: string[] = [];
  if (billions > 0) parts.push(scale(billions, 'Milliarde', 'Milliarden'));
  if (millions > 0) parts.push(scale(millions, 'Million', 'Millionen'));
  if (rest > 0) parts.push(belowMillion(rest, 'eins'));
  return parts.join(' ');
}

function checkCents(cents: number): void {
  assertWholeNumber(cents, 'amount in cents', MAX_AMOUNT_IN_WORDS_CENTS);
  // §14.2 takes c ≥ 1: a receipt confirms a gift, and there is no gift of 0,00 €.
  if (cents === 0) throw new RangeError('amount in cents must be at least 1, got 0');
}

/**
 * §14.2 amount(c): 125050 -> "eintausendzweihundertfünfzig Euro fünfzig Cent", 100 -> "ein Euro",
 * 50 -> "fünfzig Cent". Unframed, for the "- in Buchstaben -" field.
 */
export function amountInWords(cents: number): string {
  checkCents(cents);
  const rest = cents % 100;
  const euros = (cents - rest) / 100;
  const parts: string[] = [];
  if (euros > 0) parts.push(`${euros === 1 ? 'ein' : numberInWords(euros)} Euro`);
  if (rest > 0) parts.push(`${rest === 1 ? 'ein' : numberInWords(rest)} Cent`);
  return parts.join(' ');
}

/**
 * The digit-by-digit alternative of §14.1/§14.3 (allowed, not recommended): 132200 ->
 * "XXX eins – drei – zwei – zwei XXX", the blank space before and after voided with "X".
 * The spec and the BMF examples only show whole euros, so an amount with cents is refused
 * rather than given an invented spelling.
 */
export function amountInDigitWords(cents: number): string {
  checkCents(cents);
  if (cents % 100 !== 0) throw new RangeError(`the digit-by-digit form is defined for whole euros only, got ${cents} cents`);
  const digits = String(cents / 100).split('').map((d) => UNITS[Number(d)]);
  return `XXX ${digits.join(' – ')} XXX`;
}
