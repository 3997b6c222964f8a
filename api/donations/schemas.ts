import { z } from '@hono/zod-openapi';
import { bilingual, msg } from '../http/errors';
import { parseAmount } from '../lib/money';

/**
 * The public donation page's form (web/donate/routes.tsx). Messages come in the four visitor
 * languages. Limits that are settings (smallest and largest amount) and the purposes on offer
 * are checked by the operation against the database, not here.
 */
const m4 = (de: string, en: string, ar: string, tr: string) => bilingual(msg(de, en, ar, tr));
const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
/** Form checkboxes send "on" or nothing. */
const flag = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());

export const DONATION_INTERVALS = ['once', 'monthly'] as const;
export const DONATION_LANGUAGES = ['de', 'en', 'ar', 'tr'] as const;
/** A receipt names the donor: longer than this is no name but a pasted text (or a probe). */
export const DONOR_NAME_MAX = 120;

const AMOUNT_FORMAT = m4(
  'Bitte einen Betrag in Euro angeben, z. B. 25 oder 25,50',
  'Please give an amount in euros, e.g. 25 or 25.50',
  'يرجى إدخال مبلغ باليورو، مثل 25 أو 25,50',
  'Lütfen euro cinsinden bir tutar girin, ör. 25 veya 25,50',
);

/** "25", "25,50", "1.000" as people type it in Germany → cents; letters or a zero are refused. */
export const donationAmount = z.preprocess(
  (v) => (typeof v === 'string' ? v : ''),
  z.string().transform((v, ctx) => {
    const cents = parseAmount(v);
    if (cents === null || !Number.isSafeInteger(cents) || cents <= 0) {
      ctx.addIssue({ code: 'custom', message: AMOUNT_FORMAT });
      return z.NEVER;
    }
    return cents;
  }),
);

const slug = optional(z.string().trim().toLowerCase().max(40));

export const donationSchema = z
  .strictObject({
    amount: donationAmount,
    interval: z.enum(DONATION_INTERVALS, { error: m4('Bitte „einmalig“ oder „monatlich“ wählen', 'Please choose “once” or “monthly”', 'يرجى اختيار „مرة واحدة“ أو „شهرياً“', 'Lütfen „bir kez“ veya „aylık“ seçin') }),
    /** a donation_purposes slug; none = where most needed */
    purpose: slug,
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
    receipt_wanted: flag.default(false),
    anonymous: flag.default(false),
    name: optional(
      z
        .string()
        .trim()
        .max(DONOR_NAME_MAX, {
          error: m4(
            `Der Name darf höchstens ${DONOR_NAME_MAX} Zeichen haben`,
            `The name may have at most ${DONOR_NAME_MAX} characters`,
            `يجب ألا يزيد الاسم عن ${DONOR_NAME_MAX} حرفاً`,
            `Ad en fazla ${DONOR_NAME_MAX} karakter olabilir`,
          ),
        }),
    ),
    street: optional(z.string().trim().max(200)),
    postal_code: optional(z.string().trim().max(10)),
    city: optional(z.string().trim().max(100)),
    country: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, { error: m4('Ländercode mit zwei Buchstaben, z. B. DE', 'Two-letter country code, e.g. DE', 'رمز البلد من حرفين، مثل DE', 'İki harfli ülke kodu, ör. DE') })
        .default('DE'),
    ),
    language: z.preprocess(blankToUndefined, z.enum(DONATION_LANGUAGES).default('de')),
    /** the page's one-time key: a double click is one checkout */
    submission: optional(z.string().trim().max(64)),
  })
  .superRefine((d, ctx) => {
    const need = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (d.anonymous && d.receipt_wanted) {
      need(
        'receipt_wanted',
        m4(
          'Eine anonyme Spende bekommt keine Zuwendungsbestätigung: bitte eines von beiden wählen',
          'An anonymous gift gets no donation receipt: please choose one of the two',
          'التبرع المجهول لا يحصل على إيصال تبرع: يرجى اختيار أحد الخيارين',
          'İsimsiz bağış için bağış makbuzu verilmez: lütfen ikisinden birini seçin',
        ),
      );
      return;
    }
    if (!d.receipt_wanted) return;
    const missing = m4('Für die Zuwendungsbestätigung nötig – bitte ausfüllen', 'Needed for the donation receipt – please fill in', 'مطلوب لإيصال التبرع – يرجى تعبئته', 'Bağış makbuzu için gerekli – lütfen doldurun');
    if (!d.name) need('name', missing);
    if (!d.street) need('street', missing);
    if (!d.postal_code) need('postal_code', missing);
    else if (d.country === 'DE' && !/^\d{5}$/.test(d.postal_code)) need('postal_code', m4('Postleitzahl: fünf Ziffern', 'Postal code: five digits', 'الرمز البريدي: خمسة أرقام', 'Posta kodu: beş rakam'));
    if (!d.city) need('city', missing);
  })
  // An anonymous gift keeps no name, and a gift without receipt keeps no address: only what the work needs.
  .transform((d) => ({
    ...d,
    name: d.anonymous ? undefined : d.name,
    street: d.receipt_wanted ? d.street : undefined,
    postal_code: d.receipt_wanted ? d.postal_code : undefined,
    city: d.receipt_wanted ? d.city : undefined,
    country: d.receipt_wanted ? d.country : undefined,
  }));

export type DonationInput = z.output<typeof donationSchema>;

/** Without Stripe the page offers a bank transfer: only the amount and the purpose for the QR code. */
export const transferChoiceSchema = z.object({
  amount: donationAmount,
  purpose: slug,
});
export type TransferChoice = z.output<typeof transferChoiceSchema>;
