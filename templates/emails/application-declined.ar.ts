import { mail } from './layout';
import type { ApplicationDeclinedVars } from './index';

export default (v: ApplicationDeclinedVars) =>
  mail(
    `طلب عضويتك في ${v.association}`,
    [
      `مرحباً ${v.name}،`,
      `نشكرك على اهتمامك بـ ${v.association} – للأسف لا يمكننا قبول طلب عضويتك.`,
      ...(v.message ? [v.message] : []),
      'لقد حذفنا بيانات طلبك؛ ولن يتم أي خصم مباشر.',
    ],
    v.association,
    { dir: 'rtl' },
  );
