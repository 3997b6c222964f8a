import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { claimsToDebit, submitClaims } from '../dues/claim-status';
import { AppError, msg, validationError } from '../http/errors';
import { isCreditorId } from '../lib/creditor-id';
import { addDays, berlinToday, formatDate } from '../lib/dates';
import { maskIban } from '../lib/iban';
import { formatEuro } from '../lib/money';
import { debitRemittance } from '../lib/sepa-xml';
import { enqueueMails } from '../mail/enqueue-mail';
import { getAssociation } from '../settings/queries';
import { activeMandatesOf, expireUnusedMandates, insertCollection, insertDebits, lockCollectionPreparation } from './queries';

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
 * members who pay by debit and have an active mandate. One debit per mandate (DrctDbtTxInf) for
 * the sum of its debtor's claims — one line on the member's statement, one bank fee if it comes
 * back — FRST on a mandate's first use, else RCUR. Each debtor gets the Vorabankündigung
 * (pre-notification) now, through the outbox, at least `prenotification_days` before the due
 * date, listing the claims; debtors without a mandate or without an e-mail address for it are
 * left out and listed. The claims are 'submitted' until the collection is booked or cancelled.
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
  await lockCollectionPreparation(trx);
  await expireUnusedMandates(trx, today, monthsBack(today, 36));
  const { claims, people } = await claimsToDebit(trx, input.dueDate);
  const mandates = new Map((await activeMandatesOf(trx, [...new Set(claims.map((c) => c.debtor_member_id))], today)).map((m) => [m.member_id, m]));

  const leftOut = new Map<number, LeftOut>();
  const byDebtor = new Map<number, typeof claims>();
  for (const claim of claims) {
    const debtor = people.get(claim.debtor_member_id)!;
    const name = `${debtor.first_name} ${debtor.last_name}`;
    if (!mandates.has(debtor.id)) leftOut.set(debtor.id, { memberId: debtor.id, name, reason: 'no_mandate' });
    else if (!debtor.email) leftOut.set(debtor.id, { memberId: debtor.id, name, reason: 'no_email' });
    else {
      const list = byDebtor.get(debtor.id);
      if (list) list.push(claim);
      else byDebtor.set(debtor.id, [claim]);
    }
  }
  if (!byDebtor.size) {
    throw new AppError(
      'conflict',
      msg(
        `Bis ${formatDate(input.dueDate)} ist nichts per Lastschrift einzuziehen${leftOut.size ? ` (${leftOut.size} Zahler ohne Mandat oder E-Mail)` : ''}.`,
        `Nothing to collect by direct debit until ${formatDate(input.dueDate)}${leftOut.size ? ` (${leftOut.size} payers without mandate or e-mail)` : ''}.`,
      ),
    );
  }
  const memberRef = (id: number) => String(people.get(id)?.member_number ?? id);
  const debits = [...byDebtor].map(([debtorId, debtorClaims]) => {
    debtorClaims.sort((a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.id - b.id));
    return {
      debtor: people.get(debtorId)!,
      mandate: mandates.get(debtorId)!,
      claims: debtorClaims,
      amount: debtorClaims.reduce((s, c) => s + c.open_cents, 0),
      remittance: debitRemittance(
        debtorClaims.map((c) => ({ label: c.label, kind: c.kind, prorated: c.prorated, periodStart: c.period_start, periodEnd: c.period_end, member: memberRef(c.member_id) })),
        memberRef(debtorId),
      ),
    };
  });
  const total = debits.reduce((s, d) => s + d.amount, 0);
  const collection = await insertCollection(trx, { due_date: input.dueDate, total_cents: total, debits: debits.length, created_at: deps.clock.now(), created_by: input.actor.label });
  await insertDebits(
    trx,
    collection.id,
    today,
    debits.map((d) => ({
      mandate_id: d.mandate.id,
      amount_cents: d.amount,
      sequence_type: d.mandate.last_collected_on ? ('RCUR' as const) : ('FRST' as const),
      // Unique for good: one debit per mandate in a collection, and collection ids are never reused.
      end_to_end_id: `KW-${collection.id}-${d.mandate.id}`,
      remittance: d.remittance,
      claims: d.claims.map((c) => ({ claim_id: c.id, amount_cents: c.open_cents })),
    })),
  );
  await submitClaims(trx, debits.flatMap((d) => d.claims.map((c) => c.id)));
  const dueDate = formatDate(input.dueDate);
  await enqueueMails(
    trx,
    debits.map(({ debtor, mandate, claims: debtorClaims, amount }) => ({
      template: 'sepa-prenotification' as const,
      language: 'de',
      to: debtor.email!,
      vars: {
        name: `${debtor.first_name} ${debtor.last_name}`,
        association: association.name,
        dueDate,
        total: formatEuro(amount),
        ibanMasked: maskIban(mandate.iban),
        mandateReference: mandate.reference,
        creditorId: association.creditor_id!,
        lines: debtorClaims.map((c) => {
          // A family's payer reads whose fee each line is.
          const member = c.member_id === debtor.id ? null : people.get(c.member_id);
          return { label: member ? `${c.label} – ${member.first_name} ${member.last_name}` : c.label, amount: formatEuro(c.open_cents) };
        }),
      },
    })),
    deps,
  );
  await writeAudit(
    trx,
    {
      actor: input.actor,
      action: 'collection.prepared',
      entity: 'sepa_collection',
      entityId: collection.id,
      after: { due_date: input.dueDate, debits: debits.length, claims: debits.reduce((s, d) => s + d.claims.length, 0), total_cents: total, prenotified: debits.length },
    },
    deps,
  );
  return { collection, leftOut: [...leftOut.values()].sort((a, b) => a.name.localeCompare(b.name, 'de')) };
}
