import { changedFields, writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { findMembershipType, findMembershipTypeByName, insertMembershipType, updateMembershipTypeRow } from './queries';
import type { MembershipTypeInput } from './schemas';

/** Creates (id null) or changes a membership type. Names are unique, regardless of case. */
export async function saveMembershipType(
  trx: Executor,
  input: { id: number | null; type: MembershipTypeInput; actor: Actor },
  deps: Pick<Deps, 'clock'>,
) {
  const clash = await findMembershipTypeByName(trx, input.type.name);
  if (clash && clash.id !== input.id) {
    throw new AppError('conflict', undefined, [{ field: 'name', message: msg('Diesen Namen gibt es schon.', 'This name exists already.') }]);
  }
  if (input.type.reduced_fee_cents !== undefined && input.type.reduced_fee_cents > input.type.fee_cents) {
    throw new AppError('validation', undefined, [
      { field: 'reduced_fee_cents', message: msg('Der ermäßigte Beitrag ist höher als der volle.', 'The reduced fee is higher than the full fee.') },
    ]);
  }
  if (input.id === null) {
    const created = await insertMembershipType(trx, input.type, deps.clock.now());
    await writeAudit(trx, { actor: input.actor, action: 'membership_type.created', entity: 'membership_type', entityId: created.id, after: { ...created } }, deps);
    return created;
  }
  const before = await findMembershipType(trx, input.id);
  if (!before) throw new AppError('not_found', msg('Diese Beitragsart gibt es nicht.', 'This membership type does not exist.'));
  const after = await updateMembershipTypeRow(trx, input.id, input.type);
  const diff = changedFields(before, after);
  if (diff) await writeAudit(trx, { actor: input.actor, action: 'membership_type.updated', entity: 'membership_type', entityId: after.id, ...diff }, deps);
  return after;
}
