import PDFDocument from 'pdfkit';

/**
 * What the A4 reports (Kassenbericht, Verwendungsnachweis) share: the document with the DejaVu
 * faces and a small writer of paragraphs, headings, label/value fields and tables that moves down
 * the page and starts a new one when the next block does not fit. The two reports differ in a few
 * layout choices; those are the writer's options, so each keeps its look. Report-specific drawing
 * (the Kassenbericht's charts) lives with the report, as a subclass.
 */

export const MARGIN = 50;
const SIZE = 9;
const LEADING = 1.3;

export interface Column {
  header: string;
  share: number;
  end?: boolean;
}

export interface ReportWriterOptions {
  /** room kept free above the bottom margin (a footer stands there) */
  bottom: number;
  /** a heading of size 12: the space before it and the room it needs (smaller headings: 6 and 40) */
  heading: { before: number; keep: number };
  /** fields(): the label column's share of the width, which of label and value is bold, the space after the block */
  fields: { labelShare: number; bold: 'label' | 'value'; after: number };
  /** table() without rows: 'header' prints the header, the empty text and the total; 'text' only the empty text */
  emptyTable: 'header' | 'text';
  /** the colour set for the rule above a total (drawing may have changed it); unset: the current one */
  ruleColor?: string;
}

export class ReportWriter {
  y = MARGIN;
  readonly width: number;
  constructor(
    protected readonly doc: PDFKit.PDFDocument,
    private readonly options: ReportWriterOptions,
  ) {
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

  ensure(height: number) {
    if (this.y + height > this.doc.page.height - MARGIN - this.options.bottom) {
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

  heading(text: string, size = 12) {
    const { before, keep } = size === 12 ? this.options.heading : { before: 6, keep: 40 };
    this.y += before;
    this.ensure(keep);
    this.paragraph(text, { size, bold: true, gap: 5 });
  }

  fields(rows: [string, string][]) {
    const { labelShare, bold, after } = this.options.fields;
    const labelWidth = this.width * labelShare;
    for (const [label, value] of rows) {
      this.use(SIZE, false);
      this.ensure(this.lines(value, this.width - labelWidth).length * SIZE * LEADING);
      const h1 = this.cell(label, MARGIN, labelWidth - 8, SIZE, bold === 'label', false);
      const h2 = this.cell(value, MARGIN + labelWidth, this.width - labelWidth, SIZE, bold === 'value', false);
      this.y += Math.max(h1, h2) + 2;
    }
    this.y += after;
  }

  table(columns: Column[], rows: string[][], options: { empty: string; total?: string[]; size?: number }) {
    const size = options.size ?? SIZE;
    const total = columns.reduce((a, c) => a + c.share, 0);
    const widths = columns.map((c) => (this.width * c.share) / total);
    const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const row = (cells: string[], bold: boolean, rule: boolean) => {
      this.use(size, bold);
      const height = Math.max(...cells.map((text, i) => this.lines(text, widths[i]! - 6).length * size * LEADING));
      this.ensure(height + 4);
      if (rule) {
        this.doc.moveTo(MARGIN, this.y - 2).lineTo(MARGIN + this.width, this.y - 2).lineWidth(0.5);
        if (this.options.ruleColor) this.doc.strokeColor(this.options.ruleColor);
        this.doc.stroke();
      }
      cells.forEach((text, i) => this.cell(text, xs[i]! + 3, widths[i]! - 6, size, bold, columns[i]!.end ?? false));
      this.y += height + 3;
    };
    if (!rows.length && this.options.emptyTable === 'text') {
      this.paragraph(options.empty);
      this.y += 2;
      return;
    }
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

/**
 * An A4 report with the faces 'regular' and 'bold' and its pages kept for a footer; done gives the
 * bytes after doc.end(). The faces are the caller's: the TTF bytes (pdfFonts()) or fontkit objects
 * parsed once per process (the Kassenbericht, as receipt.ts).
 */
export function openReport(fonts: { regular: unknown; bold: unknown }, info: PDFKit.DocumentInfo): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    font: null as unknown as string,
    info,
  });
  doc.registerFont('regular', fonts.regular as unknown as string);
  doc.registerFont('bold', fonts.bold as unknown as string);
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}
