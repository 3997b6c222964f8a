import { mail } from './layout';
import type { PortalLoginVars } from './index';

export default (v: PortalLoginVars) =>
  mail(
    `Ihr Anmeldelink für das Mitgliederportal – ${v.association}`,
    [
      `Guten Tag ${v.name},`,
      `mit diesem Link melden Sie sich im Mitgliederportal von ${v.association} an. Er gilt ${v.minutes} Minuten und nur einmal:`,
      v.link,
      'Wenn Sie keinen Link angefordert haben, ignorieren Sie diese E-Mail einfach; ohne den Link meldet sich niemand an.',
    ],
    v.association,
  );
