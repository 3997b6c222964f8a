import { mail } from './layout';
import { proofParagraphs, type DonationThanksVars } from './donation-thanks.proof';

export default (v: DonationThanksVars) =>
  mail(
    v.monthly ? `شكراً لتبرعك الشهري – ${v.association}` : `شكراً لتبرعك – ${v.association}`,
    [
      v.name ? `مرحباً ${v.name}،` : 'مرحباً،',
      v.monthly
        ? `شكراً جزيلاً لتبرعك الشهري بمبلغ ${v.amount}! وصلتنا الدفعة الأولى في ${v.date}.`
        : `شكراً جزيلاً لتبرعك بمبلغ ${v.amount} بتاريخ ${v.date}!`,
      v.purpose ? `سيُخصَّص تبرعك لـ „${v.purpose}“.` : 'سنستخدم تبرعك حيث تكون الحاجة إليه أشد.',
      ...(v.monthly ? ['حتى لا تصلك رسالة كل شهر، نشكرك هذه المرة فقط – عن كل شهر.'] : []),
      ...(v.tax === 'receipt'
        ? [v.monthly ? 'ستصلك منا شهادة تبرع لمكتب الضرائب (Zuwendungsbestätigung) تجمع كل التبرعات الشهرية لسنة واحدة.' : 'ستصلك منا شهادة تبرع لمكتب الضرائب (Zuwendungsbestätigung) بشكل منفصل.']
        : v.tax === 'ask'
          ? ['إذا احتجت إلى شهادة تبرع لمكتب الضرائب (Zuwendungsbestätigung)، فما عليك إلا الرد على هذه الرسالة مع اسمك وعنوانك البريدي.']
          : []),
      ...(v.portalLink ? ['يمكنك الاطلاع على تبرعاتك – وتغيير التبرع الشهري أو إيقافه مؤقتاً أو إنهاؤه – في منطقة المتبرعين:', v.portalLink] : []),
      ...(v.proof ? ['فيما يلي إثبات مبسّط لتبرعك لمكتب الضرائب الألماني. وهو باللغة الألمانية كما يتوقع مكتب الضرائب.', ...proofParagraphs(v.proof)] : []),
    ],
    v.association,
    { dir: 'rtl' },
  );
