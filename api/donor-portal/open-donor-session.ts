import { hashSecret } from '../auth/secrets';
import type { Deps, Executor } from '../deps';
import { AppError } from '../http/errors';
import { LINK_INVALID } from '../portal/open-portal-session';
import { createDonorSession } from './donor-sessions';
import { consumeDonorToken, findUsableDonorToken, spendDonorTokens } from './queries';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Whether a mailed link could still be used, without using it: the page a GET shows. */
export async function checkDonorLink(db: Executor, input: { token: string }, deps: Pick<Deps, 'clock'>) {
  const row = TOKEN_SHAPE.test(input.token) ? await findUsableDonorToken(db, hashSecret(input.token), deps.clock.now()) : undefined;
  if (!row) throw new AppError('not_found', LINK_INVALID);
  return row;
}

/**
 * Opens a donor portal session with a login link (the POST behind the link page's button): the
 * link is spent in one statement (a second use finds it spent), the donor's other open links
 * too, and a new session begins.
 */
export async function openDonorSession(trx: Executor, input: { token: string }, deps: Pick<Deps, 'clock'>) {
  const now = deps.clock.now();
  const row = TOKEN_SHAPE.test(input.token) ? await consumeDonorToken(trx, hashSecret(input.token), now) : undefined;
  if (!row) throw new AppError('not_found', LINK_INVALID);
  await spendDonorTokens(trx, row.donor_id, now);
  return createDonorSession(trx, row.donor_id, deps);
}
