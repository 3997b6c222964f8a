import { mail } from './layout';
import type { SepaReturnVars } from './index';

export default (v: SepaReturnVars) =>
  mail(
    `Ihre Lastschrift wurde zurückgegeben – ${v.association}`,
    [
      `Guten Tag ${v.name},`,
      `die Lastschrift über ${v.amount} (${v.label}) vom ${v.dueDate} hat Ihre Bank zurückgegeben. Grund: ${v.reason}.`,
      ...(v.fee ? [`Die Bank hat uns dafür ${v.fee} berechnet; diesen Betrag stellen wir Ihnen in Rechnung.`] : []),
      v.mandateStopped
        ? 'Über das bisherige Mandat ziehen wir nichts mehr ein. Bitte überweisen Sie den offenen Betrag oder geben Sie uns eine neue Bankverbindung.'
        : 'Bitte überweisen Sie den offenen Betrag oder sorgen Sie für Deckung; wir melden uns vor einem neuen Einzug.',
      `Bankverbindung: ${v.association}, IBAN ${v.iban}, Verwendungszweck: ${v.reference}`,
    ],
    `${v.association}`,
  );
