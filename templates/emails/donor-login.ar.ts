import { mail } from './layout';
import type { DonorLoginVars } from './index';

export default (v: DonorLoginVars) =>
  mail(
    `رابط الدخول إلى بوابة المتبرعين – ${v.association}`,
    [
      `مرحباً ${v.name}،`,
      `بهذا الرابط تدخل إلى بوابة المتبرعين لدى ${v.association}، حيث ترى تبرعاتك ويمكنك تغيير تبرعك الشهري وعنوانك. الرابط صالح لمدة ${v.minutes} دقيقة ولمرة واحدة فقط:`,
      v.link,
      'إذا لم تطلب رابطاً فتجاهل هذه الرسالة ببساطة؛ لا يستطيع أحد الدخول بدون الرابط.',
    ],
    v.association,
    { dir: 'rtl' },
  );
