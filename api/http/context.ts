import type { Context } from 'hono';
import type { Role } from '../../db/schema';
import type { SessionUser } from '../auth/sessions';
import type { Actor, Deps } from '../deps';
import { portalActor, type PortalMember } from '../portal/portal-sessions';
import { donorActor, type PortalDonor } from '../donor-portal/donor-sessions';
import type { Lang, VisitorLang } from './errors';

export type Identity =
  | { kind: 'anonymous' }
  | { kind: 'user'; user: SessionUser; sessionToken: string }
  | { kind: 'token'; token: { id: number; name: string; role: Role } }
  /** a member in the portal: no staff role, reaches only 'portal' routes (api/http/access.ts) */
  | { kind: 'member'; member: PortalMember; sessionToken: string }
  /** a donor in the donor portal: no staff role, reaches only 'donor' routes (api/http/access.ts) */
  | { kind: 'donor'; donor: PortalDonor; sessionToken: string };

export interface AppEnv {
  Bindings: Record<string, unknown>;
  Variables: {
    deps: Deps;
    requestId: string;
    /** the language of staff screens and API answers */
    lang: Lang;
    /** the visitor's own choice among the four member languages */
    visitorLang: VisitorLang;
    /** set on public pages and portals: their texts follow the visitor's language */
    publicLang?: VisitorLang;
    identity: Identity;
    csrfToken: string;
  };
}
export type AppContext = Context<AppEnv>;

export function roleOf(identity: Identity): Role | null {
  if (identity.kind === 'user') return identity.user.role;
  if (identity.kind === 'token') return identity.token.role;
  return null;
}

export function actorOf(c: AppContext): Actor {
  const identity = c.get('identity');
  const requestId = c.get('requestId');
  if (identity.kind === 'user') {
    const u = identity.user;
    return { kind: 'user', id: u.id, label: `${u.name} <${u.email}>`, role: u.role, requestId };
  }
  if (identity.kind === 'token') {
    const t = identity.token;
    return { kind: 'token', id: t.id, label: `API-Token „${t.name}“ (#${t.id})`, role: t.role, requestId };
  }
  if (identity.kind === 'member') return portalActor(identity.member, requestId);
  if (identity.kind === 'donor') return donorActor(identity.donor, requestId);
  return { kind: 'anonymous', id: null, label: 'anonym', role: null, requestId };
}

export function currentUser(c: AppContext): SessionUser {
  const identity = c.get('identity');
  if (identity.kind !== 'user') throw new Error('route needs a logged-in user; check its access entry');
  return identity.user;
}

export function currentMember(c: AppContext): PortalMember {
  const identity = c.get('identity');
  if (identity.kind !== 'member') throw new Error('route needs a member in the portal; check its access entry');
  return identity.member;
}

export function currentDonor(c: AppContext): PortalDonor {
  const identity = c.get('identity');
  if (identity.kind !== 'donor') throw new Error('route needs a donor in the donor portal; check its access entry');
  return identity.donor;
}

/** Where the client is: the socket address, or X-Forwarded-For behind a trusted proxy. */
export function clientIp(c: AppContext): string {
  const deps = c.get('deps');
  if (deps.config.TRUST_PROXY) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const cf = c.req.header('cf-connecting-ip');
  if (cf) return cf;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

export function wantsHtml(c: AppContext): boolean {
  if (c.req.path.startsWith('/api/') || c.req.path === '/health') return false;
  // webhooks are called by machines, never by a browser: their errors are problem+json
  if (c.req.path.startsWith('/webhooks/')) return false;
  return true;
}
