/**
 * One set of value parsers for both drivers, so PGlite and postgres.js hand the app the same
 * JavaScript types (they disagree by default, see shared/STACK.md):
 * - int8 (bigint money in cents, count(*)) -> number, refusing values beyond 2^53
 * - date -> the 'YYYY-MM-DD' string as stored (business dates have no time zone)
 * - numeric -> string (sum(bigint) is numeric: cast it back with ::bigint in SQL)
 */
export const OID = { bytea: 17, int8: 20, text: 25, date: 1082, numeric: 1700, json: 114, jsonb: 3802 } as const;

export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  }
  return n;
}

export function parseDate(value: string): string {
  return value;
}

export function parseNumeric(value: string): string {
  return value;
}

/** json/jsonb parameters: the app passes JSON text; anything else is stringified once. */
export function serializeJson(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Above this many characters a text parameter goes to PGlite as UTF-8 bytes (serializeTextForPglite). */
const LARGE_TEXT = 64 * 1024;
const utf8 = new TextEncoder();

/**
 * text parameters on PGlite. PGlite's protocol writer measures the UTF-8 length of every string
 * parameter in a JavaScript loop, twice, character by character: for the megabytes a batch
 * passes (a dues run's claim labels, the mails of a collection as one array each, a 9 MiB
 * pain.008 file) that loop cost a few hundred milliseconds. Bytes are sent as they are, in the
 * binary format — which for text is exactly the UTF-8 bytes — and TextEncoder makes them
 * natively. Small values stay strings (the default: Dates as ISO text, else toString()).
 */
export function serializeTextForPglite(value: unknown): string | Uint8Array {
  if (typeof value === 'string') return value.length >= LARGE_TEXT ? utf8.encode(value) : value;
  return value instanceof Date ? value.toISOString() : String(value);
}

/**
 * bytea on PGlite (stored files: receipt PDFs). Its default writes every byte as two hex digits
 * in a JavaScript loop and then measures that string character by character; the binary format
 * of bytea is the bytes themselves, which its protocol writer sends as they are. Reading, hex
 * text becomes bytes natively. An annual run of 10,000 receipts stores ~280 MB: this took the
 * database side of it from 5.3 to 1.3–2.1 ms per receipt (BENCH_DB_ONLY=1 bench/receipts/run.ts).
 */
export function serializeByteaForPglite(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError('bytea parameter: expected bytes');
  return value;
}
export function parseByteaFromPglite(value: string): Uint8Array {
  return Buffer.from(value.slice(2), 'hex');
}
