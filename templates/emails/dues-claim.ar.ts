import { mail } from './layout';
import type { DuesClaimVars } from './index';

export default (v: DuesClaimVars) =>
  mail(
    `اشتراك العضوية: طلب دفع – ${v.association}`,
    [
      `مرحباً ${v.name}،`,
      'شكراً لعضويتك! هذه الاشتراكات مستحقة:',
      v.lines.map((l) => `– ${l.label}${l.member ? ` عن ${l.member}` : ''} (تاريخ الاستحقاق ${l.due}): ${l.amount}`).join('\n'),
      `المجموع: ${v.total}`,
      `يرجى تحويل المبلغ حتى ${v.firstDue} إلى ${v.association}، IBAN ${v.iban}${v.bic ? `، BIC ${v.bic}` : ''}، الغرض: „${v.reference}“. أسرع طريقة مع تطبيق البنك هي رمز QR (GiroCode) في هذه الرسالة.`,
      ...(v.cardUrl ? ['تفضّل الدفع بالبطاقة؟ عبر هذا الرابط تدفع المبلغ المستحق بأمان لدى مزوّد الدفع Stripe:', v.cardUrl] : []),
      'إذا لم تستطع الدفع الآن، يرجى التحدث إلينا – سنجد حلاً.',
    ],
    v.association,
    { dir: 'rtl', image: { cid: v.qrCid, alt: 'GiroCode (رمز QR للتحويل)' } },
  );
