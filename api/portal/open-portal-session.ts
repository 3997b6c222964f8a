import { hashSecret } from '../auth/secrets';
import type { Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { createPortalSession } from './portal-sessions';
import { consumePortalToken, findUsablePortalToken, spendPortalTokens, type PortalTokenPurpose } from './queries';

export const LINK_INVALID = msg(
  'Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt. Bitte fordern Sie einen neuen an.',
  'This link is invalid, has expired or was already used. Please request a new one.',
  'هذا الرابط غير صالح أو منتهي الصلاحية أو استُخدم من قبل. يرجى طلب رابط جديد.',
  'Bu bağlantı geçersiz, süresi dolmuş ya da daha önce kullanılmış. Lütfen yeni bir bağlantı isteyin.',
);

/** Whether a mailed link could still be used, without using it: the page a GET shows. */
export async function checkPortalLink(db: Executor, input: { token: string; purpose: PortalTokenPurpose }, deps: Pick<Deps, 'clock'>) {
  const row = /^[A-Za-z0-9_-]{43}$/.test(input.token) ? await findUsablePortalToken(db, hashSecret(input.token), input.purpose, deps.clock.now()) : undefined;
  if (!row) throw new AppError('not_found', LINK_INVALID);
  return row;
}

/** Uses a mailed link in one statement (api/portal/queries.ts): a second use finds it spent. */
export async function consumePortalLink(trx: Executor, input: { token: string; purpose: PortalTokenPurpose }, deps: Pick<Deps, 'clock'>) {
  const row = /^[A-Za-z0-9_-]{43}$/.test(input.token) ? await consumePortalToken(trx, hashSecret(input.token), input.purpose, deps.clock.now()) : undefined;
  if (!row) throw new AppError('not_found', LINK_INVALID);
  return row;
}

/**
 * Opens a portal session with a login link (the POST behind the link page's button): the link
 * is spent, any other open login link of the member too, and a new session begins. The member
 * must still be active (checked again when the session is used).
 */
export async function openPortalSession(trx: Executor, input: { token: string }, deps: Pick<Deps, 'clock'>) {
  const { member_id } = await consumePortalLink(trx, { token: input.token, purpose: 'login' }, deps);
  await spendPortalTokens(trx, member_id, 'login', deps.clock.now());
  return createPortalSession(trx, member_id, deps);
}
