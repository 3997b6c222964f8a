import type { Role } from '../db/schema';
import type { AppContext } from '../api/http/context';
import type { Lang, Msg, VisitorLang } from '../api/http/errors';

/** Staff screens are German by default with an English switch: texts sit inline as (de, en). */
export type T = (de: string, en: string) => string;

export function translator(lang: Lang): T {
  return (de, en) => (lang === 'en' ? en : de);
}

export function tr(c: AppContext): T {
  return translator(c.get('lang'));
}

/** A message in the page's language: the visitor's on public pages (falling back to English), else the staff language. */
export function say(c: AppContext, m: Msg): string {
  const visitor = c.get('publicLang');
  if (visitor) return m[visitor] ?? (visitor === 'de' ? m.de : m.en);
  return m[c.get('lang') ?? 'de'];
}

/** A text of a public page or portal in all four member languages. */
export type Text4 = Record<VisitorLang, string>;

/**
 * The texts of a public page in the visitor's language: pages keep their catalog beside them
 * as { key: { de, en, ar, tr } }, so a missing translation is a type error, not a blank.
 */
export function texts<K extends string>(c: AppContext, catalog: Record<K, Text4>): Record<K, string> {
  const lang = c.get('publicLang') ?? c.get('visitorLang') ?? 'de';
  return Object.fromEntries(Object.entries<Text4>(catalog).map(([k, v]) => [k, v[lang]])) as Record<K, string>;
}

export const LANGUAGE_NAMES: Record<VisitorLang, string> = { de: 'Deutsch', en: 'English', ar: 'العربية', tr: 'Türkçe' };

export const ROLE_LABELS: Record<Role, Msg> = {
  admin: { de: 'Administration', en: 'Administrator' },
  treasurer: { de: 'Kassenwart/in', en: 'Treasurer' },
  board: { de: 'Vorstand', en: 'Board' },
  member: { de: 'Mitglied', en: 'Member' },
};

export const STATUS_LABELS: Record<string, Msg> = {
  invited: { de: 'eingeladen', en: 'invited' },
  active: { de: 'aktiv', en: 'active' },
  disabled: { de: 'gesperrt', en: 'disabled' },
  pending: { de: 'wartet', en: 'waiting' },
  sent: { de: 'versandt', en: 'sent' },
  failed: { de: 'fehlgeschlagen', en: 'failed' },
};

export const MEMBER_STATUS_LABELS: Record<string, Msg> = {
  applicant: { de: 'Antrag', en: 'Applicant' },
  active: { de: 'aktiv', en: 'active' },
  left: { de: 'ausgetreten', en: 'left' },
  deceased: { de: 'verstorben', en: 'deceased' },
};

export const PAYMENT_METHOD_LABELS: Record<string, Msg> = {
  sepa_debit: { de: 'SEPA-Lastschrift', en: 'SEPA direct debit' },
  transfer: { de: 'Überweisung', en: 'Bank transfer' },
  card: { de: 'Karte', en: 'Card' },
};

export const INTERVAL_LABELS: Record<string, Msg> = {
  monthly: { de: 'monatlich', en: 'monthly' },
  quarterly: { de: 'vierteljährlich', en: 'quarterly' },
  half_yearly: { de: 'halbjährlich', en: 'half-yearly' },
  yearly: { de: 'jährlich', en: 'yearly' },
};

/** Languages a member or donor may choose for their mails (their own names, not translated). */
export const MEMBER_LANGUAGE_LABELS: Record<string, string> = LANGUAGE_NAMES;

export const CLAIM_STATUS_LABELS: Record<string, Msg> = {
  open: { de: 'offen', en: 'open' },
  partly_paid: { de: 'teilweise bezahlt', en: 'partly paid' },
  paid: { de: 'bezahlt', en: 'paid' },
  written_off: { de: 'ausgebucht', en: 'written off' },
  returned: { de: 'zurückgebucht', en: 'returned' },
  submitted: { de: 'im Lastschrifteinzug', en: 'in a direct debit' },
};
