import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { formatDate } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import { pdfFonts } from '../fonts/index';
import { textDirectionIsRtl, visualRuns } from './bidi';

/**
 * Zuwendungsbestätigungen (donation / membership-fee receipts) as PDF, after the official
 * Muster of the BMF (spec ../shared/spec/zuwendungsbestaetigung.md; section map in README.md).
 * Pure: takes a fully prepared ReceiptData and returns the bytes. Nothing here looks anything
 * up, reads the clock or numbers anything — the caller (issuance, annual run) does that, stores
 * the bytes as the Doppel and can render the same data again to the same bytes.
 *
 * Every sentence in German below that the spec marks as literal Muster text is copied letter
 * for letter ("Umformulierungen sind unzulässig", spec §1): do not "improve" the wording.
 */

// ---------------------------------------------------------------------------------------------
// The data object
// ---------------------------------------------------------------------------------------------

/** A business date, 'YYYY-MM-DD' (DESIGN.md, Conventions). */
export type IsoDate = string;

/**
 * A steuerbegünstigter Zweck in the two grammatical cases the Muster needs (spec §4.3, §13):
 * "wegen Förderung «genitive»", "nur zur Förderung «genitive»", "Wir fördern nach unserer
 * Satzung «accusative»". From the settings (the association's purposes, as in its notice/Satzung).
 */
export interface ReceiptPurpose {
  /** e.g. "der Jugend- und Altenhilfe" */
  genitive: string;
  /** e.g. "die Jugend- und Altenhilfe" */
  accusative: string;
}

/**
 * The tax-exemption notice the receipt cites: exactly one of the two Bescheid sentences (spec §7).
 * From the settings. The § 63 Abs. 5 AO window (5 / 3 years) is checked by the caller before
 * issuing (spec §4.4); this renderer only prints.
 */
export type ReceiptExemption =
  | {
      /** Freistellungsbescheid or Anlage zum Körperschaftsteuerbescheid (line 1 of §7). */
      kind: 'freistellungsbescheid';
      /** The Finanzamt's name as it follows "des Finanzamtes", e.g. "Berlin für Körperschaften I". */
      finanzamt: string;
      /** Steuernummer as printed on the notice, e.g. "27/640/12345". */
      steuernummer: string;
      /** Date of the notice. */
      noticeDate: IsoDate;
      /** Last Veranlagungszeitraum of the notice: first and last year (equal for one year). */
      periodFromYear: number;
      periodToYear: number;
    }
  | {
      /** Feststellung der satzungsmäßigen Voraussetzungen nach § 60a AO (line 2 of §7), new associations. */
      kind: 'feststellung60a';
      finanzamt: string;
      steuernummer: string;
      noticeDate: IsoDate;
    };

/** What every receipt carries: issuer, settings, donor, number. */
interface ReceiptCommon {
  /**
   * The receipt number, running and unique per year, e.g. "2026-00042" (numbering; spec §3.2
   * allows printing it). Printed on the receipt and on its Anlage.
   */
  number: string;
  /** Ausstellungsdatum (issue date, Europe/Berlin) — printed beside the signature and as "Anlage zur Sammelbestätigung vom". */
  issueDate: IsoDate;
  /** Ort of issue, printed before the date ("Berlin, 15.01.2027"). From the settings (usually the association's seat). */
  issuePlace: string;
  /**
   * The moment of issuance (ISO 8601 with offset or Z), from the stored receipt row. It becomes
   * the PDF's CreationDate and — with the title — its file ID: the same data gives the same
   * bytes, so the archive can prove a download is the issued Doppel (§ 50 Abs. 7 EStDV).
   */
  issuedAt: string;
  /**
   * Number of the cancelled (storniert) receipt this one replaces, or null. From the numbering /
   * cancellation record. Printed under the number: "Ersetzt die Bestätigung Nr. …".
   */
  replacesNumber: string | null;
  /** The issuer (Aussteller), from the settings: the letterhead. */
  association: {
    /** e.g. "Laissez-passer e.V." */
    name: string;
    /** Address lines as printed, e.g. ["Sonnenallee 1", "12045 Berlin"]. */
    addressLines: string[];
  };
  /** The exemption notice (settings). */
  exemption: ReceiptExemption;
  /** The purposes named in the notice / Satzung (settings): printed in the Bescheid sentence. */
  purposes: ReceiptPurpose[];
  /**
   * The purposes the gift is used for, printed in "Es wird bestätigt, dass die Zuwendung nur zur
   * Förderung … verwendet wird." Normally the same as `purposes`; the earmarked purpose when the
   * donor chose one (spec §4.2 "Zweck(e)"). From the gift(s), else the settings.
   */
  purposesOfUse: ReceiptPurpose[];
  /** The donor (Zuwendender) as snapshotted at issuance: from the donor / member record. */
  donor: {
    /** Full name as it should be addressed, any script: "Şükrü Özdemir", "محمد الأحمد". */
    name: string;
    /** Postal address lines, e.g. ["Weserstraße 5", "12047 Berlin"]; the caller refuses donors without one. */
    addressLines: string[];
  };
}

/** Money receipts only: the settings that change the money templates (spec §9, §11.2). */
interface MoneyReceiptSettings {
  /**
   * Setting memberDuesDeductible (spec §9). False for associations with a purpose of § 10b Abs. 1
   * Satz 8 EStG (sport, Heimatpflege, …): then the "Es wird bestätigt, dass es sich nicht um
   * einen Mitgliedsbeitrag handelt …" block is printed and ticked, and fees cannot be receipted.
   */
  memberDuesDeductible: boolean;
  /**
   * The machine procedure (R 10b.1 Abs. 4 EStR, spec §11.2): the Finanzamt it was reported to, or
   * null when it was not reported (setting machineProcedureNotifiedOn + Finanzamt). Even when
   * set, the note replaces the signature only for pure money gifts without a Verzicht; any
   * Verzicht on the receipt means a handwritten signature.
   */
  machineProcedureFinanzamt: string | null;
}

/** One money gift or one membership fee as it appears on a receipt (from the gifts / paid dues). */
export interface ReceiptMoneyItem {
  /** Tag der Zuwendung: the day the money was received (booking / collection date). */
  date: IsoDate;
  /** 'donation' = Geldzuwendung, 'fee' = Mitgliedsbeitrag. */
  kind: 'donation' | 'fee';
  /** Verzicht auf Erstattung von Aufwendungen (Aufwandsspende, spec §8); only for donations. */
  waiver: boolean;
  /** Integer cents, > 0. */
  amountCents: number;
}

/** Template A (spec §4): one money gift or one fee. */
export interface SingleMoneyReceiptData extends ReceiptCommon, MoneyReceiptSettings {
  kind: 'single';
  gift: ReceiptMoneyItem & {
    /** The amount in words, from api/lib/amount-in-words.ts amountInWords(amountCents) (spec §14). */
    amountInWords: string;
  };
}

/** Template B (spec §5): several money gifts / fees of one donor in a period, with the Anlage. */
export interface SammelReceiptData extends ReceiptCommon, MoneyReceiptSettings {
  kind: 'sammel';
  /** Zeitraum der Sammelbestätigung (usually the calendar year of the annual run). */
  periodFrom: IsoDate;
  periodTo: IsoDate;
  /** Every gift and fee covered, listed on the Anlage in this order (callers sort by date). */
  items: ReceiptMoneyItem[];
  /** amountInWords(sum of the items' cents) (spec §14). */
  totalInWords: string;
}

/** Template C (spec §6): a donation in kind. Never machine-made, never in a Sammelbestätigung. */
export interface SachReceiptData extends ReceiptCommon {
  kind: 'sach';
  gift: {
    /** Tag der Zuwendung. */
    date: IsoDate;
    /** Wert der Zuwendung in cents, > 0 (Entnahmewert plus VAT, or gemeiner Wert; spec §6). */
    valueCents: number;
    /** amountInWords(valueCents). */
    valueInWords: string;
    /** "Genaue Bezeichnung der Sachzuwendung mit Alter, Zustand, Kaufpreis usw." — entered by the treasurer. */
    description: string;
    /** Where the thing comes from according to the donor: which origin sentence is ticked. */
    origin: 'business' | 'private' | 'unknown';
    /** "Geeignete Unterlagen, die zur Wertermittlung gedient haben, … liegen vor." ticked or not. */
    valuationDocuments: boolean;
  };
}

export type ReceiptData = SingleMoneyReceiptData | SammelReceiptData | SachReceiptData;

/** The data contradicts a rule of the spec; nothing is rendered. */
export class ReceiptDataError extends Error {
  override name = 'ReceiptDataError';
}

// ---------------------------------------------------------------------------------------------
// Literal Muster passages (spec §3.7, §4–§7, §11.2). Keep letter for letter.
// ---------------------------------------------------------------------------------------------

export const TEXT = {
  issuerLabel: 'Aussteller (Bezeichnung und Anschrift der steuerbegünstigten Einrichtung)',
  titleSingle: 'Bestätigung über Geldzuwendungen/Mitgliedsbeitrag',
  titleSammel: 'Sammelbestätigung über Geldzuwendungen/Mitgliedsbeiträge',
  titleSach: 'Bestätigung über Sachzuwendungen',
  subtitle:
    'im Sinne des § 10b des Einkommensteuergesetzes an eine der in § 5 Abs. 1 Nr. 9 des Körperschaftsteuergesetzes bezeichneten Körperschaften, Personenvereinigungen oder Vermögensmassen',
  donorLabel: 'Name und Anschrift des Zuwendenden:',
  amountLabel: 'Betrag der Zuwendung - in Ziffern -',
  totalLabel: 'Gesamtbetrag der Zuwendung - in Ziffern -',
  valueLabel: 'Wert der Zuwendung - in Ziffern -',
  wordsLabel: '- in Buchstaben -',
  dateLabel: 'Tag der Zuwendung:',
  periodLabel: 'Zeitraum der Sammelbestätigung:',
  waiver: 'Es handelt sich um den Verzicht auf Erstattung von Aufwendungen',
  freistellung: (purposes: string, finanzamt: string, stnr: string, date: string, period: string) =>
    `Wir sind wegen Förderung ${purposes} nach dem Freistellungsbescheid bzw. nach der Anlage zum Körperschaftsteuerbescheid des Finanzamtes ${finanzamt} StNr. ${stnr} vom ${date} für den letzten Veranlagungszeitraum ${period} nach § 5 Abs. 1 Nr. 9 des Körperschaftsteuergesetzes von der Körperschaftsteuer und nach § 3 Nr. 6 des Gewerbesteuergesetzes von der Gewerbesteuer befreit.`,
  feststellung60a: (finanzamt: string, stnr: string, date: string, purposes: string) =>
    `Die Einhaltung der satzungsmäßigen Voraussetzungen nach den §§ 51, 59, 60 und 61 AO wurde vom Finanzamt ${finanzamt}, StNr. ${stnr}, mit Bescheid vom ${date} nach § 60a AO gesondert festgestellt. Wir fördern nach unserer Satzung ${purposes}.`,
  use: (purposes: string) => `Es wird bestätigt, dass die Zuwendung nur zur Förderung ${purposes} verwendet wird.`,
  duesHeading: 'Nur für steuerbegünstigte Einrichtungen, bei denen die Mitgliedsbeiträge steuerlich nicht abziehbar sind:',
  duesSentence:
    'Es wird bestätigt, dass es sich nicht um einen Mitgliedsbeitrag handelt, dessen Abzug nach § 10b Abs. 1 des Einkommensteuergesetzes ausgeschlossen ist.',
  sammelNoOther:
    'Es wird bestätigt, dass über die in der Gesamtsumme enthaltenen Zuwendungen keine weiteren Bestätigungen, weder formelle Zuwendungsbestätigungen noch Beitragsquittungen oder ähnliches ausgestellt wurden und werden.',
  sammelWaiver: 'Ob es sich um den Verzicht auf Erstattung von Aufwendungen handelt, ist der Anlage zur Sammelbestätigung zu entnehmen.',
  sachDescriptionLabel: 'Genaue Bezeichnung der Sachzuwendung mit Alter, Zustand, Kaufpreis usw.',
  sachBusiness:
    'Die Sachzuwendung stammt nach den Angaben des Zuwendenden aus dem Betriebsvermögen. Die Zuwendung wurde nach dem Wert der Entnahme (ggf. mit dem niedrigeren gemeinen Wert) und nach der Umsatzsteuer, die auf die Entnahme entfällt, bewertet.',
  sachPrivate: 'Die Sachzuwendung stammt nach den Angaben des Zuwendenden aus dem Privatvermögen.',
  sachUnknown: 'Der Zuwendende hat trotz Aufforderung keine Angaben zur Herkunft der Sachzuwendung gemacht.',
  sachDocuments: 'Geeignete Unterlagen, die zur Wertermittlung gedient haben, z. B. Rechnung, Gutachten, liegen vor.',
  signatureCaption: '(Ort, Datum und Unterschrift des Zuwendungsempfängers)',
  machineNote: (finanzamt: string) => `Die maschinelle Erstellung der Zuwendungsbestätigung wurde dem zuständigen Finanzamt ${finanzamt} angezeigt.`,
  hinweisHeading: 'Hinweis:',
  hinweis1:
    'Wer vorsätzlich oder grob fahrlässig eine unrichtige Zuwendungsbestätigung erstellt oder veranlasst, dass Zuwendungen nicht zu den in der Zuwendungsbestätigung angegebenen steuerbegünstigten Zwecken verwendet werden, haftet für die entgangene Steuer (§ 10b Abs. 4 EStG, § 9 Abs. 3 KStG, § 9 Nr. 5 GewStG).',
  hinweis2:
    'Diese Bestätigung wird nicht als Nachweis für die steuerliche Berücksichtigung der Zuwendung anerkannt, wenn das Datum des Freistellungsbescheides länger als 5 Jahre bzw. das Datum der Feststellung der Einhaltung der satzungsmäßigen Voraussetzungen nach § 60a Abs. 1 AO länger als 3 Jahre seit Ausstellung des Bescheides zurückliegt (§ 63 Abs. 5 AO).',
  // Anlage (spec §5.2; column texts not wording-critical beyond date, kind, waiver, amount, total)
  anlageTitle: (date: string) => `Anlage zur Sammelbestätigung vom ${date}`,
  anlageColumns: ['Datum der Zuwendung', 'Art der Zuwendung (Geldzuwendung/Mitgliedsbeitrag)', 'Verzicht auf die Erstattung von Aufwendungen (ja/nein)', 'Betrag'],
  anlageTotal: 'Gesamtsumme',
  anlageDonor: 'Zuwendender:',
  kindDonation: 'Geldzuwendung',
  kindFee: 'Mitgliedsbeitrag',
  // Not Muster text: the number (allowed, spec §3.2) and what the issue asks of a replacement.
  numberLabel: 'Bestätigung Nr.',
  replaces: (number: string) => `Ersetzt die Bestätigung Nr. ${number}`,
} as const;

const TICKED = '☒';
const EMPTY = '☐';

/** "der A", "der B", "der C" -> "der A, der B und der C" */
export function joinPurposes(texts: string[]): string {
  return texts.length <= 1 ? (texts[0] ?? '') : `${texts.slice(0, -1).join(', ')} und ${texts[texts.length - 1]}`;
}

/** Whether the receipt may carry the machine note instead of a handwritten signature (spec §11.2, §8, §6). */
export function isMachineMade(data: ReceiptData): boolean {
  if (data.kind === 'sach' || data.machineProcedureFinanzamt === null) return false;
  const items = data.kind === 'single' ? [data.gift] : data.items;
  return items.every((item) => !item.waiver);
}

// ---------------------------------------------------------------------------------------------
// Checks: refuse data that would make a wrong receipt (the association is liable, § 10b Abs. 4 EStG)
// ---------------------------------------------------------------------------------------------

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function check(data: ReceiptData): void {
  const fail = (message: string) => {
    throw new ReceiptDataError(message);
  };
  const date = (value: string, what: string) => {
    if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) fail(`${what} is not a date (YYYY-MM-DD): ${value}`);
  };
  const cents = (value: number, what: string) => {
    if (!Number.isSafeInteger(value) || value <= 0) fail(`${what} must be a positive number of cents: ${value}`);
  };
  if (!data.number.trim()) fail('the receipt has no number');
  date(data.issueDate, 'issueDate');
  if (Number.isNaN(Date.parse(data.issuedAt))) fail(`issuedAt is not a timestamp: ${data.issuedAt}`);
  date(data.exemption.noticeDate, 'exemption.noticeDate');
  if (!data.purposes.length || !data.purposesOfUse.length) fail('the receipt names no purpose');
  if (!data.donor.name.trim() || !data.donor.addressLines.some((l) => l.trim())) fail('the donor has no name or no address');
  if (data.exemption.kind === 'freistellungsbescheid' && data.exemption.periodFromYear > data.exemption.periodToYear) fail('the Veranlagungszeitraum ends before it starts');

  if (data.kind === 'sach') {
    date(data.gift.date, 'gift.date');
    cents(data.gift.valueCents, 'gift.valueCents');
    if (!data.gift.description.trim()) fail('a Sachzuwendung needs its exact description (spec §6)');
    if (!data.gift.valueInWords.trim()) fail('the value in words is missing');
    return;
  }
  const items = data.kind === 'single' ? [data.gift] : data.items;
  if (!items.length) fail('a Sammelbestätigung needs at least one gift');
  for (const [i, item] of items.entries()) {
    date(item.date, `item ${i + 1} date`);
    cents(item.amountCents, `item ${i + 1} amount`);
    if (item.kind === 'fee' && item.waiver) fail(`item ${i + 1}: a membership fee cannot be a Verzicht auf Erstattung von Aufwendungen`);
    if (item.kind === 'fee' && !data.memberDuesDeductible) fail(`item ${i + 1}: the association's dues are not deductible (spec §9); no receipt for a fee`);
  }
  if (data.kind === 'single' && !data.gift.amountInWords.trim()) fail('the amount in words is missing');
  if (data.kind === 'sammel') {
    date(data.periodFrom, 'periodFrom');
    date(data.periodTo, 'periodTo');
    if (data.periodFrom > data.periodTo) fail('the period ends before it starts');
    if (!data.totalInWords.trim()) fail('the total in words is missing');
    for (const [i, item] of items.entries()) {
      if (item.date < data.periodFrom || item.date > data.periodTo) fail(`item ${i + 1} (${item.date}) lies outside the period`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Fonts: parsed once per process with pdfkit's own fontkit, handed to every document
// ---------------------------------------------------------------------------------------------

let parsedFonts: { regular: unknown; bold: unknown } | null = null;

/**
 * DejaVu Sans regular and bold as fontkit font objects (STACK.md "PDFs": ≈ 6 ms per receipt
 * instead of ≈ 50 ms when every document parses the TTF again). fontkit is resolved from
 * pdfkit's own location so it is the very copy pdfkit uses.
 */
function receiptFonts() {
  if (!parsedFonts) {
    const fromPdfkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
    const fontkit = fromPdfkit('fontkit') as { create(data: Uint8Array): unknown };
    const { regular, bold } = pdfFonts();
    parsedFonts = { regular: fontkit.create(regular), bold: fontkit.create(bold) };
  }
  return parsedFonts;
}

// ---------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------

/** Shaped words per face, shared by every document of the process (see Sheet.use); cleared when large. */
const layoutCaches: Record<'regular' | 'bold', Record<string, unknown>> = { regular: Object.create(null), bold: Object.create(null) };
let layoutCacheChecks = 0;
function trimLayoutCaches() {
  if (++layoutCacheChecks % 256) return;
  for (const name of ['regular', 'bold'] as const) {
    if (Object.keys(layoutCaches[name]).length > 50_000) layoutCaches[name] = Object.create(null);
  }
}

/** What receipt.ts touches of pdfkit's EmbeddedFont and fontkit's subset (pdfkit 0.20 / fontkit 2). */
interface EmbeddedFontInternals {
  layoutCache?: object;
  font: { glyphsForString(text: string): { id: number; advanceWidth: number; codePoints: number[] }[] };
  scale: number;
  widths: number[];
  unicode: (number[] | undefined)[];
  subset: { glyphs: number[]; includeGlyph(id: number): number; encode(): Uint8Array };
  document: { ref(data?: object): unknown };
  embed(): unknown;
}

/**
 * Every receipt uses nearly the same letters, yet pdfkit builds and encodes the embedded font
 * subset of each document from scratch (a third of the time of a page). So each document's
 * subset starts with the same glyphs in the same order — the Muster text, digits, the German
 * alphabet — and the encoded subset is kept per glyph list: a receipt whose names need no other
 * letter reuses the bytes of the one before. A name with other letters (ş, Arabic) appends its
 * glyphs and gets a subset of its own. The prefilled glyphs get their widths and Unicode
 * mapping, as pdfkit gives a glyph it draws, so text extraction is unchanged.
 */
const SUBSET_PREFILL = [...new Set([...(Object.values(TEXT).filter((v) => typeof v === 'string') as string[]), ...TEXT.anlageColumns, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÄÖÜäöüß0123456789 .,;:-–()/§€☒☐'].join(''))]
  .sort()
  .join('');
const encodedSubsets = new Map<string, Uint8Array>();

function shareFontSubsets(font: EmbeddedFontInternals, face: 'regular' | 'bold') {
  for (const glyph of font.font.glyphsForString(SUBSET_PREFILL)) {
    const gid = font.subset.includeGlyph(glyph.id);
    font.widths[gid] ??= glyph.advanceWidth * font.scale;
    font.unicode[gid] ??= glyph.codePoints;
  }
  // embed() opens the font file stream first (document.ref) and ends it with subset.encode():
  // the stream gets the kept bytes, already deflated, instead of deflating the same font again.
  const subset = font.subset;
  const encode = subset.encode.bind(subset);
  let fontFile: { compress: boolean; data: Record<string, unknown> } | null = null;
  subset.encode = () => {
    const key = `${face}:${subset.glyphs.join(',')}`;
    let bytes = encodedSubsets.get(key);
    if (!bytes) {
      if (encodedSubsets.size >= 500) encodedSubsets.clear();
      bytes = deflateSync(encode());
      encodedSubsets.set(key, bytes);
    }
    if (!fontFile) throw new Error('pdfkit embedded the font in an unexpected way');
    fontFile.compress = false;
    fontFile.data.Filter = 'FlateDecode';
    return bytes;
  };
  const embed = font.embed.bind(font);
  font.embed = () => {
    const doc = font.document;
    const ref = doc.ref;
    doc.ref = (data?: object) => {
      doc.ref = ref;
      fontFile = ref.call(doc, data) as typeof fontFile;
      return fontFile;
    };
    return embed();
  };
}

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const reversed = new WeakSet<number[]>();

const MARGIN_X = 56;
const MARGIN_TOP = 42;
const MARGIN_BOTTOM = 36;
const SIZE = 8.8;
const SMALL = 7.4;
const LEADING = 1.3;
const BOX_INDENT = 14;

interface TextOptions {
  size?: number;
  bold?: boolean;
  x?: number;
  width?: number;
  align?: 'left' | 'right';
}

/** Draws text from the top down; wraps at spaces in logical order and reorders each line for its direction (bidi.ts). */
class Sheet {
  y = MARGIN_TOP;
  readonly left = MARGIN_X;
  readonly width: number;
  readonly bottom: number;

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.width = doc.page.width - 2 * MARGIN_X;
    this.bottom = doc.page.height - MARGIN_BOTTOM;
  }

  private use(size: number, bold: boolean) {
    const name = bold ? 'bold' : 'regular';
    this.doc.font(name).fontSize(size);
    // pdfkit caches the shaping of each word per document; the Muster text is the same on every
    // receipt, so one cache per face for the whole process makes an annual run about twice as
    // fast. Safe: a cached run is only read (the ligature fix below replaces arrays, never mutates).
    const font = (this.doc as unknown as { _font: EmbeddedFontInternals })._font;
    if (font.layoutCache !== layoutCaches[name]) {
      font.layoutCache = layoutCaches[name];
      shareFontSubsets(font, name);
    }
  }

  private wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      // pdfkit measures a text word by word, each with the space after it, so the width of
      // "line word" is that of "line " plus that of "word": each word is measured once.
      let line = '';
      let lineAndSpace = 0;
      for (const word of paragraph.split(' ')) {
        if (line && lineAndSpace + this.doc.widthOfString(word) > width) {
          lines.push(line);
          line = '';
          lineAndSpace = 0;
        }
        line = line ? `${line} ${word}` : word;
        lineAndSpace += this.doc.widthOfString(`${word} `);
      }
      // a word wider than the column (an address without spaces) is cut where it must
      while (this.doc.widthOfString(line) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && this.doc.widthOfString(line.slice(0, cut)) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
      lines.push(line);
    }
    return lines;
  }

  /** Draws a text at (x, y) without moving the cursor; returns its height. */
  textAt(text: string, y: number, options: TextOptions = {}): number {
    const size = options.size ?? SIZE;
    const x = options.x ?? this.left;
    const width = options.width ?? this.left + this.width - x;
    this.use(size, options.bold ?? false);
    const lines = this.wrap(text.normalize('NFC'), width);
    const rtl = textDirectionIsRtl(text) ?? false;
    lines.forEach((line, i) => {
      const runs = visualRuns(line, rtl);
      const widths = runs.map((r) => this.doc.widthOfString(r.text, r.rtl ? { features: ['rtla'] } : {}));
      let cx = options.align === 'right' ? x + width - widths.reduce((a, b) => a + b, 0) : x;
      runs.forEach((run, j) => {
        this.doc.text(run.text, cx, y + i * size * LEADING, { lineBreak: false, ...(run.rtl ? { features: ['rtla'] } : {}) });
        if (run.rtl) this.readableLigatures();
        cx += widths[j]!;
      });
    });
    return lines.length * size * LEADING;
  }

  /**
   * An Arabic ligature glyph (lam-alef in "الأحمد") stands for two letters, which pdfkit maps in
   * logical order (ل then أ). A right-to-left run is stored in visual order, and text extractors
   * (poppler's pdftotext, which the tests and the tax office's tools use) reverse it letter by
   * letter — including the ligature's two letters, so "الأحمد" would read back as "األحمد". The
   * glyph's mapping is therefore stored reversed; the drawn glyph is unchanged. Only multi-letter
   * mappings made entirely of right-to-left letters are touched, each once (marked in `reversed`;
   * the arrays are fontkit's own, shared between documents, so they are replaced, never mutated).
   */
  private readableLigatures() {
    const font = (this.doc as unknown as { _font: { unicode: (number[] | undefined)[] } })._font;
    font.unicode.forEach((codePoints, gid) => {
      if (!codePoints || codePoints.length < 2 || reversed.has(codePoints)) return;
      if (!codePoints.every((cp) => RTL_LETTER.test(String.fromCodePoint(cp)))) return;
      const swapped = [...codePoints].reverse();
      reversed.add(swapped);
      font.unicode[gid] = swapped;
    });
  }

  /** Draws a text at the cursor and moves below it, plus a gap. */
  text(text: string, options: TextOptions & { gap?: number } = {}) {
    this.y += this.textAt(text, this.y, options) + (options.gap ?? 0);
  }

  /** A Muster passage with its check box in front (spec §3.2: boxes allowed). */
  checkbox(ticked: boolean, text: string, gap = 5) {
    this.textAt(ticked ? TICKED : EMPTY, this.y, { width: BOX_INDENT });
    this.text(text, { x: this.left + BOX_INDENT, gap });
  }

  /** Several columns side by side starting at the cursor; the cursor moves below the tallest. */
  columns(cells: { text: string; x: number; width: number; options?: TextOptions }[], gap = 0) {
    const heights = cells.map((c) => this.textAt(c.text, this.y, { ...c.options, x: c.x, width: c.width }));
    this.y += Math.max(...heights) + gap;
  }

  rule(x: number, y: number, width: number) {
    this.doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(0.5).stroke('#000000').restore();
  }

  space(points: number) {
    this.y += points;
  }

  /** The receipt must stay one A4 page (spec §1, §3.3): refuse rather than spill onto a second. */
  assertFits(what: string) {
    if (this.y > this.bottom) throw new ReceiptDataError(`the ${what} does not fit on one A4 page (shorten the description or the address)`);
  }
}

const germanDate = (iso: IsoDate) => formatDate(iso);

function periodText(exemption: Extract<ReceiptExemption, { kind: 'freistellungsbescheid' }>): string {
  return exemption.periodFromYear === exemption.periodToYear ? String(exemption.periodToYear) : `${exemption.periodFromYear} bis ${exemption.periodToYear}`;
}

/** Letterhead = Aussteller block (the Muster's first field) with the number on the right. */
function drawHeader(s: Sheet, data: ReceiptData) {
  const rightWidth = 160;
  const rightX = s.left + s.width - rightWidth;
  const top = s.y;
  s.textAt(`${TEXT.numberLabel} ${data.number}`, top, { x: rightX, width: rightWidth, bold: true, align: 'right' });
  if (data.replacesNumber) s.textAt(TEXT.replaces(data.replacesNumber), top + SIZE * LEADING, { x: rightX, width: rightWidth, size: SMALL, align: 'right' });
  const leftWidth = s.width - rightWidth - 12;
  s.text(TEXT.issuerLabel, { size: SMALL, width: leftWidth, gap: 2 });
  s.text(data.association.name, { size: 12, bold: true, width: leftWidth, gap: 1 });
  s.text(data.association.addressLines.join(', '), { width: leftWidth });
  s.rule(s.left, s.y + 5, s.width);
  s.space(14);
}

function drawTitle(s: Sheet, title: string) {
  s.text(title, { size: 13, bold: true, gap: 2 });
  s.text(TEXT.subtitle, { size: SIZE, gap: 12 });
}

function drawDonor(s: Sheet, data: ReceiptData) {
  s.text(TEXT.donorLabel, { size: SMALL, gap: 2 });
  s.text(data.donor.name, { gap: 1 });
  for (const line of data.donor.addressLines.filter((l) => l.trim())) s.text(line, { gap: 1 });
  s.space(10);
}

/**
 * Amount in figures, in words, then the day (or period): the Muster's order. The words get the
 * wide column so long amounts stay on one line; the day sits below, label and value aligned
 * with the columns above (spec §3.2: layout is free, order and wording are not).
 */
function drawAmountRow(s: Sheet, labels: [string, string, string], values: [string, string, string]) {
  const c1 = 180;
  const gap = 12;
  const x2 = s.left + c1 + gap;
  const w2 = s.width - c1 - gap;
  s.columns(
    [
      { text: labels[0], x: s.left, width: c1, options: { size: SMALL } },
      { text: labels[1], x: x2, width: w2, options: { size: SMALL } },
    ],
    2,
  );
  s.columns(
    [
      { text: values[0], x: s.left, width: c1, options: { bold: true } },
      { text: values[1], x: x2, width: w2, options: { bold: true } },
    ],
    6,
  );
  s.columns(
    [
      { text: labels[2], x: s.left, width: c1, options: { size: SMALL } },
      { text: values[2], x: x2, width: w2, options: { bold: true } },
    ],
    10,
  );
}

function drawWaiver(s: Sheet, waiver: boolean) {
  const sentenceWidth = s.width - 110;
  const y = s.y;
  const h = s.textAt(TEXT.waiver, y, { width: sentenceWidth });
  s.textAt(`Ja ${waiver ? TICKED : EMPTY}`, y, { x: s.left + sentenceWidth + 12, width: 44 });
  s.textAt(`Nein ${waiver ? EMPTY : TICKED}`, y, { x: s.left + sentenceWidth + 56, width: 54 });
  s.y += h + 10;
}

function drawExemptionAndUse(s: Sheet, data: ReceiptData) {
  const e = data.exemption;
  const genitive = joinPurposes(data.purposes.map((p) => p.genitive));
  // exactly one of the two Bescheid sentences, ticked (spec §4.2, §7)
  if (e.kind === 'freistellungsbescheid') s.checkbox(true, TEXT.freistellung(genitive, e.finanzamt, e.steuernummer, germanDate(e.noticeDate), periodText(e)), 8);
  else s.checkbox(true, TEXT.feststellung60a(e.finanzamt, e.steuernummer, germanDate(e.noticeDate), joinPurposes(data.purposes.map((p) => p.accusative))), 8);
  s.text(TEXT.use(joinPurposes(data.purposesOfUse.map((p) => p.genitive))), { gap: 10 });
}

function drawDuesBlock(s: Sheet, memberDuesDeductible: boolean) {
  // Print and tick only when dues are not deductible (spec §4.2, §9).
  if (memberDuesDeductible) return;
  s.text(TEXT.duesHeading, { size: SMALL, gap: 2 });
  s.checkbox(true, TEXT.duesSentence, 10);
}

/** Ort, Datum and either the line to sign on or — machine procedure — the note (spec §11.2). */
function drawSignature(s: Sheet, data: ReceiptData) {
  const machine = isMachineMade(data);
  s.space(machine ? 4 : 22);
  const y = s.y;
  const placeWidth = 200;
  s.textAt(`${data.issuePlace}, ${germanDate(data.issueDate)}`, y, { width: placeWidth });
  if (!machine) s.rule(s.left + placeWidth + 20, y + SIZE * LEADING, s.width - placeWidth - 20);
  s.rule(s.left, y + SIZE * LEADING, placeWidth - 10);
  s.y = y + SIZE * LEADING + 3;
  s.text(TEXT.signatureCaption, { size: SMALL, gap: 8 });
  if (machine && data.kind !== 'sach') s.text(TEXT.machineNote(data.machineProcedureFinanzamt!), { gap: 8 });
}

function drawHinweis(s: Sheet) {
  s.space(4);
  s.text(TEXT.hinweisHeading, { size: SMALL, bold: true, gap: 1 });
  s.text(TEXT.hinweis1, { size: SMALL, gap: 3 });
  s.text(TEXT.hinweis2, { size: SMALL });
}

function drawAnlage(doc: PDFKit.PDFDocument, data: SammelReceiptData) {
  const cols = [
    { share: 1.2, right: false },
    { share: 2.2, right: false },
    { share: 2.2, right: false },
    { share: 1.2, right: true },
  ];
  const total = cols.reduce((a, c) => a + c.share, 0);
  let s = new Sheet(doc);
  const xs: number[] = [];
  let offset = 0;
  const widths = cols.map((c) => ((s.width - 3 * 10) * c.share) / total);
  for (const w of widths) {
    xs.push(s.left + offset);
    offset += w + 10;
  }
  const row = (cells: string[], bold: boolean, size = SIZE) =>
    s.columns(
      cells.map((text, i) => ({ text, x: xs[i]!, width: widths[i]!, options: { bold, size, align: cols[i]!.right ? ('right' as const) : ('left' as const) } })),
      3,
    );
  const startPage = () => {
    doc.addPage();
    s = new Sheet(doc);
    s.text(`${data.association.name} · ${TEXT.numberLabel} ${data.number}`, { size: SMALL, gap: 2 });
    s.text(`${TEXT.anlageDonor} ${data.donor.name}`, { size: SMALL, gap: 8 });
    s.text(TEXT.anlageTitle(germanDate(data.issueDate)), { size: 12, bold: true, gap: 10 });
    row([...TEXT.anlageColumns], true, SMALL);
    s.rule(s.left, s.y, s.width);
    s.space(4);
  };
  startPage();
  for (const item of data.items) {
    if (s.y + 3 * SIZE * LEADING > s.bottom) startPage();
    row([germanDate(item.date), item.kind === 'fee' ? TEXT.kindFee : TEXT.kindDonation, item.waiver ? 'ja' : 'nein', formatEuro(item.amountCents)], false);
  }
  s.rule(s.left, s.y, s.width);
  s.space(4);
  row([TEXT.anlageTotal, '', '', formatEuro(data.items.reduce((a, i) => a + i.amountCents, 0))], true);
}

/**
 * Renders a Zuwendungsbestätigung: one A4 page, plus the Anlage page(s) of a Sammelbestätigung.
 * Same data, same bytes. Throws ReceiptDataError for data that breaks a rule of the spec.
 */
export async function renderReceiptPdf(data: ReceiptData): Promise<Buffer> {
  check(data);
  const fonts = receiptFonts();
  const title = data.kind === 'sammel' ? TEXT.titleSammel : data.kind === 'sach' ? TEXT.titleSach : TEXT.titleSingle;
  // Fixed info: pdfkit derives the file ID from it (md5), so nothing random or clock-dependent enters the file.
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    // no default font: opening one here would make every later doc.font('regular') open the face
    // again and compare it by its name table (pdfkit's isEqualFont), the costliest step of a page
    font: null as unknown as string,
    info: {
      Title: `${title} Nr. ${data.number}`,
      Author: data.association.name,
      Creator: 'Kassenwart',
      Producer: 'Kassenwart (pdfkit)',
      CreationDate: new Date(data.issuedAt),
    },
  });
  doc.registerFont('regular', fonts.regular as unknown as string);
  doc.registerFont('bold', fonts.bold as unknown as string);
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  trimLayoutCaches();
  const s = new Sheet(doc);
  drawHeader(s, data);
  drawTitle(s, title);
  drawDonor(s, data);

  if (data.kind === 'single') {
    drawAmountRow(s, [TEXT.amountLabel, TEXT.wordsLabel, TEXT.dateLabel], [formatEuro(data.gift.amountCents), data.gift.amountInWords, germanDate(data.gift.date)]);
    drawWaiver(s, data.gift.waiver);
    drawExemptionAndUse(s, data);
    drawDuesBlock(s, data.memberDuesDeductible);
  } else if (data.kind === 'sammel') {
    const totalCents = data.items.reduce((a, i) => a + i.amountCents, 0);
    drawAmountRow(s, [TEXT.totalLabel, TEXT.wordsLabel, TEXT.periodLabel], [formatEuro(totalCents), data.totalInWords, `${germanDate(data.periodFrom)} bis ${germanDate(data.periodTo)}`]);
    drawExemptionAndUse(s, data);
    drawDuesBlock(s, data.memberDuesDeductible);
    s.text(TEXT.sammelNoOther, { gap: 8 });
    s.text(TEXT.sammelWaiver, { gap: 4 });
  } else {
    const g = data.gift;
    drawAmountRow(s, [TEXT.valueLabel, TEXT.wordsLabel, TEXT.dateLabel], [formatEuro(g.valueCents), g.valueInWords, germanDate(g.date)]);
    s.text(TEXT.sachDescriptionLabel, { size: SMALL, gap: 2 });
    s.text(g.description, { gap: 10 });
    s.checkbox(g.origin === 'business', TEXT.sachBusiness, 4);
    s.checkbox(g.origin === 'private', TEXT.sachPrivate, 4);
    s.checkbox(g.origin === 'unknown', TEXT.sachUnknown, 4);
    s.checkbox(g.valuationDocuments, TEXT.sachDocuments, 10);
    drawExemptionAndUse(s, data);
  }

  drawSignature(s, data);
  drawHinweis(s);
  s.assertFits('receipt');

  if (data.kind === 'sammel') drawAnlage(doc, data);
  doc.end();
  return done;
}
