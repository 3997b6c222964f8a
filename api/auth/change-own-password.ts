import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { findUserByEmailWithHash, updateUser } from './queries';
import { hashPassword, verifyPassword } from './secrets';

export async function changeOwnPassword(
  trx: Executor,
  input: { email: string; currentPassword: string; newPassword: string; actor: Actor },
  deps: Pick<Deps, 'clock'>,
) {
  const user = await findUserByEmailWithHash(trx, input.email);
  if (!user || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw new AppError('validation', undefined, [
      { field: 'current_password', message: msg('Das bisherige Passwort stimmt nicht.', 'The current password is wrong.') },
    ]);
  }
  await updateUser(trx, user.id, { password_hash: await hashPassword(input.newPassword), updated_at: deps.clock.now() });
  await writeAudit(trx, { actor: input.actor, action: 'user.password_changed', entity: 'user', entityId: user.id, after: { password: 'changed' } }, deps);
}
