import PDFDocument from 'pdfkit';
import { formatDate } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import { pdfFonts } from '../fonts/index';

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

const MARGIN = 50;
const SIZE = 9;
const LEADING = 1.3;

interface Column {
  header: string;
  share: number;
  end?: boolean;
}

class Writer {
  y = MARGIN;
  readonly width: number;
  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.width = doc.page.width - 2 * MARGIN;
  }

  private use(size: number, bold: boolean) {
    this.doc.font(bold ? 'bold' : 'regular').fontSize(size);
  }

  private lines(text: string, width: number): string[] {
    const out: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(' ')) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.doc.widthOfString(candidate) <= width || !line) {
          line = candidate;
          continue;
        }
        out.push(line);
        line = word;
      }
      out.push(line);
    }
    return out;
  }

  private ensure(height: number) {
    if (this.y + height > this.doc.page.height - MARGIN - 20) {
      this.doc.addPage();
      this.y = MARGIN;
    }
  }

  private cell(text: string, x: number, width: number, size: number, bold: boolean, end: boolean) {
    this.use(size, bold);
    const lines = this.lines(text, width);
    lines.forEach((line, i) => {
      const w = this.doc.widthOfString(line);
      this.doc.text(line, end ? x + width - w : x, this.y + i * size * LEADING, { lineBreak: false });
    });
    return lines.length * size * LEADING;
  }

  paragraph(text: string, options: { size?: number; bold?: boolean; gap?: number } = {}) {
    const size = options.size ?? SIZE;
    this.use(size, options.bold ?? false);
    this.ensure(this.lines(text, this.width).length * size * LEADING);
    this.y += this.cell(text, MARGIN, this.width, size, options.bold ?? false, false) + (options.gap ?? 3);
  }

  heading(text: string) {
    this.y += 8;
    this.ensure(40);
    this.paragraph(text, { size: 12, bold: true, gap: 5 });
  }

  fields(rows: [string, string][]) {
    const labelWidth = this.width * 0.3;
    for (const [label, value] of rows) {
      this.use(SIZE, false);
      this.ensure(this.lines(value, this.width - labelWidth).length * SIZE * LEADING);
      const h1 = this.cell(label, MARGIN, labelWidth - 8, SIZE, true, false);
      const h2 = this.cell(value, MARGIN + labelWidth, this.width - labelWidth, SIZE, false, false);
      this.y += Math.max(h1, h2) + 2;
    }
  }

  table(columns: Column[], rows: string[][], options: { empty: string; total?: string[] }) {
    const total = columns.reduce((a, c) => a + c.share, 0);
    const widths = columns.map((c) => (this.width * c.share) / total);
    const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const row = (cells: string[], bold: boolean, rule: boolean) => {
      this.use(SIZE, bold);
      const height = Math.max(...cells.map((text, i) => this.lines(text, widths[i]! - 6).length * SIZE * LEADING));
      this.ensure(height + 4);
      if (rule) this.doc.moveTo(MARGIN, this.y - 2).lineTo(MARGIN + this.width, this.y - 2).lineWidth(0.5).stroke();
      cells.forEach((text, i) => this.cell(text, xs[i]! + 3, widths[i]! - 6, SIZE, bold, columns[i]!.end ?? false));
      this.y += height + 3;
    };
    row(
      columns.map((c) => c.header),
      true,
      false,
    );
    if (!rows.length) this.paragraph(options.empty);
    for (const r of rows) row(r, false, false);
    if (options.total) row(options.total, true, true);
    this.y += 4;
  }
}

const euro = (cents: number | null) => (cents === null ? '–' : formatEuro(cents));

export async function renderVerwendungsnachweis(data: NachweisData): Promise<Buffer> {
  const fonts = pdfFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    font: null as unknown as string,
    info: { Title: `Verwendungsnachweis (Entwurf): ${data.title}`, Author: data.association.name, Creator: 'Kassenwart' },
  });
  doc.registerFont('regular', fonts.regular as unknown as string);
  doc.registerFont('bold', fonts.bold as unknown as string);
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const w = new Writer(doc);
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
