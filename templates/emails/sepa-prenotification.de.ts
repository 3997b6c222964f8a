import { mail } from './layout';
import type { SepaPrenotificationVars } from './index';

/** Vorabankündigung (pre-notification) of a SEPA direct debit: German, as the law expects (spec §8.3). */
export default (v: SepaPrenotificationVars) =>
  mail(
    `Vorabankündigung: Lastschrift am ${v.dueDate} – ${v.association}`,
    [
      `Guten Tag ${v.name},`,
      `wir ziehen am ${v.dueDate} insgesamt ${v.total} von Ihrem Konto ${v.ibanMasked} ein:`,
      v.lines.map((l) => `– ${l.label}: ${l.amount}`).join('\n'),
      `Mandatsreferenz: ${v.mandateReference}\nGläubiger-Identifikationsnummer: ${v.creditorId}`,
      'Bitte sorgen Sie für ausreichende Deckung. Fragen? Antworten Sie einfach auf diese E-Mail.',
    ],
    `${v.association} · ${v.creditorId}`,
  );
