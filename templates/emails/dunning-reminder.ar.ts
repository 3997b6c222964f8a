import { mail } from './layout';
import type { DunningReminderVars } from './index';

const TITLE = ['', 'تذكير بالدفع', 'التذكير الثاني', 'التذكير الثالث'];

export default (v: DunningReminderVars) =>
  mail(
    `${TITLE[v.level]}: اشتراكات غير مدفوعة – ${v.association}`,
    [
      `مرحباً ${v.name}،`,
      v.level === 1 ? 'ربما فاتك ذلك: الاشتراكات التالية لم تُدفع بعد.' : 'رغم تذكيرنا، ما زالت المبالغ التالية مستحقة:',
      v.lines.map((l) => `– ${l.label} (تاريخ الاستحقاق ${l.due}): ${l.amount}`).join('\n'),
      ...(v.fee ? [`رسوم التذكير: ${v.fee}`] : []),
      `المبلغ المطلوب: ${v.total}`,
      `يرجى التحويل إلى ${v.association}، رقم الحساب IBAN ${v.iban}، مع ذكر «${v.reference}» في خانة الغرض. أسرع طريقة هي رمز QR (GiroCode) في هذه الرسالة عبر تطبيق البنك.`,
      'إذا لم تستطع الدفع الآن فتواصل معنا من فضلك – سنجد حلاً معاً. وإذا تقاطعت هذه الرسالة مع دفعتك فيرجى تجاهلها.',
    ],
    v.association,
    { dir: 'rtl', image: v.qrCid ? { cid: v.qrCid, alt: 'GiroCode (رمز QR للتحويل)' } : undefined },
  );
