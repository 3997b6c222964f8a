import type { Member } from '../../db/schema';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import type { MemberInput } from '../members/schemas';
import { updateMember } from '../members/update-member';
import { findMemberRowForUpdate } from './queries';

/** The fields a member may change about themselves in the portal. */
export type OwnChanges = Partial<Pick<MemberInput, 'street' | 'postal_code' | 'city' | 'country' | 'phone' | 'email' | 'payment_method'>>;

const GONE = msg(
  'Ihre Mitgliedschaft ist nicht mehr aktiv; Änderungen nimmt der Verein entgegen.',
  'Your membership is no longer active; please send changes to the association.',
  'عضويتك لم تعد فعّالة؛ يرجى إرسال التغييرات إلى الجمعية.',
  'Üyeliğiniz artık aktif değil; değişiklikleri lütfen derneğe iletin.',
);

/** The stored record as the members area's input: what the portal does not change stays as it is. */
function asMemberInput(row: Member): MemberInput {
  const opt = <T>(v: T | null) => v ?? undefined;
  return {
    first_name: row.first_name,
    last_name: row.last_name,
    street: opt(row.street),
    postal_code: opt(row.postal_code),
    city: opt(row.city),
    country: row.country,
    email: opt(row.email),
    phone: opt(row.phone),
    birth_date: opt(row.birth_date),
    join_date: opt(row.join_date),
    exit_date: opt(row.exit_date),
    status: row.status,
    membership_type_id: row.membership_type_id,
    reduced_fee: row.reduced_fee,
    payment_method: row.payment_method,
    payer_member_id: opt(row.payer_member_id),
    consent_newsletter_on: opt(row.consent_newsletter_on),
    consent_photos_on: opt(row.consent_photos_on),
    notes: opt(row.notes),
    language: row.language,
  };
}

/**
 * A member's own change to their record, through the members area's updateMember: the same
 * rules, and the same audit row ('member.updated', only what changed) with the member as the
 * actor, so the treasurer sees it in the member's history. The row is locked first, so a
 * treasurer's edit at the same moment is not overwritten with stale values.
 */
export async function updateOwnRecord(trx: Executor, input: { memberId: number; changes: OwnChanges; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const row = await findMemberRowForUpdate(trx, input.memberId);
  if (!row || row.status !== 'active') throw new AppError('conflict', GONE);
  const member: MemberInput = { ...asMemberInput(row), ...input.changes };
  return updateMember(trx, { id: row.id, member, actor: input.actor }, deps);
}
