import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { berlinToday } from '../lib/dates';
import { checkMemberRules, memberValues } from './member-rules';
import { insertMember, nextMemberNumber } from './queries';
import type { MemberInput } from './schemas';

/** Records a member. A member number is drawn for everyone but applicants (they get one when accepted). */
export async function createMember(trx: Executor, input: { member: MemberInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const now = deps.clock.now();
  await checkMemberRules(trx, input.member, berlinToday(now), null);
  const memberNumber = input.member.status === 'applicant' ? null : await nextMemberNumber(trx);
  const member = await insertMember(trx, { ...memberValues(input.member), member_number: memberNumber }, now);
  await writeAudit(trx, { actor: input.actor, action: 'member.created', entity: 'member', entityId: member.id, after: { ...member } }, deps);
  return member;
}
