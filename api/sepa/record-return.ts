import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { reverseDebit } from '../dues/claim-status';
import { AppError, msg } from '../http/errors';
import { berlinToday, formatDate } from '../lib/dates';
import { formatIban } from '../lib/iban';
import { formatEuro } from '../lib/money';
import { RETURN_REASONS, type ReturnReason } from '../lib/sepa-returns';
import { enqueueMail } from '../mail/enqueue-mail';
import { flagReceiptsForReview } from '../receipts/flag-receipts';
import { getAssociation } from '../settings/queries';
import { claimsOfDebit, findDebitForUpdate, markDebitReturned, revokeMandateRow } from './queries';

/**
 * A debit came back (Rücklastschrift, spec §12): the payments it made are reversed and every
 * claim it collected is owed again; the bank's one fee for the debit becomes a claim on the
 * member when the association passes fees on (setting); AC04, MD01 and MD07 end the mandate; the
 * member is told by one mail; a receipt that confirmed one of the fees goes on the list to
 * cancel. Recorded once: a second return of the same debit is refused.
 */
export async function recordReturn(
  trx: Executor,
  input: { debitId: number; reason: ReturnReason; feeCents: number; actor: Actor },
  deps: Pick<Deps, 'clock'>,
) {
  const debit = await findDebitForUpdate(trx, input.debitId);
  if (!debit) throw new AppError('not_found', msg('Diese Lastschrift gibt es nicht.', 'This debit does not exist.'));
  if (debit.status !== 'collected') {
    throw new AppError('conflict', msg('Nur eine verbuchte Lastschrift kann zurückgegeben werden (und nur einmal).', 'Only a booked debit can be returned (and only once).'));
  }
  const association = (await getAssociation(trx))!;
  const today = berlinToday(deps.clock.now());
  const reason = RETURN_REASONS[input.reason];
  const feeCents = association.return_fee_to_member ? input.feeCents : 0;
  const claims = await claimsOfDebit(trx, debit.id);
  // What the member reads: the claim, or for a debit of several claims the Verwendungszweck that named them.
  const label = claims.length === 1 ? claims[0]!.label : debit.remittance;
  const reversed = [];
  for (const [i, claim] of claims.entries()) {
    reversed.push(
      await reverseDebit(trx, {
        claimId: claim.claim_id,
        endToEndId: debit.end_to_end_id,
        on: today,
        reason: `${input.reason} ${reason.de}`,
        // The bank charges once per debit: the fee goes with the first claim only.
        feeCents: i === 0 ? feeCents : 0,
        feeLabel: `Rücklastschriftgebühr ${input.reason} (${claims.length === 1 ? label : `Lastschrift ${debit.end_to_end_id} vom ${formatDate(debit.due_date)}`})`,
        at: deps.clock.now(),
      }),
    );
  }
  // A receipt that confirmed these fees is now wrong (§ 10b Abs. 4 EStG): on the list to cancel.
  await flagReceiptsForReview(
    trx,
    { paymentIds: reversed.map((r) => r.payment.id), reason: `Rücklastschrift ${input.reason} (${reason.de}) am ${formatDate(today)}`, actor: input.actor },
    deps,
  );
  const fee = reversed.find((r) => r.fee)?.fee ?? null;
  await markDebitReturned(trx, debit.id, input.reason, input.feeCents);
  if (reason.stopsMandate) await revokeMandateRow(trx, debit.mandate_id, today, `Rücklastschrift ${input.reason}: ${reason.de}`);
  if (debit.email) {
    await enqueueMail(
      trx,
      {
        template: 'sepa-return',
        language: debit.language,
        to: debit.email,
        vars: {
          name: `${debit.first_name} ${debit.last_name}`,
          association: association.name,
          amount: formatEuro(debit.amount_cents),
          label,
          dueDate: formatDate(debit.due_date),
          reason: `${reason.de} (${input.reason})`,
          fee: feeCents ? formatEuro(feeCents) : null,
          mandateStopped: reason.stopsMandate,
          iban: formatIban(association.iban),
          reference: `Mitglied ${debit.member_number ?? debit.debtor_id} ${label}`,
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
      entity: 'sepa_debit',
      entityId: debit.id,
      before: { status: 'collected' },
      after: {
        status: 'returned',
        claims: reversed.map((r) => ({ id: r.claim.id, status: r.claim.status })),
        reason: input.reason,
        bank_fee_cents: input.feeCents,
        fee_claim_id: fee?.id ?? null,
        mandate_stopped: reason.stopsMandate,
      },
    },
    deps,
  );
  return { claims: reversed.map((r) => r.claim), fee, mandateStopped: reason.stopsMandate };
}
