import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { claimsToDebit, submitClaims } from '../dues/claim-status';

import { AppError, msg, validationError } from '../http/errors';
import { isCreditorId } from '../lib/creditor-id';
import { addDays, berlinToday, formatDate } from '../lib/dates';
import { maskIban } from '../lib/iban';
import { formatEuro } from '../lib/money';
import { enqueueMails } from '../mail/enqueue-mail';
import { getAssociation } from '../settings/queries';
import { activeMandatesOf, expireUnusedMandates, insertCollection, insertCollectionItems } from './queries';


export interface LeftOut {
  memberId: number;
  name: string;
  reason: 'no_mandate' | 'no_email';
}

/** 36 months back, as a date (spec §7.4). */
function monthsBack(today: string, months: number) {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

/**
 * Prepares a direct-debit collection for `dueDate`: every unsettled claim due by then of
 * members who pay by debit and have an active mandate, one debit per claim (FRST on a mandate's
 * first use, else RCUR). Each debtor gets the Vorabankündigung (pre-notification) now, through
 * the outbox, at least `prenotification_days` before the due date; debtors without a mandate
 * or without an e-mail address for it are left out and listed. The claims are 'submitted'
 * until the collection is booked or cancelled.
 */
export async function prepareCollection(trx: Executor, input: { dueDate: string; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const association = await getAssociation(trx);
  if (!association?.creditor_id || !isCreditorId(association.creditor_id)) {
    throw new AppError('conflict', msg('In den Einstellungen fehlt eine gültige Gläubiger-Identifikationsnummer.', 'A valid creditor identifier is missing in the settings.'));
  }
  const today = berlinToday(deps.clock.now());
  const earliest = addDays(today, association.prenotification_days);
  if (input.dueDate < earliest) {
    throw validationError([
      {
        field: 'due_date',
        message: msg(
          `Frühestens am ${formatDate(earliest)}: die Vorabankündigung muss ${association.prenotification_days} Tage vorher beim Mitglied sein.`,
          `${formatDate(earliest)} at the earliest: the pre-notification must reach the member ${association.prenotification_days} days before.`,
        ),
      },
    ]);
  }
  await expireUnusedMandates(trx, today, monthsBack(today, 36));
  const claims = await claimsToDebit(trx, input.dueDate);
  const mandates = new Map((await activeMandatesOf(trx, [...new Set(claims.map((c) => c.debtor_member_id))])).map((m) => [m.member_id, m]));

  const leftOut = new Map<number, LeftOut>();
  const byDebtor = new Map<number, typeof claims>();
  for (const claim of claims) {
    const name = `${claim.first_name} ${claim.last_name}`;
    if (!mandates.has(claim.debtor_member_id)) leftOut.set(claim.debtor_member_id, { memberId: claim.debtor_member_id, name, reason: 'no_mandate' });
    else if (!claim.email) leftOut.set(claim.debtor_member_id, { memberId: claim.debtor_member_id, name, reason: 'no_email' });
    else byDebtor.set(claim.debtor_member_id, [...(byDebtor.get(claim.debtor_member_id) ?? []), claim]);
  }
  const included = [...byDebtor.values()].flat();
  if (!included.length) {
    throw new AppError(
      'conflict',
      msg(
        `Bis ${formatDate(input.dueDate)} ist nichts per Lastschrift einzuziehen${leftOut.size ? ` (${leftOut.size} Zahler ohne Mandat oder E-Mail)` : ''}.`,
        `Nothing to collect by direct debit until ${formatDate(input.dueDate)}${leftOut.size ? ` (${leftOut.size} payers without mandate or e-mail)` : ''}.`,
      ),
    );
  }
  const total = included.reduce((s, c) => s + c.open_cents, 0);
  const collection = await insertCollection(trx, { due_date: input.dueDate, total_cents: total, debits: included.length, created_at: deps.clock.now(), created_by: input.actor.label });
  await insertCollectionItems(
    trx,
    included.map((c) => {
      const mandate = mandates.get(c.debtor_member_id)!;
      return {
        collection_id: collection.id,
        claim_id: c.id,
        mandate_id: mandate.id,
        amount_cents: c.open_cents,
        sequence_type: mandate.last_collected_on ? ('RCUR' as const) : ('FRST' as const),
        end_to_end_id: `KW-${collection.id}-${c.id}`,
        prenotified_on: today,
      };
    }),
  );
  await submitClaims(trx, included.map((c) => c.id));
  await enqueueMails(
    trx,
    [...byDebtor].map(([debtorId, debtorClaims]) => {
      const mandate = mandates.get(debtorId)!;
      const first = debtorClaims[0]!;
      return {
        template: 'sepa-prenotification' as const,
        language: 'de',
        to: first.email!,
        vars: {
          name: `${first.first_name} ${first.last_name}`,
          association: association.name,
          dueDate: formatDate(input.dueDate),
          total: formatEuro(debtorClaims.reduce((s, c) => s + c.open_cents, 0)),
          ibanMasked: maskIban(mandate.iban),
          mandateReference: mandate.reference,
          creditorId: association.creditor_id!,
          lines: debtorClaims.map((c) => ({ label: c.label, amount: formatEuro(c.open_cents) })),
        },
      };
    }),
    deps,
  );
  await writeAudit(
    trx,
    { actor: input.actor, action: 'collection.prepared', entity: 'sepa_collection', entityId: collection.id, after: { due_date: input.dueDate, debits: included.length, total_cents: total, prenotified: byDebtor.size } },
    deps,
  );
  return { collection, leftOut: [...leftOut.values()] };
}
