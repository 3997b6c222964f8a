import { mail } from './layout';
import type { PortalEmailChangedVars } from './index';

export default (v: PortalEmailChangedVars) =>
  mail(
    `تم تغيير عنوان بريدك الإلكتروني – ${v.association}`,
    [
      `مرحباً ${v.name}،`,
      `عنوان بريدك الإلكتروني لدى ${v.association} هو الآن ${v.newEmail} (سابقاً ${v.oldEmail}). تم تأكيد العنوان الجديد عبر رابط أرسلناه إليه؛ ومن الآن فصاعداً نراسلك عليه.`,
      `إذا لم تقم بذلك بنفسك، يرجى التواصل مع ${v.association}.`,
    ],
    v.association,
    { dir: 'rtl' },
  );
