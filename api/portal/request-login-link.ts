import { hitRateLimit, type RateLimit } from '../auth/rate-limit';
import { hashSecret, newSecret } from '../auth/secrets';
import type { Deps, Executor } from '../deps';
import { msg } from '../http/errors';
import { enqueueMail } from '../mail/enqueue-mail';
import { getAssociationName } from '../settings/queries';
import { activeMembersByEmail, deleteExpiredPortalTokens, insertPortalToken, spendPortalTokens } from './queries';

export const LOGIN_LINK_TTL_MS = 20 * 60_000;

const TOO_MANY = msg(
  'Zu viele Anmeldelinks angefordert. Bitte warten Sie 15 Minuten; der zuletzt geschickte Link gilt weiter.',
  'Too many login links requested. Please wait 15 minutes; the link sent last still works.',
  'طلبت روابط دخول كثيرة جداً. يرجى الانتظار 15 دقيقة؛ آخر رابط أُرسل ما زال صالحاً.',
  'Çok fazla giriş bağlantısı istendi. Lütfen 15 dakika bekleyin; en son gönderilen bağlantı geçerliliğini koruyor.',
);
/** Per address: a few tries for a mail that went to spam, not a mailbomb for someone else's inbox. */
export const LINKS_PER_ADDRESS: RateLimit = { bucket: 'portal-link-address', limit: 5, windowMs: 15 * 60_000, message: TOO_MANY };
/** Per client: as the staff login allows per address (api/auth/login.ts). */
export const LINKS_PER_CLIENT: RateLimit = { bucket: 'portal-link-client', limit: 30, windowMs: 15 * 60_000, message: TOO_MANY };

/**
 * Counts a link request against both limits. Runs on the db, before and outside the request's
 * transaction, so a refused request counts too — for known and unknown addresses alike, so the
 * limit tells nothing about which addresses belong to members.
 */
export async function limitLoginLinkRequests(db: Executor, input: { email: string; ip: string }, deps: Pick<Deps, 'clock'>) {
  await hitRateLimit(db, LINKS_PER_ADDRESS, input.email, deps);
  await hitRateLimit(db, LINKS_PER_CLIENT, input.ip, deps);
}

/**
 * Mails a login link to every active member with this address (a family may share one), each
 * in the member's language. Answers nothing about whether the address is known: the page says
 * the same either way. Only the newest link of a member works; older ones are spent.
 */
export async function requestLoginLink(trx: Executor, input: { email: string }, deps: Pick<Deps, 'clock' | 'config'>) {
  const now = deps.clock.now();
  await deleteExpiredPortalTokens(trx, now);
  const members = await activeMembersByEmail(trx, input.email);
  if (!members.length) return { mailed: 0 };
  const association = await getAssociationName(trx);
  for (const member of members) {
    const token = newSecret();
    await spendPortalTokens(trx, member.id, 'login', now);
    await insertPortalToken(trx, {
      memberId: member.id,
      purpose: 'login',
      hash: hashSecret(token),
      newEmail: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + LOGIN_LINK_TTL_MS),
    });
    await enqueueMail(
      trx,
      {
        template: 'portal-login',
        language: member.language,
        to: member.email!,
        sensitive: true,
        vars: { name: `${member.first_name} ${member.last_name}`, association, link: `${deps.config.BASE_URL}/portal/link?lang=${member.language}&token=${token}`, minutes: LOGIN_LINK_TTL_MS / 60_000 },
      },
      deps,
    );
  }
  return { mailed: members.length };
}
