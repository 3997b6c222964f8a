// Comparison (b) of the receipts benchmark (issue #5, "Benchmark"): how small associations make
// receipts today — a prefilled Writer document per donor, turned into a PDF by LibreOffice
// (Debian libreoffice-writer-nogui, `soffice --headless --convert-to pdf`). Measured two ways:
//   per file: one soffice start per receipt, one after the other (what a mail-merge macro or a
//             script calling soffice per donor does);
//   batch:    one soffice call converting all the files (the best LibreOffice does here).
// The documents carry the same Sammelbestätigungen as the floor and the annual run
// (sammelReceiptData): the same Muster text (TEXT of templates/pdf/receipt.ts), the same donors,
// the receipt page and the Anlage page. Every PDF is read back (pdftotext): it must exist, have
// the two pages and show the donor's name, so a conversion that silently failed is not counted as fast.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { formatDate } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import { isMachineMade, joinPurposes, TEXT, type SammelReceiptData } from '../../templates/pdf/receipt';
import { sammelReceiptData } from './fixtures/sammel-data';

const run = promisify(execFile);
const SOFFICE = process.env.SOFFICE ?? '/usr/bin/soffice';

// ---------------------------------------------------------------------------------------------
// The document: a flat ODT (.fodt, one XML file) — what Writer saves, so no zip step per donor
// ---------------------------------------------------------------------------------------------

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const p = (style: string, text: string) => `<text:p text:style-name="${style}">${xml(text)}</text:p>`;
const cell = (style: string, paragraphStyle: string, text: string) => `<table:table-cell table:style-name="${style}" office:value-type="string">${p(paragraphStyle, text)}</table:table-cell>`;
const row = (cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;
const columns = (name: string, n: number) => Array.from({ length: n }, (_, i) => `<table:table-column table:style-name="${name}.${String.fromCharCode(65 + i)}"/>`).join('');

/**
 * Styles: A4 with the margins of the pdfkit page (56 pt sides, 42 pt top, 36 pt bottom), DejaVu
 * Sans (the font the app embeds) at its sizes: 8.8 pt text, 7.4 pt labels and Hinweis, 12–13 pt
 * headings; two tables (amounts; the Anlage).
 */
const STYLES = `
 <office:font-face-decls>
  <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'" style:font-family-generic="swiss" style:font-pitch="variable"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="8.8pt" fo:language="de" fo:country="DE" style:font-name-complex="DejaVu Sans" style:font-size-complex="8.8pt"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Gap" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.3cm"/></style:style>
  <style:style style:name="Small" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.05cm"/><style:text-properties fo:font-size="7.4pt" style:font-size-complex="7.4pt"/></style:style>
  <style:style style:name="SmallBold" style:family="paragraph" style:parent-style-name="Small"><style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/></style:style>
  <style:style style:name="Bold" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/></style:style>
  <style:style style:name="Number" style:family="paragraph" style:parent-style-name="Bold"><style:paragraph-properties fo:text-align="end"/></style:style>
  <style:style style:name="Issuer" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="12pt" fo:font-weight="bold" style:font-size-complex="12pt" style:font-weight-complex="bold"/></style:style>
  <style:style style:name="Letterhead" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.4cm" fo:padding-bottom="0.15cm" fo:border-bottom="0.5pt solid #000000"/></style:style>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.07cm"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold" style:font-size-complex="13pt" style:font-weight-complex="bold"/></style:style>
  <style:style style:name="Check" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="0.5cm" fo:text-indent="-0.5cm" fo:margin-bottom="0.3cm"/></style:style>
  <style:style style:name="Place" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-top="0.15cm" fo:margin-right="10cm" fo:margin-bottom="0.08cm" fo:padding-bottom="0.05cm" fo:border-bottom="0.5pt solid #000000"/></style:style>
  <style:style style:name="AnlageTitle" style:family="paragraph" style:parent-style-name="Issuer"><style:paragraph-properties fo:margin-top="0.25cm" fo:margin-bottom="0.35cm"/></style:style>
  <style:style style:name="NewPage" style:family="paragraph" style:parent-style-name="Small"><style:paragraph-properties fo:break-before="page"/></style:style>
  <style:style style:name="Right" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="end"/></style:style>
  <style:style style:name="RightBold" style:family="paragraph" style:parent-style-name="Bold"><style:paragraph-properties fo:text-align="end"/></style:style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="Amounts" style:family="table"><style:table-properties style:width="17cm" table:align="left" fo:margin-bottom="0.3cm"/></style:style>
  <style:style style:name="Amounts.A" style:family="table-column"><style:table-column-properties style:column-width="6.3cm"/></style:style>
  <style:style style:name="Amounts.B" style:family="table-column"><style:table-column-properties style:column-width="10.7cm"/></style:style>
  <style:style style:name="Anlage" style:family="table"><style:table-properties style:width="17cm" table:align="left"/></style:style>
  <style:style style:name="Anlage.A" style:family="table-column"><style:table-column-properties style:column-width="3cm"/></style:style>
  <style:style style:name="Anlage.B" style:family="table-column"><style:table-column-properties style:column-width="5.5cm"/></style:style>
  <style:style style:name="Anlage.C" style:family="table-column"><style:table-column-properties style:column-width="5.5cm"/></style:style>
  <style:style style:name="Anlage.D" style:family="table-column"><style:table-column-properties style:column-width="3cm"/></style:style>
  <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" fo:border="none"/></style:style>
  <style:style style:name="Head" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" fo:border="none" fo:border-bottom="0.5pt solid #000000"/></style:style>
  <style:style style:name="Sum" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" fo:border="none" fo:border-top="0.5pt solid #000000"/></style:style>
  <style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="1.48cm" fo:margin-bottom="1.27cm" fo:margin-left="1.98cm" fo:margin-right="1.98cm"/></style:page-layout>
 </office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles>`;

/**
 * The Sammelbestätigung of `data` as a flat ODT: page 1 the Muster of spec §5.2 in its order
 * (Aussteller, title, donor, total in figures and words, period, Bescheid sentence ticked, use,
 * "keine weiteren Bestätigungen", Verzicht pointer, place and date, the machine note, Hinweis),
 * page 2 the Anlage with one row per gift and the total. The same wording as the PDF the app
 * draws, taken from the renderer's TEXT, not typed again.
 */
export function sammelReceiptFodt(data: SammelReceiptData): string {
  const date = formatDate;
  const e = data.exemption;
  const genitive = joinPurposes(data.purposes.map((x) => x.genitive));
  const bescheid =
    e.kind === 'freistellungsbescheid'
      ? TEXT.freistellung(genitive, e.finanzamt, e.steuernummer, date(e.noticeDate), e.periodFromYear === e.periodToYear ? String(e.periodToYear) : `${e.periodFromYear} bis ${e.periodToYear}`)
      : TEXT.feststellung60a(e.finanzamt, e.steuernummer, date(e.noticeDate), joinPurposes(data.purposes.map((x) => x.accusative)));
  const totalCents = data.items.reduce((a, i) => a + i.amountCents, 0);

  const page1 = [
    p('Number', `${TEXT.numberLabel} ${data.number}`),
    p('Small', TEXT.issuerLabel),
    p('Issuer', data.association.name),
    p('Letterhead', data.association.addressLines.join(', ')),
    p('Title', TEXT.titleSammel),
    p('Gap', TEXT.subtitle),
    p('Small', TEXT.donorLabel),
    p('Standard', data.donor.name),
    ...data.donor.addressLines.map((line, i, all) => p(i === all.length - 1 ? 'Gap' : 'Standard', line)),
    `<table:table table:name="Amounts" table:style-name="Amounts">${columns('Amounts', 2)}`,
    row([cell('Cell', 'Small', TEXT.totalLabel), cell('Cell', 'Small', TEXT.wordsLabel)]),
    row([cell('Cell', 'Bold', formatEuro(totalCents)), cell('Cell', 'Bold', data.totalInWords)]),
    row([cell('Cell', 'Small', TEXT.periodLabel), cell('Cell', 'Bold', `${date(data.periodFrom)} bis ${date(data.periodTo)}`)]),
    '</table:table>',
    p('Check', `☒\t${bescheid}`),
    p('Gap', TEXT.use(joinPurposes(data.purposesOfUse.map((x) => x.genitive)))),
    ...(data.memberDuesDeductible ? [] : [p('Small', TEXT.duesHeading), p('Check', `☒\t${TEXT.duesSentence}`)]),
    p('Gap', TEXT.sammelNoOther),
    p('Gap', TEXT.sammelWaiver),
    p('Place', `${data.issuePlace}, ${date(data.issueDate)}`),
    p('Gap', TEXT.signatureCaption),
    ...(isMachineMade(data) ? [p('Gap', TEXT.machineNote(data.machineProcedureFinanzamt!))] : []),
    p('SmallBold', TEXT.hinweisHeading),
    p('Small', TEXT.hinweis1),
    p('Small', TEXT.hinweis2),
  ];
  const page2 = [
    p('NewPage', `${data.association.name} · ${TEXT.numberLabel} ${data.number}`),
    p('Small', `${TEXT.anlageDonor} ${data.donor.name}`),
    p('AnlageTitle', TEXT.anlageTitle(date(data.issueDate))),
    `<table:table table:name="Anlage" table:style-name="Anlage">${columns('Anlage', 4)}`,
    row(TEXT.anlageColumns.map((c) => cell('Head', 'SmallBold', c))),
    ...data.items.map((item) =>
      row([
        cell('Cell', 'Standard', date(item.date)),
        cell('Cell', 'Standard', item.kind === 'fee' ? TEXT.kindFee : TEXT.kindDonation),
        cell('Cell', 'Standard', item.waiver ? 'ja' : 'nein'),
        cell('Cell', 'Right', formatEuro(item.amountCents)),
      ]),
    ),
    row([cell('Sum', 'Bold', TEXT.anlageTotal), cell('Sum', 'Standard', ''), cell('Sum', 'Standard', ''), cell('Sum', 'RightBold', formatEuro(totalCents))]),
    '</table:table>',
  ];

  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>${xml(`${TEXT.titleSammel} Nr. ${data.number}`)}</dc:title></office:meta>${STYLES}
 <office:body><office:text>
${[...page1, ...page2].join('\n')}
 </office:text></office:body>
</office:document>
`;
}

// ---------------------------------------------------------------------------------------------
// A scratch directory: the filled documents, the PDFs, and LibreOffice's own user profile
// ---------------------------------------------------------------------------------------------

interface Workspace {
  root: string;
  input: string;
  output: string;
  /** -env:UserInstallation: a private profile, so a LibreOffice someone else runs here neither blocks nor shares ours. */
  profileArg: string;
  files: string[];
  data: SammelReceiptData[];
}

/** Writes the filled documents of receipts 0 … n-1 (before the clock starts: they are "prefilled"). */
function workspace(n: number): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'receipts-lo-'));
  const input = join(root, 'in');
  const output = join(root, 'out');
  mkdirSync(input);
  mkdirSync(output);
  const data = Array.from({ length: n }, (_, i) => sammelReceiptData(i));
  const files = data.map((d, i) => {
    const file = `receipt-${String(i).padStart(5, '0')}.fodt`;
    writeFileSync(join(input, file), sammelReceiptFodt(d));
    return file;
  });
  return { root, input, output, profileArg: `-env:UserInstallation=${pathToFileURL(join(root, 'profile')).href}`, files, data };
}

async function soffice(ws: Workspace, files: string[], outdir: string, timeoutMs: number): Promise<void> {
  // cwd = the input folder and relative names: short command lines, and the output names follow the inputs
  await run(SOFFICE, [ws.profileArg, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outdir, ...files], { cwd: ws.input, timeout: timeoutMs, maxBuffer: 64 << 20 });
}

/**
 * The first start creates the profile and brings LibreOffice into the page cache: done once with
 * a document that is not timed (and checked like the others), so the timed starts are the steady
 * state a treasurer sees from the second receipt on.
 */
async function warmUp(ws: Workspace): Promise<void> {
  const dir = join(ws.root, 'warm-up');
  mkdirSync(dir);
  writeFileSync(join(ws.input, 'warm-up.fodt'), sammelReceiptFodt(sammelReceiptData(1_000_000)));
  await soffice(ws, ['warm-up.fodt'], dir, 120_000);
  await verify(dir, ['warm-up.fodt'], [sammelReceiptData(1_000_000)]);
}

/** Every PDF exists, has 2 pages (receipt + Anlage) and its text shows the donor's name and the title. */
async function verify(outdir: string, files: string[], data: SammelReceiptData[]): Promise<void> {
  const made = new Set(readdirSync(outdir));
  for (const [k, file] of files.entries()) {
    const pdf = file.replace(/\.fodt$/, '.pdf');
    if (!made.has(pdf)) throw new Error(`LibreOffice made no ${pdf}`);
    const { stdout } = await run('pdftotext', [join(outdir, pdf), '-'], { maxBuffer: 16 << 20 });
    const pages = stdout.split('\f').filter((page) => page.trim()).length;
    const d = data[k]!;
    // An Arabic lam-alef ligature of a LibreOffice PDF reads back with its two letters swapped
    // ("الأحمد" as "األحمد"; the app's renderer fixes this, templates/pdf/receipt.ts readableLigatures):
    // the name counts as found in that form too.
    const nameFound = stdout.includes(d.donor.name) || stdout.includes(d.donor.name.replace(/ل([اأإآ])/g, '$1ل'));
    if (pages !== 2 || !nameFound || !stdout.includes(TEXT.titleSammel) || !stdout.includes(d.number)) {
      throw new Error(`${pdf}: expected the 2-page Sammelbestätigung Nr. ${d.number} for ${d.donor.name}, read back ${pages} page(s):\n${stdout.slice(0, 400)}`);
    }
  }
}

export interface LibreOfficePerFileResult {
  receipts: number;
  seconds: number;
  perReceiptMs: number;
}

/** One `soffice --headless --convert-to pdf` start per receipt, sequentially. */
export async function measureLibreOfficePerFile(opts: { receipts: number }): Promise<LibreOfficePerFileResult> {
  const ws = workspace(opts.receipts);
  try {
    await warmUp(ws);
    const started = performance.now();
    for (const file of ws.files) await soffice(ws, [file], ws.output, 120_000);
    const seconds = (performance.now() - started) / 1000;
    await verify(ws.output, ws.files, ws.data);
    return { receipts: opts.receipts, seconds, perReceiptMs: (seconds * 1000) / opts.receipts };
  } finally {
    rmSync(ws.root, { recursive: true, force: true });
  }
}

/**
 * LibreOffice 7.4 silently stops after the 246th document of one `--convert-to` call (exit code
 * 0, the rest simply not converted; seen here with 1,000 files, also reported at
 * github.com/higebu/3gpp-mcp/pull/4). So a batch is at most this many files per soffice call,
 * the calls one after the other with the same profile — what a careful script has to do too.
 */
export const FILES_PER_SOFFICE_CALL = 200;

export interface LibreOfficeBatchResult {
  receipts: number;
  seconds: number;
  perReceiptMs: number;
  /** soffice calls made: 1 up to FILES_PER_SOFFICE_CALL receipts. */
  calls: number;
}

/** All `receipts` files converted by one soffice call (by one call per 200 beyond that); its start is included, spread over the batch. */
export async function measureLibreOfficeBatch(opts: { receipts: number }): Promise<LibreOfficeBatchResult> {
  const ws = workspace(opts.receipts);
  try {
    await warmUp(ws);
    let calls = 0;
    const started = performance.now();
    for (let from = 0; from < ws.files.length; from += FILES_PER_SOFFICE_CALL, calls++) {
      const chunk = ws.files.slice(from, from + FILES_PER_SOFFICE_CALL);
      await soffice(ws, chunk, ws.output, 60_000 + chunk.length * 2_000);
    }
    const seconds = (performance.now() - started) / 1000;
    await verify(ws.output, ws.files, ws.data);
    return { receipts: opts.receipts, seconds, perReceiptMs: (seconds * 1000) / opts.receipts, calls };
  } finally {
    rmSync(ws.root, { recursive: true, force: true });
  }
}
