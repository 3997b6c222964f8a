import { z } from 'zod';
import { bilingual, msg, VISITOR_LANGS } from '../http/errors';
import { parseAmount } from '../lib/money';

/** A message of a donor-portal form in the four languages, as a zod issue carries it. */
const m4 = (de: string, en: string, ar: string, tr: string) => bilingual(msg(de, en, ar, tr));
const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

export const donorLoginSchema = z.object({ email: z.string().trim().toLowerCase().max(254).pipe(z.email()) });

/** The form's monthly gift: our own id (checked against the session's donor by the operation). */
export const monthlyGiftIdSchema = z.object({
  subscription: z.coerce.number().int().positive(),
});

export const monthlyAmountSchema = monthlyGiftIdSchema.extend({
  amount: z
    .string()
    .trim()
    .min(1)
    .transform((v, ctx) => {
      const cents = parseAmount(v);
      if (cents === null || cents <= 0) {
        ctx.addIssue({ code: 'custom', message: m4('Bitte einen Betrag in Euro angeben, z. B. 15 oder 12,50', 'Please give an amount in euros, e.g. 15 or 12.50', 'يرجى إدخال مبلغ باليورو، مثل 15 أو 12,50', 'Lütfen euro cinsinden bir tutar girin, ör. 15 veya 12,50') });
        return z.NEVER;
      }
      return cents;
    }),
});

/** Name and address as a receipt (Zuwendungsbestätigung) names the donor, and the language of their mails. */
export const donorAddressSchema = z
  .object({
    name: z.string().trim().min(2).max(140),
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
    language: z.enum(VISITOR_LANGS as unknown as ['de', 'en', 'ar', 'tr'], {
      error: m4('Bitte eine der angebotenen Sprachen wählen', 'Please choose one of the languages offered', 'يرجى اختيار إحدى اللغات المعروضة', 'Lütfen sunulan dillerden birini seçin'),
    }),
  })
  .superRefine((a, ctx) => {
    if (a.country === 'DE' && !/^\d{5}$/.test(a.postal_code)) {
      ctx.addIssue({ code: 'custom', path: ['postal_code'], message: m4('Postleitzahl: fünf Ziffern', 'Postal code: five digits', 'الرمز البريدي: خمسة أرقام', 'Posta kodu: beş rakam') });
    }
  });
export type DonorAddressInput = z.output<typeof donorAddressSchema>;
