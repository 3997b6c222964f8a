import { hitRateLimit, type RateLimit } from '../auth/rate-limit';
import { hashSecret, newSecret } from '../auth/secrets';
import type { Deps, Executor } from '../deps';
import { msg } from '../http/errors';
import { enqueueMail } from '../mail/enqueue-mail';
import { getAssociationName } from '../settings/queries';
import { deleteExpiredDonorTokens, donorsByEmail, insertDonorToken, spendDonorTokens } from './queries';

export const DONOR_LINK_TTL_MS = 20 * 60_000;

const TOO_MANY = msg(
  'Zu viele Anmeldelinks angefordert. Bitte warten Sie 15 Minuten; der zuletzt geschickte Link gilt weiter.',
  'Too many login links requested. Please wait 15 minutes; the link sent last still works.',
  'طلبت روابط دخول كثيرة جداً. يرجى الانتظار 15 دقيقة؛ آخر رابط أُرسل ما زال صالحاً.',
  'Çok fazla giriş bağlantısı istendi. Lütfen 15 dakika bekleyin; en son gönderilen bağlantı geçerliliğini koruyor.',
);
/** As the member portal (api/portal/request-login-link.ts): a few tries per address, more per client. */
export const DONOR_LINKS_PER_ADDRESS: RateLimit = { bucket: 'donor-link-address', limit: 5, windowMs: 15 * 60_000, message: TOO_MANY };
export const DONOR_LINKS_PER_CLIENT: RateLimit = { bucket: 'donor-link-client', limit: 30, windowMs: 15 * 60_000, message: TOO_MANY };

/**
 * Counts a link request against both limits, on the db before and outside the transaction, for
 * known and unknown addresses alike: the limit tells nothing about who has given.
 */
export async function limitDonorLinkRequests(db: Executor, input: { email: string; ip: string }, deps: Pick<Deps, 'clock'>) {
  await hitRateLimit(db, DONOR_LINKS_PER_ADDRESS, input.email, deps);
  await hitRateLimit(db, DONOR_LINKS_PER_CLIENT, input.ip, deps);
}

/**
 * Mails a login link to every donor with this address — a family sharing one address gets one
 * link per donor, and each link opens that donor's gifts only — in the donor's language.
 * Answers nothing about whether the address is known. Only a donor's newest link works.
 */
export async function requestDonorLoginLink(trx: Executor, input: { email: string }, deps: Pick<Deps, 'clock' | 'config'>) {
  const now = deps.clock.now();
  await deleteExpiredDonorTokens(trx, now);
  const donors = await donorsByEmail(trx, input.email);
  if (!donors.length) return { mailed: 0 };
  const association = await getAssociationName(trx);
  for (const donor of donors) {
    const token = newSecret();
    await spendDonorTokens(trx, donor.id, now);
    await insertDonorToken(trx, { donorId: donor.id, hash: hashSecret(token), createdAt: now, expiresAt: new Date(now.getTime() + DONOR_LINK_TTL_MS) });
    await enqueueMail(
      trx,
      {
        template: 'donor-login',
        language: donor.language,
        to: donor.email!,
        sensitive: true,
        vars: { name: donor.name, association, link: `${deps.config.BASE_URL}/donor/link?lang=${donor.language}&token=${token}`, minutes: DONOR_LINK_TTL_MS / 60_000 },
      },
      deps,
    );
  }
  return { mailed: donors.length };
}
