import type { Deps, Executor } from '../deps';
import { AppError, type Msg } from '../http/errors';
import { countRateLimitHits, insertRateLimitHit } from './queries';
import { hashSecret } from './secrets';

export interface RateLimit {
  /** which form: 'application', … */
  bucket: string;
  limit: number;
  windowMs: number;
  message: Msg;
}

/**
 * Counts one use of a public form by a client and refuses with 429 past the limit. The client
 * address is kept only as a SHA-256 hash, for a day (the scheduler prunes it). Runs on the db,
 * outside the form's transaction, so a refused or failed attempt still counts.
 */
export async function hitRateLimit(db: Executor, limit: RateLimit, clientKey: string, deps: Pick<Deps, 'clock'>) {
  const now = deps.clock.now();
  const keyHash = hashSecret(`${limit.bucket}:${clientKey}`);
  const { hits } = await countRateLimitHits(db, limit.bucket, keyHash, new Date(now.getTime() - limit.windowMs));
  if (hits >= limit.limit) {
    throw new AppError('rate_limited', limit.message, [], { 'retry-after': String(Math.ceil(limit.windowMs / 1000)) });
  }
  await insertRateLimitHit(db, { bucket: limit.bucket, key_hash: keyHash, at: now });
}
