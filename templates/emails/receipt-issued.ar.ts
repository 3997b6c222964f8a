import { mail } from './layout';
import type { ReceiptIssuedVars } from './index';

export default (v: ReceiptIssuedVars) =>
  mail(
    `إيصال التبرع رقم ${v.number} – ${v.association}`,
    [
      `مرحباً ${v.name}،`,
      v.replaces
        ? `تجد مرفقاً إيصال التبرع (Zuwendungsbestätigung) رقم ${v.number} بمبلغ ${v.total} (${v.period}). وهو يحل محل الإيصال رقم ${v.replaces}؛ يرجى عدم استخدام ذلك الإيصال بعد الآن.`
        : `تجد مرفقاً إيصال التبرع (Zuwendungsbestätigung) رقم ${v.number} بمبلغ ${v.total} (${v.period}) لإقرارك الضريبي.`,
      'يرجى طباعة ملف PDF والاحتفاظ به، فقد تطلبه مصلحة الضرائب. الإيصال نفسه باللغة الألمانية كما يقتضي القانون.',
      ...(v.portalLink ? ['يمكنك أيضاً العثور عليه في بوابتك في أي وقت:', v.portalLink] : []),
    ],
    v.association,
    { dir: 'rtl' },
  );
