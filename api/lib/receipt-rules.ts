/**
 * Pure rules of Zuwendungsbestätigungen (shared/spec/zuwendungsbestaetigung.md) that the
 * issuance, the annual run, the screens and the portals share. No I/O.
 */
import { receiptsAllowedUntil } from './exemption';

/** "2026-00042": the year of issue and the running number of that year (spec §3.2). */
export function receiptNumber(year: number, seq: number): string {
  return `${year}-${String(seq).padStart(5, '0')}`;
}

/** Vereinfachter Zuwendungsnachweis (spec §10): up to this a bank statement suffices. */
export const SIMPLIFIED_PROOF_LIMIT_CENTS = 300_00;

/**
 * Whether a receipt may travel electronically (mail, portal download) and carry the note about
 * the machine procedure instead of a handwritten signature (spec §11.2, §11.3): only money
 * receipts without any Verzicht, only when the procedure was reported to the Finanzamt.
 */
export function isMachineMadeReceipt(input: { kind: 'single' | 'sammel' | 'sach'; hasWaiver: boolean; machineProcedureNotifiedOn: string | null }): boolean {
  return input.kind !== 'sach' && !input.hasWaiver && input.machineProcedureNotifiedOn !== null;
}

/** Mail (with the PDF) for a machine-made receipt to a recipient with an address; paper otherwise. */
export function receiptDelivery(input: { machineMade: boolean; email: string | null }): 'email' | 'post' {
  return input.machineMade && input.email ? 'email' : 'post';
}

/**
 * The § 63 Abs. 5 AO gate (spec §4.4): null when receipts may be issued today, else the German
 * and English reason for the treasurer.
 */
export function exemptionGate(notice: { kind: 'freistellungsbescheid' | 'feststellung_60a'; date: string }, today: string): { de: string; en: string } | null {
  const until = receiptsAllowedUntil(notice.kind, notice.date);
  if (today <= until) return null;
  const [name, years] = notice.kind === 'feststellung_60a' ? ['Die Feststellung nach § 60a AO', 3] : ['Der Freistellungsbescheid', 5];
  const d = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
  return {
    de: `${name} vom ${d(notice.date)} ist älter als ${years} Jahre (gültig bis ${d(until)}). Nach § 63 Abs. 5 AO dürfen keine Zuwendungsbestätigungen mehr ausgestellt werden. Bitte das Datum des neuen Bescheids in den Einstellungen eintragen.`,
    en: `The ${notice.kind === 'feststellung_60a' ? '§ 60a AO notice' : 'exemption notice'} of ${notice.date} is older than ${years} years (valid until ${until}). Under § 63 Abs. 5 AO no receipts may be issued. Enter the date of the new notice in the settings.`,
  };
}

/** Postal address lines of a person, or null when something a letter needs is missing. */
export function postalAddress(p: { street: string | null; postal_code: string | null; city: string | null; country?: string | null }): string[] | null {
  const street = p.street?.trim();
  const place = [p.postal_code?.trim(), p.city?.trim()].filter(Boolean).join(' ');
  if (!street || !p.postal_code?.trim() || !p.city?.trim()) return null;
  const country = p.country?.trim().toUpperCase();
  return country && country !== 'DE' ? [street, place, country] : [street, place];
}
