import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg, validationError } from '../http/errors';
import { addDays, berlinToday, formatDate } from '../lib/dates';
import { duesFor } from '../lib/dues';
import { maskIban, formatIban } from '../lib/iban';
import { formatEuro } from '../lib/money';
import { enqueueMail } from '../mail/enqueue-mail';
import { createMandate } from '../sepa/create-mandate';
import { getAssociation } from '../settings/queries';
import { findMembershipType, findOpenApplicationForUpdate, markApplicationAccepted, nextMemberNumber, updateMemberRow } from './queries';

export const APPLICATION_GONE = msg('Diesen offenen Antrag gibt es nicht (mehr) – schon entschieden?', 'There is no such open application (any more) – already decided?');

/**
 * The treasurer accepts an application: the applicant becomes an active member with the next
 * member number and the chosen join date, the mandate given online becomes an active SEPA
 * mandate (its reference KW-<number>-1, the agreed text kept as evidence), and the member gets
 * a welcome mail in their language with number, mandate reference and the first debit day (or
 * the first due date and bank details when paying by transfer).
 */
export async function acceptApplication(
  trx: Executor,
  input: { applicationId: number; join_date: string; membership_type_id?: number; reduced_fee?: boolean; actor: Actor },
  deps: Pick<Deps, 'clock' | 'config'>,
) {
  const application = await findOpenApplicationForUpdate(trx, input.applicationId);
  if (!application) throw new AppError('not_found', APPLICATION_GONE);
  const association = (await getAssociation(trx))!;
  const today = berlinToday(deps.clock.now());
  const type = await findMembershipType(trx, input.membership_type_id ?? application.membership_type_id);
  if (!type) throw validationError([{ field: 'membership_type_id', message: msg('Diese Beitragsart gibt es nicht.', 'This membership type does not exist.') }]);
  const reduced = (input.reduced_fee ?? application.reduced_fee) && type.reduced_fee_cents !== null;
  if (input.join_date > addDays(today, 366)) {
    throw validationError([{ field: 'join_date', message: msg('Eintritt höchstens ein Jahr im Voraus', 'Joining at most a year ahead') }]);
  }

  const memberNumber = await nextMemberNumber(trx);
  const member = await updateMemberRow(
    trx,
    application.member_id,
    { status: 'active', member_number: memberNumber, join_date: input.join_date, membership_type_id: type.id, reduced_fee: reduced },
    deps.clock.now(),
  );
  await writeAudit(
    trx,
    {
      actor: input.actor,
      action: 'member.accepted',
      entity: 'member',
      entityId: member.id,
      before: { status: 'applicant' },
      after: { status: 'active', member_number: memberNumber, join_date: input.join_date, membership_type_id: type.id, reduced_fee: reduced },
    },
    deps,
  );
  const mandate = application.iban
    ? await createMandate(
        trx,
        {
          memberId: member.id,
          mandate: { signed_on: berlinToday(application.submitted_at), iban: application.iban, bic: application.bic ?? undefined, account_holder: application.account_holder! },
          onlineText: application.mandate_text!,
          actor: input.actor,
        },
        deps,
      )
    : null;
  await markApplicationAccepted(trx, application.id, { accepted_at: deps.clock.now(), mandate_id: mandate?.id ?? null });

  // The first claim a dues run will make; debits go out no earlier than the pre-notification allows.
  const rule = association.dues_join_rule;
  const firstClaim = duesFor({ ...type, reduced_fee: reduced, join_date: input.join_date, exit_date: null }, rule, addDays(input.join_date, -366), addDays(input.join_date, 366))[0];
  const firstDate = firstClaim
    ? mandate
      ? [firstClaim.due_date, addDays(today, association.prenotification_days)].sort().at(-1)!
      : firstClaim.due_date
    : null;
  const fee = reduced ? type.reduced_fee_cents! : type.fee_cents;
  if (member.email) {
    await enqueueMail(
      trx,
      {
        template: 'membership-welcome',
        language: member.language,
        to: member.email,
        vars: {
          name: `${member.first_name} ${member.last_name}`,
          association: association.name,
          memberNumber,
          typeName: type.name,
          fee: formatEuro(fee),
          interval: type.interval,
          first: firstClaim && firstDate ? { date: formatDate(firstDate), amount: formatEuro(firstClaim.amount_cents) } : null,
          debit: mandate ? { reference: mandate.reference, creditorId: association.creditor_id ?? '', ibanMasked: maskIban(mandate.iban) } : null,
          transfer: mandate ? null : { iban: formatIban(association.iban), reference: `Mitglied ${memberNumber} Beitrag` },
          portalLink: `${deps.config.BASE_URL}/portal/login`,
        },
      },
      deps,
    );
  }
  return { member, mandate, firstDate };
}
