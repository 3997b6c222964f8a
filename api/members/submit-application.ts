import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg, validationError, type FieldError } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { mandateText } from '../lib/mandate-text';
import { formatEuro } from '../lib/money';
import { enqueueMail } from '../mail/enqueue-mail';
import { checkMandateAccount } from '../sepa/create-mandate';
import { getAssociation } from '../settings/queries';
import { findApplicationBySubmission, findMembershipType, insertApplication, insertMember, lockSubmission } from './queries';
import type { ApplicationInput } from './schemas';

/**
 * An online application (Mitgliedsantrag): the applicant becomes a member row with status
 * 'applicant' (no member number yet), the mandate waits on the application with the exact text
 * agreed to, and the applicant gets a confirmation in their language. The audit row names no
 * personal data: if the application is declined, the record goes and nothing of it stays.
 * The form's one-time key makes a double click or a resent form the same application.
 */
export async function submitApplication(trx: Executor, input: { application: ApplicationInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const a = input.application;
  if (a.submission) {
    await lockSubmission(trx, a.submission);
    const earlier = await findApplicationBySubmission(trx, a.submission);
    if (earlier) return { applicationId: earlier.id, memberId: earlier.member_id, repeated: true };
  }
  const association = await getAssociation(trx);
  if (!association) throw new AppError('conflict', msg('Der Verein ist noch nicht eingerichtet.', 'The association is not set up yet.', 'لم يتم إعداد الجمعية بعد.', 'Dernek henüz kurulmadı.'));
  const now = deps.clock.now();
  const today = berlinToday(now);
  const errors: FieldError[] = [];
  const type = await findMembershipType(trx, a.membership_type_id);
  if (!type || !type.active) {
    errors.push({ field: 'membership_type_id', message: msg('Bitte eine der angebotenen Mitgliedschaften wählen', 'Please choose one of the memberships offered', 'يرجى اختيار أحد أنواع العضوية المعروضة', 'Lütfen sunulan üyelik türlerinden birini seçin') });
  } else if (a.reduced_fee && type.reduced_fee_cents === null) {
    errors.push({ field: 'reduced_fee', message: msg('Für diese Mitgliedschaft gibt es keinen ermäßigten Beitrag', 'This membership has no reduced fee', 'لا يوجد اشتراك مخفّض لهذا النوع من العضوية', 'Bu üyelik türünde indirimli aidat yok') });
  }
  if (a.birth_date && (a.birth_date > today || a.birth_date < '1900-01-01')) {
    errors.push({ field: 'birth_date', message: msg('Bitte das Geburtsdatum prüfen', 'Please check the birth date', 'يرجى التحقق من تاريخ الميلاد', 'Lütfen doğum tarihini kontrol edin') });
  }
  if (a.payment_method === 'sepa_debit') {
    if (!association.creditor_id) {
      errors.push({ field: 'payment_method', message: msg('Lastschrift ist bei uns noch nicht eingerichtet – bitte „Überweisung“ wählen', 'Direct debit is not set up here yet – please choose “bank transfer”', 'الخصم المباشر غير متاح لدينا بعد – يرجى اختيار „تحويل بنكي“', 'Otomatik ödeme henüz kurulmadı – lütfen „Havale“yi seçin') });
    } else {
      checkMandateAccount({ iban: a.iban!, bic: a.bic, account_holder: a.account_holder! }, errors);
    }
  }
  if (errors.length) throw validationError(errors);

  const member = await insertMember(
    trx,
    {
      member_number: null,
      first_name: a.first_name,
      last_name: a.last_name,
      street: a.street,
      postal_code: a.postal_code,
      city: a.city,
      country: a.country,
      email: a.email,
      phone: a.phone ?? null,
      birth_date: a.birth_date ?? null,
      join_date: null,
      exit_date: null,
      status: 'applicant',
      membership_type_id: type!.id,
      reduced_fee: a.reduced_fee,
      payment_method: a.payment_method,
      payer_member_id: null,
      consent_newsletter_on: a.consent_newsletter ? today : null,
      consent_photos_on: a.consent_photos ? today : null,
      notes: null,
      language: a.language,
    },
    now,
  );
  const byDebit = a.payment_method === 'sepa_debit';
  const application = await insertApplication(trx, {
    member_id: member.id,
    submitted_at: now,
    submission_key: a.submission ?? null,
    iban: byDebit ? a.iban! : null,
    bic: byDebit ? (a.bic ?? null) : null,
    account_holder: byDebit ? a.account_holder! : null,
    mandate_text: byDebit ? mandateText(association) : null,
  });
  await writeAudit(
    trx,
    { actor: input.actor, action: 'member.applied', entity: 'member', entityId: member.id, after: { application_id: application.id, membership_type_id: type!.id, payment_method: a.payment_method } },
    deps,
  );
  const fee = a.reduced_fee && type!.reduced_fee_cents !== null ? type!.reduced_fee_cents : type!.fee_cents;
  await enqueueMail(
    trx,
    {
      template: 'application-received',
      language: a.language,
      to: a.email,
      vars: { name: `${a.first_name} ${a.last_name}`, association: association.name, typeName: type!.name, fee: formatEuro(fee), interval: type!.interval, byDebit },
    },
    deps,
  );
  return { applicationId: application.id, memberId: member.id, repeated: false };
}
