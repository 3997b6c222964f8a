import type { Executor } from '../deps';
import { toExcelCsv } from '../lib/csv';
import { formatDate } from '../lib/dates';
import { formatAmount } from '../lib/money';
import { donationsForExport } from './ledger-queries';
import type { DonationFilter } from './ledger-schemas';

export const METHOD_DE = { stripe_card: 'Karte (Stripe)', stripe_sepa: 'SEPA-Lastschrift (Stripe)', transfer: 'Überweisung', cash: 'bar', in_kind: 'Sachspende' } as const;
export const STATUS_DE = { pending: 'ausstehend', succeeded: 'eingegangen', failed: 'fehlgeschlagen', refunded: 'erstattet', disputed: 'angefochten' } as const;

/** The filtered gifts as an Excel-ready CSV (German headers, dates and amounts), oldest first. */
export async function exportDonationsCsv(db: Executor, filter: Omit<DonationFilter, 'page'>): Promise<string> {
  const rows = await donationsForExport(db, filter);
  return toExcelCsv(
    ['Nr.', 'Datum', 'Spender', 'Straße', 'PLZ', 'Ort', 'Land', 'E-Mail', 'Betrag', 'Erstattet', 'Art', 'Zweck', 'Status', 'Rhythmus', 'Quelle', 'Bestätigung gewünscht', 'Verzicht auf Aufwendungen', 'Verzicht: Anspruch', 'Sachspende', 'Stripe-Zahlung', 'Notiz'],
    rows.map((g) => [
      g.id,
      formatDate(g.donated_on),
      g.donor_name ?? 'anonym',
      g.street,
      g.postal_code,
      g.city,
      g.donor_name ? g.country : null,
      g.donor_email,
      formatAmount(g.amount_cents),
      g.refunded_cents ? formatAmount(g.refunded_cents) : null,
      METHOD_DE[g.method],
      g.purpose_name ?? 'wo am nötigsten',
      STATUS_DE[g.status],
      g.subscription_id ? 'monatlich' : 'einmalig',
      g.source === 'online' ? 'online' : 'von Hand',
      g.receipt_wanted ? 'ja' : 'nein',
      g.waiver ? 'ja' : 'nein',
      g.waived_claim,
      g.in_kind_description,
      g.stripe_invoice_id ?? g.stripe_payment_intent_id,
      g.note,
    ]),
  );
}
