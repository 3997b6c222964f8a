import { z } from '@hono/zod-openapi';
import { bilingual, msg } from '../http/errors';
import { isIsoDate } from '../lib/dates';
import { isBic, isSepaIban, normalizeBic, normalizeIban } from '../lib/iban';

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
