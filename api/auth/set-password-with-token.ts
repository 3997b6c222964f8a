import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { deleteSessionsOfUser, findUsableUserToken, markUserTokensUsed, updateUser } from './queries';
import { hashPassword, hashSecret } from './secrets';
import { createSession } from './sessions';

export const LINK_INVALID = msg(
  'Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt. Bitte einen neuen anfordern.',
  'This link is invalid, has expired or was already used. Please request a new one.',
);

/** Looks a mailed link up without using it (to show the form). */
export async function checkUserToken(db: Executor, token: string, deps: Pick<Deps, 'clock'>) {
  const row = await findUsableUserToken(db, hashSecret(token), deps.clock.now());
  if (!row) throw new AppError('not_found', LINK_INVALID);
  return row;
}

/**
 * Sets a password from an invitation or reset link, in one transaction: the link is locked and
 * spent (a double click finds it used), an invited account becomes active, every other session
 * of the account ends, and a new session is opened.
 */
export async function setPasswordWithToken(
  trx: Executor,
  input: { token: string; password: string; requestId?: string },
  deps: Pick<Deps, 'clock' | 'config'>,
) {
  const row = await checkUserToken(trx, input.token, deps);
  if (row.status === 'disabled') throw new AppError('forbidden', msg('Dieses Konto ist gesperrt.', 'This account is disabled.'));
  const now = deps.clock.now();
  await markUserTokensUsed(trx, row.user_id, row.purpose, now);
  const user = await updateUser(trx, row.user_id, {
    password_hash: await hashPassword(input.password),
    status: 'active',
    updated_at: now,
  });
  await deleteSessionsOfUser(trx, user.id);
  const actor: Actor = { kind: 'user', id: user.id, label: `${user.name} <${user.email}>`, role: user.role, requestId: input.requestId };
  await writeAudit(
    trx,
    {
      actor,
      action: row.purpose === 'invite' ? 'user.invitation_accepted' : 'user.password_reset',
      entity: 'user',
      entityId: user.id,
      before: row.purpose === 'invite' ? { status: row.status } : null,
      after: { status: user.status, password: 'changed' },
    },
    deps,
  );
  const session = await createSession(trx, user.id, deps);
  return { user, ...session };
}
