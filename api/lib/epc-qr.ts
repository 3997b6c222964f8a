import QRCode, { type QRCodeSegment } from 'qrcode';
import { bicRequiredFor, isBic, isIban, isSepaIban, normalizeBic, normalizeIban } from './iban';

/**
 * EPC QR code ("GiroCode"): a SEPA credit transfer a banking app can read from a picture.
 * Implements EPC069-12 "Quick Response Code: Guidelines to Enable Data Capture for the Initiation
 * of a SEPA Credit Transfer", payload version 002, character set 1 (UTF-8).
 *
 * Payload, one element per line, LF between elements:
 *   1 BCD · 2 002 · 3 1 (UTF-8) · 4 SCT · 5 BIC (may be empty in 002 for EEA accounts) ·
 *   6 beneficiary name (1–70) · 7 IBAN · 8 amount "EUR…" · 9 purpose code (≤ 4) ·
 *   10 structured creditor reference (≤ 35) · 11 unstructured remittance text (≤ 140) ·
 *   12 beneficiary-to-originator information (≤ 70)
 * 10 and 11 exclude each other. Nothing follows the last populated element, so trailing empty
 * elements are dropped. The whole payload is at most 331 bytes: what a QR code of version 13 holds
 * at error correction level M, the level and the largest version the guidelines allow.
 */

export interface EpcInput {
  /** Beneficiary (the association), kept as written: UTF-8 is allowed here, unlike in SEPA XML. */
  name: string;
  iban: string;
  /** Optional in version 002 for accounts in the EEA; required for other SEPA countries (CH, GB, …). */
  bic?: string | null;
  /** Integer cents, 1 … 99 999 999 999 (0.01 … 999 999 999.99 EUR). */
  amountCents: number;
  /** ISO 20022 purpose code, e.g. "CHAR" (charity payment). */
  purpose?: string | null;
  /** ISO 11649 creditor reference ("RF…"). Excludes `text`. */
  reference?: string | null;
  /** Unstructured remittance information (Verwendungszweck). Excludes `reference`. */
  text?: string | null;
  /** Beneficiary-to-originator information: a hint the banking app may show to the payer. */
  info?: string | null;
}

export interface EpcProblem {
  field: keyof EpcInput | 'payload';
  message: { de: string; en: string };
}

/** Everything wrong with one input at once, in both staff languages. */
export class EpcQrError extends Error {
  readonly problems: EpcProblem[];

  constructor(problems: EpcProblem[]) {
    super(
      `EPC-QR-Code kann nicht erstellt werden: ${problems.map((p) => p.message.de).join('; ')}` +
        ` | Cannot create the EPC QR code: ${problems.map((p) => p.message.en).join('; ')}`,
    );
    this.name = 'EpcQrError';
    this.problems = problems;
  }
}

export const EPC_MAX_PAYLOAD_BYTES = 331;
/** The guidelines cap the symbol at version 13 (69 × 69 modules); 331 bytes fill it at level M. */
export const EPC_MAX_QR_VERSION = 13;
const MIN_AMOUNT_CENTS = 1;
const MAX_AMOUNT_CENTS = 99_999_999_999;
const MAX = { name: 70, reference: 35, text: 140, info: 70 } as const;
/** ISO/IEC 18004 asks for a quiet zone of four modules on every side. */
const QUIET_ZONE_MODULES = 4;
/** Pixels per module in the PNG: a version-13 code becomes 616 px wide, enough for print. */
const PNG_SCALE = 8;

const utf8 = new TextEncoder();

export function epcPayload(input: EpcInput): string {
  const problems: EpcProblem[] = [];
  const problem = (field: EpcProblem['field'], de: string, en: string) => problems.push({ field, message: { de, en } });

  const name = cleanText(input.name);
  if (name === null) problem('name', 'Der Name des Empfängers enthält Steuerzeichen', 'The beneficiary name contains control characters');
  else if (name.length === 0) problem('name', 'Der Name des Empfängers fehlt', 'The beneficiary name is missing');
  else if (charCount(name) > MAX.name) {
    problem('name', `Der Name des Empfängers hat ${charCount(name)} Zeichen, erlaubt sind höchstens ${MAX.name}`, `The beneficiary name has ${charCount(name)} characters, at most ${MAX.name} are allowed`);
  }

  const iban = normalizeIban(input.iban ?? '');
  const ibanOk = isIban(input.iban ?? '');
  if (!ibanOk) problem('iban', `Die IBAN „${input.iban ?? ''}“ ist ungültig`, `The IBAN "${input.iban ?? ''}" is invalid`);
  else if (!isSepaIban(iban)) {
    problem('iban', `Die IBAN ${iban} gehört zu keinem SEPA-Land; eine SEPA-Überweisung ist nicht möglich`, `The IBAN ${iban} belongs to no SEPA country; a SEPA credit transfer is not possible`);
  }

  const bicInput = (input.bic ?? '').trim();
  const bic = bicInput ? normalizeBic(bicInput) : '';
  if (bic && !isBic(bic)) problem('bic', `Die BIC „${bicInput}“ ist ungültig`, `The BIC "${bicInput}" is invalid`);
  if (!bic && ibanOk && bicRequiredFor(iban)) {
    problem('bic', `Für eine IBAN aus ${iban.slice(0, 2)} (außerhalb des EWR) ist die BIC nötig`, `A BIC is required for an IBAN from ${iban.slice(0, 2)} (outside the EEA)`);
  }

  const amount = input.amountCents;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    problem('amountCents', `Der Betrag muss eine ganze Zahl von Cent sein, nicht ${String(amount)}`, `The amount must be a whole number of cents, not ${String(amount)}`);
  } else if (amount < MIN_AMOUNT_CENTS) {
    problem('amountCents', 'Der Betrag muss mindestens 0,01 € sein', 'The amount must be at least EUR 0.01');
  } else if (amount > MAX_AMOUNT_CENTS) {
    problem('amountCents', 'Der Betrag darf höchstens 999.999.999,99 € sein', 'The amount must be at most EUR 999,999,999.99');
  }

  const purpose = (input.purpose ?? '').trim().toUpperCase();
  if (purpose && !/^[A-Z0-9]{4}$/.test(purpose)) {
    problem('purpose', `Der Purpose-Code „${input.purpose}“ muss aus 4 Buchstaben bestehen (z. B. CHAR)`, `The purpose code "${input.purpose}" must be 4 letters (e.g. CHAR)`);
  }

  const reference = (input.reference ?? '').replace(/\s+/g, '').toUpperCase();
  if (reference && !isCreditorReference(reference)) {
    problem('reference', `Die Gläubigerreferenz „${input.reference}“ ist keine gültige RF-Referenz nach ISO 11649`, `The creditor reference "${input.reference}" is not a valid ISO 11649 RF reference`);
  }

  const text = cleanText(input.text ?? '');
  if (text === null) problem('text', 'Der Verwendungszweck enthält Steuerzeichen', 'The remittance text contains control characters');
  else if (charCount(text) > MAX.text) {
    problem('text', `Der Verwendungszweck hat ${charCount(text)} Zeichen, erlaubt sind höchstens ${MAX.text}`, `The remittance text has ${charCount(text)} characters, at most ${MAX.text} are allowed`);
  }
  if (reference && text) {
    problem('text', 'Gläubigerreferenz und Verwendungszweck schließen sich aus: bitte nur eines angeben', 'A creditor reference and a remittance text exclude each other: give only one');
  }

  const info = cleanText(input.info ?? '');
  if (info === null) problem('info', 'Der Hinweis an den Zahler enthält Steuerzeichen', 'The note to the payer contains control characters');
  else if (charCount(info) > MAX.info) {
    problem('info', `Der Hinweis an den Zahler hat ${charCount(info)} Zeichen, erlaubt sind höchstens ${MAX.info}`, `The note to the payer has ${charCount(info)} characters, at most ${MAX.info} are allowed`);
  }

  if (problems.length > 0) throw new EpcQrError(problems);

  const elements = ['BCD', '002', '1', 'SCT', bic, name!, iban, formatAmount(amount), purpose, reference, text!, info!];
  // "The last populated element is not followed by any character or element separator."
  while (elements[elements.length - 1] === '') elements.pop();
  const payload = elements.join('\n');

  const bytes = utf8.encode(payload).length;
  if (bytes > EPC_MAX_PAYLOAD_BYTES) {
    throw new EpcQrError([
      {
        field: 'payload',
        message: {
          de: `Die Daten sind ${bytes} Byte lang, ein EPC-QR-Code fasst höchstens ${EPC_MAX_PAYLOAD_BYTES}; bitte Verwendungszweck oder Hinweis kürzen`,
          en: `The data is ${bytes} bytes long, an EPC QR code holds at most ${EPC_MAX_PAYLOAD_BYTES}; shorten the remittance text or the note`,
        },
      },
    ]);
  }
  return payload;
}

/** SVG with a viewBox and no fixed size, so the page decides how large it is drawn. */
export async function epcQrSvg(payload: string): Promise<string> {
  return QRCode.toString(segments(payload), { ...qrOptions(payload), type: 'svg' });
}

/**
 * PNG for mail attachments, drawn from the QR matrix with our own small PNG writer (1 bit per
 * pixel, zlib through CompressionStream): qrcode's toBuffer needs Node's canvas-free PNG path,
 * which its browser build (Workers) lacks; this runs on both.
 */
export async function epcQrPng(payload: string): Promise<Uint8Array> {
  const options = qrOptions(payload);
  const symbol = QRCode.create(segments(payload), options);
  const { size, data } = symbol.modules;
  const dark = (x: number, y: number) => x >= 0 && y >= 0 && x < size && y < size && data[y * size + x] === 1;
  const modules = size + 2 * QUIET_ZONE_MODULES;
  const width = modules * PNG_SCALE;
  const stride = Math.ceil(width / 8) + 1; // filter byte + bits
  const raw = new Uint8Array(stride * width);
  for (let py = 0; py < width; py++) {
    const y = Math.floor(py / PNG_SCALE) - QUIET_ZONE_MODULES;
    for (let px = 0; px < width; px++) {
      // 1-bit grey: 1 is white, so light pixels set their bit
      if (!dark(Math.floor(px / PNG_SCALE) - QUIET_ZONE_MODULES, y)) raw[py * stride + 1 + (px >> 3)]! |= 0x80 >> (px & 7);
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, width);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, no interlace
  const idat = new Uint8Array(await new Response(new Blob([raw]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer());
  return concat([Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), pngChunk('IHDR', header), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array(0))]);
}

function pngChunk(type: string, body: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + body.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) chunk[4 + i] = type.charCodeAt(i);
  chunk.set(body, 8);
  view.setUint32(8 + body.length, crc32(chunk.subarray(4, 8 + body.length)));
  return chunk;
}

let CRC_TABLE: Uint32Array | null = null;
function crc32(bytes: Uint8Array): number {
  CRC_TABLE ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** "EUR60.00": integer arithmetic only, always two decimals, no leading zeros but the one before the dot. */
function formatAmount(cents: number): string {
  const fraction = cents % 100;
  const euros = (cents - fraction) / 100;
  return `EUR${euros}.${String(fraction).padStart(2, '0')}`;
}

/**
 * NFC, every run of white space (including line breaks, which would split the element) as one
 * space, trimmed. Null when a control character or a broken surrogate is left: such text would
 * scan differently from what the treasurer typed.
 */
function cleanText(value: string | null | undefined): string | null {
  const text = String(value ?? '').normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (/[\p{Cc}\p{Cs}]/u.test(text)) return null;
  return text;
}

/** Characters as a person counts them (code points), not UTF-16 units. */
function charCount(text: string): number {
  return [...text].length;
}

/** ISO 11649: "RF", two check digits, 1–21 letters or digits; MOD 97-10 over the rearranged string is 1. */
function isCreditorReference(ref: string): boolean {
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(ref)) return false;
  const rearranged = ref.slice(4) + ref.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const digits = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

function assertPayload(payload: string): void {
  const bytes = utf8.encode(payload).length;
  if (!payload.startsWith('BCD\n') || bytes > EPC_MAX_PAYLOAD_BYTES) {
    throw new EpcQrError([
      {
        field: 'payload',
        message: {
          de: `Kein EPC-Datensatz (beginnt nicht mit „BCD“ oder ist länger als ${EPC_MAX_PAYLOAD_BYTES} Byte)`,
          en: `Not an EPC payload (does not start with "BCD" or is longer than ${EPC_MAX_PAYLOAD_BYTES} bytes)`,
        },
      },
    ]);
  }
}

/**
 * One byte-mode segment holding the UTF-8 bytes: the payload is encoded exactly as given (no
 * mixed numeric/alphanumeric segments), which is what the guidelines' 331-byte capacity assumes.
 */
function segments(payload: string): QRCodeSegment[] {
  assertPayload(payload);
  return [{ mode: 'byte', data: utf8.encode(payload) }];
}

function qrOptions(payload: string) {
  const symbol = QRCode.create(segments(payload), { errorCorrectionLevel: 'M' });
  if (symbol.version > EPC_MAX_QR_VERSION) {
    // Unreachable while the 331-byte limit holds; kept so a library change cannot slip past it.
    throw new Error(`EPC QR code needs version ${symbol.version}, the guidelines allow at most ${EPC_MAX_QR_VERSION}`);
  }
  return { errorCorrectionLevel: 'M' as const, version: symbol.version, margin: QUIET_ZONE_MODULES };
}
