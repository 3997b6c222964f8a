import type { ClaimStatus, FeeInterval, MemberStatus, PaymentMethod, PaymentMethodRecorded, SepaMandate } from '../../db/schema';
import type { VisitorLang } from '../../api/http/errors';

/**
 * Words of the domain as a member reads them, in the four member languages: the portal pages
 * (web/portal) and the data-export PDF (member-data.ts) use the same ones.
 */
type Words<K extends string> = Record<K, Record<VisitorLang, string>>;

export const CLAIM_STATUS: Words<ClaimStatus> = {
  open: { de: 'offen', en: 'open', ar: 'مستحق', tr: 'açık' },
  partly_paid: { de: 'teilweise bezahlt', en: 'partly paid', ar: 'مدفوع جزئياً', tr: 'kısmen ödendi' },
  paid: { de: 'bezahlt', en: 'paid', ar: 'مدفوع', tr: 'ödendi' },
  written_off: { de: 'erlassen', en: 'waived', ar: 'أُعفي منه', tr: 'silindi' },
  returned: { de: 'Lastschrift zurückgegeben – offen', en: 'debit returned – open', ar: 'أُعيد الخصم – مستحق', tr: 'otomatik ödeme iade edildi – açık' },
  submitted: { de: 'wird per Lastschrift eingezogen', en: 'being collected by direct debit', ar: 'قيد التحصيل بالخصم المباشر', tr: 'otomatik ödemeyle tahsil ediliyor' },
};

export const PAYMENT_METHOD: Words<PaymentMethod | PaymentMethodRecorded> = {
  sepa_debit: { de: 'SEPA-Lastschrift', en: 'SEPA direct debit', ar: 'خصم مباشر (SEPA)', tr: 'SEPA otomatik ödeme' },
  transfer: { de: 'Überweisung', en: 'bank transfer', ar: 'تحويل بنكي', tr: 'havale' },
  card: { de: 'Karte', en: 'card', ar: 'بطاقة', tr: 'kart' },
  cash: { de: 'bar', en: 'cash', ar: 'نقداً', tr: 'nakit' },
};

export const INTERVAL: Words<FeeInterval> = {
  monthly: { de: 'monatlich', en: 'per month', ar: 'شهرياً', tr: 'aylık' },
  quarterly: { de: 'vierteljährlich', en: 'per quarter', ar: 'كل ثلاثة أشهر', tr: 'üç aylık' },
  half_yearly: { de: 'halbjährlich', en: 'per half-year', ar: 'كل نصف سنة', tr: 'altı aylık' },
  yearly: { de: 'jährlich', en: 'per year', ar: 'سنوياً', tr: 'yıllık' },
};

export const MEMBER_STATUS: Words<MemberStatus> = {
  applicant: { de: 'Antrag', en: 'applicant', ar: 'طلب عضوية', tr: 'başvuru' },
  active: { de: 'aktiv', en: 'active', ar: 'فعّال', tr: 'aktif' },
  left: { de: 'ausgetreten', en: 'left', ar: 'انسحب', tr: 'ayrıldı' },
  deceased: { de: 'verstorben', en: 'deceased', ar: 'متوفى', tr: 'vefat etti' },
};

export const MANDATE_STATUS: Words<SepaMandate['status']> = {
  active: { de: 'gültig', en: 'active', ar: 'ساري', tr: 'geçerli' },
  revoked: { de: 'beendet', en: 'ended', ar: 'منتهٍ', tr: 'sona erdi' },
  expired: { de: 'verfallen (36 Monate ungenutzt)', en: 'expired (unused for 36 months)', ar: 'منتهي الصلاحية (غير مستخدم 36 شهراً)', tr: 'süresi doldu (36 ay kullanılmadı)' },
};
