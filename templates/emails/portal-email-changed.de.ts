import { mail } from './layout';
import type { PortalEmailChangedVars } from './index';

export default (v: PortalEmailChangedVars) =>
  mail(
    `Ihre E-Mail-Adresse wurde geändert – ${v.association}`,
    [
      `Guten Tag ${v.name},`,
      `Ihre E-Mail-Adresse bei ${v.association} ist jetzt ${v.newEmail} (bisher ${v.oldEmail}). Die neue Adresse wurde über einen Link bestätigt, den wir an sie geschickt haben; ab jetzt schreiben wir dorthin.`,
      `Wenn Sie das nicht veranlasst haben, melden Sie sich bitte bei ${v.association}.`,
    ],
    v.association,
  );
