import { z } from '@hono/zod-openapi';
import { bilingual, msg } from '../http/errors';
import { isCreditorId, normalizeCreditorId } from '../lib/creditor-id';
import { isIsoDate } from '../lib/dates';
import { isBic, isSepaIban, normalizeBic, normalizeIban } from '../lib/iban';
import { parseAmount } from '../lib/money';

const text = (max = 200) => z.string().trim().min(1).max(max);
const optionalText = (schema: z.ZodType<string>) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const purposeSchema = z.strictObject({
  genitive: text(300).openapi({ example: 'der Hilfe für politisch, rassistisch oder religiös Verfolgte und für Flüchtlinge' }),
  accusative: text(300).openapi({ example: 'die Hilfe für politisch, rassistisch oder religiös Verfolgte und für Flüchtlinge' }),
});

const year = z.coerce.number().int().min(1950).max(2100);

/** A form checkbox ("on", or the hidden "off" before it) or a JSON boolean; left out = unchanged. */
const checkbox = () =>
  z.preprocess((v) => (v === 'on' || v === 'true' || v === true ? true : v === 'off' || v === 'false' || v === false ? false : v), z.boolean()).optional();

/**
 * The association's master data (Stammdaten): what receipts, SEPA files and mails print.
 * IBAN and Gläubiger-ID are checked by their check digits (shared/spec/sepa.md §6, §9).
 */
export const associationSchema = z
  .strictObject({
    name: text(),
    street: text(),
    postal_code: z
      .string()
      .trim()
      .regex(/^\d{5}$/, { error: bilingual(msg('Postleitzahl: fünf Ziffern', 'Postal code: five digits')) }),
    city: text(),
    finanzamt: text().openapi({ example: 'Finanzamt für Körperschaften I Berlin' }),
    steuernummer: z
      .string()
      .trim()
      .regex(/^[0-9][0-9 /]{8,18}[0-9]$/, {
        error: bilingual(msg('Steuernummer: 10 bis 13 Ziffern, mit / oder Leerzeichen', 'Tax number: 10 to 13 digits, with / or spaces')),
      })
      .openapi({ example: '27/663/12345' }),
    notice_kind: z.enum(['freistellungsbescheid', 'feststellung_60a']),
    notice_date: z
      .string()
      .refine(isIsoDate, { error: bilingual(msg('Datum im Format JJJJ-MM-TT', 'Date as YYYY-MM-DD')) })
      .openapi({ example: '2025-06-30' }),
    notice_year_from: z.preprocess((v) => (v === '' ? null : v), year.nullable().default(null)),
    notice_year_to: z.preprocess((v) => (v === '' ? null : v), year.nullable().default(null)),
    purposes: z.array(purposeSchema).min(1).max(10),
    iban: z
      .string()
      .refine(isSepaIban, {
        error: bilingual(msg('Keine gültige IBAN (Länge oder Prüfziffer stimmt nicht)', 'Not a valid IBAN (length or check digits wrong)')),
      })
      .transform(normalizeIban)
      .openapi({ example: 'DE02120300000000202051' }),
    bic: optionalText(
      z.string().refine(isBic, { error: bilingual(msg('Keine gültige BIC (8 oder 11 Zeichen)', 'Not a valid BIC (8 or 11 characters)')) }).transform(normalizeBic),
    ),
    creditor_id: optionalText(
      z
        .string()
        .refine(isCreditorId, {
          error: bilingual(msg('Keine gültige Gläubiger-ID (Prüfziffer stimmt nicht)', 'Not a valid creditor identifier (check digits wrong)')),
        })
        .transform(normalizeCreditorId),
    ).openapi({ example: 'DE98ZZZ09999999999' }),
    signature_place: text().openapi({ example: 'Berlin' }),
    dues_join_rule: z
      .enum(['next_period', 'pro_rata'])
      .optional()
      .openapi({ description: 'Eintritt mitten im Zeitraum: ab dem nächsten Zeitraum oder tagesgenau anteilig / joining mid-period: from the next period or pro rata per day' }),
    sepa_version: z.enum(['001.08', '001.02']).optional().openapi({ description: 'pain.008-Version, die die Bank annimmt / pain.008 version the bank accepts' }),
    prenotification_days: z.coerce.number().int().min(1).max(60).optional().openapi({ description: 'Tage der Vorabankündigung vor dem Einzug / days of pre-notification' }),
    dunning_levels: z
      .array(
        z.strictObject({
          days: z.coerce.number().int().min(1).max(365),
          fee_cents: z.unknown().transform((v, ctx) => {
            const cents = typeof v === 'number' ? v : typeof v === 'string' ? (v.trim() === '' ? 0 : parseAmount(v)) : null;
            if (cents === null || !Number.isSafeInteger(cents) || cents < 0 || cents > 100_00) {
              ctx.addIssue({ code: 'custom', message: bilingual(msg('Gebühr wie 2,50 angeben (0 bis 100 €)', 'Fee like 2.50 (0 to 100 €)')) });
              return z.NEVER;
            }
            return cents;
          }),
        }),
      )
      .length(3)
      .optional()
      .openapi({ description: 'Mahnstufen 1–3: Tage nach Fälligkeit bzw. vorheriger Mahnung und Gebühr / dunning levels: days and fee' }),
    return_fee_to_member: checkbox().openapi({ description: 'Bankgebühr einer Rücklastschrift dem Mitglied berechnen / pass a return fee on to the member' }),
    // Zuwendungsbestätigungen (shared/spec/zuwendungsbestaetigung.md §9, §10, §11.2). Left out: unchanged.
    member_dues_deductible: checkbox().openapi({
      description:
        'Mitgliedsbeiträge sind steuerlich abziehbar (nicht bei Zwecken nach § 10b Abs. 1 Satz 8 EStG, z. B. Sport, Kultur, Heimatpflege) / membership fees are tax-deductible',
    }),
    machine_procedure_notified_on: z
      .preprocess(
        (v) => (v === '' || v === null ? null : v),
        z.string().refine(isIsoDate, { error: bilingual(msg('Datum im Format JJJJ-MM-TT', 'Date as YYYY-MM-DD')) }).nullable(),
      )
      .optional()
      .openapi({
        example: '2026-01-10',
        description:
          'Tag, an dem das maschinelle Verfahren dem Finanzamt angezeigt wurde (R 10b.1 Abs. 4 EStR); null = nicht angezeigt / day the machine procedure was reported to the tax office; null = not reported',
      }),
    simplified_proof: checkbox().openapi({
      description:
        'Vereinfachter Zuwendungsnachweis: für einzelne Spenden bis 300 € keine Bestätigung, außer der Spender wünscht eine / simplified proof: no receipt for single gifts up to 300 € unless asked for',
    }),
    // Förderfristen (grants deadlines): days before a deadline its reminders go out, and to whom
    grant_reminder_days: z
      .preprocess(
        (v) => (typeof v === 'string' ? (v.trim() === '' ? [] : v.split(/[\s,;]+/).filter(Boolean)) : v),
        z
          .array(z.coerce.number({ error: bilingual(msg('Erinnerungstage: ganze Zahlen wie 30, 7, 1', 'Reminder days: whole numbers like 30, 7, 1')) }).int().min(0).max(365, bilingual(msg('Erinnerungstage: höchstens 365', 'Reminder days: at most 365'))))
          .max(10, bilingual(msg('Erinnerungstage: höchstens 10 Angaben', 'Reminder days: at most 10 values'))),
      )
      .transform((days) => [...new Set(days)].sort((a, b) => b - a))
      .optional()
      .openapi({ example: [30, 7, 1], description: 'Tage vor einer Förderfrist, an denen erinnert wird / days before a grant deadline on which reminders go out' }),
    grant_reminders_to_board: checkbox().openapi({ description: 'Fristerinnerungen auch an alle aktiven Vorstandsmitglieder / deadline reminders also to every active board member' }),
  })
  .superRefine((a, ctx) => {
    if (a.notice_kind === 'freistellungsbescheid') {
      if (a.notice_year_from === null)
        ctx.addIssue({ code: 'custom', path: ['notice_year_from'], message: bilingual(msg('Pflichtfeld beim Freistellungsbescheid', 'Required for a Freistellungsbescheid')) });
      if (a.notice_year_from !== null && a.notice_year_to !== null && a.notice_year_to < a.notice_year_from)
        ctx.addIssue({ code: 'custom', path: ['notice_year_to'], message: bilingual(msg('Darf nicht vor dem ersten Jahr liegen', 'Must not be before the first year')) });
    }
  })
  .openapi('Association');

export type AssociationInput = z.output<typeof associationSchema>;

export const setupSchema = z.strictObject({
  association: associationSchema,
  admin: z.strictObject({
    name: text(),
    email: z.string().trim().toLowerCase().pipe(z.email({ error: bilingual(msg('Keine gültige E-Mail-Adresse', 'Not a valid e-mail address')) })),
    password: z.string().min(10, { error: bilingual(msg('Mindestens 10 Zeichen', 'At least 10 characters')) }).max(200),
    language: z.enum(['de', 'en']).default('de'),
  }),
});
