import type { Msg } from '../../api/http/errors';

/** How the ledger's screens name methods, statuses and origins (staff: German and English). */
export const DONATION_METHOD_LABELS: Record<string, Msg> = {
  stripe_card: { de: 'Karte (online)', en: 'Card (online)' },
  stripe_sepa: { de: 'SEPA-Lastschrift (online)', en: 'SEPA debit (online)' },
  transfer: { de: 'Überweisung', en: 'Bank transfer' },
  cash: { de: 'bar', en: 'Cash' },
  in_kind: { de: 'Sachspende', en: 'In kind' },
};

export const DONATION_STATUS_LABELS: Record<string, Msg> = {
  pending: { de: 'ausstehend', en: 'pending' },
  succeeded: { de: 'eingegangen', en: 'succeeded' },
  failed: { de: 'fehlgeschlagen', en: 'failed' },
  refunded: { de: 'erstattet', en: 'refunded' },
  disputed: { de: 'angefochten', en: 'disputed' },
};

export const IN_KIND_ORIGIN_LABELS: Record<string, Msg> = {
  business: { de: 'Betriebsvermögen', en: 'Business assets' },
  private: { de: 'Privatvermögen', en: 'Private assets' },
  unknown: { de: 'keine Angaben trotz Aufforderung', en: 'not stated despite request' },
};

export const SUBSCRIPTION_STATUS_LABELS: Record<string, Msg> = {
  incomplete: { de: 'unvollständig', en: 'incomplete' },
  active: { de: 'aktiv', en: 'active' },
  paused: { de: 'pausiert', en: 'paused' },
  past_due: { de: 'Zahlung offen', en: 'past due' },
  canceled: { de: 'beendet', en: 'canceled' },
};

export const PAGE_METHOD_LABELS: Record<string, Msg> = {
  card: { de: 'Karte (auch Apple Pay / Google Pay)', en: 'Card (incl. Apple Pay / Google Pay)' },
  sepa_debit: { de: 'SEPA-Lastschrift', en: 'SEPA direct debit' },
};

/** A refunded or disputed gift is money the association does not keep: never on a receipt. */
export const NEVER_RECEIPTED: Msg = { de: 'nie bestätigbar (keine Zuwendungsbestätigung)', en: 'can never be receipted' };

/** What the audit log's actions mean on a gift's or donor's history. */
export const LEDGER_HISTORY_ACTIONS: Record<string, Msg> = {
  'donation.recorded': { de: 'von Hand erfasst', en: 'recorded by hand' },
  'donation.corrected': { de: 'korrigiert', en: 'corrected' },
  'donor.created': { de: 'angelegt', en: 'created' },
  'donor.updated': { de: 'geändert', en: 'changed' },
  'donor.merged': { de: 'Doppelten Spender übernommen', en: 'duplicate donor merged in' },
  'donor.linked_to_member': { de: 'mit Mitglied verknüpft', en: 'linked to a member' },
  'donor.kept_apart': { de: 'Vorschlag abgelehnt: getrennt gehalten', en: 'proposal declined: kept apart' },
};
