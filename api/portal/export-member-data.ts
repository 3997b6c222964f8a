import type { Deps, Executor } from '../deps';
import { AppError } from '../http/errors';
import { getAssociationName } from '../settings/queries';
import {
  applicationOf,
  claimsOfPortalMember,
  familyPaidBy,
  mailsTo,
  mandatesOfMember,
  memberRecord,
  paymentsOfPortalMember,
  remindersOfPortalMember,
} from './queries';

/**
 * Everything the association stores about a member, for the member (GDPR Art. 15): the whole
 * record (the treasurer's notes too — they are data about the member), consents, the online
 * application, every SEPA mandate with its full IBAN (the member's own account) and the text
 * agreed online, the claims they owe or are billed for, payments, reminders, and which mails
 * went to their address (date and subject; the bodies are those mails). The JSON download is
 * this object; the PDF summary prints the same (templates/pdf/member-data.ts).
 */
export async function exportMemberData(db: Executor, input: { memberId: number }, deps: Pick<Deps, 'clock'>) {
  const record = await memberRecord(db, input.memberId);
  if (!record) throw new AppError('not_found');
  const payer = record.payer_member_id ? await memberRecord(db, record.payer_member_id) : undefined;
  const [association, paysFor, application, mandates, claims, payments, reminders, mails] = await Promise.all([
    getAssociationName(db),
    familyPaidBy(db, record.id),
    applicationOf(db, record.id),
    mandatesOfMember(db, record.id),
    claimsOfPortalMember(db, record.id),
    paymentsOfPortalMember(db, record.id),
    remindersOfPortalMember(db, record.id),
    record.email ? mailsTo(db, record.email) : Promise.resolve([]),
  ]);
  return {
    generated_at: deps.clock.now().toISOString(),
    association,
    member: {
      member_number: record.member_number,
      first_name: record.first_name,
      last_name: record.last_name,
      street: record.street,
      postal_code: record.postal_code,
      city: record.city,
      country: record.country,
      email: record.email,
      phone: record.phone,
      birth_date: record.birth_date,
      language: record.language,
      status: record.status,
      join_date: record.join_date,
      exit_date: record.exit_date,
      membership_type: record.type_name,
      fee_cents: record.reduced_fee && record.reduced_fee_cents !== null ? record.reduced_fee_cents : record.fee_cents,
      fee_interval: record.interval,
      reduced_fee: record.reduced_fee,
      payment_method: record.payment_method,
      paid_by: payer ? { member_number: payer.member_number, name: `${payer.first_name} ${payer.last_name}` } : null,
      pays_for: paysFor.map((p) => `${p.first_name} ${p.last_name}`),
      notes: record.notes,
      created_at: record.created_at.toISOString(),
      updated_at: record.updated_at.toISOString(),
    },
    consents: { newsletter_since: record.consent_newsletter_on, photos_since: record.consent_photos_on },
    application: application
      ? {
          submitted_at: application.submitted_at.toISOString(),
          accepted_at: application.accepted_at?.toISOString() ?? null,
          iban: application.iban,
          bic: application.bic,
          account_holder: application.account_holder,
          mandate_text: application.mandate_text,
        }
      : null,
    sepa_mandates: mandates.map((m) => ({ ...m, created_at: m.created_at.toISOString() })),
    claims: claims.map(({ first_name, last_name, member_id, ...c }) => ({ ...c, for_member: member_id === record.id ? null : `${first_name} ${last_name}` })),
    payments,
    reminders,
    mails: mails.map((m) => ({ created_at: m.created_at.toISOString(), sent_at: m.sent_at?.toISOString() ?? null, subject: m.subject, status: m.status })),
  };
}

export type MemberDataExport = Awaited<ReturnType<typeof exportMemberData>>;
