import { mail } from './layout';
import type { DuesClaimVars } from './index';

export default (v: DuesClaimVars) =>
  mail(
    `Mitgliedsbeitrag: Zahlungsaufforderung – ${v.association}`,
    [
      `Hallo ${v.name},`,
      'vielen Dank für Ihre Mitgliedschaft! Fällig sind diese Beiträge:',
      v.lines.map((l) => `– ${l.label}${l.member ? ` für ${l.member}` : ''} (fällig ${l.due}): ${l.amount}`).join('\n'),
      `Zusammen: ${v.total}`,
      `Bitte überweisen Sie den Betrag bis ${v.firstDue} an ${v.association}, IBAN ${v.iban}${v.bic ? `, BIC ${v.bic}` : ''}, Verwendungszweck „${v.reference}“. Mit einer Banking-App geht es am schnellsten über den QR-Code (GiroCode) in dieser E-Mail.`,
      ...(v.cardUrl ? ['Lieber mit Karte? Über diesen Link zahlen Sie den offenen Betrag sicher bei unserem Zahlungsdienst Stripe:', v.cardUrl] : []),
      'Wenn Sie gerade nicht zahlen können, sprechen Sie uns bitte an – wir finden eine Lösung.',
    ],
    v.association,
    { image: { cid: v.qrCid, alt: 'GiroCode (QR-Code für die Überweisung)' } },
  );
