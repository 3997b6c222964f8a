import { z } from '@hono/zod-openapi';
import { bilingual, msg } from '../http/errors';
import { isIsoDate } from '../lib/dates';
import { parseAmount } from '../lib/money';

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
