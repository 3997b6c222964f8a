import { mail } from './layout';
import type { ApplicationDeclinedVars } from './index';

export default (v: ApplicationDeclinedVars) =>
  mail(
    `${v.association} üyelik başvurunuz`,
    [
      `Merhaba ${v.name},`,
      `${v.association} kuruluşuna gösterdiğiniz ilgi için teşekkür ederiz. Maalesef üyelik başvurunuzu kabul edemiyoruz.`,
      ...(v.message ? [v.message] : []),
      'Başvurunuzdaki bilgileri sildik; herhangi bir otomatik ödeme çekimi yapılmayacaktır.',
    ],
    v.association,
  );
