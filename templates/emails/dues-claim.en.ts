import { mail } from './layout';
import type { DuesClaimVars } from './index';

export default (v: DuesClaimVars) =>
  mail(
    `Membership fee: payment request – ${v.association}`,
    [
      `Hello ${v.name},`,
      'thank you for being a member! These fees are due:',
      v.lines.map((l) => `– ${l.label}${l.member ? ` for ${l.member}` : ''} (due ${l.due}): ${l.amount}`).join('\n'),
      `Total: ${v.total}`,
      `Please transfer the amount by ${v.firstDue} to ${v.association}, IBAN ${v.iban}${v.bic ? `, BIC ${v.bic}` : ''}, reference “${v.reference}”. With a banking app the QR code (GiroCode) in this e-mail is quickest.`,
      ...(v.cardUrl ? ['Prefer a card? This link lets you pay the open amount securely through our payment provider Stripe:', v.cardUrl] : []),
      'If you cannot pay right now, please talk to us – we will find a way.',
    ],
    v.association,
    { image: { cid: v.qrCid, alt: 'GiroCode (QR code for the transfer)' } },
  );
