import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { reverseDebit } from '../dues/claim-status';
import { AppError, msg } from '../http/errors';
import { berlinToday, formatDate } from '../lib/dates';
import { formatIban } from '../lib/iban';
import { formatEuro } from '../lib/money';
import { RETURN_REASONS, type ReturnReason } from '../lib/sepa-returns';
import { enqueueMail } from '../mail/enqueue-mail';
import { getAssociation } from '../settings/queries';
import { findItemForUpdate, markItemReturned, revokeMandateRow } from './queries';

/**
 * A debit came back (Rücklastschrift, spec §12): its payment is reversed and the claim is owed
 * again; the bank's fee becomes a claim on the member when the association passes fees on
 * (setting); AC04, MD01 and MD07 end the mandate; the member is told by mail. Recorded once:
 * a second return of the same debit is refused.
 */
export async function recordReturn(
  trx: Executor,
  input: { itemId: number; reason: ReturnReason; feeCents: number; actor: Actor },
  deps: Pick<Deps, 'clock'>,
) {
  const item = await findItemForUpdate(trx, input.itemId);
  if (!item) throw new AppError('not_found', msg('Diese Lastschrift gibt es nicht.', 'This debit does not exist.'));
  if (item.status !== 'collected') {
    throw new AppError('conflict', msg('Nur eine verbuchte Lastschrift kann zurückgegeben werden (und nur einmal).', 'Only a booked debit can be returned (and only once).'));
  }
  const association = (await getAssociation(trx))!;
  const today = berlinToday(deps.clock.now());
  const reason = RETURN_REASONS[input.reason];
  const feeCents = association.return_fee_to_member ? input.feeCents : 0;
  const reversed = await reverseDebit(trx, {
    claimId: item.claim_id,
    endToEndId: item.end_to_end_id,
    on: today,
    reason: `${input.reason} ${reason.de}`,
    feeCents,
    feeLabel: `Rücklastschriftgebühr ${input.reason} (${item.label})`,
    at: deps.clock.now(),
  });
  await markItemReturned(trx, item.id, input.reason, input.feeCents);
  if (reason.stopsMandate) await revokeMandateRow(trx, item.mandate_id, today, `Rücklastschrift ${input.reason}: ${reason.de}`);
  if (item.email) {
    await enqueueMail(
      trx,
      {
        template: 'sepa-return',
        language: item.language,
        to: item.email,
        vars: {
          name: `${item.first_name} ${item.last_name}`,
          association: association.name,
          amount: formatEuro(item.amount_cents),
          label: item.label,
          dueDate: formatDate(item.due_date),
          reason: `${reason.de} (${input.reason})`,
          fee: feeCents ? formatEuro(feeCents) : null,
          mandateStopped: reason.stopsMandate,
          iban: formatIban(association.iban),
          reference: `Mitglied ${item.member_number ?? item.debtor_id} ${item.label}`,
        },
      },
      deps,
    );
  }
  await writeAudit(
    trx,
    {
      actor: input.actor,
      action: 'debit.returned',
      entity: 'claim',
      entityId: item.claim_id,
      before: { status: 'paid' },
      after: { status: reversed.claim.status, reason: input.reason, bank_fee_cents: input.feeCents, fee_claim_id: reversed.fee?.id ?? null, mandate_stopped: reason.stopsMandate },
    },
    deps,
  );
  return { ...reversed, mandateStopped: reason.stopsMandate };
}
