import { hashSecret, newSecret } from '../auth/secrets';
import type { Actor, Deps, Executor } from '../deps';
import { deleteDonorSession, deleteExpiredDonorSessions, deleteExpiredDonorTokens, extendDonorSession, findDonorSessionWithDonor, insertDonorSession } from './queries';

/**
 * Donor portal sessions work like the member portal's (api/portal/portal-sessions.ts): a 256-bit
 * cookie token, only its SHA-256 stored, one hour, sliding. Their own table and their own cookie
 * with Path=/donor, so a donor session never travels with a staff or member-portal request.
 */
export const DONOR_COOKIE = 'kw_donor';
export const DONOR_PATH = '/donor';
export const DONOR_SESSION_TTL_MS = 60 * 60_000;

export function isDonorPortalPath(path: string) {
  return path === DONOR_PATH || path.startsWith(`${DONOR_PATH}/`);
}

export async function createDonorSession(trx: Executor, donorId: number, deps: Pick<Deps, 'clock'>) {
  const token = newSecret();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + DONOR_SESSION_TTL_MS);
  await deleteExpiredDonorSessions(trx, now);
  await insertDonorSession(trx, { id: hashSecret(token), donorId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

export type PortalDonor = Omit<NonNullable<Awaited<ReturnType<typeof findDonorSessionWithDonor>>>, 'expires_at'>;

/** The donor behind a portal cookie, or null (unknown or expired; an expired one is deleted). */
export async function validateDonorSession(db: Executor, token: string, deps: Pick<Deps, 'clock'>) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = hashSecret(token);
  const row = await findDonorSessionWithDonor(db, id);
  if (!row) return null;
  const now = deps.clock.now();
  if (row.expires_at.getTime() <= now.getTime()) {
    await deleteDonorSession(db, id);
    return null;
  }
  let expiresAt = row.expires_at;
  let renewed = false;
  if (expiresAt.getTime() - now.getTime() < DONOR_SESSION_TTL_MS / 2) {
    expiresAt = new Date(now.getTime() + DONOR_SESSION_TTL_MS);
    await extendDonorSession(db, id, expiresAt);
    renewed = true;
  }
  const { expires_at: _e, ...donor } = row;
  return { donor: donor as PortalDonor, expiresAt, renewed };
}

/** A donor acting in the portal, as the audit log names them (the treasurer sees it in the donor's history). */
export function donorActor(donor: { id: number }, requestId?: string): Actor {
  return { kind: 'donor', id: donor.id, label: `Spender/in #${donor.id} (Spendenportal)`, role: null, requestId };
}

export async function endDonorSession(db: Executor, token: string) {
  await deleteDonorSession(db, hashSecret(token));
}

/**
 * Deletes expired donor sessions and links. Opening a session and asking for a link clear them
 * too (as in the member portal), but donors come rarely: the scheduler makes sure a link or
 * session does not outlive its expiry by months.
 */
export async function pruneDonorPortal(db: Executor, deps: Pick<Deps, 'clock'>) {
  const now = deps.clock.now();
  await deleteExpiredDonorSessions(db, now);
  await deleteExpiredDonorTokens(db, now);
}
