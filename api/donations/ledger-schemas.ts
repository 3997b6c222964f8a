import { z } from '@hono/zod-openapi';
import { bilingual, msg, type Msg } from '../http/errors';
import { isIsoDate } from '../lib/dates';
import { parseAmount } from '../lib/money';

/**
 * What the treasurer types into the donations ledger: offline gifts and their corrections,
 * donors, the donation page's settings and purposes. Every message names its field, since a
 * gift form is long and the treasurer reads the summary above it first.
 */

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const say = (de: string, en: string) => ({ error: bilingual(msg(de, en)) });
/** Form checkboxes send "on" or nothing; JSON sends a boolean. */
const flag = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1' || v === 'yes', z.boolean());

/** A required text whose messages say which field is meant. */
const text = (label: Msg, max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string(say(`${label.de}: bitte ausfüllen`, `${label.en}: please fill in`))
      .trim()
      .min(1, say(`${label.de}: bitte ausfüllen`, `${label.en}: please fill in`))
      .max(max, say(`${label.de}: höchstens ${max} Zeichen`, `${label.en}: at most ${max} characters`)),
  );
const optText = (label: Msg, max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, say(`${label.de}: höchstens ${max} Zeichen`, `${label.en}: at most ${max} characters`)).optional());
const isoDate = (label: Msg) => z.string(say(`${label.de}: bitte angeben`, `${label.en}: please give it`)).refine(isIsoDate, say(`${label.de}: Datum im Format JJJJ-MM-TT`, `${label.en}: date as YYYY-MM-DD`));
const optDate = (label: Msg) => z.preprocess(blankToUndefined, isoDate(label).optional());
const optId = (label: Msg) => z.preprocess(blankToUndefined, z.coerce.number(say(`${label.de}: bitte wählen`, `${label.en}: please choose`)).int().positive(say(`${label.de}: bitte wählen`, `${label.en}: please choose`)).optional());

/** The largest gift we accept in one entry: a typo guard, not a policy (1.000.000 €). */
export const MAX_GIFT_CENTS = 100_000_000;

/** "12,50", "1.234,56" or cents as a JSON number; never a float in storage. */
const amount = (label: Msg, min = 1, max = MAX_GIFT_CENTS) =>
  z
    .unknown()
    .transform((v, ctx) => {
      const value = typeof v === 'number' ? v : typeof v === 'string' ? parseAmount(v) : null;
      if (value === null || !Number.isSafeInteger(value) || value < min || value > max) {
        const range = (locale: string, to: string) => `${(min / 100).toLocaleString(locale, { minimumFractionDigits: 2 })} ${to} ${(max / 100).toLocaleString(locale)} €`;
        // continue: the gift's other rules (waiver, in kind) are checked too, so one round shows every problem
        ctx.addIssue({ code: 'custom', continue: true, message: bilingual(msg(`${label.de}: wie 12,50 angeben (${range('de-DE', 'bis')})`, `${label.en}: give it like 12.50 (${range('en-GB', 'to')})`)) });
        return z.NEVER;
      }
      return value;
    })
    .openapi({ type: ['integer', 'string'], description: 'Cent als Zahl oder Euro wie "12,50" / cents as a number or euros like "12,50"' });

export const LABELS = {
  donor: msg('Spender', 'Donor'),
  donorName: msg('Name des Spenders', 'Donor name'),
  street: msg('Straße', 'Street'),
  postalCode: msg('PLZ', 'Postal code'),
  city: msg('Ort', 'City'),
  country: msg('Land', 'Country'),
  email: msg('E-Mail', 'E-mail'),
  language: msg('Sprache', 'Language'),
  notes: msg('Notizen', 'Notes'),
  donatedOn: msg('Tag der Zuwendung', 'Date of the gift'),
  amount: msg('Betrag', 'Amount'),
  method: msg('Art', 'Method'),
  purpose: msg('Zweck', 'Purpose'),
  note: msg('Notiz', 'Note'),
  waivedClaim: msg('Verzicht: Anspruch', 'Waiver: claim'),
  waiverAgreedOn: msg('Verzicht: Anspruch vereinbart am', 'Waiver: claim agreed on'),
  waiverBasis: msg('Verzicht: Grundlage des Betrags', 'Waiver: basis of the amount'),
  inKindDescription: msg('Sachspende: Bezeichnung', 'In kind: description'),
  inKindOrigin: msg('Sachspende: Herkunft', 'In kind: origin'),
  inKindValueBasis: msg('Sachspende: Wertermittlung', 'In kind: value basis'),
  inKindDocuments: msg('Sachspende: Unterlagen', 'In kind: documents'),
} as const;

export const DONATION_METHODS = ['stripe_card', 'stripe_sepa', 'transfer', 'cash', 'in_kind'] as const;
export const OFFLINE_METHODS = ['transfer', 'cash', 'in_kind'] as const;
export const DONATION_STATUSES = ['pending', 'succeeded', 'failed', 'refunded', 'disputed'] as const;
export const IN_KIND_ORIGINS = ['business', 'private', 'unknown'] as const;
export const DONOR_LANGUAGES = ['de', 'en', 'ar', 'tr'] as const;
/** Stripe Checkout payment method types the page may offer; the ledger knows card and SEPA gifts. */
export const PAGE_METHODS = ['card', 'sepa_debit'] as const;

const language = z.preprocess(blankToUndefined, z.enum(DONOR_LANGUAGES, say('Sprache: de, en, ar oder tr', 'Language: de, en, ar or tr')).default('de'));
const country = z.preprocess(
  blankToUndefined,
  z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, say('Land: Ländercode mit zwei Buchstaben, z. B. DE', 'Country: two-letter code, e.g. DE')).default('DE'),
);
const email = z.preprocess(blankToUndefined, z.string().trim().toLowerCase().pipe(z.email(say('E-Mail: keine gültige Adresse', 'E-mail: not a valid address'))).optional());
const yesNo = z.preprocess((v) => (v === 'yes' || v === 'ja' ? true : v === 'no' || v === 'nein' ? false : blankToUndefined(v)), z.boolean().optional());

/** Name and address of a donor, as the receipt will print them. */
export const donorSchema = z
  .strictObject({
    name: text(LABELS.donorName, 200),
    street: optText(LABELS.street, 200),
    postal_code: optText(LABELS.postalCode, 10),
    city: optText(LABELS.city, 100),
    country,
    email,
    language,
    notes: optText(LABELS.notes, 2000),
  })
  .superRefine((d, ctx) => {
    if (d.country === 'DE' && d.postal_code && !/^\d{5}$/.test(d.postal_code)) ctx.addIssue({ code: 'custom', path: ['postal_code'], message: bilingual(msg('PLZ: fünf Ziffern', 'Postal code: five digits')) });
  })
  .openapi('DonorInput');
export type DonorInput = z.output<typeof donorSchema>;

/** The fields of a gift the treasurer records by hand; donors are chosen, created or left out separately. */
const giftFields = {
  donated_on: isoDate(LABELS.donatedOn),
  amount_cents: amount(LABELS.amount),
  method: z.enum(OFFLINE_METHODS, say('Art: Überweisung, bar oder Sachspende wählen', 'Method: choose transfer, cash or in kind')),
  purpose_id: optId(LABELS.purpose),
  receipt_wanted: flag.default(false),
  note: optText(LABELS.note, 2000),
  /** Aufwandsspende: Verzicht auf Erstattung von Aufwendungen */
  waiver: flag.default(false),
  waived_claim: optText(LABELS.waivedClaim, 500),
  waiver_agreed_on: optDate(LABELS.waiverAgreedOn),
  waiver_basis: optText(LABELS.waiverBasis, 500),
  /** Sachzuwendung */
  in_kind_description: optText(LABELS.inKindDescription, 1000),
  in_kind_origin: z.preprocess(blankToUndefined, z.enum(IN_KIND_ORIGINS, say('Sachspende: Herkunft Betriebsvermögen, Privatvermögen oder keine Angaben wählen', 'In kind: choose business assets, private assets or not stated')).optional()),
  in_kind_value_basis: optText(LABELS.inKindValueBasis, 1000),
  in_kind_documents: yesNo,
};

const giftObject = z.object(giftFields);
type GiftShape = z.output<typeof giftObject>;

/** The rules of an Aufwandsspende and a Sachzuwendung; fields of the other kind are dropped. */
function checkGift(g: GiftShape, ctx: z.RefinementCtx) {
  const need = (field: string, de: string, en: string) => ctx.addIssue({ code: 'custom', path: [field], message: bilingual(msg(de, en)) });
  if (g.waiver) {
    if (g.method === 'in_kind') need('waiver', 'Verzicht auf Erstattung von Aufwendungen: nur bei Überweisung oder bar, nicht bei einer Sachspende', 'Waived reimbursement: only with transfer or cash, not in kind');
    if (!g.waived_claim) need('waived_claim', 'Verzicht: bitte angeben, auf welchen Erstattungsanspruch verzichtet wird (z. B. Fahrtkosten vom …)', 'Waiver: please say which reimbursement claim is waived (e.g. travel costs of …)');
    if (!g.waiver_agreed_on) need('waiver_agreed_on', 'Verzicht: bitte angeben, wann der Anspruch vereinbart wurde (vor der Tätigkeit)', 'Waiver: please give when the claim was agreed (before the activity)');
    else if (g.waiver_agreed_on > g.donated_on) need('waiver_agreed_on', 'Verzicht: der Anspruch muss vor dem Verzicht vereinbart sein', 'Waiver: the claim must have been agreed before it was waived');
    if (!g.waiver_basis) need('waiver_basis', 'Verzicht: bitte die Grundlage des Betrags angeben (z. B. 0,30 €/km laut Vorstandsbeschluss)', 'Waiver: please give the basis of the amount (e.g. 0.30 €/km by board resolution)');
  }
  if (g.method === 'in_kind') {
    if (!g.in_kind_description) need('in_kind_description', 'Sachspende: bitte genau bezeichnen (Alter, Zustand, Kaufpreis)', 'In kind: please describe it exactly (age, condition, purchase price)');
    if (!g.in_kind_origin) need('in_kind_origin', 'Sachspende: bitte die Herkunft wählen (Betriebsvermögen, Privatvermögen, keine Angaben)', 'In kind: please choose the origin (business assets, private assets, not stated)');
    if (!g.in_kind_value_basis) need('in_kind_value_basis', 'Sachspende: bitte angeben, wie der Wert ermittelt wurde', 'In kind: please say how the value was found');
    if (g.in_kind_documents === undefined) need('in_kind_documents', 'Sachspende: bitte angeben, ob Unterlagen zur Wertermittlung vorliegen', 'In kind: please say whether documents of the valuation exist');
  }
}

function normalizeGift<T extends GiftShape>(g: T) {
  const inKind = g.method === 'in_kind';
  return {
    ...g,
    waived_claim: g.waiver ? g.waived_claim : undefined,
    waiver_agreed_on: g.waiver ? g.waiver_agreed_on : undefined,
    waiver_basis: g.waiver ? g.waiver_basis : undefined,
    in_kind_description: inKind ? g.in_kind_description : undefined,
    in_kind_origin: inKind ? g.in_kind_origin : undefined,
    in_kind_value_basis: inKind ? g.in_kind_value_basis : undefined,
    in_kind_documents: inKind ? g.in_kind_documents : undefined,
  };
}

/** Without `donor_kind` the kind follows from what is given. */
const donorKindOf = (raw: { donor_kind?: 'existing' | 'new' | 'anonymous'; donor_id?: number; donor?: unknown }) => raw.donor_kind ?? (raw.donor_id ? 'existing' : raw.donor ? 'new' : 'anonymous');

/**
 * An offline gift (transfer, cash, in kind): from a donor chosen by id, a new donor given with
 * name and address, or anonymous. Without `donor_kind` the kind follows from what is given.
 */
export const offlineDonationSchema = z
  .strictObject({
    donor_kind: z.preprocess(blankToUndefined, z.enum(['existing', 'new', 'anonymous'], say('Spender: vorhanden, neu oder anonym wählen', 'Donor: choose existing, new or anonymous')).optional()),
    donor_id: optId(LABELS.donor),
    donor: z.unknown().optional().openapi({ description: 'Neuer Spender / new donor: DonorInput' }),
    ...giftFields,
  })
  .superRefine(checkGift)
  .superRefine((raw, ctx) => {
    const kind = donorKindOf(raw);
    const need = (field: string, de: string, en: string) => ctx.addIssue({ code: 'custom', path: [field], message: bilingual(msg(de, en)) });
    if (kind === 'existing' && !raw.donor_id) need('donor_id', 'Spender: bitte einen vorhandenen Spender wählen (oder „neu“ / „anonym“)', 'Donor: please choose an existing donor (or “new” / “anonymous”)');
    if (kind === 'new') {
      const parsed = donorSchema.safeParse(raw.donor ?? {});
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['donor', ...issue.path], message: issue.message });
      } else if (raw.receipt_wanted && !(parsed.data.street && parsed.data.postal_code && parsed.data.city)) {
        need('donor.street', 'Zuwendungsbestätigung gewünscht: bitte Straße, PLZ und Ort des Spenders angeben', 'Receipt wanted: please give the donor’s street, postal code and city');
      }
    }
    if (kind === 'anonymous' && raw.receipt_wanted) need('receipt_wanted', 'Zuwendungsbestätigung: nicht für eine anonyme Spende – bitte einen Spender angeben', 'Receipt: not for an anonymous gift – please give a donor');
  })
  .transform((raw) => {
    const kind = donorKindOf(raw);
    const { donor_kind: _k, donor, donor_id, ...gift } = raw;
    return {
      donorKind: kind,
      donorId: kind === 'existing' ? (donor_id ?? null) : null,
      donor: kind === 'new' ? donorSchema.parse(donor ?? {}) : null,
      gift: normalizeGift(gift),
    };
  })
  .openapi('OfflineDonationInput');
export type OfflineDonationInput = z.output<typeof offlineDonationSchema>;
export type GiftValues = OfflineDonationInput['gift'];

/** A correction of an offline gift: every field, the donor by id (none = anonymous). */
export const offlineCorrectionSchema = z
  .strictObject({ donor_id: optId(LABELS.donor), ...giftFields })
  .superRefine(checkGift)
  .transform((raw) => {
    const { donor_id, ...gift } = raw;
    return { donorId: donor_id ?? null, gift: normalizeGift(gift) };
  });

/** A correction of a gift paid through Stripe: amount, date, method and status are Stripe's. */
export const onlineCorrectionSchema = z
  .strictObject({ donor_id: optId(LABELS.donor), purpose_id: optId(LABELS.purpose), receipt_wanted: flag.default(false), note: optText(LABELS.note, 2000) })
  .transform((raw) => ({ donorId: raw.donor_id ?? null, purpose_id: raw.purpose_id, receipt_wanted: raw.receipt_wanted, note: raw.note }));

/** PATCH /api/v1/donations/:id: any of the fields; what may change depends on the gift (correct-donation.ts). */
export const donationPatchSchema = z
  .object({
    donor_id: z.union([z.number().int().positive(), z.null()]).optional(),
    donated_on: z.string().optional(),
    amount_cents: z.union([z.number(), z.string()]).optional(),
    method: z.string().optional(),
    purpose_id: z.union([z.number().int().positive(), z.null()]).optional(),
    receipt_wanted: z.boolean().optional(),
    note: z.string().nullable().optional(),
    waiver: z.boolean().optional(),
    waived_claim: z.string().nullable().optional(),
    waiver_agreed_on: z.string().nullable().optional(),
    waiver_basis: z.string().nullable().optional(),
    in_kind_description: z.string().nullable().optional(),
    in_kind_origin: z.string().nullable().optional(),
    in_kind_value_basis: z.string().nullable().optional(),
    in_kind_documents: z.boolean().nullable().optional(),
    status: z.string().optional(),
  })
  .strict()
  .openapi('DonationPatch');

const optEnum = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess(blankToUndefined, z.enum(values).optional());

export const donationFilterSchema = z.object({
  from: optDate(msg('von', 'from')),
  to: optDate(msg('bis', 'to')),
  /** a purpose id, or "none" for "where most needed" */
  purpose: z.preprocess(blankToUndefined, z.union([z.literal('none'), z.coerce.number().int().positive()]).optional()),
  method: optEnum(DONATION_METHODS),
  status: optEnum(DONATION_STATUSES),
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  donor: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type DonationFilter = z.output<typeof donationFilterSchema>;

export const donorFilterSchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type DonorFilter = z.output<typeof donorFilterSchema>;

/** The donation page's amounts and payment methods. */
export const donationSettingsSchema = z
  .strictObject({
    min_cents: amount(msg('Mindestbetrag', 'Minimum amount'), 100),
    max_cents: amount(msg('Höchstbetrag', 'Maximum amount'), 100),
    presets: z
      .array(z.unknown())
      .max(6, say('Vorschläge: höchstens 6 Beträge', 'Presets: at most 6 amounts'))
      .transform((list, ctx) => {
        const out: number[] = [];
        list.forEach((v, i) => {
          if (blankToUndefined(v) === undefined) return;
          const value = typeof v === 'number' ? v : typeof v === 'string' ? parseAmount(v) : null;
          if (value === null || !Number.isSafeInteger(value) || value <= 0) {
            ctx.addIssue({ code: 'custom', path: [i], message: bilingual(msg('Vorschlag: Betrag wie 25 oder 25,00 angeben', 'Preset: give an amount like 25 or 25.00')) });
          } else if (!out.includes(value)) out.push(value);
        });
        return out.sort((a, b) => a - b);
      })
      .openapi({ description: 'Vorschlagsbeträge in Cent (oder "25,00") / preset amounts in cents' }),
    methods: z.array(z.enum(PAGE_METHODS, say('Zahlungsarten: card oder sepa_debit', 'Payment methods: card or sepa_debit'))).min(1, say('Zahlungsarten: mindestens eine anbieten', 'Payment methods: offer at least one')),
  })
  .superRefine((s, ctx) => {
    const need = (path: (string | number)[], de: string, en: string) => ctx.addIssue({ code: 'custom', path, message: bilingual(msg(de, en)) });
    if (s.min_cents >= s.max_cents) need(['max_cents'], 'Höchstbetrag: muss größer als der Mindestbetrag sein', 'Maximum amount: must be more than the minimum');
    if (s.presets.length === 0) need(['presets'], 'Vorschläge: mindestens einen Betrag angeben', 'Presets: give at least one amount');
    s.presets.forEach((p) => {
      if (p < s.min_cents || p > s.max_cents) need(['presets'], `Vorschläge: ${(p / 100).toLocaleString('de-DE')} € liegt nicht zwischen Mindest- und Höchstbetrag`, `Presets: ${(p / 100).toLocaleString('en-GB')} € is not between the minimum and the maximum`);
    });
  })
  .transform((s) => ({ ...s, methods: PAGE_METHODS.filter((m) => s.methods.includes(m)) }))
  .openapi('DonationSettingsInput');
export type DonationSettingsInput = z.output<typeof donationSettingsSchema>;

export const purposeSchema = z
  .strictObject({
    slug: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
      z.string(say('Kürzel: bitte angeben', 'Slug: please give one')).regex(/^[a-z0-9-]{1,40}$/, say('Kürzel: 1–40 Zeichen a–z, 0–9 und Bindestrich (für Links)', 'Slug: 1–40 characters a–z, 0–9 and hyphen (for links)')),
    ),
    name_de: text(msg('Name (deutsch)', 'Name (German)'), 100),
    name_en: optText(msg('Name (englisch)', 'Name (English)'), 100),
    name_ar: optText(msg('Name (arabisch)', 'Name (Arabic)'), 100),
    name_tr: optText(msg('Name (türkisch)', 'Name (Turkish)'), 100),
    active: flag.default(true),
  })
  .openapi('DonationPurposeInput');
export type PurposeInput = z.output<typeof purposeSchema>;
/** Renaming or deactivating: the slug stays, links and embeds with it keep working. */
export const purposeUpdateSchema = purposeSchema.omit({ slug: true });
export type PurposeUpdate = z.output<typeof purposeUpdateSchema>;
