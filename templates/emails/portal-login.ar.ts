import { mail } from './layout';
import type { PortalLoginVars } from './index';

export default (v: PortalLoginVars) =>
  mail(
    `رابط الدخول إلى بوابة الأعضاء – ${v.association}`,
    [
      `مرحباً ${v.name}،`,
      `بهذا الرابط تدخل إلى بوابة الأعضاء لدى ${v.association}. الرابط صالح لمدة ${v.minutes} دقيقة ولمرة واحدة فقط:`,
      v.link,
      'إذا لم تطلب رابطاً فتجاهل هذه الرسالة ببساطة؛ لا يستطيع أحد الدخول بدون الرابط.',
    ],
    v.association,
    { dir: 'rtl' },
  );
