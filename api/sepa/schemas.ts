import { z } from '@hono/zod-openapi';
import { bilingual, msg } from '../http/errors';
import { isIsoDate } from '../lib/dates';
import { isBic, isSepaIban, normalizeBic, normalizeIban } from '../lib/iban';
import { parseAmount } from '../lib/money';

const blank = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

export const mandateSchema = z
  .strictObject({
    reference: z.preprocess(blank, z.string().trim().optional()).openapi({ description: 'Mandatsreferenz; leer = automatisch (KW-<Mitgliedsnummer>-<lfd. Nr.>)' }),
    signed_on: z.string().refine(isIsoDate, { error: bilingual(msg('Datum im Format JJJJ-MM-TT', 'Date as YYYY-MM-DD')) }),
    iban: z
      .string()
      .refine(isSepaIban, { error: bilingual(msg('Keine gültige IBAN eines SEPA-Landes (Länge oder Prüfziffer stimmt nicht)', 'Not a valid IBAN of a SEPA country (length or check digits wrong)')) })
      .transform(normalizeIban),
    bic: z.preprocess(blank, z.string().refine(isBic, { error: bilingual(msg('Keine gültige BIC (8 oder 11 Zeichen)', 'Not a valid BIC (8 or 11 characters)')) }).transform(normalizeBic).optional()),
    account_holder: z.string().trim().min(2).max(140),
  })
  .openapi('MandateInput');

export type MandateInput = z.output<typeof mandateSchema>;

export const returnSchema = z
  .strictObject({
    reason: z.enum(['AC01', 'AC04', 'AC06', 'AG01', 'AM04', 'AM05', 'MD01', 'MD02', 'MD06', 'MD07', 'MS02', 'MS03', 'RC01', 'SL01']),
    fee_cents: z.preprocess((v) => (v === '' || v === undefined ? 0 : v), z.unknown()).transform((v, ctx) => {
      const cents = typeof v === 'number' ? v : typeof v === 'string' ? parseAmount(v) : null;
      if (cents === null || !Number.isSafeInteger(cents) || cents < 0 || cents > 100_00) {
        ctx.addIssue({ code: 'custom', message: bilingual(msg('Bankgebühr wie 3,50 angeben (0 bis 100 €)', 'Bank fee like 3.50 (0 to 100 €)')) });
        return z.NEVER;
      }
      return cents;
    }),
  })
  .openapi('ReturnInput');
