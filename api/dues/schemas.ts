import { z } from '@hono/zod-openapi';
import { bilingual, msg } from '../http/errors';
import { isIsoDate } from '../lib/dates';
import { parseAmount } from '../lib/money';

const isoDate = z.string().refine(isIsoDate, { error: bilingual(msg('Datum im Format JJJJ-MM-TT', 'Date as YYYY-MM-DD')) });

export const duesRunSchema = z
  .strictObject({
    period_from: isoDate.openapi({ example: '2026-01-01' }),
    period_to: isoDate.openapi({ example: '2026-12-31' }),
  })
  .superRefine((r, ctx) => {
    if (r.period_to < r.period_from) {
      ctx.addIssue({ code: 'custom', path: ['period_to'], message: bilingual(msg('Das Ende liegt vor dem Anfang.', 'The end is before the start.')) });
    }
    if (r.period_from.slice(0, 4) !== r.period_to.slice(0, 4) && Number(r.period_to.slice(0, 4)) - Number(r.period_from.slice(0, 4)) > 1) {
      ctx.addIssue({ code: 'custom', path: ['period_to'], message: bilingual(msg('Ein Beitragslauf umfasst höchstens zwei Kalenderjahre.', 'A dues run covers at most two calendar years.')) });
    }
  })
  .openapi('DuesRunInput');

const positiveCents = z
  .unknown()
  .transform((v, ctx) => {
    const value = typeof v === 'number' ? v : typeof v === 'string' ? parseAmount(v) : null;
    if (value === null || !Number.isSafeInteger(value) || value <= 0) {
      ctx.addIssue({ code: 'custom', message: bilingual(msg('Betrag größer als 0, wie 12,50', 'An amount above 0, like 12.50')) });
      return z.NEVER;
    }
    return value;
  })
  .openapi({ type: ['integer', 'string'] });

export const paymentSchema = z
  .strictObject({
    amount_cents: positiveCents,
    paid_on: isoDate,
    method: z.enum(['transfer', 'cash']),
    reference: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().trim().max(140).optional()),
  })
  .openapi('PaymentInput');

export const writeOffSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) }).openapi('WriteOffInput');

export type DuesRunInput = z.output<typeof duesRunSchema>;
export type PaymentInput = z.output<typeof paymentSchema>;
