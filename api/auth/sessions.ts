import type { Deps, Executor } from '../deps';
import { deleteSession, extendSession, findSessionWithUser, insertSession } from './queries';
import { hashSecret, newSecret } from './secrets';

/**
 * Sessions (after lucia's auth_session): the cookie holds a 256-bit random token, the table
 * only its SHA-256. Expiry slides: a session used in the second half of its lifetime is
 * extended by a whole lifetime.
 */
export const SESSION_COOKIE = 'kw_session';

function ttlMs(deps: Pick<Deps, 'config'>) {
  return deps.config.SESSION_TTL_HOURS * 3_600_000;
}

export async function createSession(trx: Executor, userId: number, deps: Pick<Deps, 'clock' | 'config'>) {
  const token = newSecret();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + ttlMs(deps));
  await insertSession(trx, { id: hashSecret(token), userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof findSessionWithUser>>>;

export async function validateSession(db: Executor, token: string, deps: Pick<Deps, 'clock' | 'config'>) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = hashSecret(token);
  const row = await findSessionWithUser(db, id);
  if (!row) return null;
  const now = deps.clock.now();
  if (row.expires_at.getTime() <= now.getTime() || row.status !== 'active') {
    await deleteSession(db, id);
    return null;
  }
  let expiresAt = row.expires_at;
  let renewed = false;
  if (expiresAt.getTime() - now.getTime() < ttlMs(deps) / 2) {
    expiresAt = new Date(now.getTime() + ttlMs(deps));
    await extendSession(db, id, expiresAt);
    renewed = true;
  }
  return { user: row, sessionId: id, expiresAt, renewed };
}

export async function endSession(db: Executor, token: string) {
  await deleteSession(db, hashSecret(token));
}
