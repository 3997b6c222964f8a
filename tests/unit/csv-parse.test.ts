import { describe, expect, it } from 'vitest';
import { toExcelCsv } from '../../api/lib/csv';
import {
  binaryKind,
  decodeText,
  decodeWindows1252,
  detectDelimiter,
  parseCsv,
  parseGermanDate,
  readCsvTable,
  undoFormulaGuard,
} from '../../api/lib/csv-parse';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** Windows-1252 bytes of a text: Latin-1 plus the few characters of 0x80–0x9F used here. */
const CP1252: Record<string, number> = { '€': 0x80, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'Š': 0x8a, 'Ÿ': 0x9f };
function cp1252(s: string): Uint8Array {
  return Uint8Array.from([...s], (ch) => {
    const b = CP1252[ch] ?? ch.charCodeAt(0);
    if (b > 0xff || (ch.charCodeAt(0) >= 0x80 && ch.charCodeAt(0) <= 0x9f)) throw new Error(`not in Windows-1252: ${ch}`);
    return b;
  });
}

describe('encoding detection', () => {
  it('reads UTF-8 with BOM, without BOM, and UTF-16 with BOM', () => {
    expect(decodeText(utf8('\uFEFFVorname;Straße'))).toEqual({ text: 'Vorname;Straße', encoding: 'utf-8' });
    expect(decodeText(utf8('Yılmaz;Öztürk;Weiß'))).toEqual({ text: 'Yılmaz;Öztürk;Weiß', encoding: 'utf-8' });
    const le = new Uint8Array([0xff, 0xfe, ...Array.from('Jörg', (ch) => [ch.charCodeAt(0), 0]).flat()]);
    expect(decodeText(le)).toEqual({ text: 'Jörg', encoding: 'utf-16le' });
    const be = new Uint8Array([0xfe, 0xff, ...Array.from('Şahin', (ch) => [ch.charCodeAt(0) >> 8, ch.charCodeAt(0) & 0xff]).flat()]);
    expect(decodeText(be)).toEqual({ text: 'Şahin', encoding: 'utf-16be' });
  });

  it('reads bytes that are not valid UTF-8 as Windows-1252, including € and typographic quotes (not Latin-1)', () => {
    const bytes = cp1252('Müller-Lüdenscheidt;Großmann;Renée;„Süß“ – 50 €');
    expect(decodeText(bytes)).toEqual({ text: 'Müller-Lüdenscheidt;Großmann;Renée;„Süß“ – 50 €', encoding: 'windows-1252' });
  });

  it('maps every byte like the WHATWG Windows-1252 table', () => {
    const all = decodeWindows1252(Uint8Array.from({ length: 256 }, (_, i) => i));
    expect(all.length).toBe(256);
    for (let b = 0; b < 256; b++) if (b < 0x80 || b > 0x9f) expect(all.charCodeAt(b)).toBe(b);
    expect(all.slice(0x80, 0xa0)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ');
  });

  it('recognises a spreadsheet uploaded instead of its CSV', () => {
    expect(binaryKind(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14))).toBe('xlsx');
    expect(binaryKind(Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1))).toBe('xls');
    expect(binaryKind(Uint8Array.of(0x41, 0x00, 0x42))).toBe('binary');
    expect(binaryKind(utf8('Vorname;Nachname\n'))).toBeNull();
  });
});

describe('delimiter detection', () => {
  it.each([
    ['Vorname;Nachname;Ort\nA;B;C', ';'],
    ['Vorname,Nachname,Ort\nA;B;C', ','],
    ['Vorname\tNachname\tOrt', '\t'],
    ['"Name, Vorname";Ort', ';'],
    ['"a;b;c",d,e', ','],
    ['Name', ';'],
    ['a;b,c', ';'],
  ] as const)('%j -> %j', (text, delimiter) => expect(detectDelimiter(text)).toBe(delimiter));
});

describe('CSV records', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, and counts lines', () => {
    const text = 'a;b;c\r\n"x;y";"sagt ""ja""";"Zeile 1\r\nZeile 2"\r\n\r\n;;\r\nlast;"";z';
    expect(parseCsv(text, ';')).toEqual({
      records: [
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['x;y', 'sagt "ja"', 'Zeile 1\nZeile 2'] },
        { line: 6, fields: ['last', '', 'z'] },
      ],
      problems: [],
    });
  });

  it('accepts LF, CRLF and old-Mac CR line ends, and a last line without one', () => {
    expect(parseCsv('a,b\nc,d', ',').records.map((r) => r.line)).toEqual([1, 2]);
    expect(parseCsv('a,b\rc,d\r', ',').records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
    ]);
    expect(parseCsv('a;b;', ';').records).toEqual([{ line: 1, fields: ['a', 'b', ''] }]);
  });

  it('reports an unclosed quote by its line and goes on reading at the next line', () => {
    const text = 'Vorname;Notiz\nA;"offen\nB;gut\nC;"zu"\n';
    expect(parseCsv(text, ';')).toEqual({
      records: [
        { line: 1, fields: ['Vorname', 'Notiz'] },
        { line: 3, fields: ['B', 'gut'] },
        { line: 4, fields: ['C', 'zu'] },
      ],
      problems: [{ line: 2, kind: 'unclosed_quote' }],
    });
  });

  it('reports text after a closing quote, and takes a quote inside an unquoted field as text', () => {
    expect(parseCsv('a;"b"c;d\ne;f"g;h\n', ';')).toEqual({
      records: [{ line: 2, fields: ['e', 'f"g', 'h'] }],
      problems: [{ line: 1, kind: 'text_after_quote' }],
    });
  });
});

describe('CSV table', () => {
  it('checks every row against the header and reports broken lines with their numbers', () => {
    const table = readCsvTable(utf8('\uFEFFVorname;Nachname;\r\nA;B;\r\nC;D;E\r\nF\r\n"G;H\r\nI;J;\r\nK;L;;;\r\n'));
    expect(table.encoding).toBe('utf-8');
    expect(table.delimiter).toBe(';');
    expect(table.header).toEqual(['Vorname', 'Nachname', 'Spalte 3']);
    expect(table.rows).toEqual([
      { line: 2, fields: ['A', 'B', ''] },
      { line: 3, fields: ['C', 'D', 'E'] },
      { line: 6, fields: ['I', 'J', ''] },
      { line: 7, fields: ['K', 'L', ''] },
    ]);
    expect(table.problems).toEqual([
      { line: 4, kind: 'field_count', expected: 3, found: 1 },
      { line: 5, kind: 'unclosed_quote' },
    ]);
  });

  it('honours an Excel "sep=" first line', () => {
    const table = readCsvTable(utf8('sep=,\nName;Ort,PLZ\nA;B,1\n'));
    expect(table.delimiter).toBe(',');
    expect(table.header).toEqual(['Name;Ort', 'PLZ']);
    expect(table.rows).toEqual([{ line: 3, fields: ['A;B', '1'] }]);
  });

  it('reads back what the Excel export writes, formula guard included', () => {
    const values = ['=HYPERLINK("x")', '-3,10', '@SUM', 'a;b', 'Zeile\nzwei', '-Minus'];
    const table = readCsvTable(utf8(toExcelCsv(['a', 'b', 'c', 'd', 'e', 'f'], [values])));
    expect(table.rows[0]!.fields.map(undoFormulaGuard)).toEqual(values);
    expect(undoFormulaGuard("'nur Apostroph")).toBe("'nur Apostroph");
  });
});

describe('German dates', () => {
  it.each([
    ['15.03.2026', '2026-03-15'],
    ['1.3.2026', '2026-03-01'],
    [' 29.02.2024 ', '2024-02-29'],
    ['2026-03-15', '2026-03-15'],
  ])('%j -> %s', (input, date) => expect(parseGermanDate(input)).toEqual({ ok: true, date }));

  it.each([
    ['31.02.2026', 'no_such_day'],
    ['29.02.2025', 'no_such_day'],
    ['2026-13-01', 'no_such_day'],
    ['1.3.26', 'two_digit_year'],
    ['03/15/2026', 'format'],
    ['15.3.', 'format'],
    ['März 2026', 'format'],
    ['2026-3-1', 'format'],
  ])('refuses %j (%s)', (input, reason) => expect(parseGermanDate(input)).toEqual({ ok: false, reason }));
});
