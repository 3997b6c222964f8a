import type { Role } from '../db/schema';
import type { AppContext } from '../api/http/context';
import type { Lang, Msg } from '../api/http/errors';

/** Staff screens are German by default with an English switch: texts sit inline as (de, en). */
export type T = (de: string, en: string) => string;

export function translator(lang: Lang): T {
  return (de, en) => (lang === 'en' ? en : de);
}

export function tr(c: AppContext): T {
  return translator(c.get('lang'));
}

export function say(c: AppContext, m: Msg): string {
  return m[c.get('lang')];
}

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
