import { mail } from './layout';
import type { DunningReminderVars } from './index';

const TITLE = ['', 'Zahlungserinnerung', '2. Mahnung', '3. Mahnung'];

export default (v: DunningReminderVars) =>
  mail(
    `${TITLE[v.level]}: offene Beiträge – ${v.association}`,
    [
      `Guten Tag ${v.name},`,
      v.level === 1
        ? 'vielleicht ist es Ihnen entgangen: folgende Beiträge sind noch offen.'
        : 'trotz unserer Erinnerung sind folgende Beträge noch offen:',
      v.lines.map((l) => `– ${l.label} (fällig ${l.due}): ${l.amount}`).join('\n'),
      ...(v.fee ? [`Mahngebühr: ${v.fee}`] : []),
      `Zu zahlen: ${v.total}`,
      `Bitte überweisen Sie an ${v.association}, IBAN ${v.iban}, Verwendungszweck „${v.reference}“. Mit der Banking-App geht es am schnellsten über den QR-Code (GiroCode) in dieser E-Mail.`,
      'Wenn Sie gerade nicht zahlen können, sprechen Sie uns bitte an – wir finden eine Lösung. Hat sich diese E-Mail mit Ihrer Zahlung überschnitten, betrachten Sie sie bitte als gegenstandslos.',
    ],
    v.association,
    { image: v.qrCid ? { cid: v.qrCid, alt: 'GiroCode (QR-Code für die Überweisung)' } : undefined },
  );
