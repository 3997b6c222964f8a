import { mail } from './layout';
import type { MembershipWelcomeVars } from './index';
import { PER_INTERVAL } from './words';

export default (v: MembershipWelcomeVars) =>
  mail(
    `أهلاً بك في ${v.association} – رقم العضوية ${v.memberNumber}`,
    [
      `مرحباً ${v.name}،`,
      `يسعدنا إبلاغك بأنك أصبحت الآن عضواً في ${v.association} – رقم عضويتك ${v.memberNumber}، ونوع عضويتك „${v.typeName}“ (${v.fee} ${PER_INTERVAL.ar[v.interval]}).`,
      ...(v.debit
        ? [
            `تفويض الخصم المباشر (SEPA) ساري المفعول من الآن. مرجع التفويض: ${v.debit.reference} · رقم تعريف الدائن: ${v.debit.creditorId} · الحساب: ${v.debit.ibanMasked}`,
            ...(v.first ? [`سنخصم الاشتراك الأول بمبلغ ${v.first.amount} في موعد لا يسبق ${v.first.date}؛ وقبل كل خصم ستصلك رسالة بالمبلغ والتاريخ.`] : []),
          ]
        : []),
      ...(v.transfer && v.first
        ? [`يستحق الاشتراك الأول بمبلغ ${v.first.amount} في ${v.first.date}. يرجى تحويله إلى ${v.association}، IBAN ${v.transfer.iban}، الغرض „${v.transfer.reference}“ – وستصلك أيضاً مطالبة بالدفع مع رمز QR.`]
        : []),
      'يمكنك الاطلاع على بياناتك واشتراكاتك ومدفوعاتك وتعديلها في منطقة الأعضاء (تسجيل الدخول برابط يصلك بالبريد الإلكتروني، دون كلمة مرور):',
      v.portalLink,
    ],
    v.association,
    { dir: 'rtl' },
  );
