import { isIsoDate } from './dates';

/**
 * Reading a CSV file as people bring it: what Excel writes in a German locale (Windows-1252 or
 * "CSV UTF-8" with BOM, ';' between fields, CRLF), what LibreOffice or a web tool writes (UTF-8,
 * ',', LF), quoted fields holding delimiters, quotes and line breaks. Pure: bytes in, records out.
 * A broken record is reported with its line number, never dropped silently.
 */

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type CsvDelimiter = ';' | ',' | '\t';

/**
 * Windows-1252 bytes 0x80–0x9F (the rest is Latin-1, byte = code point). Written out here
 * because Node ≥ 20.18.3 and workerd decode 'windows-1252' as Latin-1 (nodejs/node#60888,
 * cloudflare/workerd#6027): "€" would come out as U+0080. Undefined bytes map to the C1
 * control of the same value, as the WHATWG Encoding Standard does.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** Valid UTF-8 is UTF-8 (with or without BOM); UTF-16 only with its BOM; anything else is Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Swapped to little-endian: not every runtime's TextDecoder knows 'utf-16be'.
    const swapped = new Uint8Array(bytes.length - 2 - (bytes.length % 2));
    for (let i = 0; i < swapped.length; i += 2) {
      swapped[i] = bytes[i + 3]!;
      swapped[i + 1] = bytes[i + 2]!;
    }
    return { text: new TextDecoder('utf-16le').decode(swapped), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Not text at all: a spreadsheet or other binary file uploaded instead of its CSV. */
export function binaryKind(bytes: Uint8Array): 'xlsx' | 'xls' | 'binary' | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  const head = bytes.subarray(0, 4096);
  // NUL bytes appear in UTF-16 text, which is recognised by its BOM before this check matters.
  if (!(head[0] === 0xff && head[1] === 0xfe) && !(head[0] === 0xfe && head[1] === 0xff) && head.includes(0)) return 'binary';
  return null;
}

/** The delimiter that occurs most often in the header line outside quotes; ';' on a tie (German Excel). */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ';': 0, ',': 0, '\t': 0 } as Record<CsvDelimiter, number>;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  return (['\t', ',', ';'] as const).reduce<CsvDelimiter>((best, d) => (counts[d] > counts[best] ? d : best), ';');
}

export interface CsvRecord {
  /** The physical line the record starts on (1 = first line of the file). */
  line: number;
  fields: string[];
}

export type CsvProblemKind = 'unclosed_quote' | 'text_after_quote' | 'field_count';
export interface CsvProblem {
  line: number;
  kind: CsvProblemKind;
  expected?: number;
  found?: number;
}

/**
 * RFC 4180 with the leniency of spreadsheet programs: CRLF, LF or CR line ends; a quote inside
 * an unquoted field is text. Blank lines are skipped. An unclosed quote swallows the rest of
 * the file in a strict reader; here the record is reported and reading resumes on the line
 * after the opening quote, so later rows are still checked (likewise when a stray quote pairs
 * with a quote some lines further down and text follows it).
 */
export function parseCsv(text: string, delimiter: CsvDelimiter, firstLine = 1): { records: CsvRecord[]; problems: CsvProblem[] } {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const n = text.length;
  let i = 0;
  let line = firstLine;

  /** Index just after the line end at or after `from` (or n), counting that line end. */
  const skipToNextLine = (from: number) => {
    let j = from;
    while (j < n && text[j] !== '\n' && text[j] !== '\r') j++;
    if (j < n) {
      j += text[j] === '\r' && text[j + 1] === '\n' ? 2 : 1;
    }
    return j;
  };

  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let broken: CsvProblemKind | null = null;
    let endOfRecord = false;
    while (!endOfRecord) {
      if (text[i] === '"') {
        const quoteAt = i;
        const quoteLine = line;
        let value = '';
        let j = i + 1;
        let closed = false;
        while (j < n) {
          const q = text.indexOf('"', j);
          const chunk = q === -1 ? text.slice(j) : text.slice(j, q);
          line += countLineEnds(chunk);
          value += chunk;
          if (q === -1) {
            j = n;
            break;
          }
          if (text[q + 1] === '"') {
            value += '"';
            j = q + 2;
            continue;
          }
          j = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          broken = 'unclosed_quote';
          line = quoteLine + 1;
          i = skipToNextLine(quoteAt);
          break;
        }
        fields.push(value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value);
        i = j;
        const next = text[i];
        if (next === delimiter) {
          i++;
          continue;
        }
        if (next === undefined || next === '\n' || next === '\r') {
          i = next === undefined ? n : i + (next === '\r' && text[i + 1] === '\n' ? 2 : 1);
          if (next !== undefined) line++;
          endOfRecord = true;
          continue;
        }
        // Text after a closing quote: most likely a stray quote that paired with one on a later
        // line. Only the line of the opening quote is taken as broken; reading resumes after it.
        broken = line > quoteLine ? 'unclosed_quote' : 'text_after_quote';
        line = quoteLine;
        i = skipToNextLine(quoteAt);
        if (i <= n && /[\r\n]/.test(text[i - 1] ?? '')) line++;
        break;
      }
      // Unquoted field: up to the delimiter or the line end.
      let j = i;
      while (j < n) {
        const ch = text[j]!;
        if (ch === delimiter || ch === '\n' || ch === '\r') break;
        j++;
      }
      fields.push(text.slice(i, j));
      if (j < n && text[j] === delimiter) {
        i = j + 1; // at the very end ("a;b;") the loop comes round once more for the last, empty field
        continue;
      }
      if (j < n) {
        i = j + (text[j] === '\r' && text[j + 1] === '\n' ? 2 : 1);
        line++;
      } else {
        i = n;
      }
      endOfRecord = true;
    }
    if (broken) {
      problems.push({ line: startLine, kind: broken });
      continue;
    }
    if (fields.every((f) => f.trim() === '')) continue; // blank line, or ";;;;" Excel leaves below the data
    records.push({ line: startLine, fields });
  }
  return { records, problems };
}

function countLineEnds(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const ch = s.charCodeAt(k);
    if (ch === 10) count++;
    else if (ch === 13 && s.charCodeAt(k + 1) !== 10) count++;
  }
  return count;
}

export interface CsvTable {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  /** The first non-blank record, trimmed; unnamed columns are called "Spalte n". */
  header: string[];
  headerLine: number;
  /** Data records with exactly one field per header column. */
  rows: CsvRecord[];
  /** Broken records (unclosed quote, text after a closing quote, wrong number of fields), by line. */
  problems: CsvProblem[];
}

/**
 * Bytes -> header and rows: encoding and delimiter detected (an Excel "sep=;" first line is
 * honoured), each data row checked to have as many fields as the header. Empty fields beyond the
 * header (a trailing ';') are dropped; a missing or extra filled field is a problem of that line.
 */
export function readCsvTable(bytes: Uint8Array): CsvTable {
  const { text: raw, encoding } = decodeText(bytes);
  let text = raw;
  let firstLine = 1;
  let delimiter: CsvDelimiter | null = null;
  const sep = /^sep=([;,\t])\r?\n/i.exec(text);
  if (sep) {
    delimiter = sep[1] as CsvDelimiter;
    text = text.slice(sep[0].length);
    firstLine = 2;
  }
  delimiter ??= detectDelimiter(text.replace(/^[\s]*[\r\n]/, ''));
  const { records, problems } = parseCsv(text, delimiter, firstLine);
  const headerRecord = records.shift();
  if (!headerRecord) return { encoding, delimiter, header: [], headerLine: firstLine, rows: [], problems };
  const header = headerRecord.fields.map((h, i) => h.trim() || `Spalte ${i + 1}`);
  const rows: CsvRecord[] = [];
  for (const record of records) {
    let fields = record.fields;
    if (fields.length > header.length && fields.slice(header.length).every((f) => f.trim() === '')) fields = fields.slice(0, header.length);
    if (fields.length !== header.length) {
      problems.push({ line: record.line, kind: 'field_count', expected: header.length, found: fields.length });
      continue;
    }
    rows.push({ line: record.line, fields });
  }
  problems.sort((a, b) => a.line - b.line);
  return { encoding, delimiter, header, headerLine: headerRecord.line, rows, problems };
}

/**
 * The export (lib/csv) puts an apostrophe before cells that would start a formula; reading such
 * a file back takes it off again, by the same rule.
 */
export function undoFormulaGuard(value: string): string {
  return /^'(?:[=+@\t\r]|-(?!\d))/.test(value) ? value.slice(1) : value;
}

export type DateParse = { ok: true; date: string } | { ok: false; reason: 'format' | 'two_digit_year' | 'no_such_day' };

/**
 * A German date ("15.03.2026", "1.3.2026") or an ISO date ("2026-03-15") -> 'YYYY-MM-DD'.
 * Two-digit years ("1.3.26") are refused: for a birth date 1926 and 2026 are both plausible.
 */
export function parseGermanDate(input: string): DateParse {
  const s = input.trim();
  let iso: string | null = null;
  const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (de) iso = `${de[3]}-${de[2]!.padStart(2, '0')}-${de[1]!.padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(s)) iso = s;
  else if (/^\d{1,2}\.\d{1,2}\.\d{2}$/.test(s)) return { ok: false, reason: 'two_digit_year' };
  else return { ok: false, reason: 'format' };
  return isIsoDate(iso) ? { ok: true, date: iso } : { ok: false, reason: 'no_such_day' };
}
