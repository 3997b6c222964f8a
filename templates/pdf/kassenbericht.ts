import { formatDate } from '../../api/lib/dates';
import { DEADLINE_KIND_LABELS, GRANT_STATUS_LABELS } from '../../api/lib/grants';
import { formatEuro } from '../../api/lib/money';
import type { ArrearsBucket, DashboardFigures, DeadlineFigure } from '../../api/reports/dashboard-figures';
import type { IncomeSource } from '../../api/reports/queries';
import type { GrantDeadlineKind, GrantStatus } from '../../db/schema';
import { axisEuro, niceMax } from '../../web/reports/charts';
import { pdfFonts } from '../fonts/index';
import { type Column, MARGIN, openReport, ReportWriter } from './report-writer';

/**
 * The Kassenbericht (treasurer's report) for the Mitgliederversammlung (general assembly), issue
 * #7: the dashboard's figures of one period — income by source against last year with a chart by
 * month, dues and arrears by age, donations by purpose, grants received and open obligations —
 * as an A4 PDF in German. Pure: it prints exactly the figures dashboardFigures computed (no second
 * computation) plus the association's letterhead. Aggregates only, and application and deadline
 * titles: no person's name, IBAN or address ever reaches this file.
 */

export interface KassenberichtData {
  association: { name: string; address: string };
  /** the moment the report was made (deps.clock): printed as its date and the PDF's CreationDate */
  createdAt: Date;
  figures: DashboardFigures;
}

const SOURCES: { key: IncomeSource; label: string; color: string }[] = [
  { key: 'dues', label: 'Mitgliedsbeiträge', color: '#1f5fa8' },
  { key: 'donations_once', label: 'Einzelspenden', color: '#2e7d32' },
  { key: 'donations_monthly', label: 'Monatliche Spenden', color: '#8bc34a' },
  { key: 'grants', label: 'Fördermittel', color: '#8e3fa8' },
];
const PREVIOUS_COLOR = '#333333';
const BUCKET_LABELS: Record<ArrearsBucket, string> = { d0_30: '0–30 Tage', d31_90: '31–90 Tage', d91_180: '91–180 Tage', d181_plus: 'über 180 Tage' };
const MONTHS = ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'];

const euro = (cents: number) => formatEuro(cents);
const count = (n: number) => n.toLocaleString('de-DE');
const monthName = (month: string, withYear: boolean) => `${MONTHS[Number(month.slice(5, 7)) - 1]}${withYear ? ` ${month.slice(0, 4)}` : ''}`;

/** The change against last year as the dashboard words it. */
function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? 'unverändert' : 'Vorjahr: nichts';
  const pct = ((now - before) / before) * 100;
  return `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(pct)} %`;
}

/** The shared report writer with the Kassenbericht's layout, and its charts. */
class Writer extends ReportWriter {
  constructor(doc: PDFKit.PDFDocument) {
    super(doc, { bottom: 30, heading: { before: 10, keep: 60 }, fields: { labelShare: 0.42, bold: 'value', after: 4 }, emptyTable: 'text', ruleColor: '#000000' });
  }

  // --- charts: pdfkit vector drawing, the same shapes as the dashboard's SVG (web/reports/charts.tsx)

  /** Stacked columns per category, with an optional dashed line (last year) and a legend. */
  columnChart(props: { categories: string[]; series: { label: string; color: string; values: number[] }[]; line?: { label: string; color: string; values: number[] }; format: (n: number) => string }) {
    const { doc } = this;
    const height = 200;
    this.ensure(height);
    const left = MARGIN + 56;
    const right = MARGIN + this.width;
    const top = this.y + 6;
    const bottom = this.y + 150;
    const n = props.categories.length;
    const stacks = props.categories.map((_, i) => props.series.reduce((s, x) => s + Math.max(0, x.values[i] ?? 0), 0));
    const max = niceMax(Math.max(0, ...stacks, ...(props.line?.values ?? [])));
    const at = (v: number) => bottom - (v / max) * (bottom - top);
    const slot = n ? (right - left) / n : right - left;
    const barW = Math.max(1.5, Math.min(30, slot * 0.7));
    doc.font('regular').fontSize(7);
    for (const f of [0, 0.25, 0.5, 0.75, 1]) {
      const v = f * max;
      doc.moveTo(left, at(v)).lineTo(right, at(v)).lineWidth(0.4).strokeColor('#d0d0d0').stroke();
      const label = props.format(v);
      doc.fillColor('#333333').text(label, left - 4 - doc.widthOfString(label), at(v) - 3, { lineBreak: false });
    }
    const every = Math.max(1, Math.ceil(n / 12));
    props.categories.forEach((cat, i) => {
      let base = 0;
      const x = left + i * slot + (slot - barW) / 2;
      for (const s of props.series) {
        const v = Math.max(0, s.values[i] ?? 0);
        if (v > 0) {
          const y0 = at(base + v);
          doc.rect(x, y0, barW, Math.max(0.5, at(base) - y0)).fillColor(s.color).fill();
        }
        base += v;
      }
      if (i % every === 0) {
        doc.font('regular').fontSize(7).fillColor('#333333');
        const w = doc.widthOfString(cat);
        doc.text(cat, left + i * slot + slot / 2 - w / 2, bottom + 4, { lineBreak: false });
      }
    });
    if (props.line && n > 0) {
      const line = props.line;
      const px = (i: number) => left + i * slot + slot / 2;
      doc.moveTo(px(0), at(line.values[0] ?? 0));
      for (let i = 1; i < n; i++) doc.lineTo(px(i), at(line.values[i] ?? 0));
      doc.lineWidth(1.2).dash(4, { space: 3 }).strokeColor(line.color).stroke().undash();
      for (let i = 0; i < n; i++) doc.circle(px(i), at(line.values[i] ?? 0), 1.8).fillColor(line.color).fill();
    }
    doc.moveTo(left, bottom).lineTo(right, bottom).lineWidth(0.6).strokeColor('#555555').stroke();
    // legend
    let x = left;
    const ly = bottom + 22;
    doc.font('regular').fontSize(7);
    for (const item of [...props.series, ...(props.line ? [{ ...props.line, dashed: true }] : [])]) {
      if ('dashed' in item) doc.moveTo(x, ly + 3).lineTo(x + 12, ly + 3).lineWidth(1.2).dash(3, { space: 2 }).strokeColor(item.color).stroke().undash();
      else doc.rect(x, ly, 8, 8).fillColor(item.color).fill();
      doc.fillColor('#333333').text(item.label, x + 15, ly + 0.5, { lineBreak: false });
      x += 15 + doc.widthOfString(item.label) + 14;
    }
    doc.fillColor('#000000').strokeColor('#000000').lineWidth(1);
    this.y += height;
  }

  /** One horizontal bar per category, the value beside it. */
  barChart(bars: { label: string; value: number }[], color: string, format: (n: number) => string) {
    const { doc } = this;
    const rowH = 15;
    const labelW = 140;
    const valueW = 80;
    const plotW = this.width - labelW - valueW;
    const max = Math.max(0, ...bars.map((b) => b.value));
    this.ensure(bars.length * rowH + 10);
    doc.font('regular').fontSize(8);
    bars.forEach((b, i) => {
      const top = this.y + 4 + i * rowH;
      const label = b.label.length > 32 ? `${b.label.slice(0, 31)}…` : b.label;
      doc.fillColor('#222222').text(label, MARGIN + labelW - 8 - doc.widthOfString(label), top + 2, { lineBreak: false });
      const w = max > 0 ? Math.max(b.value > 0 ? 1 : 0, (b.value / max) * plotW) : 0;
      if (w > 0) doc.rect(MARGIN + labelW, top, w, rowH - 5).fillColor(color).fill();
      doc.fillColor('#222222').text(format(b.value), MARGIN + labelW + w + 5, top + 2, { lineBreak: false });
    });
    doc.fillColor('#000000');
    this.y += bars.length * rowH + 12;
  }
}

function deadlineRows(rows: DeadlineFigure[]) {
  return rows.map((d) => [formatDate(d.due_on), d.title, DEADLINE_KIND_LABELS[d.kind as GrantDeadlineKind]?.de ?? d.kind, d.application_title, d.funder_name]);
}

const DEADLINE_COLUMNS: Column[] = [
  { header: 'Fällig', share: 1.4 },
  { header: 'Frist', share: 3 },
  { header: 'Art', share: 2 },
  { header: 'Antrag', share: 3 },
  { header: 'Fördermittelgeber', share: 2.6 },
];

export async function renderKassenbericht(data: KassenberichtData): Promise<Buffer> {
  const f = data.figures;
  const title = `Kassenbericht ${f.period.label.de}`;
  const { doc, done } = openReport(
    // the TTF bytes for each report, as the Verwendungsnachweis does: a fontkit face shared across
    // documents lost a glyph's text mapping there (pdftotext read "ENTW RF"); a report is rare,
    // the ~60 ms this costs do not matter, text that copies and searches right does
    pdfFonts(),
    { Title: title, Author: data.association.name, Creator: 'Kassenwart', CreationDate: data.createdAt },
  );

  const w = new Writer(doc);
  const periodDates = `${formatDate(f.period.from)} – ${formatDate(f.period.to)}`;
  const comparisonDates = `${formatDate(f.comparison.from)} – ${formatDate(f.comparison.to)}`;
  w.paragraph(data.association.name, { size: 11, bold: true, gap: 1 });
  if (data.association.address) w.paragraph(data.association.address, { gap: 12 });
  w.paragraph(title, { size: 18, bold: true, gap: 6 });
  w.fields([
    ['Zeitraum', periodDates],
    ['Vergleich (Vorjahreszeitraum)', comparisonDates],
    ['Erstellt am', formatDate(f.today)],
  ]);
  w.paragraph('Bericht des Kassenwarts zur Mitgliederversammlung. Alle Beträge in Euro; nur Summen, keine Angaben zu einzelnen Personen.', { size: 8 });

  // 1. income
  const inc = f.income;
  const multiYear = f.period.from.slice(0, 4) !== f.period.to.slice(0, 4);
  w.heading('1. Einnahmen nach Quelle');
  w.table(
    [
      { header: 'Quelle', share: 3 },
      { header: 'Zeitraum', share: 2, end: true },
      { header: 'Vorjahreszeitraum', share: 2, end: true },
      { header: 'Veränderung', share: 1.6, end: true },
    ],
    SOURCES.map((s) => [s.label, euro(inc.totals[s.key]), euro(inc.previous_totals[s.key]), change(inc.totals[s.key], inc.previous_totals[s.key])]),
    { empty: '', total: ['Einnahmen gesamt', euro(inc.totals.total), euro(inc.previous_totals.total), change(inc.totals.total, inc.previous_totals.total)] },
  );
  if (inc.totals.total === 0 && inc.previous_totals.total === 0) {
    w.paragraph('Keine Einnahmen: in diesem Zeitraum und im Vorjahreszeitraum ist nichts eingegangen.');
  } else {
    w.heading('Einnahmen nach Monat und Quelle', 10);
    w.columnChart({
      categories: inc.months.map((m) => monthName(m.month, multiYear)),
      series: SOURCES.map((s) => ({ label: s.label, color: s.color, values: inc.months.map((m) => m.current[s.key]) })),
      line: { label: 'Vorjahr (gleicher Monat)', color: PREVIOUS_COLOR, values: inc.months.map((m) => m.previous.total) },
      format: axisEuro,
    });
    w.table(
      [
        { header: 'Monat', share: 1.5 },
        { header: 'Beiträge', share: 1.7, end: true },
        { header: 'Einzelspenden', share: 1.7, end: true },
        { header: 'Monatl. Spenden', share: 1.7, end: true },
        { header: 'Fördermittel', share: 1.7, end: true },
        { header: 'Summe', share: 1.7, end: true },
        { header: 'Vorjahr', share: 1.7, end: true },
      ],
      inc.months.map((m) => [monthName(m.month, true), ...SOURCES.map((s) => euro(m.current[s.key])), euro(m.current.total), euro(m.previous.total)]),
      { empty: '', size: 7.5 },
    );
  }

  // 2. dues
  const d = f.dues;
  w.heading('2. Mitgliedsbeiträge');
  w.fields([
    ['Erwartet (im Zeitraum fällig)', `${euro(d.expected_cents)} (${count(d.claims)} Forderungen)`],
    ['Davon bezahlt', euro(d.received_cents)],
    ['Davon offen', `${euro(d.open_cents)} (${count(d.open_claims)} Forderungen)`],
    ['Davon ausgebucht', euro(d.written_off_cents)],
    ['Rücklastschriften', d.returned_debits.count === 0 ? 'keine' : `${count(d.returned_debits.count)} über ${euro(d.returned_debits.cents)}`],
  ]);
  w.heading(`Beitragsrückstände am ${formatDate(d.arrears.as_of)} nach Alter`, 10);
  w.fields([['Rückstände zusammen', `${euro(d.arrears.total_cents)} (${count(d.arrears.claims)} Forderungen von ${count(d.arrears.debtors)} Zahlenden)`]]);
  if (d.arrears.claims === 0) {
    w.paragraph('Keine Rückstände.');
  } else {
    w.table(
      [
        { header: 'Über Fälligkeit', share: 3 },
        { header: 'Forderungen', share: 2, end: true },
        { header: 'Offen', share: 2, end: true },
      ],
      d.arrears.buckets.map((b) => [BUCKET_LABELS[b.key], count(b.claims), euro(b.cents)]),
      { empty: '', total: ['Zusammen', count(d.arrears.claims), euro(d.arrears.total_cents)] },
    );
    w.barChart(
      d.arrears.buckets.map((b) => ({ label: BUCKET_LABELS[b.key], value: b.cents })),
      '#c0392b',
      euro,
    );
  }

  // 3. donations
  const g = f.donations;
  w.heading('3. Spenden nach Zweck');
  w.fields([
    ['Eingegangen im Zeitraum', `${euro(g.cents)} (${count(g.gifts)} Spenden)`],
    ['Spenderinnen und Spender', `${count(g.donors)}${g.anonymous_gifts > 0 ? ` (dazu ${count(g.anonymous_gifts)} anonyme Spenden)` : ''}`],
    ['Durchschnittliche Spende', euro(g.average_cents)],
    [
      `Laufende Monatsspenden am ${formatDate(f.period.as_of)}`,
      g.recurring.gifts === 0 ? 'keine' : `${count(g.recurring.gifts)} von ${count(g.recurring.donors)} Dauerspendern, zusammen ${euro(g.recurring.monthly_cents)} im Monat`,
    ],
  ]);
  const purposeName = (p: (typeof g.by_purpose)[number]) => (p.purpose_id === null ? 'Wo am nötigsten' : (p.name_de ?? p.name_en ?? ''));
  w.table(
    [
      { header: 'Zweck', share: 4 },
      { header: 'Spenden', share: 1.5, end: true },
      { header: 'Betrag', share: 2, end: true },
    ],
    g.by_purpose.map((p) => [purposeName(p), count(p.gifts), euro(p.cents)]),
    { empty: 'Keine Spenden in diesem Zeitraum.', total: ['Zusammen', count(g.gifts), euro(g.cents)] },
  );
  if (g.by_purpose.length > 0) {
    w.barChart(
      g.by_purpose.map((p) => ({ label: purposeName(p), value: p.cents })),
      '#2e7d32',
      euro,
    );
  }

  // 4. grants
  const gr = f.grants;
  w.heading('4. Fördermittel');
  w.fields([
    ['Im Zeitraum eingegangen', euro(inc.totals.grants)],
    ['Bewilligt (alle bewilligten Anträge)', euro(gr.approved_cents)],
    ['Davon eingegangen', euro(gr.received_cents)],
    ['Noch zu erwarten', euro(gr.outstanding_cents)],
  ]);
  const used = gr.by_status.filter((s) => s.count > 0);
  w.heading(`Bewilligt und eingegangen nach Stand im Antragsverfahren (am ${formatDate(f.today)})`, 10);
  w.table(
    [
      { header: 'Status', share: 3 },
      { header: 'Anträge', share: 1.4, end: true },
      { header: 'Beantragt', share: 2, end: true },
      { header: 'Bewilligt', share: 2, end: true },
      { header: 'Eingegangen', share: 2, end: true },
    ],
    used.map((s) => [GRANT_STATUS_LABELS[s.status as GrantStatus].de, count(s.count), euro(s.requested_cents), euro(s.approved_cents), euro(s.received_cents)]),
    { empty: 'Keine Förderanträge.' },
  );
  if (used.length > 0) {
    w.barChart(
      used.map((s) => ({ label: GRANT_STATUS_LABELS[s.status as GrantStatus].de, value: s.amount_cents })),
      '#8e3fa8',
      euro,
    );
    w.paragraph('Balken: beantragte Beträge, nach einer Zusage die bewilligten.', { size: 8 });
  }
  w.heading(`Offene Verpflichtungen: überfällige Fristen (${count(gr.overdue_count)})`, 10);
  w.table(DEADLINE_COLUMNS, deadlineRows(gr.overdue), { empty: 'Keine überfälligen Fristen.', size: 8 });
  if (gr.overdue_count > gr.overdue.length) w.paragraph(`Weitere ${count(gr.overdue_count - gr.overdue.length)} überfällige Fristen sind hier nicht aufgeführt.`, { size: 8 });
  w.heading('Die nächsten Fristen', 10);
  w.table(DEADLINE_COLUMNS, deadlineRows(gr.next), { empty: 'Keine offenen Fristen.', size: 8 });

  w.y += 12;
  w.paragraph('Erstellt mit Kassenwart aus denselben Zahlen wie die Finanzübersicht. Der Stand der Förderanträge und Fristen ist der des Erstellungstages.', { size: 8 });

  // the footer on every page: what this is, and where in it the reader is
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // the footer stands in the margin; pdfkit would start a new page
    const y = doc.page.height - MARGIN + 10;
    doc.moveTo(MARGIN, y - 6).lineTo(doc.page.width - MARGIN, y - 6).lineWidth(0.4).strokeColor('#999999').stroke();
    doc.font('regular').fontSize(8).fillColor('#000000').text(`${data.association.name} · ${title} · erstellt am ${formatDate(f.today)}`, MARGIN, y, { lineBreak: false });
    const page = `Seite ${i - range.start + 1} von ${range.count}`;
    doc.text(page, doc.page.width - MARGIN - doc.widthOfString(page), y, { lineBreak: false });
  }
  doc.end();
  return done;
}
