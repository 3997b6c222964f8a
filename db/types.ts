/**
 * One set of value parsers for both drivers, so PGlite and postgres.js hand the app the same
 * JavaScript types (they disagree by default, see shared/STACK.md):
 * - int8 (bigint money in cents, count(*)) -> number, refusing values beyond 2^53
 * - date -> the 'YYYY-MM-DD' string as stored (business dates have no time zone)
 * - numeric -> string (sum(bigint) is numeric: cast it back with ::bigint in SQL)
 */
export const OID = { int8: 20, date: 1082, numeric: 1700, json: 114, jsonb: 3802 } as const;

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
