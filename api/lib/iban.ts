import { electronicFormatIBAN, friendlyFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from 'ibantools';

/**
 * IBAN and BIC checks per shared/spec/sepa.md §9: country length + MOD 97-10 (ibantools does
 * exactly the piecewise algorithm of §9.1). Input may carry spaces and lower case.
 */
export function normalizeIban(input: string): string {
  return electronicFormatIBAN(input) ?? '';
}

export function isIban(input: string): boolean {
  return isValidIBAN(normalizeIban(input));
}

export function isSepaIban(input: string): boolean {
  const iban = normalizeIban(input);
  return isValidIBAN(iban) && isSEPACountry(iban.slice(0, 2));
}

export function formatIban(iban: string): string {
  return friendlyFormatIBAN(iban) ?? iban;
}

export function normalizeBic(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function isBic(input: string): boolean {
  return isValidBIC(normalizeBic(input));
}

/** "DE89 **** **** **** **30 00": enough to recognise an account, not enough to use it. */
export function maskIban(input: string): string {
  const iban = normalizeIban(input) || input.replace(/\s+/g, '');
  if (iban.length < 8) return '****';
  const masked = iban.slice(0, 4) + '*'.repeat(iban.length - 8) + iban.slice(-4);
  return masked.replace(/(.{4})/g, '$1 ').trim();
}

/** EU and EEA countries: their IBANs need no BIC (shared/spec/sepa.md §9.3); other SEPA countries (CH, GB, …) do. */
const EEA = new Set('AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO'.split(' '));
export function bicRequiredFor(iban: string): boolean {
  return !EEA.has(normalizeIban(iban).slice(0, 2));
}
