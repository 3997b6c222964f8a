import { hashSecret, newSecret } from '../auth/secrets';
import type { Deps, Executor } from '../deps';
import { formatDate } from '../lib/dates';
import { epcPayload } from '../lib/epc-qr';
import { formatIban } from '../lib/iban';
import { formatEuro } from '../lib/money';
import { enqueueMails, type EnqueueMailInput } from '../mail/enqueue-mail';
import { getAssociation } from '../settings/queries';
import { insertPaymentLinks, runClaimsToNotify } from './queries';

/** How long a claim notice's card payment link works: well past the usual due dates of a run. */
export const PAYMENT_LINK_TTL_DAYS = 120;

/**
 * After a dues run: one claim notice (Zahlungsaufforderung) per payer who pays by transfer,
 * listing the new claims (also those of the family members they pay for), with the bank details,
 * the reference to write, and an EPC-QR code (GiroCode) for the total — drawn when the mail is
 * sent. Debit payers get none: their claims are debited after a pre-notification. Runs in the
 * run's transaction, so a notice exists exactly when its claims do; a second run makes no
 * claims and so sends nothing. Payers without an e-mail address are returned for a letter.
 * Where Stripe is configured, each notice also carries a card payment link (Stripe Checkout;
 * start-card-payment.ts): one per payer and run, stored hashed, so such mails are marked
 * sensitive (the outbox list hides their text from other staff).
 */
export async function sendClaimNotices(trx: Executor, input: { duesRunId: number }, deps: Pick<Deps, 'clock'> & Partial<Pick<Deps, 'payments' | 'config'>>) {
  const association = await getAssociation(trx);
  const claims = await runClaimsToNotify(trx, input.duesRunId);
  if (!association || claims.length === 0) return { mails: 0, withoutEmail: [] as string[] };
  const byPayer = new Map<number, typeof claims>();
  for (const claim of claims) byPayer.set(claim.debtor_member_id, [...(byPayer.get(claim.debtor_member_id) ?? []), claim]);

  const mails: EnqueueMailInput<'dues-claim'>[] = [];
  const withoutEmail: string[] = [];
  const cardLinks = deps.payments && deps.config ? { base: deps.config.BASE_URL, rows: [] as Parameters<typeof insertPaymentLinks>[1] } : null;
  const now = deps.clock.now();
  for (const list of byPayer.values()) {
    const payer = list[0]!;
    const name = `${payer.first_name} ${payer.last_name}`;
    if (!payer.email) {
      withoutEmail.push(name);
      continue;
    }
    const totalCents = list.reduce((sum, c) => sum + c.amount_cents, 0);
    const reference = `Mitglied ${payer.member_number ?? payer.debtor_member_id} Beitrag`;
    let cardUrl: string | null = null;
    if (cardLinks) {
      const token = newSecret();
      cardLinks.rows.push({
        token_hash: hashSecret(token),
        debtor_member_id: payer.debtor_member_id,
        dues_run_id: input.duesRunId,
        created_at: now,
        expires_at: new Date(now.getTime() + PAYMENT_LINK_TTL_DAYS * 86_400_000),
      });
      cardUrl = `${cardLinks.base}/pay/dues/${token}?lang=${payer.language}`;
    }
    mails.push({
      template: 'dues-claim',
      language: payer.language,
      to: payer.email,
      sensitive: cardUrl !== null,
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
        cardUrl,
      },
    });
  }
  if (cardLinks) await insertPaymentLinks(trx, cardLinks.rows);
  await enqueueMails(trx, mails, deps);
  return { mails: mails.length, withoutEmail };
}
