import { mail } from './layout';
import type { ApplicationReceivedVars } from './index';
import { PER_INTERVAL } from './words';

export default (v: ApplicationReceivedVars) =>
  mail(
    `طلب عضويتك في ${v.association}`,
    [
      `مرحباً ${v.name}،`,
      `شكراً لطلبك العضوية („${v.typeName}“، ${v.fee} ${PER_INTERVAL.ar[v.interval]}). لقد استلمنا طلبك؛ يقرر مجلس الإدارة عادةً خلال بضعة أسابيع، وسنبلغك بالقرار.`,
      v.byDebit
        ? 'لقد منحتنا تفويضاً بالخصم المباشر (SEPA). لا يسري التفويض إلا بعد قبولك؛ وعندها سنرسل إليك مرجع التفويض وموعد أول خصم.'
        : 'لقد اخترت الدفع بالتحويل البنكي. بعد قبولك سنرسل إليك طلب الدفع مع بياناتنا البنكية.',
      'إذا لم تقدّم هذا الطلب، يرجى الرد على هذه الرسالة وسنحذفه.',
    ],
    v.association,
    { dir: 'rtl' },
  );
