import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Passwords: scrypt from node:crypto, N=2^14, r=8, p=5 (16 MiB, one of OWASP's equivalent
 * settings). Memory-hard and salted; runs on Node and on Workers (nodejs_compat), where
 * argon2 bindings do not and WebCrypto PBKDF2 is capped below current guidance
 * (shared/STACK.md). The parameters are stored with the hash, so they can be raised later.
 */
const N = 2 ** 14;
const r = 8;
const p = 5;
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r: rr, p: pp, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, N, r, p);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    // Spend the same time as a real check, so a missing account cannot be told by timing.
    await scryptAsync(password, Buffer.alloc(16), N, r, p);
    return false;
  }
  const [, n, rr, pp, salt, expected] = parts;
  const key = await scryptAsync(password, Buffer.from(salt!, 'base64'), Number(n), Number(rr), Number(pp));
  const want = Buffer.from(expected!, 'base64');
  return want.length === key.length && timingSafeEqual(want, key);
}

/** A secret for a cookie, link or API token: 256 random bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** How secrets are stored: a leaked table must not open a session or an account. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
