import type { ClaimStatus } from '../../db/schema';
import type { Executor } from '../deps';
import { toExcelCsv } from '../lib/csv';
import { formatDate } from '../lib/dates';
import { formatAmount } from '../lib/money';
import { claimsForExport } from './queries';

const STATUS = { open: 'offen', partly_paid: 'teilweise bezahlt', paid: 'bezahlt', written_off: 'ausgebucht', returned: 'zurückgebucht', submitted: 'im Lastschrifteinzug' } as const;
const METHOD = { sepa_debit: 'SEPA-Lastschrift', transfer: 'Überweisung', card: 'Karte' } as const;

/**
 * The dues claims the list shows (same filter, every page) as an Excel-ready CSV: German headers,
 * dates and amounts, newest due first as on screen. "Zahler" is the debtor (a family pays at
 * one member); the open amount is what is still to collect.
 */
export async function exportClaimsCsv(db: Executor, filter: { status?: ClaimStatus; from?: string; to?: string }): Promise<string> {
  const rows = await claimsForExport(db, filter);
  return toExcelCsv(
    ['Nr.', 'Fällig', 'Mitgliedsnummer', 'Nachname', 'Vorname', 'Forderung', 'Art', 'Beitragsart', 'Zeitraum von', 'Zeitraum bis', 'Anteilig', 'Betrag', 'Bezahlt', 'Offen', 'Status', 'Zahler (Mitgliedsnummer)', 'Zahler', 'Zahlungsweise', 'Ausbuchungsgrund'],
    rows.map((r) => [
      r.id,
      formatDate(r.due_date),
      r.member_number,
      r.last_name,
      r.first_name,
      r.label,
      r.kind === 'fee' ? 'Gebühr' : 'Beitrag',
      r.type_name,
      formatDate(r.period_start),
      formatDate(r.period_end),
      r.prorated ? 'ja' : 'nein',
      formatAmount(r.amount_cents),
      formatAmount(r.paid_cents),
      formatAmount(r.status === 'written_off' ? 0 : r.amount_cents - r.paid_cents),
      STATUS[r.status],
      r.debtor_member_number,
      `${r.debtor_first_name} ${r.debtor_last_name}`,
      METHOD[r.debtor_payment_method],
      r.written_off_reason,
    ]),
  );
}
