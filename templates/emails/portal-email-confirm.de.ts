import { mail } from './layout';
import type { PortalEmailConfirmVars } from './index';

export default (v: PortalEmailConfirmVars) =>
  mail(
    `Bitte bestätigen Sie Ihre neue E-Mail-Adresse – ${v.association}`,
    [
      `Guten Tag ${v.name},`,
      `im Mitgliederportal von ${v.association} wurde diese Adresse (${v.newEmail}) als Ihre neue E-Mail-Adresse angegeben. Mit diesem Link bestätigen Sie sie; er gilt ${v.hours} Stunden und nur einmal:`,
      v.link,
      'Bis Sie bestätigen, schreiben wir an Ihre bisherige Adresse. Wenn Sie das nicht waren, ignorieren Sie diese E-Mail.',
    ],
    v.association,
  );
