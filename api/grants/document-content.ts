import { msg, type Msg } from '../http/errors';
import { GRANT_DOCUMENT_MAX_BYTES, GRANT_DOCUMENT_TYPES } from '../lib/grants';

/**
 * Which file a grant document really is: the name's ending says what it claims, its first bytes
 * must agree (a browser's declared type is what the sender says, not what the file is). An HTML
 * page or a program named antrag.pdf is refused. Pure: no I/O.
 */

const EXTENSIONS: Record<string, string> = Object.fromEntries([
  ...Object.entries(GRANT_DOCUMENT_TYPES).map(([type, ext]) => [ext, type]),
  ['jpeg', 'image/jpeg'],
]);
export const ALLOWED_TEXT = 'PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV';

const ascii = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));
const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

function isZip(bytes: Uint8Array) {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
}

/** A ZIP names its files in plain text (local headers and central directory). */
function zipHasName(bytes: Uint8Array, name: string) {
  const needle = Array.from(name, (ch) => ch.charCodeAt(0));
  outer: for (let i = bytes.indexOf(needle[0]!); i !== -1 && i <= bytes.length - needle.length; i = bytes.indexOf(needle[0]!, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** OpenDocument: the first entry is "mimetype", stored, holding the type. */
function isOpenDocument(bytes: Uint8Array, type: string) {
  return isZip(bytes) && ascii(bytes, 30, 8) === 'mimetype' && ascii(bytes, 38, type.length) === type;
}

function isCsvText(bytes: Uint8Array) {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return false;
  }
  // control characters other than tab and line ends mean a binary file; markup is not a table
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return false;
  return !/^\uFEFF?\s*</.test(text);
}

function contentMatches(type: string, bytes: Uint8Array): boolean {
  switch (type) {
    case 'application/pdf':
      return ascii(bytes, 0, 5) === '%PDF-';
    case 'image/png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
      return isZip(bytes) && zipHasName(bytes, '[Content_Types].xml') && zipHasName(bytes, 'word/');
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
      return isZip(bytes) && zipHasName(bytes, '[Content_Types].xml') && zipHasName(bytes, 'xl/');
    case 'application/vnd.oasis.opendocument.text':
    case 'application/vnd.oasis.opendocument.spreadsheet':
      return isOpenDocument(bytes, type);
    case 'text/csv':
      return isCsvText(bytes);
    default:
      return false;
  }
}

const megabytes = (n: number) => (n / (1024 * 1024)).toLocaleString('de-DE', { maximumFractionDigits: 1 });
const megabytesEn = (n: number) => (n / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 });

/** The stored content type of an upload, or why it is refused (German and English). */
export function classifyDocument(filename: string, bytes: Uint8Array): { ok: true; contentType: string; extension: string } | { ok: false; message: Msg } {
  const extension = /\.([a-z0-9]{1,8})$/i.exec(filename.trim())?.[1]?.toLowerCase() ?? '';
  const type = EXTENSIONS[extension];
  if (bytes.byteLength === 0) return { ok: false, message: msg(`Datei: „${filename}“ ist leer.`, `File: “${filename}” is empty.`) };
  if (bytes.byteLength > GRANT_DOCUMENT_MAX_BYTES) {
    return {
      ok: false,
      message: msg(
        `Datei: „${filename}“ ist ${megabytes(bytes.byteLength)} MB groß; erlaubt sind höchstens ${megabytes(GRANT_DOCUMENT_MAX_BYTES)} MB.`,
        `File: “${filename}” is ${megabytesEn(bytes.byteLength)} MB; at most ${megabytesEn(GRANT_DOCUMENT_MAX_BYTES)} MB are allowed.`,
      ),
    };
  }
  if (!type) {
    return {
      ok: false,
      message: msg(`Datei: „${filename}“ hat keinen erlaubten Dateityp. Erlaubt sind ${ALLOWED_TEXT}.`, `File: “${filename}” is not of an allowed type. Allowed: ${ALLOWED_TEXT}.`),
    };
  }
  if (!contentMatches(type, bytes)) {
    const name = extension.toUpperCase();
    return {
      ok: false,
      message: msg(
        `Datei: „${filename}“ ist dem Inhalt nach keine ${name}-Datei (die Endung passt nicht zum Inhalt). Bitte die echte Datei hochladen; erlaubt sind ${ALLOWED_TEXT}.`,
        `File: “${filename}” is not a ${name} file by its content (the ending does not match). Please upload the real file; allowed: ${ALLOWED_TEXT}.`,
      ),
    };
  }
  return { ok: true, contentType: type, extension };
}
