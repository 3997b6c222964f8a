import type { Deps, Executor } from '../deps';
import { formatDate } from '../lib/dates';
import { epcPayload } from '../lib/epc-qr';
import { formatIban } from '../lib/iban';
import { formatEuro } from '../lib/money';
import { enqueueMails, type EnqueueMailInput } from '../mail/enqueue-mail';
import { getAssociation } from '../settings/queries';
import { runClaimsToNotify } from './queries';

/**
 * After a dues run: one claim notice (Zahlungsaufforderung) per payer who pays by transfer,
 * listing the new claims (also those of the family members they pay for), with the bank details,
 * the reference to write, and an EPC-QR code (GiroCode) for the total — drawn when the mail is
 * sent. Debit payers get none: their claims are debited after a pre-notification. Runs in the
 * run's transaction, so a notice exists exactly when its claims do; a second run makes no
 * claims and so sends nothing. Payers without an e-mail address are returned for a letter.
 * Card payers get the bank details too until online card payment is set up.
 */
export async function sendClaimNotices(trx: Executor, input: { duesRunId: number }, deps: Pick<Deps, 'clock'>) {
  const association = await getAssociation(trx);
  const claims = await runClaimsToNotify(trx, input.duesRunId);
  if (!association || claims.length === 0) return { mails: 0, withoutEmail: [] as string[] };
  const byPayer = new Map<number, typeof claims>();
  for (const claim of claims) byPayer.set(claim.debtor_member_id, [...(byPayer.get(claim.debtor_member_id) ?? []), claim]);

  const mails: EnqueueMailInput<'dues-claim'>[] = [];
  const withoutEmail: string[] = [];
  for (const list of byPayer.values()) {
    const payer = list[0]!;
    const name = `${payer.first_name} ${payer.last_name}`;
    if (!payer.email) {
      withoutEmail.push(name);
      continue;
    }
    const totalCents = list.reduce((sum, c) => sum + c.amount_cents, 0);
    const reference = `Mitglied ${payer.member_number ?? payer.debtor_member_id} Beitrag`;
    mails.push({
      template: 'dues-claim',
      language: payer.language,
      to: payer.email,
      attachments: [
        {
          filename: 'girocode.png',
          contentType: 'image/png',
          cid: 'girocode',
          epcQrPayload: epcPayload({ name: association.name, iban: association.iban, bic: association.bic, amountCents: totalCents, text: `${reference} ${name}`.slice(0, 140) }),
        },
      ],
      vars: {
        name,
        association: association.name,
        lines: list.map((c) => ({
          label: c.label,
          member: c.member_first_name === payer.first_name && c.member_last_name === payer.last_name ? null : `${c.member_first_name} ${c.member_last_name}`,
          due: formatDate(c.due_date),
          amount: formatEuro(c.amount_cents),
        })),
        total: formatEuro(totalCents),
        firstDue: formatDate(list[0]!.due_date),
        iban: formatIban(association.iban),
        bic: association.bic,
        reference,
        qrCid: 'girocode',
      },
    });
  }
  await enqueueMails(trx, mails, deps);
  return { mails: mails.length, withoutEmail };
}
