/**
 * SEPA Gläubiger-Identifikationsnummer (creditor identifier) per shared/spec/sepa.md §6:
 * CC + 2 check digits + 3-character business code + national identifier. The check digits
 * are ISO 7064 MOD 97-10 over national identifier + CC + check digits; the business code is
 * not part of the check.
 */
export function normalizeCreditorId(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function isCreditorId(input: string): boolean {
  const ci = normalizeCreditorId(input);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/.test(ci)) return false;
  if (ci.startsWith('DE') && !/^DE[0-9]{2}[A-Z0-9]{3}[0-9]{11}$/.test(ci)) return false;
  const national = ci.slice(7);
  return mod97(lettersToDigits(national + ci.slice(0, 4))) === 1;
}

function lettersToDigits(s: string): string {
  return s.replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
}

/** Piecewise mod 97, so no digit string needs big integers. */
function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) {
    remainder = Number(String(remainder) + digits.slice(i, i + 7)) % 97;
  }
  return remainder;
}
