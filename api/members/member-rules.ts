import type { Executor } from '../deps';
import { msg, validationError, type FieldError } from '../http/errors';
import { findMember, findMembershipType, membersPaidBy } from './queries';
import type { MemberInput } from './schemas';

/**
 * The rules a member record must keep that need the database or the date: an existing type,
 * a payer who is an active member paying for themselves (no chains), no dates in the future.
 */
export async function checkMemberRules(trx: Executor, input: MemberInput, today: string, memberId: number | null) {
  const errors: FieldError[] = [];
  const type = await findMembershipType(trx, input.membership_type_id);
  if (!type) errors.push({ field: 'membership_type_id', message: msg('Diese Beitragsart gibt es nicht.', 'This membership type does not exist.') });
  else if (input.reduced_fee && type.reduced_fee_cents === null) {
    errors.push({ field: 'reduced_fee', message: msg(`„${type.name}“ hat keinen ermäßigten Beitrag.`, `“${type.name}” has no reduced fee.`) });
  }
  if (input.payer_member_id !== undefined) {
    const payer = input.payer_member_id === memberId ? null : await findMember(trx, input.payer_member_id);
    if (!payer) {
      errors.push({ field: 'payer_member_id', message: msg('Zahlendes Mitglied nicht gefunden (oder das Mitglied selbst).', 'Paying member not found (or the member itself).') });
    } else if (payer.payer_member_id !== null) {
      errors.push({ field: 'payer_member_id', message: msg('Das zahlende Mitglied wird selbst von jemand anderem bezahlt.', 'The paying member is paid for by someone else.') });
    } else if (payer.status !== 'active') {
      errors.push({ field: 'payer_member_id', message: msg('Das zahlende Mitglied ist nicht aktiv.', 'The paying member is not active.') });
    }
  }
  if (memberId !== null && input.payer_member_id !== undefined && (await membersPaidBy(trx, memberId)).length > 0) {
    errors.push({ field: 'payer_member_id', message: msg('Dieses Mitglied zahlt schon für andere und kann nicht selbst bezahlt werden.', 'This member pays for others and cannot be paid for.') });
  }
  for (const field of ['birth_date', 'join_date', 'consent_newsletter_on', 'consent_photos_on'] as const) {
    const value = input[field];
    if (value && value > today) errors.push({ field, message: msg('Das Datum liegt in der Zukunft.', 'The date is in the future.') });
  }
  if (input.birth_date && input.birth_date < '1900-01-01') errors.push({ field: 'birth_date', message: msg('Geburtsdatum vor 1900?', 'Birth date before 1900?') });
  if (errors.length) throw validationError(errors);
}

/** The record as stored, from validated input. */
export function memberValues(input: MemberInput) {
  return {
    first_name: input.first_name,
    last_name: input.last_name,
    street: input.street ?? null,
    postal_code: input.postal_code ?? null,
    city: input.city ?? null,
    country: input.country,
    email: input.email ?? null,
    phone: input.phone ?? null,
    birth_date: input.birth_date ?? null,
    join_date: input.join_date ?? null,
    exit_date: input.exit_date ?? null,
    status: input.status,
    membership_type_id: input.membership_type_id,
    reduced_fee: input.reduced_fee,
    payment_method: input.payment_method,
    payer_member_id: input.payer_member_id ?? null,
    consent_newsletter_on: input.consent_newsletter_on ?? null,
    consent_photos_on: input.consent_photos_on ?? null,
    notes: input.notes ?? null,
    language: input.language,
  };
}
