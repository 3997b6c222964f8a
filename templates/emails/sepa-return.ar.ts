import { mail } from './layout';
import type { SepaReturnVars } from './index';

export default (v: SepaReturnVars) =>
  mail(
    `أُعيد الخصم المباشر من حسابك – ${v.association}`,
    [
      `مرحباً ${v.name}،`,
      `أعاد بنكك الخصم المباشر بمبلغ ${v.amount} (${v.label}) بتاريخ ${v.dueDate}. السبب: ${v.reason}.`,
      ...(v.fee ? [`احتسب البنك علينا رسوماً قدرها ${v.fee}، ونحمّلك هذا المبلغ.`] : []),
      v.mandateStopped
        ? 'لن نخصم بعد الآن بموجب التفويض السابق. يرجى تحويل المبلغ المستحق أو تزويدنا ببيانات بنكية جديدة.'
        : 'يرجى تحويل المبلغ المستحق أو التأكد من وجود رصيد كافٍ؛ سنخبرك قبل أي خصم جديد.',
      `البيانات البنكية: ${v.association}، IBAN ${v.iban}، الغرض: ${v.reference}`,
    ],
    v.association,
    { dir: 'rtl' },
  );
