import type { Msg } from '../../api/http/errors';

/** How the receipt screens name kinds, deliveries and items (staff: German and English). */
export const RECEIPT_KIND_LABELS: Record<string, Msg> = {
  single: { de: 'Einzel', en: 'Single' },
  sammel: { de: 'Sammel', en: 'Collective' },
  sach: { de: 'Sach', en: 'In kind' },
};

export const RECEIPT_KIND_TITLES: Record<string, Msg> = {
  single: { de: 'Einzelbestätigung (Geldzuwendung/Mitgliedsbeitrag)', en: 'Single receipt (money gift/membership fee)' },
  sammel: { de: 'Sammelbestätigung mit Anlage', en: 'Collective receipt (Sammelbestätigung) with annex' },
  sach: { de: 'Bestätigung über Sachzuwendungen', en: 'Receipt for a gift in kind' },
};

export const RECEIPT_DELIVERY_LABELS: Record<string, Msg> = {
  email: { de: 'Mail', en: 'E-mail' },
  post: { de: 'Post', en: 'Post' },
};

export const RECEIPT_ITEM_KIND_LABELS: Record<string, Msg> = {
  donation: { de: 'Geldzuwendung', en: 'Money gift' },
  fee: { de: 'Mitgliedsbeitrag', en: 'Membership fee' },
  in_kind: { de: 'Sachzuwendung', en: 'Gift in kind' },
};

export const RECEIPT_STATE_FILTER_LABELS: Record<string, Msg> = {
  valid: { de: 'gültig', en: 'valid' },
  cancelled: { de: 'storniert', en: 'cancelled' },
  review: { de: 'zu stornieren', en: 'to cancel' },
  post_unprinted: { de: 'Post, noch nicht gedruckt', en: 'post, not printed yet' },
};

export const MAIL_STATUS_LABELS: Record<string, Msg> = {
  pending: { de: 'wartet auf Versand', en: 'waiting to be sent' },
  sent: { de: 'versandt', en: 'sent' },
  failed: { de: 'Versand fehlgeschlagen', en: 'sending failed' },
};
