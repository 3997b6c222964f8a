import type { Deps, Executor } from '../deps';
import { enqueueMail } from '../mail/enqueue-mail';
import { getAssociationName } from '../settings/queries';
import { findUserByEmailWithHash, insertUserToken } from './queries';
import { hashSecret, newSecret } from './secrets';

export const RESET_TTL_MS = 60 * 60_000;

/**
 * Writes a one-hour reset link to the outbox for an active account. Answers the same whether
 * or not the address is known, so the form cannot be used to probe for accounts.
 */
export async function requestPasswordReset(trx: Executor, input: { email: string }, deps: Pick<Deps, 'clock' | 'config'>) {
  const user = await findUserByEmailWithHash(trx, input.email.trim().toLowerCase());
  if (!user || user.status !== 'active') return { queued: false };
  const token = newSecret();
  const now = deps.clock.now();
  await insertUserToken(trx, {
    userId: user.id,
    purpose: 'password_reset',
    hash: hashSecret(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + RESET_TTL_MS),
  });
  await enqueueMail(
    trx,
    {
      template: 'password-reset',
      language: user.language,
      to: user.email,
      sensitive: true,
      vars: {
        name: user.name,
        association: await getAssociationName(trx),
        link: `${deps.config.BASE_URL}/password/reset?token=${token}`,
      },
    },
    deps,
  );
  return { queued: true };
}
