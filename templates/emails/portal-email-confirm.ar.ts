import { mail } from './layout';
import type { PortalEmailConfirmVars } from './index';

export default (v: PortalEmailConfirmVars) =>
  mail(
    `يرجى تأكيد عنوان بريدك الإلكتروني الجديد – ${v.association}`,
    [
      `مرحباً ${v.name}،`,
      `في بوابة الأعضاء لدى ${v.association} أُدخل هذا العنوان (${v.newEmail}) كعنوان بريدك الإلكتروني الجديد. بهذا الرابط تؤكده؛ الرابط صالح لمدة ${v.hours} ساعة ولمرة واحدة فقط:`,
      v.link,
      'إلى أن تؤكد، نراسلك على عنوانك السابق. إذا لم تكن أنت من فعل ذلك فتجاهل هذه الرسالة.',
    ],
    v.association,
    { dir: 'rtl' },
  );
