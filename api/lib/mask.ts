import { maskIban } from './iban';

/**
 * What the audit log may keep of a record: full IBANs, passwords, tokens and secrets are
 * masked (DESIGN.md, Transactions). Applied to every before/after snapshot, at any depth.
 */
const SECRET_KEY = /pass(word)?|secret|token|hash|session|api_?key/i;
const IBAN_KEY = /iban/i;

export function maskForAudit(value: unknown, key = ''): unknown {
  if (value === null || value === undefined) return value;
  if (SECRET_KEY.test(key)) return '***';
  if (IBAN_KEY.test(key) && typeof value === 'string') return maskIban(value);
  if (Array.isArray(value)) return value.map((v) => maskForAudit(v));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskForAudit(v, k)]));
  }
  return value;
}
