import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { amountInWords } from '../../api/lib/amount-in-words';
import {
  renderReceiptPdf,
  ReceiptDataError,
  type ReceiptData,
  type SachReceiptData,
  type SammelReceiptData,
  type SingleMoneyReceiptData,
} from '../../templates/pdf/receipt';

/**
 * Zuwendungsbestätigung PDFs (spec ../shared/spec/zuwendungsbestaetigung.md §§3–8, 11): every
 * variant is rendered and read back with poppler's pdftotext, the way a donor's tax office would
 * read it; the Muster sentences below are typed in again from the spec, not imported from the
 * renderer, so a changed word in the renderer fails here.
 */

// ---- the spec's literal passages, typed from the spec ------------------------------------------

const SUBTITLE =
  'im Sinne des § 10b des Einkommensteuergesetzes an eine der in § 5 Abs. 1 Nr. 9 des Körperschaftsteuergesetzes bezeichneten Körperschaften, Personenvereinigungen oder Vermögensmassen';
const ISSUER = 'Aussteller (Bezeichnung und Anschrift der steuerbegünstigten Einrichtung)';
const HINWEIS_1 =
  'Wer vorsätzlich oder grob fahrlässig eine unrichtige Zuwendungsbestätigung erstellt oder veranlasst, dass Zuwendungen nicht zu den in der Zuwendungsbestätigung angegebenen steuerbegünstigten Zwecken verwendet werden, haftet für die entgangene Steuer (§ 10b Abs. 4 EStG, § 9 Abs. 3 KStG, § 9 Nr. 5 GewStG).';
const HINWEIS_2 =
  'Diese Bestätigung wird nicht als Nachweis für die steuerliche Berücksichtigung der Zuwendung anerkannt, wenn das Datum des Freistellungsbescheides länger als 5 Jahre bzw. das Datum der Feststellung der Einhaltung der satzungsmäßigen Voraussetzungen nach § 60a Abs. 1 AO länger als 3 Jahre seit Ausstellung des Bescheides zurückliegt (§ 63 Abs. 5 AO).';
const FREISTELLUNG =
  'Wir sind wegen Förderung der Hilfe für politisch, rassistisch oder religiös Verfolgte, für Flüchtlinge und der Volks- und Berufsbildung nach dem Freistellungsbescheid bzw. nach der Anlage zum Körperschaftsteuerbescheid des Finanzamtes Berlin für Körperschaften I StNr. 27/640/12345 vom 14.03.2024 für den letzten Veranlagungszeitraum 2021 bis 2023 nach § 5 Abs. 1 Nr. 9 des Körperschaftsteuergesetzes von der Körperschaftsteuer und nach § 3 Nr. 6 des Gewerbesteuergesetzes von der Gewerbesteuer befreit.';
const FESTSTELLUNG_60A =
  'Die Einhaltung der satzungsmäßigen Voraussetzungen nach den §§ 51, 59, 60 und 61 AO wurde vom Finanzamt Berlin für Körperschaften I, StNr. 27/640/12345, mit Bescheid vom 10.01.2025 nach § 60a AO gesondert festgestellt. Wir fördern nach unserer Satzung die Hilfe für politisch, rassistisch oder religiös Verfolgte, für Flüchtlinge und die Volks- und Berufsbildung.';
const USE_ALL =
  'Es wird bestätigt, dass die Zuwendung nur zur Förderung der Hilfe für politisch, rassistisch oder religiös Verfolgte, für Flüchtlinge und der Volks- und Berufsbildung verwendet wird.';
const WAIVER = 'Es handelt sich um den Verzicht auf Erstattung von Aufwendungen';
const DUES_HEADING = 'Nur für steuerbegünstigte Einrichtungen, bei denen die Mitgliedsbeiträge steuerlich nicht abziehbar sind:';
const DUES_SENTENCE =
  'Es wird bestätigt, dass es sich nicht um einen Mitgliedsbeitrag handelt, dessen Abzug nach § 10b Abs. 1 des Einkommensteuergesetzes ausgeschlossen ist.';
const SAMMEL_NO_OTHER =
  'Es wird bestätigt, dass über die in der Gesamtsumme enthaltenen Zuwendungen keine weiteren Bestätigungen, weder formelle Zuwendungsbestätigungen noch Beitragsquittungen oder ähnliches ausgestellt wurden und werden.';
const SAMMEL_WAIVER = 'Ob es sich um den Verzicht auf Erstattung von Aufwendungen handelt, ist der Anlage zur Sammelbestätigung zu entnehmen.';
const SIGNATURE_CAPTION = '(Ort, Datum und Unterschrift des Zuwendungsempfängers)';
const MACHINE_NOTE = 'Die maschinelle Erstellung der Zuwendungsbestätigung wurde dem zuständigen Finanzamt Berlin für Körperschaften I angezeigt.';
const SACH_BUSINESS =
  'Die Sachzuwendung stammt nach den Angaben des Zuwendenden aus dem Betriebsvermögen. Die Zuwendung wurde nach dem Wert der Entnahme (ggf. mit dem niedrigeren gemeinen Wert) und nach der Umsatzsteuer, die auf die Entnahme entfällt, bewertet.';
const SACH_PRIVATE = 'Die Sachzuwendung stammt nach den Angaben des Zuwendenden aus dem Privatvermögen.';
const SACH_UNKNOWN = 'Der Zuwendende hat trotz Aufforderung keine Angaben zur Herkunft der Sachzuwendung gemacht.';
const SACH_DOCUMENTS = 'Geeignete Unterlagen, die zur Wertermittlung gedient haben, z. B. Rechnung, Gutachten, liegen vor.';
const SACH_DESCRIPTION_LABEL = 'Genaue Bezeichnung der Sachzuwendung mit Alter, Zustand, Kaufpreis usw.';

// ---- fixtures -----------------------------------------------------------------------------------

const PURPOSES = [
  { genitive: 'der Hilfe für politisch, rassistisch oder religiös Verfolgte, für Flüchtlinge', accusative: 'die Hilfe für politisch, rassistisch oder religiös Verfolgte, für Flüchtlinge' },
  { genitive: 'der Volks- und Berufsbildung', accusative: 'die Volks- und Berufsbildung' },
];

const COMMON = {
  number: '2026-00042',
  issueDate: '2027-01-15',
  issuePlace: 'Berlin',
  issuedAt: '2027-01-15T09:30:00.000Z',
  replacesNumber: null,
  association: { name: 'Laissez-passer e.V.', addressLines: ['Sonnenallee 1', '12045 Berlin'] },
  exemption: { kind: 'freistellungsbescheid', finanzamt: 'Berlin für Körperschaften I', steuernummer: '27/640/12345', noticeDate: '2024-03-14', periodFromYear: 2021, periodToYear: 2023 },
  purposes: PURPOSES,
  purposesOfUse: PURPOSES,
  donor: { name: 'Şükrü Özdemir', addressLines: ['Weserstraße 5', '12047 Berlin'] },
} satisfies Partial<ReceiptData>;

const single = (over: Partial<SingleMoneyReceiptData> = {}, gift: Partial<SingleMoneyReceiptData['gift']> = {}): SingleMoneyReceiptData => ({
  ...COMMON,
  exemption: { ...COMMON.exemption, kind: 'freistellungsbescheid' },
  kind: 'single',
  memberDuesDeductible: true,
  machineProcedureFinanzamt: null,
  ...over,
  gift: { date: '2026-05-03', kind: 'donation', waiver: false, amountCents: gift.amountCents ?? 125050, amountInWords: amountInWords(gift.amountCents ?? 125050), ...gift },
});

const SAMMEL_ITEMS: SammelReceiptData['items'] = [
  { date: '2026-01-15', kind: 'fee', waiver: false, amountCents: 6000 },
  { date: '2026-05-03', kind: 'donation', waiver: false, amountCents: 30000 },
  { date: '2026-11-12', kind: 'donation', waiver: true, amountCents: 12000 },
];

const sammel = (over: Partial<SammelReceiptData> = {}): SammelReceiptData => ({
  ...COMMON,
  exemption: { ...COMMON.exemption, kind: 'freistellungsbescheid' },
  kind: 'sammel',
  memberDuesDeductible: true,
  machineProcedureFinanzamt: 'Berlin für Körperschaften I',
  periodFrom: '2026-01-01',
  periodTo: '2026-12-31',
  ...over,
  items: over.items ?? SAMMEL_ITEMS,
  totalInWords: amountInWords((over.items ?? SAMMEL_ITEMS).reduce((sum, i) => sum + i.amountCents, 0)),
});

const sach = (over: Partial<SachReceiptData> = {}, gift: Partial<SachReceiptData['gift']> = {}): SachReceiptData => ({
  ...COMMON,
  exemption: { ...COMMON.exemption, kind: 'freistellungsbescheid' },
  kind: 'sach',
  ...over,
  gift: {
    date: '2026-09-20',
    valueCents: gift.valueCents ?? 45000,
    valueInWords: amountInWords(gift.valueCents ?? 45000),
    description: 'Notebook Lenovo ThinkPad T14, gekauft 03/2023 für 1.199,00 €, sehr guter Zustand, mit Netzteil',
    origin: 'private',
    valuationDocuments: true,
    ...gift,
  },
});

const FESTSTELLUNG = { kind: 'feststellung60a', finanzamt: 'Berlin für Körperschaften I', steuernummer: '27/640/12345', noticeDate: '2025-01-10' } as const;

// ---- reading PDFs back --------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'kw-receipt-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

interface Read {
  pages: number;
  /** pdftotext -layout, per page, whitespace collapsed to single spaces */
  page: string[];
  /** all pages */
  all: string;
  raw: string;
}

async function read(data: ReceiptData): Promise<Read> {
  const pdf = await renderReceiptPdf(data);
  const file = join(dir, `r${++counter}.pdf`);
  writeFileSync(file, pdf);
  const raw = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const page = raw.split('\f').filter((p) => p.trim()).map(squash);
  return { pages, page, all: page.join(' '), raw };
}

/** Whitespace collapsed; poppler's bidi marks (RLE…PDF around right-to-left runs) are not text. */
const squash = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e]/g, '').replace(/\s+/g, ' ').trim();

/** Every passage a receipt of any kind carries, word for word. */
function expectCommon(r: Read, data: ReceiptData) {
  const p = r.page[0]!;
  expect(p).toContain(ISSUER);
  expect(p).toContain(squash(data.association.name));
  expect(p).toContain(data.association.addressLines.join(', '));
  expect(p).toContain(`Bestätigung Nr. ${data.number}`);
  expect(p).toContain(SUBTITLE);
  expect(p).toContain('Name und Anschrift des Zuwendenden:');
  expect(p).toContain(`${data.issuePlace}, 15.01.2027`);
  expect(p).toContain(SIGNATURE_CAPTION);
  expect(p).toContain(`Hinweis: ${HINWEIS_1} ${HINWEIS_2}`);
  // the Hinweis is the last thing on the receipt page (nothing after the mandatory notes)
  expect(p.endsWith(HINWEIS_2)).toBe(true);
}

// ---- tests ----------------------------------------------------------------------------------------

describe('Template A: Bestätigung über Geldzuwendungen/Mitgliedsbeitrag (spec §4)', () => {
  it('single donation: one page, the Muster passages in the Muster order, Verzicht Nein ticked, signature line', async () => {
    const data = single();
    const r = await read(data);
    expect(r.pages).toBe(1);
    expectCommon(r, data);
    const p = r.page[0]!;
    expect(p).toContain('Bestätigung über Geldzuwendungen/Mitgliedsbeitrag');
    expect(p).toContain('Şükrü Özdemir Weserstraße 5 12047 Berlin');
    expect(p).toContain('Betrag der Zuwendung - in Ziffern - - in Buchstaben - 1.250,50 € eintausendzweihundertfünfzig Euro fünfzig Cent Tag der Zuwendung: 03.05.2026');
    expect(p).toContain(`${WAIVER} Ja ☐ Nein ☒`);
    expect(p).toContain(`☒ ${FREISTELLUNG}`);
    expect(p).toContain(USE_ALL);
    // Muster order: title, donor, amount, Verzicht, Bescheid, use, signature, Hinweis
    const order = ['Bestätigung über Geldzuwendungen/Mitgliedsbeitrag', 'Name und Anschrift des Zuwendenden:', 'Betrag der Zuwendung', WAIVER, FREISTELLUNG, USE_ALL, SIGNATURE_CAPTION, HINWEIS_1, HINWEIS_2];
    const at = order.map((s) => p.indexOf(s));
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // dues deductible: no Mitgliedsbeitrag block; Freistellungsbescheid: no § 60a sentence; not reported: no machine note
    expect(p).not.toContain('Nur für steuerbegünstigte Einrichtungen');
    expect(p).not.toContain('Mitgliedsbeitrag handelt');
    expect(p).not.toContain('§ 60a AO gesondert festgestellt');
    expect(p).not.toContain('maschinelle Erstellung');
    expect(p).not.toContain('Sammelbestätigung');
    expect(p).not.toContain('Ersetzt');
  });

  it('single membership fee: the same template and title, dated and with Verzicht Nein', async () => {
    const data = single({}, { kind: 'fee', amountCents: 6000, date: '2026-01-15' });
    const r = await read(data);
    expect(r.pages).toBe(1);
    expectCommon(r, data);
    const p = r.page[0]!;
    expect(p).toContain('Bestätigung über Geldzuwendungen/Mitgliedsbeitrag');
    expect(p).toContain('60,00 € sechzig Euro Tag der Zuwendung: 15.01.2026');
    expect(p).toContain(`${WAIVER} Ja ☐ Nein ☒`);
    expect(p).toContain(`☒ ${FREISTELLUNG}`);
    expect(p).not.toContain(DUES_SENTENCE);
  });

  it('Verzicht ja (Aufwandsspende): Ja ticked, and a handwritten signature even where the machine procedure is reported', async () => {
    const data = single({ machineProcedureFinanzamt: 'Berlin für Körperschaften I' }, { waiver: true, amountCents: 8640 });
    const p = (await read(data)).page[0]!;
    expect(p).toContain(`${WAIVER} Ja ☒ Nein ☐`);
    expect(p).toContain('86,40 € sechsundachtzig Euro vierzig Cent');
    expect(p).not.toContain('maschinelle Erstellung');
  });

  it('§ 60a variant: only the Feststellung sentence, with its fields and the purposes in the accusative', async () => {
    const data = single({ exemption: FESTSTELLUNG });
    const r = await read(data);
    const p = r.page[0]!;
    expectCommon(r, data);
    expect(p).toContain(`☒ ${FESTSTELLUNG_60A}`);
    expect(p).toContain(USE_ALL);
    expect(p).not.toContain('Freistellungsbescheid bzw.');
    expect(p).not.toContain('Veranlagungszeitraum');
  });

  it('a one-year Veranlagungszeitraum prints the year alone', async () => {
    const p = (await read(single({ exemption: { ...COMMON.exemption, kind: 'freistellungsbescheid', periodFromYear: 2023, periodToYear: 2023 } }))).page[0]!;
    expect(p).toContain('für den letzten Veranlagungszeitraum 2023 nach § 5 Abs. 1 Nr. 9');
  });

  it('dues not deductible: the Mitgliedsbeitrag block is printed and ticked on a donation', async () => {
    const data = single({ memberDuesDeductible: false });
    const r = await read(data);
    expectCommon(r, data);
    const p = r.page[0]!;
    expect(p).toContain(`${DUES_HEADING} ☒ ${DUES_SENTENCE}`);
    expect(p.indexOf(USE_ALL)).toBeLessThan(p.indexOf(DUES_HEADING));
    expect(p.indexOf(DUES_SENTENCE)).toBeLessThan(p.indexOf(SIGNATURE_CAPTION));
  });

  it('dues not deductible: a fee cannot be receipted at all (spec §9)', async () => {
    await expect(renderReceiptPdf(single({ memberDuesDeductible: false }, { kind: 'fee' }))).rejects.toBeInstanceOf(ReceiptDataError);
  });

  it('machine note on: a pure money gift with the procedure reported carries the note instead of the line to sign', async () => {
    const data = single({ machineProcedureFinanzamt: 'Berlin für Körperschaften I' });
    const r = await read(data);
    expectCommon(r, data);
    const p = r.page[0]!;
    expect(p).toContain(`${SIGNATURE_CAPTION} ${MACHINE_NOTE}`);
    expect(p.indexOf(MACHINE_NOTE)).toBeLessThan(p.indexOf('Hinweis:'));
  });

  it('machine note off: procedure not reported, no note', async () => {
    const p = (await read(single({ machineProcedureFinanzamt: null }))).page[0]!;
    expect(p).not.toContain('maschinelle Erstellung');
    expect(p).not.toContain('angezeigt');
  });

  it('a replacement names the cancelled receipt it replaces', async () => {
    const data = single({ number: '2027-00003', replacesNumber: '2026-00042' });
    const p = (await read(data)).page[0]!;
    expect(p).toContain('Bestätigung Nr. 2027-00003');
    expect(p).toContain('Ersetzt die Bestätigung Nr. 2026-00042');
  });
});

describe('Template B: Sammelbestätigung with its Anlage (spec §5)', () => {
  it('receipt page plus Anlage: total in figures and words, period, both Sammel sentences, every gift listed', async () => {
    const data = sammel();
    const r = await read(data);
    expect(r.pages).toBe(2);
    expectCommon(r, data);
    const p = r.page[0]!;
    expect(p).toContain('Sammelbestätigung über Geldzuwendungen/Mitgliedsbeiträge');
    expect(p).toContain('Gesamtbetrag der Zuwendung - in Ziffern - - in Buchstaben - 480,00 € vierhundertachtzig Euro Zeitraum der Sammelbestätigung: 01.01.2026 bis 31.12.2026');
    expect(p).toContain(`☒ ${FREISTELLUNG}`);
    expect(p).toContain(USE_ALL);
    expect(p).toContain(`${SAMMEL_NO_OTHER} ${SAMMEL_WAIVER}`);
    expect(p.indexOf(SAMMEL_WAIVER)).toBeLessThan(p.indexOf(SIGNATURE_CAPTION));
    // the waiver is told per gift on the Anlage, not by the single receipt's Ja/Nein line
    expect(p).not.toContain(`${WAIVER} Ja`);
    // a Verzicht item means a handwritten signature although the procedure is reported
    expect(p).not.toContain('maschinelle Erstellung');

    const anlage = r.page[1]!;
    expect(anlage).toContain('Laissez-passer e.V. · Bestätigung Nr. 2026-00042');
    expect(anlage).toContain('Zuwendender: Şükrü Özdemir');
    expect(anlage).toContain('Anlage zur Sammelbestätigung vom 15.01.2027');
    // the column headers, two lines each
    const raw = r.raw.split('\f')[1]!;
    expect(raw).toMatch(/Datum der\s+Art der Zuwendung\s+Verzicht auf die Erstattung von\s+Betrag\n\s*Zuwendung\s+\(Geldzuwendung\/Mitgliedsbeitrag\)\s+Aufwendungen \(ja\/nein\)\n/);
    expect(anlage).toContain('15.01.2026 Mitgliedsbeitrag nein 60,00 €');
    expect(anlage).toContain('03.05.2026 Geldzuwendung nein 300,00 €');
    expect(anlage).toContain('12.11.2026 Geldzuwendung ja 120,00 €');
    expect(anlage).toContain('Gesamtsumme 480,00 €');
  });

  it('without a Verzicht item and with the procedure reported: machine note; dues not deductible: the block, before the Sammel sentences', async () => {
    const items = SAMMEL_ITEMS.filter((i) => i.kind === 'donation').map((i) => ({ ...i, waiver: false }));
    const data = sammel({ items, memberDuesDeductible: false });
    const r = await read(data);
    const p = r.page[0]!;
    expect(p).toContain('420,00 € vierhundertzwanzig Euro');
    expect(p).toContain(`${DUES_HEADING} ☒ ${DUES_SENTENCE} ${SAMMEL_NO_OTHER} ${SAMMEL_WAIVER}`);
    expect(p).toContain(MACHINE_NOTE);
    expect(r.page[1]).toContain('Gesamtsumme 420,00 €');
    expect(r.page[1]).not.toContain('Mitgliedsbeitrag nein');
  });

  it('a long year of weekly gifts continues the Anlage on further pages, the receipt itself stays one page', async () => {
    const items = Array.from({ length: 52 }, (_, i) => ({ date: new Date(Date.UTC(2026, 0, 1 + 7 * i)).toISOString().slice(0, 10), kind: 'donation' as const, waiver: false, amountCents: 1000 }));
    const r = await read(sammel({ items }));
    expect(r.pages).toBeGreaterThanOrEqual(3);
    expect(r.page[0]).toContain('520,00 € fünfhundertzwanzig Euro');
    for (const anlage of r.page.slice(1)) expect(anlage).toContain('Anlage zur Sammelbestätigung vom 15.01.2027');
    expect(r.all.match(/Geldzuwendung nein 10,00 €/g)).toHaveLength(52);
    expect(r.page[r.page.length - 1]).toContain('Gesamtsumme 520,00 €');
  });

  it('refuses gifts outside the period', async () => {
    await expect(renderReceiptPdf(sammel({ periodTo: '2026-06-30' }))).rejects.toThrow(/outside the period/);
  });
});

describe('Template C: Bestätigung über Sachzuwendungen (spec §6)', () => {
  it('value, description, origin boxes and value basis; no Verzicht line, no dues block, never the machine note', async () => {
    // the settings spread into the data may well carry the reported procedure and non-deductible dues: still no note, no block
    const data = sach({ machineProcedureFinanzamt: 'Berlin für Körperschaften I', memberDuesDeductible: false } as Partial<SachReceiptData>);
    const r = await read(data);
    expect(r.pages).toBe(1);
    expectCommon(r, data);
    const p = r.page[0]!;
    expect(p).toContain('Bestätigung über Sachzuwendungen');
    expect(p).toContain('Wert der Zuwendung - in Ziffern - - in Buchstaben - 450,00 € vierhundertfünfzig Euro Tag der Zuwendung: 20.09.2026');
    expect(p).toContain(`${SACH_DESCRIPTION_LABEL} Notebook Lenovo ThinkPad T14, gekauft 03/2023 für 1.199,00 €, sehr guter Zustand, mit Netzteil`);
    expect(p).toContain(`☐ ${SACH_BUSINESS} ☒ ${SACH_PRIVATE} ☐ ${SACH_UNKNOWN} ☒ ${SACH_DOCUMENTS}`);
    expect(p).toContain(`☒ ${FREISTELLUNG}`);
    expect(p).toContain(USE_ALL);
    expect(p.indexOf(SACH_DOCUMENTS)).toBeLessThan(p.indexOf(FREISTELLUNG));
    expect(p).not.toContain(WAIVER);
    expect(p).not.toContain(DUES_HEADING);
    expect(p).not.toContain('maschinelle Erstellung');
    expect(p).not.toContain('Geldzuwendungen');
  });

  it('from business assets, documents missing, § 60a notice, dues not deductible in the settings: still no dues block', async () => {
    const data = sach({ exemption: FESTSTELLUNG }, { origin: 'business', valuationDocuments: false });
    const p = (await read(data)).page[0]!;
    expect(p).toContain(`☒ ${SACH_BUSINESS} ☐ ${SACH_PRIVATE} ☐ ${SACH_UNKNOWN} ☐ ${SACH_DOCUMENTS}`);
    expect(p).toContain(`☒ ${FESTSTELLUNG_60A}`);
    expect(p).not.toContain('Freistellungsbescheid bzw.');
  });

  it('origin unknown ticks the "trotz Aufforderung" sentence', async () => {
    const p = (await read(sach({}, { origin: 'unknown' }))).page[0]!;
    expect(p).toContain(`☐ ${SACH_BUSINESS} ☐ ${SACH_PRIVATE} ☒ ${SACH_UNKNOWN}`);
  });

  it('a description too long for one A4 page is refused, not spilled onto a second page', async () => {
    const description = 'Ein Karton mit gebrauchten Kinderbüchern in gutem Zustand. '.repeat(120);
    await expect(renderReceiptPdf(sach({}, { description }))).rejects.toThrow(/one A4 page/);
  });
});

describe('names in any script', () => {
  it('Turkish, Spanish, Vietnamese (also decomposed) and Arabic names print and extract as stored', async () => {
    const names = ['Şükrü Özdemir', 'María Ñúñez', 'Nguyễn Thị Ánh', 'محمد الأحمد'];
    for (const name of names) {
      const r = await read(single({ donor: { name, addressLines: ['Hermannstraße 12', '12049 Berlin'] } }));
      expect(r.page[0]).toContain(`Name und Anschrift des Zuwendenden: ${name} Hermannstraße 12 12049 Berlin`);
    }
    // the same Vietnamese name typed with combining marks (NFD) comes out composed
    const decomposed = await read(single({ donor: { name: 'Nguyễn Thị Ánh'.normalize('NFD'), addressLines: ['Hermannstraße 12'] } }));
    expect(decomposed.page[0]).toContain('Nguyễn Thị Ánh');
    // an Arabic name with a Latin part and digits in the address, and on the Anlage
    const mixed = await read(sammel({ donor: { name: 'عمر حداد', addressLines: ['c/o عائلة حداد, Sonnenallee 77', '12045 Berlin'] } }));
    expect(mixed.page[0]).toContain('عمر حداد');
    expect(mixed.page[0]).toContain('Sonnenallee 77');
    expect(mixed.page[1]).toContain('Zuwendender: عمر حداد');
  });
});

describe('bytes', () => {
  it('the same data gives the same bytes, also after other receipts were rendered in between', async () => {
    const first = await renderReceiptPdf(sammel());
    await renderReceiptPdf(single({ donor: { name: 'محمد الأحمد', addressLines: ['Sonnenallee 77'] } }));
    await renderReceiptPdf(sach());
    const second = await renderReceiptPdf(sammel());
    expect(Buffer.compare(first, second)).toBe(0);
    // and the file is a PDF whose dates come from the data, not the clock
    const bytes = first.toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    expect(bytes).toContain('(D:20270115093000Z)');
    expect(bytes).not.toContain('/ModDate');
  });

  it('a different issue moment or number changes the bytes (the ID follows the data)', async () => {
    const base = await renderReceiptPdf(single());
    expect(Buffer.compare(base, await renderReceiptPdf(single({ issuedAt: '2027-01-15T09:30:01.000Z' })))).not.toBe(0);
    expect(Buffer.compare(base, await renderReceiptPdf(single({ number: '2026-00043' })))).not.toBe(0);
  });

  it('embeds the font (subset) rather than relying on a viewer font', async () => {
    const pdf = await renderReceiptPdf(single());
    const file = join(dir, 'fonts.pdf');
    writeFileSync(file, pdf);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans\s/);
    expect(fonts).toMatch(/DejaVuSans-Bold/);
    for (const line of fonts.split('\n').slice(2).filter(Boolean)) expect(line).toMatch(/\byes\s+yes\s+yes\b/); // emb sub uni
  });
});
