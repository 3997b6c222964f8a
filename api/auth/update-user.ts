import type { Role } from '../../db/schema';
import { changedFields, writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { countActiveAdmins, deleteSessionsOfUser, findUserById, updateUser as updateUserRow } from './queries';

/**
 * Changes a user's name, role, status or language (admin). The last active admin can neither
 * lose the role nor be disabled: the association must never lock itself out. Disabling or a
 * role change ends the user's sessions, so the new rights apply at once.
 */
export async function updateUser(
  trx: Executor,
  input: { id: number; changes: { name?: string; role?: Role; status?: 'active' | 'disabled'; language?: 'de' | 'en' }; actor: Actor },
  deps: Pick<Deps, 'clock'>,
) {
  const before = await findUserById(trx, input.id);
  if (!before) throw new AppError('not_found', msg('Dieses Konto gibt es nicht.', 'This account does not exist.'));
  const losesAdmin =
    before.role === 'admin' && before.status === 'active' &&
    ((input.changes.role && input.changes.role !== 'admin') || input.changes.status === 'disabled');
  if (losesAdmin && (await countActiveAdmins(trx)) <= 1) {
    throw new AppError(
      'conflict',
      msg('Das letzte aktive Admin-Konto kann weder herabgestuft noch gesperrt werden.', 'The last active admin account can be neither demoted nor disabled.'),
    );
  }
  if (input.changes.status === 'active' && before.status === 'invited') {
    throw new AppError('conflict', msg('Eingeladene Konten werden aktiv, wenn die Einladung angenommen wird.', 'Invited accounts become active when the invitation is accepted.'));
  }
  const after = await updateUserRow(trx, input.id, { ...input.changes, updated_at: deps.clock.now() });
  const diff = changedFields(before, after);
  if (diff) {
    await writeAudit(trx, { actor: input.actor, action: 'user.updated', entity: 'user', entityId: after.id, ...diff }, deps);
  }
  if ((input.changes.role && input.changes.role !== before.role) || input.changes.status === 'disabled') {
    await deleteSessionsOfUser(trx, after.id);
  }
  return after;
}
