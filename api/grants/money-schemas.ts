import { z } from '@hono/zod-openapi';
import { bilingual, msg, type Msg } from '../http/errors';
import { isIsoDate } from '../lib/dates';
import { parseAmount } from '../lib/money';

/**
 * What the board and treasurer type into a grant's money (grants money): cost plan lines,
 * financing sources, payments received, expenses. The screens take amounts as Germans type them
 * ("1.234,56"); the JSON API takes integer cents. Both end in the same operation input.
 */

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const blankToNull = (v: unknown) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v);
const say = (de: string, en: string) => ({ error: bilingual(msg(de, en)) });

/** A typo guard, not a policy: 10 million euros in one line. */
export const MAX_GRANT_CENTS = 1_000_000_000;

export const MONEY_LABELS = {
  category: msg('Kategorie', 'Category'),
  label: msg('Bezeichnung', 'Label'),
  planned: msg('Geplanter Betrag', 'Planned amount'),
  position: msg('Reihenfolge', 'Position'),
  kind: msg('Art der Finanzierung', 'Kind of source'),
  receivedOn: msg('Eingangsdatum', 'Date received'),
  amount: msg('Betrag', 'Amount'),
  reference: msg('Verwendungszweck / Referenz', 'Reference'),
  spentOn: msg('Ausgabedatum', 'Date spent'),
  planLine: msg('Kostenplanposition', 'Cost plan line'),
  description: msg('Beschreibung', 'Description'),
  receiptRef: msg('Belegnummer', 'Receipt number'),
} as const;

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
  z.preprocess(blankToNull, z.string().trim().max(max, say(`${label.de}: höchstens ${max} Zeichen`, `${label.en}: at most ${max} characters`)).nullable()).optional();
const isoDate = (label: Msg) =>
  z.preprocess(
    blankToUndefined,
    z.string(say(`${label.de}: bitte angeben`, `${label.en}: please give it`)).refine(isIsoDate, say(`${label.de}: Datum im Format JJJJ-MM-TT`, `${label.en}: date as YYYY-MM-DD`)),
  );
const position = z.preprocess(blankToUndefined, z.coerce.number(say('Reihenfolge: eine ganze Zahl', 'Position: a whole number')).int(say('Reihenfolge: eine ganze Zahl', 'Position: a whole number')).min(0).max(10_000).optional());

function rangeMessage(label: Msg, min: number): Msg {
  return min > 0
    ? msg(`${label.de}: ein Betrag über 0 wie 1.234,56`, `${label.en}: an amount above 0 like 1,234.56`)
    : msg(`${label.de}: ein Betrag ab 0 wie 1.234,56`, `${label.en}: an amount from 0 like 1,234.56`);
}

/** Screens: euros as typed ("1.234,56", "12"). */
const euros = (label: Msg, min: number) =>
  z.unknown().transform((v, ctx) => {
    const value = typeof v === 'string' ? parseAmount(v) : null;
    if (value === null || value < min || value > MAX_GRANT_CENTS) {
      ctx.addIssue({ code: 'custom', message: bilingual(rangeMessage(label, min)) });
      return z.NEVER;
    }
    return value;
  });

/** JSON API: integer cents. */
const cents = (label: Msg, min: number) =>
  z
    .number(say(`${label.de}: Cent als ganze Zahl`, `${label.en}: cents as an integer`))
    .int(say(`${label.de}: Cent als ganze Zahl`, `${label.en}: cents as an integer`))
    .min(min, { error: bilingual(rangeMessage(label, min)) })
    .max(MAX_GRANT_CENTS, { error: bilingual(rangeMessage(label, min)) });

const categoryEnum = z.enum(['staff', 'material', 'rent', 'travel', 'fees', 'other'], say('Kategorie: bitte wählen', 'Category: please choose'));
const kindEnum = z.enum(['this_grant', 'own_means', 'other_grant', 'other'], say('Art der Finanzierung: bitte wählen', 'Kind of source: please choose'));
const idOf = (label: Msg) =>
  z.preprocess(blankToUndefined, z.coerce.number(say(`${label.de}: bitte wählen`, `${label.en}: please choose`)).int().positive(say(`${label.de}: bitte wählen`, `${label.en}: please choose`)));

// Plan amounts may be 0 (a line kept for the form's structure); money that moved is above 0.
function shapes(amount: (label: Msg, min: number) => z.ZodType<number>) {
  return {
    planLine: {
      category: categoryEnum,
      label: text(MONEY_LABELS.label, 200),
      planned_cents: amount(MONEY_LABELS.planned, 0),
      position,
    },
    source: {
      kind: kindEnum,
      label: text(MONEY_LABELS.label, 200),
      planned_cents: amount(MONEY_LABELS.planned, 0),
      position,
    },
    payment: {
      received_on: isoDate(MONEY_LABELS.receivedOn),
      amount_cents: amount(MONEY_LABELS.amount, 1),
      reference: optText(MONEY_LABELS.reference, 200),
    },
    expense: {
      spent_on: isoDate(MONEY_LABELS.spentOn),
      amount_cents: amount(MONEY_LABELS.amount, 1),
      plan_line_id: idOf(MONEY_LABELS.planLine),
      description: text(MONEY_LABELS.description, 500),
      receipt_ref: optText(MONEY_LABELS.receiptRef, 100),
    },
  };
}

const api = shapes(cents);
const form = shapes(euros);

export const planLineBody = z.strictObject(api.planLine).openapi('GrantPlanLineInput');
export const fundingSourceBody = z.strictObject(api.source).openapi('GrantFundingSourceInput');
export const paymentBody = z.strictObject(api.payment).openapi('GrantPaymentInput');
export const expenseBody = z.strictObject(api.expense).openapi('GrantExpenseInput');

export const planLineForm = z.object(form.planLine);
export const fundingSourceForm = z.object(form.source);
export const paymentForm = z.object(form.payment);
export const expenseForm = z.object(form.expense);
/** The edit forms of a plan line or source carry what to do. */
export const lineActionForm = z.object({ action: z.enum(['update', 'delete'], say('Unbekannte Aktion', 'Unknown action')) });

export type PlanLineFields = z.output<typeof planLineBody>;
export type FundingSourceFields = z.output<typeof fundingSourceBody>;
export type PaymentFields = z.output<typeof paymentBody>;
export type ExpenseFields = z.output<typeof expenseBody>;

/** A warning: the change is stored, but someone should look (more received than approved, a date outside the period). */
export interface MoneyWarning {
  code: 'received_above_approved' | 'no_approved_amount' | 'outside_project_period';
  message: Msg;
}
