import { hashSecret, newSecret } from '../auth/secrets';
import type { Actor, Deps, Executor } from '../deps';
import { deleteExpiredPortalSessions, deletePortalSession, extendPortalSession, findPortalSessionWithMember, insertPortalSession } from './queries';

/**
 * Portal sessions work like staff sessions (api/auth/sessions.ts: a 256-bit cookie token, only
 * its SHA-256 stored, sliding expiry) but live in their own table and cookie and last one hour:
 * a member looks something up and leaves, often on a shared or borrowed phone.
 */
export const PORTAL_COOKIE = 'kw_portal';
/** The cookie is sent to the portal's paths only, so it never travels with a staff request. */
export const PORTAL_PATH = '/portal';
export const PORTAL_SESSION_TTL_MS = 60 * 60_000;

export function isPortalPath(path: string) {
  return path === PORTAL_PATH || path.startsWith(`${PORTAL_PATH}/`);
}

export async function createPortalSession(trx: Executor, memberId: number, deps: Pick<Deps, 'clock'>) {
  const token = newSecret();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + PORTAL_SESSION_TTL_MS);
  await deleteExpiredPortalSessions(trx, now);
  await insertPortalSession(trx, { id: hashSecret(token), memberId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

export type PortalMember = Omit<NonNullable<Awaited<ReturnType<typeof findPortalSessionWithMember>>>, 'expires_at' | 'status'>;

/** The member behind a portal cookie, or null (unknown, expired, or no longer an active member). */
export async function validatePortalSession(db: Executor, token: string, deps: Pick<Deps, 'clock'>) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = hashSecret(token);
  const row = await findPortalSessionWithMember(db, id);
  if (!row) return null;
  const now = deps.clock.now();
  if (row.expires_at.getTime() <= now.getTime() || row.status !== 'active') {
    await deletePortalSession(db, id);
    return null;
  }
  let expiresAt = row.expires_at;
  let renewed = false;
  if (expiresAt.getTime() - now.getTime() < PORTAL_SESSION_TTL_MS / 2) {
    expiresAt = new Date(now.getTime() + PORTAL_SESSION_TTL_MS);
    await extendPortalSession(db, id, expiresAt);
    renewed = true;
  }
  const { expires_at: _e, status: _s, ...member } = row;
  return { member: member as PortalMember, expiresAt, renewed };
}

/** A member acting in the portal, as the audit log names them (the treasurer sees it in the member's history). */
export function portalActor(member: { id: number; member_number: number | null }, requestId?: string): Actor {
  return { kind: 'member', id: member.id, label: `Mitglied ${member.member_number ?? `#${member.id}`} (Portal)`, role: null, requestId };
}

export async function endPortalSession(db: Executor, token: string) {
  await deletePortalSession(db, hashSecret(token));
}
