import type { Role } from '../../db/schema';
import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { enqueueMail } from '../mail/enqueue-mail';
import { getAssociationName } from '../settings/queries';
import { findUserByEmailWithHash, insertUser, insertUserToken } from './queries';
import { hashSecret, newSecret } from './secrets';

export const INVITE_TTL_MS = 7 * 24 * 3_600_000;

export const ROLE_NAMES: Record<Role, { de: string; en: string }> = {
  admin: { de: 'Administration', en: 'Administrator' },
  treasurer: { de: 'Kassenwart/in', en: 'Treasurer' },
  board: { de: 'Vorstand', en: 'Board' },
  member: { de: 'Mitglied', en: 'Member' },
};

/** Creates an invited account and mails a 7-day link to set the password (through the outbox). */
export async function inviteUser(
  trx: Executor,
  input: { email: string; name: string; role: Role; language: 'de' | 'en'; actor: Actor },
  deps: Pick<Deps, 'clock' | 'config'>,
) {
  if (await findUserByEmailWithHash(trx, input.email)) {
    throw new AppError('conflict', msg('Es gibt schon ein Konto mit dieser E-Mail-Adresse.', 'An account with this e-mail address exists already.'), [
      { field: 'email', message: msg('Schon vergeben', 'Already taken') },
    ]);
  }
  const now = deps.clock.now();
  const user = await insertUser(trx, { ...input, status: 'invited', password_hash: null, at: now });
  const token = newSecret();
  await insertUserToken(trx, {
    userId: user.id,
    purpose: 'invite',
    hash: hashSecret(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
  });
  await writeAudit(
    trx,
    { actor: input.actor, action: 'user.invited', entity: 'user', entityId: user.id, after: { email: user.email, name: user.name, role: user.role } },
    deps,
  );
  await enqueueMail(
    trx,
    {
      template: 'invite',
      language: user.language,
      to: user.email,
      sensitive: true,
      vars: {
        name: user.name,
        association: await getAssociationName(trx),
        invitedBy: input.actor.label.replace(/ <.*>$/, ''),
        role: ROLE_NAMES[user.role][user.language],
        link: `${deps.config.BASE_URL}/invite/accept?token=${token}`,
      },
    },
    deps,
  );
  return user;
}
