import { z } from '@hono/zod-openapi';
import { bilingual, msg, type Msg } from '../http/errors';
import { isIsoDate } from '../lib/dates';
import { parseAmount } from '../lib/money';
import { FUNDER_KIND_LABELS } from '../lib/grants';
import type { FunderKind } from '../../db/schema';

/** Whether the URL parser reads it (URL.canParse is missing from the Workers types). */
function isUrl(v: string) {
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

export const FUNDER_KINDS = Object.keys(FUNDER_KIND_LABELS) as [FunderKind, ...FunderKind[]];

/**
 * What people type about funders and applications, for the screens (form fields named like the
 * keys) and the JSON API alike. Every message names its field: the forms are long.
 */

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const say = (de: string, en: string) => ({ error: bilingual(msg(de, en)) });

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
  z.preprocess(blankToUndefined, z.string(say(`${label.de}: bitte als Text angeben`, `${label.en}: please give it as text`)).trim().max(max, say(`${label.de}: höchstens ${max} Zeichen`, `${label.en}: at most ${max} characters`)).optional());
const optDate = (label: Msg) =>
  z.preprocess(
    blankToUndefined,
    z.string(say(`${label.de}: Datum im Format JJJJ-MM-TT`, `${label.en}: date as YYYY-MM-DD`)).refine(isIsoDate, say(`${label.de}: Datum im Format JJJJ-MM-TT`, `${label.en}: date as YYYY-MM-DD`)).optional(),
  );
const id = (label: Msg) =>
  z.preprocess(blankToUndefined, z.coerce.number(say(`${label.de}: bitte wählen`, `${label.en}: please choose`)).int(say(`${label.de}: bitte wählen`, `${label.en}: please choose`)).positive(say(`${label.de}: bitte wählen`, `${label.en}: please choose`)));
const optId = (label: Msg) =>
  z.preprocess(blankToUndefined, z.coerce.number(say(`${label.de}: bitte wählen`, `${label.en}: please choose`)).int(say(`${label.de}: bitte wählen`, `${label.en}: please choose`)).positive(say(`${label.de}: bitte wählen`, `${label.en}: please choose`)).optional());

/** A typo guard for grant amounts (100 Mio. €), not a policy. */
export const MAX_GRANT_CENTS = 10_000_000_000;

/** "12.345,67" as typed in Germany, or cents as a JSON number; never a float in storage. */
function cents(v: unknown, label: Msg, ctx: z.core.$RefinementCtx): number {
  const value = typeof v === 'number' ? v : typeof v === 'string' ? parseAmount(v) : null;
  if (value === null || !Number.isSafeInteger(value) || value < 0 || value > MAX_GRANT_CENTS) {
    ctx.addIssue({ code: 'custom', message: bilingual(msg(`${label.de}: als Betrag wie 12.345,67 angeben (nicht negativ)`, `${label.en}: give an amount like 12,345.67 (not negative)`)) });
    return z.NEVER;
  }
  return value;
}
const AMOUNT_DOC = { type: ['integer', 'string'], description: 'Cent als Zahl oder Euro wie "12.345,67" / cents as a number or euros like "12.345,67"' } as const;
export const amount = (label: Msg) =>
  z
    .unknown()
    .transform((v, ctx): number => {
      if (blankToUndefined(v) === undefined) {
        ctx.addIssue({ code: 'custom', message: bilingual(msg(`${label.de}: bitte angeben`, `${label.en}: please give it`)) });
        return z.NEVER;
      }
      return cents(v, label, ctx);
    })
    .openapi(AMOUNT_DOC as never);
export const optAmount = (label: Msg) =>
  z
    .unknown()
    .transform((v, ctx): number | undefined => (blankToUndefined(v) === undefined ? undefined : cents(v, label, ctx)))
    .optional()
    .openapi(AMOUNT_DOC as never);

export const LABELS = {
  name: msg('Name', 'Name'),
  kind: msg('Art', 'Kind'),
  programme: msg('Programm', 'Programme'),
  contactName: msg('Ansprechperson', 'Contact person'),
  contactEmail: msg('E-Mail der Ansprechperson', 'Contact e-mail'),
  contactPhone: msg('Telefon der Ansprechperson', 'Contact phone'),
  website: msg('Webseite', 'Web page'),
  typicalDeadlines: msg('Übliche Fristen', 'Typical deadlines'),
  notes: msg('Notizen', 'Notes'),
  title: msg('Titel', 'Title'),
  project: msg('Projekt', 'Project'),
  funder: msg('Fördermittelgeber', 'Funder'),
  responsible: msg('Verantwortlich', 'Responsible person'),
  requested: msg('Beantragter Betrag', 'Requested amount'),
  approved: msg('Bewilligter Betrag', 'Approved amount'),
  ownContribution: msg('Eigenanteil', 'Own contribution'),
  periodFrom: msg('Projektbeginn', 'Project start'),
  periodTo: msg('Projektende', 'Project end'),
  conditions: msg('Auflagen aus dem Bewilligungsbescheid', 'Conditions of the approval notice'),
  on: msg('Datum', 'Date'),
  note: msg('Notiz', 'Note'),
  status: msg('Neuer Status', 'New status'),
  documentTitle: msg('Titel des Dokuments', 'Document title'),
  url: msg('Link', 'Link'),
} as const;

const website = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(500, say('Webseite: höchstens 500 Zeichen', 'Web page: at most 500 characters'))
    .refine((v) => /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v) && isUrl(v), say('Webseite: vollständige Adresse wie https://stiftung.example', 'Web page: a full address like https://foundation.example'))
    .optional(),
);

export const funderSchema = z
  .strictObject({
    name: text(LABELS.name, 200),
    kind: z.enum(FUNDER_KINDS, say('Art: Stiftung, Bund, Land, Kommune, EU, Unternehmen oder Sonstige wählen', 'Kind: choose foundation, federal, state, municipal, EU, company or other')),
    programme: optText(LABELS.programme, 200),
    contact_name: optText(LABELS.contactName, 200),
    contact_email: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().pipe(z.email(say('E-Mail der Ansprechperson: keine gültige Adresse', 'Contact e-mail: not a valid address'))).optional()),
    contact_phone: optText(LABELS.contactPhone, 50),
    website,
    typical_deadlines: optText(LABELS.typicalDeadlines, 500),
    notes: optText(LABELS.notes, 5000),
  })
  .openapi('FunderInput');
export type FunderInput = z.output<typeof funderSchema>;
export const funderPatchSchema = funderSchema.partial().openapi('FunderPatch');

export const applicationSchema = z
  .strictObject({
    title: text(LABELS.title, 200),
    project: optText(LABELS.project, 200),
    funder_id: id(LABELS.funder),
    responsible_user_id: optId(LABELS.responsible),
    requested_cents: amount(LABELS.requested),
    approved_cents: optAmount(LABELS.approved),
    own_contribution_cents: optAmount(LABELS.ownContribution),
    period_from: optDate(LABELS.periodFrom),
    period_to: optDate(LABELS.periodTo),
    conditions: optText(LABELS.conditions, 5000),
    notes: optText(LABELS.notes, 5000),
  })
  .openapi('GrantApplicationInput');
export type ApplicationInput = z.output<typeof applicationSchema>;
export const applicationPatchSchema = applicationSchema.partial().openapi('GrantApplicationPatch');

/**
 * A move through the pipeline. `to` is any text here: an unknown status is answered by the
 * operation with the statuses allowed from where the application stands.
 */
export const moveSchema = z
  .strictObject({
    to: text(LABELS.status, 40),
    on: optDate(LABELS.on),
    approved_cents: optAmount(LABELS.approved),
    note: optText(LABELS.note, 2000),
  })
  .openapi('GrantStatusMove');
export type MoveInput = z.output<typeof moveSchema>;

export const documentLinkSchema = z.strictObject({
  title: text(LABELS.documentTitle, 200),
  url: z.preprocess(
    blankToUndefined,
    z
      .string(say('Link: bitte eine https-Adresse angeben', 'Link: please give an https address'))
      .trim()
      .max(2000, say('Link: höchstens 2000 Zeichen', 'Link: at most 2000 characters'))
      .refine((v) => /^https:\/\/\S+$/i.test(v) && isUrl(v), say('Link: nur vollständige https-Adressen wie https://cloud.example/antrag.pdf', 'Link: only full https addresses like https://cloud.example/application.pdf')),
  ),
});
export const documentTitleSchema = z.strictObject({ title: text(LABELS.documentTitle, 200) });

/** The board's and the list's filter (?funder=&responsible=&status=). */
export const grantFilterSchema = z.object({
  funder: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  responsible: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
});
export type GrantFilter = z.output<typeof grantFilterSchema>;
