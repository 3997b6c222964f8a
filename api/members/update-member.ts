import { changedFields, writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { checkMemberRules, memberValues } from './member-rules';
import { findMemberForUpdate, nextMemberNumber, updateMemberRow } from './queries';
import type { MemberInput } from './schemas';

export const MEMBER_NOT_FOUND = msg('Dieses Mitglied gibt es nicht.', 'This member does not exist.');

/** Changes a member record; the audit row keeps exactly what changed. A member number is never changed or taken back. */
export async function updateMember(trx: Executor, input: { id: number; member: MemberInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const before = await findMemberForUpdate(trx, input.id);
  if (!before) throw new AppError('not_found', MEMBER_NOT_FOUND);
  const now = deps.clock.now();
  await checkMemberRules(trx, input.member, berlinToday(now), before.id);
  const numberNeeded = before.member_number === null && input.member.status !== 'applicant';
  const after = await updateMemberRow(
    trx,
    input.id,
    { ...memberValues(input.member), ...(numberNeeded ? { member_number: await nextMemberNumber(trx) } : {}) },
    now,
  );
  const { updated_at: _b, ...b } = before;
  const { updated_at: _a, ...a } = after;
  const diff = changedFields(b, a);
  if (diff) await writeAudit(trx, { actor: input.actor, action: 'member.updated', entity: 'member', entityId: after.id, ...diff }, deps);
  return after;
}
