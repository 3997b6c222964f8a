import type { Executor } from '../deps';
import { toExcelCsv } from '../lib/csv';
import { formatDate } from '../lib/dates';
import { formatAmount } from '../lib/money';
import { membersForExport } from './queries';
import type { MemberFilter } from './schemas';

const STATUS = { applicant: 'Antrag', active: 'aktiv', left: 'ausgetreten', deceased: 'verstorben' } as const;
const METHOD = { sepa_debit: 'SEPA-Lastschrift', transfer: 'Überweisung', card: 'Karte' } as const;
const INTERVAL = { monthly: 'monatlich', quarterly: 'vierteljährlich', half_yearly: 'halbjährlich', yearly: 'jährlich' } as const;

/** The member list as an Excel-ready CSV (German headers, dates and amounts). */
export async function exportMembersCsv(db: Executor, filter: Omit<MemberFilter, 'page'>): Promise<string> {
  const rows = await membersForExport(db, filter);
  const date = (d: string | null) => (d ? formatDate(d) : '');
  return toExcelCsv(
    ['Mitgliedsnummer', 'Nachname', 'Vorname', 'Straße', 'PLZ', 'Ort', 'Land', 'E-Mail', 'Telefon', 'Geburtsdatum', 'Eintritt', 'Austritt', 'Status', 'Beitragsart', 'Beitrag', 'Zeitraum', 'Ermäßigt', 'Zahlungsweise', 'Zahlt über Mitglied', 'Newsletter seit', 'Fotos seit'],
    rows.map((m) => [
      m.member_number,
      m.last_name,
      m.first_name,
      m.street,
      m.postal_code,
      m.city,
      m.country,
      m.email,
      m.phone,
      date(m.birth_date),
      date(m.join_date),
      date(m.exit_date),
      STATUS[m.status],
      m.type_name,
      formatAmount(m.reduced_fee && m.reduced_fee_cents !== null ? m.reduced_fee_cents : m.fee_cents),
      INTERVAL[m.interval],
      m.reduced_fee ? 'ja' : 'nein',
      METHOD[m.payment_method],
      m.payer_member_number,
      date(m.consent_newsletter_on),
      date(m.consent_photos_on),
    ]),
  );
}
