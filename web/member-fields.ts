import type { Text4 } from './i18n';

/**
 * Texts the public forms share (the application, the member portal) — labels of the personal
 * and account fields, the mandate consent, the error summary — in the four member languages:
 * one wording wherever a member meets them.
 */
export const MEMBER_FIELD_TEXTS = {
  street: { de: 'Straße und Hausnummer', en: 'Street and number', ar: 'الشارع ورقم المبنى', tr: 'Sokak ve bina no.' },
  postal_code: { de: 'Postleitzahl', en: 'Postal code', ar: 'الرمز البريدي', tr: 'Posta kodu' },
  city: { de: 'Ort', en: 'Town', ar: 'المدينة', tr: 'Şehir' },
  country: { de: 'Land (Code, z. B. DE)', en: 'Country (code, e.g. DE)', ar: 'البلد (الرمز، مثل DE)', tr: 'Ülke (kod, ör. DE)' },
  phone: { de: 'Telefon (freiwillig)', en: 'Phone (optional)', ar: 'الهاتف (اختياري)', tr: 'Telefon (isteğe bağlı)' },
  account_holder: {
    de: 'Kontoinhaber/in (wie bei der Bank, lateinische Buchstaben)',
    en: 'Account holder (as at the bank, Latin letters)',
    ar: 'صاحب الحساب (كما لدى البنك، بالأحرف اللاتينية)',
    tr: 'Hesap sahibi (bankadaki gibi, Latin harfleriyle)',
  },
  bic: {
    de: 'BIC (nur für Konten außerhalb des EWR)',
    en: 'BIC (only for accounts outside the EEA)',
    ar: 'رمز BIC (فقط للحسابات خارج المنطقة الاقتصادية الأوروبية)',
    tr: 'BIC (yalnızca AEA dışındaki hesaplar için)',
  },
  membership: { de: 'Mitgliedschaft', en: 'Membership', ar: 'العضوية', tr: 'Üyelik' },
  mandate_agreed: {
    de: 'Ich erteile dieses SEPA-Lastschriftmandat.',
    en: 'I give this SEPA direct debit mandate.',
    ar: 'أمنح تفويض الخصم المباشر هذا.',
    tr: 'Bu SEPA otomatik ödeme talimatını veriyorum.',
  },
  fixErrors: { de: 'Bitte die markierten Angaben korrigieren:', en: 'Please correct the marked entries:', ar: 'يرجى تصحيح البيانات المعلّمة:', tr: 'Lütfen işaretli bilgileri düzeltin:' },
} satisfies Record<string, Text4>;
