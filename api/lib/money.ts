/** Money is integer cents everywhere; these are the only conversions to and from text. */
const eur = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
const plain = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true });

/** 123456 -> "1.234,56 €" */
export function formatEuro(cents: number): string {
  return eur.format(cents / 100);
}

/** 123456 -> "1.234,56" (for CSV that Excel reads as a number in German locale) */
export function formatAmount(cents: number): string {
  return plain.format(cents / 100);
}

/**
 * Parses an amount as people type it in Germany: "12", "12,5", "12,50", "1.234,56", "1234.56",
 * "12,50 €". Ambiguous forms ("12,345", "60.001") are refused rather than guessed. Returns cents, or null when it is not an amount with at most two decimals.
 * Works on the digits, never through a float.
 */
export function parseAmount(input: string): number | null {
  let s = input.trim().replace(/\s*(€|EUR)$/i, '').replace(/\s/g, '');
  if (!s) return null;
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  let whole: string;
  let fraction = '';
  // Grouping dots only with a decimal comma: "60.001" could be 60001 € or 60,001 € and is refused.
  if (/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(s) || /^\d+(,\d{1,2})?$/.test(s)) {
    [whole, fraction = ''] = s.replace(/\./g, '').split(',') as [string, string?];
  } else if (/^\d{1,3}(,\d{3})+\.\d{1,2}$/.test(s) || /^\d+(\.\d{1,2})?$/.test(s)) {
    // English notation only when unambiguous: "1,234.56" or "12.50" ("12,345" is refused).
    [whole, fraction = ''] = s.replace(/,/g, '').split('.') as [string, string?];
  } else {
    return null;
  }
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}
