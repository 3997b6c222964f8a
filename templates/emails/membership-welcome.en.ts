import { mail } from './layout';
import type { MembershipWelcomeVars } from './index';
import { PER_INTERVAL } from './words';

export default (v: MembershipWelcomeVars) =>
  mail(
    `Welcome to ${v.association} – member number ${v.memberNumber}`,
    [
      `Hello ${v.name},`,
      `we are glad to tell you: you are now a member of ${v.association} – your member number is ${v.memberNumber}, your membership “${v.typeName}” (${v.fee} ${PER_INTERVAL.en[v.interval]}).`,
      ...(v.debit
        ? [
            `Your SEPA direct debit mandate is in force from now on. Mandate reference: ${v.debit.reference} · creditor identifier: ${v.debit.creditorId} · account: ${v.debit.ibanMasked}`,
            ...(v.first ? [`We will debit the first fee of ${v.first.amount} on ${v.first.date} at the earliest; before every debit you get a notice with amount and date.`] : []),
          ]
        : []),
      ...(v.transfer && v.first
        ? [`The first fee of ${v.first.amount} is due on ${v.first.date}. Please transfer it to ${v.association}, IBAN ${v.transfer.iban}, reference “${v.transfer.reference}” – you will also get a payment request with a QR code.`]
        : []),
      'You can see and change your data, fees and payments in the members’ area (log in with a link by e-mail, no password):',
      v.portalLink,
    ],
    v.association,
  );
