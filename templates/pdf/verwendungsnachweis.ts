import { formatDate } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import { pdfFonts } from '../fonts/index';
import { MARGIN, openReport, ReportWriter, type ReportWriterOptions } from './report-writer';

/**
 * The numerical part (zahlenmäßiger Nachweis) of a Verwendungsnachweis — the final report a
 * funder asks for — as a DRAFT the treasurer copies into the funder's own form: income (the
 * financing plan against what came in), expenses per cost plan line (plan, actual, difference)
 * and the Belegliste (every expense with its receipt number). Pure: the caller prepares the data.
 */

export interface NachweisData {
  association: { name: string; address: string };
  funder: { name: string; programme: string | null };
  title: string;
  project: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  approvedCents: number | null;
  /** the day the draft was made (Berlin) */
  asOf: string;
  income: { kind: string; label: string; plannedCents: number; actualCents: number | null }[];
  incomePlannedCents: number;
  /** grant payments received (the actual of this grant) */
  receivedCents: number;
  /** received while the financing plan has no line for this grant */
  receivedUnplannedCents: number;
  expenses: { category: string; label: string; plannedCents: number; actualCents: number; differenceCents: number }[];
  expensePlannedCents: number;
  expenseActualCents: number;
  receipts: { date: string; ref: string | null; description: string; line: string; amountCents: number }[];
  /** received − spent: positive is money left (usually to pay back), negative was paid from other means */
  balanceCents: number;
}

/** The Verwendungsnachweis's layout of the shared report writer. */
const LAYOUT: ReportWriterOptions = { bottom: 20, heading: { before: 8, keep: 40 }, fields: { labelShare: 0.3, bold: 'label', after: 0 }, emptyTable: 'header' };

const euro = (cents: number | null) => (cents === null ? '–' : formatEuro(cents));

export async function renderVerwendungsnachweis(data: NachweisData): Promise<Buffer> {
  const { doc, done } = openReport(pdfFonts(), { Title: `Verwendungsnachweis (Entwurf): ${data.title}`, Author: data.association.name, Creator: 'Kassenwart' });

  const w = new ReportWriter(doc, LAYOUT);
  w.paragraph('ENTWURF – nicht zur Einreichung', { size: 10, bold: true, gap: 6 });
  w.paragraph('Verwendungsnachweis – zahlenmäßiger Nachweis', { size: 16, bold: true, gap: 8 });
  const period = data.periodFrom || data.periodTo ? `${data.periodFrom ? formatDate(data.periodFrom) : '…'} – ${data.periodTo ? formatDate(data.periodTo) : '…'}` : 'nicht angegeben';
  w.fields([
    ['Zuwendungsempfänger', [data.association.name, data.association.address].filter(Boolean).join(', ')],
    ['Zuwendungsgeber', data.funder.name],
    ['Förderprogramm', data.funder.programme ?? '–'],
    ['Projekt', data.project ? `${data.title} (${data.project})` : data.title],
    ['Bewilligungszeitraum', period],
    ['Bewilligte Zuwendung', euro(data.approvedCents)],
    ['Stand', formatDate(data.asOf)],
  ]);

  w.heading('1. Einnahmen');
  const incomeRows = data.income.map((r) => [r.kind, r.label, euro(r.plannedCents), r.actualCents === null ? 'nicht erfasst' : euro(r.actualCents)]);
  if (data.receivedUnplannedCents > 0) incomeRows.push(['Diese Förderung', 'Erhaltene Zuwendung (nicht im Finanzierungsplan)', euro(0), euro(data.receivedUnplannedCents)]);
  w.table(
    [
      { header: 'Art', share: 2 },
      { header: 'Bezeichnung', share: 4 },
      { header: 'Soll (Plan)', share: 2, end: true },
      { header: 'Ist', share: 2, end: true },
    ],
    incomeRows,
    { empty: 'Kein Finanzierungsplan erfasst.', total: ['Summe', '', euro(data.incomePlannedCents), euro(data.receivedCents)] },
  );
  w.paragraph('Ist der Einnahmen: erhaltene Zahlungen dieser Zuwendung. Eigen- und Drittmittel werden hier nicht einzeln erfasst.', { size: 8 });

  w.heading('2. Ausgaben nach Kostenplan');
  w.table(
    [
      { header: 'Kategorie', share: 2 },
      { header: 'Position', share: 4 },
      { header: 'Soll (Plan)', share: 2, end: true },
      { header: 'Ist', share: 2, end: true },
      { header: 'Differenz', share: 2, end: true },
    ],
    data.expenses.map((r) => [r.category, r.label, euro(r.plannedCents), euro(r.actualCents), euro(r.differenceCents)]),
    { empty: 'Kein Kostenplan erfasst.', total: ['Summe', '', euro(data.expensePlannedCents), euro(data.expenseActualCents), euro(data.expensePlannedCents - data.expenseActualCents)] },
  );

  w.heading('3. Gegenüberstellung');
  w.fields([
    ['Erhaltene Zuwendung', euro(data.receivedCents)],
    ['Ausgaben (Ist)', euro(data.expenseActualCents)],
    [data.balanceCents >= 0 ? 'Überschuss' : 'Aus Eigen- und Drittmitteln gedeckt', euro(Math.abs(data.balanceCents))],
  ]);

  w.heading('4. Belegliste');
  w.table(
    [
      { header: 'Datum', share: 1.6 },
      { header: 'Beleg-Nr.', share: 1.6 },
      { header: 'Beschreibung', share: 4 },
      { header: 'Position', share: 2.6 },
      { header: 'Betrag', share: 1.8, end: true },
    ],
    data.receipts.map((r) => [formatDate(r.date), r.ref ?? '–', r.description, r.line, euro(r.amountCents)]),
    { empty: 'Keine Ausgaben erfasst.', total: [`${data.receipts.length} Belege`, '', '', 'Summe', euro(data.expenseActualCents)] },
  );

  w.y += 16;
  w.paragraph('Entwurf aus Kassenwart. Bitte die Zahlen in das Formular des Zuwendungsgebers übernehmen; Sachbericht und Unterschrift gehören dorthin.', { size: 8 });

  // the draft mark on every page, so no page is mistaken for the signed report
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // the footer stands in the margin; pdfkit would start a new page
    doc.font('regular').fontSize(8).text(`Entwurf · ${data.title} · Seite ${i - range.start + 1} von ${range.count}`, MARGIN, doc.page.height - MARGIN + 10, { lineBreak: false });
  }
  doc.end();
  return done;
}
