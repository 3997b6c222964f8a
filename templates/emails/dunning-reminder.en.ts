import { mail } from './layout';
import type { DunningReminderVars } from './index';

const TITLE = ['', 'Payment reminder', 'Second reminder', 'Final reminder'];

export default (v: DunningReminderVars) =>
  mail(
    `${TITLE[v.level]}: open membership fees – ${v.association}`,
    [
      `Hello ${v.name},`,
      v.level === 1 ? 'you may have missed it: these fees are still open.' : 'despite our reminder, these amounts are still open:',
      v.lines.map((l) => `– ${l.label} (due ${l.due}): ${l.amount}`).join('\n'),
      ...(v.fee ? [`Reminder fee: ${v.fee}`] : []),
      `To pay: ${v.total}`,
      `Please transfer to ${v.association}, IBAN ${v.iban}, reference “${v.reference}”. With a banking app the QR code (GiroCode) in this e-mail is quickest.`,
      'If you cannot pay right now, please talk to us – we will find a way. If this e-mail crossed your payment, please ignore it.',
    ],
    v.association,
    { image: v.qrCid ? { cid: v.qrCid, alt: 'GiroCode (QR code for the transfer)' } : undefined },
  );
