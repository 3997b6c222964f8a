import { mail } from './layout';
import type { ApplicationReceivedVars } from './index';
import { PER_INTERVAL } from './words';

export default (v: ApplicationReceivedVars) =>
  mail(
    `${v.association} üyelik başvurunuz`,
    [
      `Merhaba ${v.name},`,
      `üyelik başvurunuz için teşekkür ederiz („${v.typeName}“, ${PER_INTERVAL.tr[v.interval]} ${v.fee}). Başvurunuzu aldık; yönetim kurulu genellikle birkaç hafta içinde karar verir ve size haber veririz.`,
      v.byDebit
        ? 'Bize bir SEPA otomatik ödeme talimatı verdiniz. Talimat ancak üyeliğiniz kabul edildiğinde geçerli olur; o zaman size talimat referansını ve ilk çekim tarihini bildiririz.'
        : 'Havale ile ödemeyi seçtiniz. Üyeliğiniz kabul edildikten sonra banka bilgilerimizle birlikte ödeme talebini göndeririz.',
      'Bu başvuruyu siz yapmadıysanız lütfen bu e-postayı yanıtlayın; başvuruyu sileriz.',
    ],
    v.association,
  );
