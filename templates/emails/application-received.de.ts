import { mail } from './layout';
import type { ApplicationReceivedVars } from './index';
import { PER_INTERVAL } from './words';

export default (v: ApplicationReceivedVars) =>
  mail(
    `Ihr Mitgliedsantrag bei ${v.association}`,
    [
      `Hallo ${v.name},`,
      `vielen Dank für Ihren Antrag auf Mitgliedschaft („${v.typeName}“, ${v.fee} ${PER_INTERVAL.de[v.interval]}). Wir haben ihn erhalten; der Vorstand entscheidet in der Regel innerhalb weniger Wochen, und Sie bekommen dann eine Nachricht von uns.`,
      v.byDebit
        ? 'Sie haben uns ein SEPA-Lastschriftmandat erteilt. Es gilt erst, wenn wir Sie aufnehmen; dann teilen wir Ihnen die Mandatsreferenz und den Tag der ersten Abbuchung mit.'
        : 'Sie haben Überweisung gewählt. Nach der Aufnahme schicken wir Ihnen die Zahlungsaufforderung mit unserer Bankverbindung.',
      'Wenn Sie den Antrag nicht gestellt haben, antworten Sie bitte auf diese E-Mail – wir löschen ihn dann.',
    ],
    v.association,
  );
