import type { Executor } from '../deps';
import { toExcelCsv } from '../lib/csv';
import { formatDate, formatDateTime } from '../lib/dates';
import { formatAmount } from '../lib/money';
import { receiptsForExport, type ReceiptFilter } from './queries';

const KIND = { single: 'Einzelbestätigung', sammel: 'Sammelbestätigung', sach: 'Sachzuwendung' } as const;
const DELIVERY = { email: 'Mail', post: 'Post' } as const;

/**
 * The Zuwendungsbestätigungen (donation receipts) the list shows (same filter, every page) as an
 * Excel-ready CSV: German headers, dates and amounts, in list order (newest number first).
 * The recipient's address is one cell with its line breaks kept (quoted).
 */
export async function exportReceiptsCsv(db: Executor, filter: Pick<ReceiptFilter, 'year' | 'q' | 'state'>): Promise<string> {
  const rows = await receiptsForExport(db, filter);
  const state = (r: (typeof rows)[number]) => (r.cancelled_at ? 'storniert' : r.review_since ? 'zu stornieren' : 'gültig');
  return toExcelCsv(
    ['Nummer', 'Jahr', 'Ausgestellt am', 'Empfänger', 'Anschrift', 'Art', 'Zeitraum von', 'Zeitraum bis', 'Summe', 'Verzicht auf Erstattung', 'Versand', 'Gedruckt', 'Zustand', 'Grund', 'Ersetzt', 'Ersetzt durch'],
    rows.map((r) => [
      r.number,
      r.year,
      formatDate(r.issued_on),
      r.recipient_name,
      r.recipient_address,
      KIND[r.kind],
      formatDate(r.period_from),
      formatDate(r.period_to),
      formatAmount(r.total_cents),
      r.has_waiver ? 'ja' : 'nein',
      DELIVERY[r.delivery],
      r.printed_at ? formatDateTime(r.printed_at) : null,
      state(r),
      r.cancelled_at ? r.cancel_reason : r.review_reason,
      r.replaces_number,
      r.replaced_by_number,
    ]),
  );
}
