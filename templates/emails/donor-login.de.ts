import { mail } from './layout';
import type { DonorLoginVars } from './index';

export default (v: DonorLoginVars) =>
  mail(
    `Ihr Anmeldelink für das Spendenportal – ${v.association}`,
    [
      `Guten Tag ${v.name},`,
      `mit diesem Link melden Sie sich im Spendenportal von ${v.association} an. Dort sehen Sie Ihre Spenden und können Ihre monatliche Spende und Ihre Anschrift ändern. Der Link gilt ${v.minutes} Minuten und nur einmal:`,
      v.link,
      'Wenn Sie keinen Link angefordert haben, ignorieren Sie diese E-Mail einfach; ohne den Link meldet sich niemand an.',
    ],
    v.association,
  );
