import { z } from 'zod';
import { bilingual, msg } from '../http/errors';
import { isBic, isSepaIban, normalizeBic, normalizeIban } from '../lib/iban';

/** A message of a portal form in the four member languages, as a zod issue carries it. */
const m4 = (de: string, en: string, ar: string, tr: string) => bilingual(msg(de, en, ar, tr));
const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

export const portalEmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const loginRequestSchema = z.object({ email: portalEmailSchema });

export const contactSchema = z
  .object({
    street: z.string().trim().min(1).max(200),
    postal_code: z.string().trim().min(1).max(10),
    city: z.string().trim().min(1).max(100),
    country: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, { error: m4('Ländercode mit zwei Buchstaben, z. B. DE', 'Two-letter country code, e.g. DE', 'رمز البلد من حرفين، مثل DE', 'İki harfli ülke kodu, ör. DE') })
        .default('DE'),
    ),
    phone: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()/.-]{5,30}$/, { error: m4('Telefonnummer: Ziffern, Leerzeichen, + ( ) / - .', 'Phone: digits, spaces, + ( ) / - .', 'رقم الهاتف: أرقام ومسافات و + ( ) / - .', 'Telefon: rakamlar, boşluk, + ( ) / - .') })
        .optional(),
    ),
  })
  .superRefine((a, ctx) => {
    if (a.country === 'DE' && !/^\d{5}$/.test(a.postal_code)) {
      ctx.addIssue({ code: 'custom', path: ['postal_code'], message: m4('Postleitzahl: fünf Ziffern', 'Postal code: five digits', 'الرمز البريدي: خمسة أرقام', 'Posta kodu: beş rakam') });
    }
  });
export type ContactInput = z.output<typeof contactSchema>;

export const emailChangeSchema = z.object({ email: portalEmailSchema });

/** A new SEPA mandate given in the portal; the account holder's script is checked by createMandate. */
export const portalMandateSchema = z.object({
  account_holder: z.string().trim().min(2).max(140),
  iban: z
    .string()
    .refine(isSepaIban, {
      error: m4(
        'Diese IBAN stimmt nicht (Länge oder Prüfziffer) – bitte prüfen',
        'This IBAN is not right (length or check digits) – please check it',
        'رقم IBAN هذا غير صحيح (الطول أو أرقام التحقق) – يرجى التحقق منه',
        'Bu IBAN doğru değil (uzunluk veya kontrol rakamları) – lütfen kontrol edin',
      ),
    })
    .transform(normalizeIban),
  bic: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine(isBic, { error: m4('Keine gültige BIC (8 oder 11 Zeichen)', 'Not a valid BIC (8 or 11 characters)', 'رمز BIC غير صالح (8 أو 11 حرفًا)', 'Geçerli bir BIC değil (8 veya 11 karakter)') })
      .transform(normalizeBic)
      .optional(),
  ),
  agreed: z.preprocess(
    (v) => v === 'on' || v === true,
    z.literal(true, {
      error: m4(
        'Bitte bestätigen Sie, dass Sie das Mandat erteilen',
        'Please confirm that you give the mandate',
        'يرجى تأكيد أنك تمنح التفويض',
        'Lütfen talimatı verdiğinizi onaylayın',
      ),
    }),
  ),
});
export type PortalMandateInput = z.output<typeof portalMandateSchema>;
