/**
 * CSV as Excel in a German locale opens it by double click: UTF-8 with BOM, ';' between fields,
 * CRLF line ends, quotes where needed. Cells that would start a formula are prefixed with an
 * apostrophe (CSV injection: a name like "=HYPERLINK(…)" must stay text). A leading "-" is
 * left alone only on a plain German number ("-3,10", "-1.234,56"): "-1+2" or "-A1" would be
 * read as a formula too.
 */
export function toExcelCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const line = (cells: (string | number | null | undefined)[]) => cells.map(cell).join(';');
  return '\uFEFF' + [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+@\t\r-]/.test(s) && !/^-\d{1,3}(?:\.?\d{3})*(?:,\d+)?$/.test(s)) s = `'${s}`;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
