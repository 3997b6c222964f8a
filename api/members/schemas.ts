import { z } from '@hono/zod-openapi';
import { bilingual, msg } from '../http/errors';
import { isIsoDate } from '../lib/dates';
import { parseAmount } from '../lib/money';
import { isBic, isSepaIban, normalizeBic, normalizeIban } from '../lib/iban';

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const isoDate = z.string().refine(isIsoDate, { error: bilingual(msg('Datum im Format JJJJ-MM-TT', 'Date as YYYY-MM-DD')) });
/** Form checkboxes send "on" or nothing; JSON sends a boolean. */
const flag = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());
const id = z.coerce.number().int().positive();

export const FEE_INTERVALS = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export const MEMBER_STATUSES = ['applicant', 'active', 'left', 'deceased'] as const;
export const PAYMENT_METHODS = ['sepa_debit', 'transfer', 'card'] as const;
export const MEMBER_LANGUAGES = ['de', 'en', 'ar', 'tr'] as const;

/** "12,50", "12.50" or 1250 (cents, JSON) — never a float in storage. */
const AMOUNT_HINT = bilingual(msg('Betrag wie 12,50 angeben (0 bis 100.000 €)', 'Give an amount like 12.50 (0 to 100,000 €)'));
const cents = z
  .unknown()
  .transform((v, ctx) => {
    const value = typeof v === 'number' ? v : typeof v === 'string' ? parseAmount(v) : null;
    if (value === null || !Number.isSafeInteger(value) || value < 0 || value > 100_000_00) {
      ctx.addIssue({ code: 'custom', message: AMOUNT_HINT });
      return z.NEVER;
    }
    return value;
  })
  .openapi({ type: ['integer', 'string'] });

export const membershipTypeSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    fee_cents: cents.openapi({ description: 'Beitrag je Zeitraum in Cent (oder "12,50") / fee per period in cents', example: 1200 }),
    reduced_fee_cents: optional(cents).openapi({ description: 'ermäßigter Beitrag / reduced fee', example: 600 }),
    interval: z.enum(FEE_INTERVALS),
    active: flag.default(true),
  })
  .openapi('MembershipTypeInput');

export const memberSchema = z
  .strictObject({
    first_name: z.string().trim().min(1).max(100),
    last_name: z.string().trim().min(1).max(100),
    street: optional(z.string().trim().max(200)),
    postal_code: optional(z.string().trim().max(10)),
    city: optional(z.string().trim().max(100)),
    country: z.preprocess(blankToUndefined, z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, { error: bilingual(msg('Ländercode mit zwei Buchstaben, z. B. DE', 'Two-letter country code, e.g. DE')) }).default('DE')),
    email: optional(z.string().trim().toLowerCase().pipe(z.email({ error: bilingual(msg('Keine gültige E-Mail-Adresse', 'Not a valid e-mail address')) }))),
    phone: optional(
      z.string().trim().regex(/^\+?[0-9 ()/.-]{5,30}$/, { error: bilingual(msg('Telefonnummer: Ziffern, Leerzeichen, + ( ) / - .', 'Phone: digits, spaces, + ( ) / - .')) }),
    ),
    birth_date: optional(isoDate),
    join_date: optional(isoDate),
    exit_date: optional(isoDate),
    status: z.enum(MEMBER_STATUSES).default('active'),
    membership_type_id: id,
    reduced_fee: flag.default(false),
    payment_method: z.enum(PAYMENT_METHODS),
    payer_member_id: optional(id),
    consent_newsletter_on: optional(isoDate),
    consent_photos_on: optional(isoDate),
    notes: optional(z.string().trim().max(2000)),
    language: z.preprocess(blankToUndefined, z.enum(MEMBER_LANGUAGES).default('de')),
  })
  .superRefine((m, ctx) => {
    const need = (field: string, de: string, en: string) => ctx.addIssue({ code: 'custom', path: [field], message: bilingual(msg(de, en)) });
    if (m.status !== 'applicant' && !m.join_date) need('join_date', 'Eintrittsdatum fehlt', 'Join date missing');
    if ((m.status === 'left' || m.status === 'deceased') && !m.exit_date) need('exit_date', 'Austrittsdatum fehlt', 'Exit date missing');
    if (m.status === 'active' && m.exit_date) need('status', 'Mit Austrittsdatum ist der Status „ausgetreten“', 'With an exit date the status is “left”');
    if (m.exit_date && m.join_date && m.exit_date < m.join_date) need('exit_date', 'Austritt liegt vor dem Eintritt', 'Exit is before joining');
    if (m.country === 'DE' && m.postal_code && !/^\d{5}$/.test(m.postal_code)) need('postal_code', 'Postleitzahl: fünf Ziffern', 'Postal code: five digits');
  })
  .openapi('MemberInput');

export type MemberInput = z.output<typeof memberSchema>;
export type MembershipTypeInput = z.output<typeof membershipTypeSchema>;

export const memberFilterSchema = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  type: z.coerce.number().int().positive().optional(),
  /** Only members who owe dues past their due date. */
  arrears: z.preprocess((v) => v === '1' || v === 'true' || v === true, z.boolean()).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type MemberFilter = z.output<typeof memberFilterSchema> & { ids?: number[] };

const m4 = (de: string, en: string, ar: string, tr: string) => bilingual(msg(de, en, ar, tr));
const agreed = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());

/**
 * The public online application (Mitgliedsantrag): what a person gives about themselves, the
 * membership type, and — when paying by direct debit — the SEPA mandate. Messages come in the
 * four member languages. No field beyond the member record (DESIGN.md: keep only what the work
 * needs); `website` is a honeypot a person never sees, `submission` makes a double click one
 * application.
 */
export const applicationSchema = z
  .strictObject({
    first_name: z.string().trim().min(1).max(100),
    last_name: z.string().trim().min(1).max(100),
    street: z.string().trim().min(1).max(200),
    postal_code: z.string().trim().min(1).max(10),
    city: z.string().trim().min(1).max(100),
    country: z.preprocess(
      blankToUndefined,
      z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, { error: m4('Ländercode mit zwei Buchstaben, z. B. DE', 'Two-letter country code, e.g. DE', 'رمز البلد من حرفين، مثل DE', 'İki harfli ülke kodu, ör. DE') }).default('DE'),
    ),
    email: z.string().trim().toLowerCase().pipe(z.email()),
    phone: optional(z.string().trim().regex(/^\+?[0-9 ()/.-]{5,30}$/, { error: m4('Telefonnummer: Ziffern, Leerzeichen, + ( ) / - .', 'Phone: digits, spaces, + ( ) / - .', 'رقم الهاتف: أرقام ومسافات و + ( ) / - .', 'Telefon: rakamlar, boşluk, + ( ) / - .') })),
    birth_date: optional(z.string().refine(isIsoDate, { error: m4('Datum im Format JJJJ-MM-TT', 'Date as YYYY-MM-DD', 'التاريخ بصيغة YYYY-MM-DD', 'Tarih YYYY-AA-GG biçiminde') })),
    membership_type_id: z.coerce.number({ error: m4('Bitte eine Mitgliedschaft wählen', 'Please choose a membership', 'يرجى اختيار نوع العضوية', 'Lütfen bir üyelik türü seçin') }).int().positive(),
    reduced_fee: flag.default(false),
    payment_method: z.enum(['sepa_debit', 'transfer'], { error: m4('Bitte eine Zahlungsart wählen', 'Please choose how to pay', 'يرجى اختيار طريقة الدفع', 'Lütfen bir ödeme yöntemi seçin') }),
    account_holder: optional(z.string().trim().max(140)),
    iban: optional(z.string()),
    bic: optional(z.string()),
    mandate_agreed: agreed.default(false),
    privacy_agreed: agreed.default(false),
    consent_newsletter: agreed.default(false),
    consent_photos: agreed.default(false),
    language: z.preprocess(blankToUndefined, z.enum(MEMBER_LANGUAGES).default('de')),
    submission: optional(z.string().trim().max(64)),
    website: optional(z.string().max(200)),
  })
  .superRefine((a, ctx) => {
    const need = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (a.country === 'DE' && !/^\d{5}$/.test(a.postal_code)) need('postal_code', m4('Postleitzahl: fünf Ziffern', 'Postal code: five digits', 'الرمز البريدي: خمسة أرقام', 'Posta kodu: beş rakam'));
    if (!a.privacy_agreed) need('privacy_agreed', m4('Bitte den Datenschutzhinweis bestätigen', 'Please confirm the privacy notice', 'يرجى تأكيد الاطلاع على إشعار حماية البيانات', 'Lütfen veri koruma bilgilendirmesini onaylayın'));
    if (a.payment_method !== 'sepa_debit') return;
    if (!a.account_holder) need('account_holder', m4('Kontoinhaber fehlt', 'Account holder missing', 'اسم صاحب الحساب مفقود', 'Hesap sahibi eksik'));
    if (!a.iban) need('iban', m4('IBAN fehlt', 'IBAN missing', 'رقم IBAN مفقود', 'IBAN eksik'));
    else if (!isSepaIban(a.iban)) need('iban', m4('Diese IBAN stimmt nicht (Länge oder Prüfziffer) – bitte prüfen', 'This IBAN is not right (length or check digits) – please check it', 'رقم IBAN هذا غير صحيح (الطول أو أرقام التحقق) – يرجى التحقق منه', 'Bu IBAN doğru değil (uzunluk veya kontrol rakamları) – lütfen kontrol edin'));
    if (a.bic && !isBic(a.bic)) need('bic', m4('Keine gültige BIC (8 oder 11 Zeichen)', 'Not a valid BIC (8 or 11 characters)', 'رمز BIC غير صالح (8 أو 11 حرفًا)', 'Geçerli bir BIC değil (8 veya 11 karakter)'));
    if (!a.mandate_agreed) need('mandate_agreed', m4('Bitte dem SEPA-Lastschriftmandat zustimmen oder „Überweisung“ wählen', 'Please agree to the SEPA direct debit mandate or choose “bank transfer”', 'يرجى الموافقة على تفويض الخصم المباشر أو اختيار „تحويل بنكي“', 'Lütfen SEPA otomatik ödeme talimatını onaylayın veya „Havale“yi seçin'));
  })
  .transform((a) => ({
    ...a,
    iban: a.payment_method === 'sepa_debit' && a.iban ? normalizeIban(a.iban) : undefined,
    bic: a.payment_method === 'sepa_debit' && a.bic ? normalizeBic(a.bic) : undefined,
    account_holder: a.payment_method === 'sepa_debit' ? a.account_holder : undefined,
  }))
  .openapi('ApplicationInput');

export type ApplicationInput = z.output<typeof applicationSchema>;

export const acceptApplicationSchema = z
  .strictObject({
    join_date: z.string().refine(isIsoDate, { error: bilingual(msg('Datum im Format JJJJ-MM-TT', 'Date as YYYY-MM-DD')) }),
    membership_type_id: optional(id),
    reduced_fee: flag.optional(),
  })
  .openapi('AcceptApplicationInput');

export const declineApplicationSchema = z
  .strictObject({
    /** Told to the applicant in the mail when given; not stored. */
    message: optional(z.string().trim().max(1000)),
  })
  .openapi('DeclineApplicationInput');
