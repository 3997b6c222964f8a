import { mail } from './layout';
import type { ApplicationDeclinedVars } from './index';

export default (v: ApplicationDeclinedVars) =>
  mail(
    `Ihr Mitgliedsantrag bei ${v.association}`,
    [
      `Hallo ${v.name},`,
      `vielen Dank für Ihr Interesse an ${v.association} – leider können wir Ihren Antrag auf Mitgliedschaft nicht annehmen.`,
      ...(v.message ? [v.message] : []),
      'Ihre Angaben aus dem Antrag haben wir gelöscht; eine Lastschrift findet nicht statt.',
    ],
    v.association,
  );
