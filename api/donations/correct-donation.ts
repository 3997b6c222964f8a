import { z } from 'zod';
import type { Donation } from '../../db/schema';
import { changedFields, writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg, validationError, type FieldError, type Msg } from '../http/errors';
import { parseOrThrow } from '../http/validate';
import { parseAmount } from '../lib/money';
import { activeReceiptOfDonation } from '../receipts/lookup-queries';
import { findDonationForUpdate, updateDonationRow } from './ledger-queries';
import { checkDonorFor, checkPurpose, DONATION_NOT_FOUND } from './ledger-rules';
import { LABELS, offlineCorrectionSchema, onlineCorrectionSchema } from './ledger-schemas';
import { checkNotFuture, giftColumns } from './record-offline-donation';

const FIELD_LABELS: Record<string, Msg> = {
  donor_id: LABELS.donor,
  donated_on: LABELS.donatedOn,
  amount_cents: LABELS.amount,
  method: LABELS.method,
  purpose_id: LABELS.purpose,
  receipt_wanted: msg('Zuwendungsbestätigung gewünscht', 'Receipt wanted'),
  note: LABELS.note,
  waiver: msg('Verzicht auf Erstattung von Aufwendungen', 'Waived reimbursement'),
  waived_claim: LABELS.waivedClaim,
  waiver_agreed_on: LABELS.waiverAgreedOn,
  waiver_basis: LABELS.waiverBasis,
  in_kind_description: LABELS.inKindDescription,
  in_kind_origin: LABELS.inKindOrigin,
  in_kind_value_basis: LABELS.inKindValueBasis,
  in_kind_documents: LABELS.inKindDocuments,
  status: msg('Status', 'Status'),
};
const OFFLINE_FIELDS = Object.keys(FIELD_LABELS).filter((k) => k !== 'status');
/** What the treasurer may change on a gift paid through Stripe: Stripe owns amount, date, method and status. */
const ONLINE_FIELDS = ['donor_id', 'purpose_id', 'receipt_wanted', 'note'];
/**
 * A refunded, disputed or failed gift is history: the money is not (or no longer) the
 * association's, it can never be receipted, and its facts stay as they were. Only a note may
 * be added (what the donor said, how the dispute ended).
 */
const CLOSED_FIELDS = ['note'];
const CLOSED_STATUSES = ['refunded', 'disputed', 'failed'];
/**
 * A gift on a valid Zuwendungsbestätigung (issue #5: receipted gifts cannot be edited): what the
 * receipt prints — donor, date, amount, method (money or in kind), the Verzicht and the in-kind
 * details — stays until the receipt is cancelled. The campaign purpose (the receipt names the
 * purposes of the notice, not the earmark), the internal note and "receipt wanted" may change.
 */
const RECEIPTED_FIELDS = ['purpose_id', 'receipt_wanted', 'note'];

/** Which fields of this gift the treasurer may change (also drives the edit form). */
export function editableFields(g: Pick<Donation, 'source' | 'status'>, receipted = false): string[] {
  if (CLOSED_STATUSES.includes(g.status)) return CLOSED_FIELDS;
  const fields = g.source === 'online' ? ONLINE_FIELDS : OFFLINE_FIELDS;
  return receipted ? fields.filter((f) => RECEIPTED_FIELDS.includes(f)) : fields;
}

/** The gift as input to the correction schemas. */
export function donationAsInput(g: Donation): Record<string, unknown> {
  return {
    donor_id: g.donor_id,
    donated_on: g.donated_on,
    amount_cents: g.amount_cents,
    method: g.method,
    purpose_id: g.purpose_id,
    receipt_wanted: g.receipt_wanted,
    note: g.note,
    waiver: g.waiver,
    waived_claim: g.waived_claim,
    waiver_agreed_on: g.waiver_agreed_on,
    waiver_basis: g.waiver_basis,
    in_kind_description: g.in_kind_description,
    in_kind_origin: g.in_kind_origin,
    in_kind_value_basis: g.in_kind_value_basis,
    in_kind_documents: g.in_kind_documents,
    status: g.status,
  };
}

/** Whether a submitted value means the same as the stored one ("12,50" and 1250, "on" and true, "" and null). */
function sameValue(key: string, submitted: unknown, stored: unknown) {
  const norm = (v: unknown): unknown => {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
    if (key === 'amount_cents' && typeof v === 'string') return parseAmount(v);
    if (typeof v === 'boolean') return v;
    if (['receipt_wanted', 'waiver'].includes(key)) return v === 'on' || v === 'true' || v === '1';
    if (key === 'in_kind_documents') return v === 'yes' || v === 'true';
    if (typeof v === 'string' && /^\d+$/.test(v.trim()) && key.endsWith('_id')) return Number(v);
    return typeof v === 'string' ? v.trim() : v;
  };
  return JSON.stringify(norm(submitted)) === JSON.stringify(norm(stored));
}

/**
 * Corrects a gift; the audit row keeps what changed, before and after. Offline gifts: every
 * field. Online gifts: purpose, note, donor and whether a receipt is wanted. Refunded,
 * disputed or failed gifts: the note only. A gift on a valid receipt: purpose, note and whether
 * a receipt is wanted, until the receipt is cancelled. A submitted field that may not change is
 * refused by name when it differs from what is stored (sending it unchanged is fine).
 */
export async function correctDonation(trx: Executor, input: { id: number; changes: Record<string, unknown>; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const before = await findDonationForUpdate(trx, input.id);
  if (!before) throw new AppError('not_found', DONATION_NOT_FOUND);
  const current = donationAsInput(before);
  const closed = CLOSED_STATUSES.includes(before.status);
  // Read after the row lock: an issuance locks the gift too, so it is either committed or waits.
  const receipt = closed ? null : await activeReceiptOfDonation(trx, before.id);
  const unreceipted = editableFields(before);
  const allowed = editableFields(before, receipt !== null);
  const refused: FieldError[] = [];
  const lockedByReceipt: string[] = [];
  for (const [key, value] of Object.entries(input.changes)) {
    if (allowed.includes(key) || !(key in FIELD_LABELS) || sameValue(key, value, current[key])) continue;
    const label = FIELD_LABELS[key]!;
    if (receipt && unreceipted.includes(key)) {
      lockedByReceipt.push(label.de);
      refused.push({
        field: key,
        message: msg(
          `${label.de}: die Spende ist mit Zuwendungsbestätigung ${receipt.number} bestätigt; erst stornieren`,
          `${label.en}: the gift is confirmed by receipt ${receipt.number}; cancel the receipt first`,
        ),
      });
      continue;
    }
    refused.push({
      field: key,
      message: closed
        ? msg(`${label.de}: bei einer erstatteten, angefochtenen oder fehlgeschlagenen Spende ist nur die Notiz änderbar`, `${label.en}: a refunded, disputed or failed gift only takes a note`)
        : before.source === 'online'
          ? msg(`${label.de}: kommt von Stripe und ist nicht änderbar`, `${label.en}: comes from Stripe and cannot be changed`)
          : msg(`${label.de}: ist nicht von Hand änderbar`, `${label.en}: cannot be changed by hand`),
    });
  }
  if (refused.length) {
    throw validationError(
      refused,
      receipt && lockedByReceipt.length
        ? msg(
            `Die Spende ist mit Zuwendungsbestätigung ${receipt.number} bestätigt; erst stornieren, dann ändern (${lockedByReceipt.join(', ')}). Zweck, Notiz und „Bestätigung gewünscht“ bleiben änderbar.`,
            `The gift is confirmed by receipt ${receipt.number}; cancel the receipt first, then change it. Purpose, note and “receipt wanted” can still be changed.`,
          )
        : undefined,
    );
  }
  const merged: Record<string, unknown> = { ...current };
  for (const key of allowed) if (key in input.changes) merged[key] = input.changes[key];

  const now = deps.clock.now();
  let values: Parameters<typeof updateDonationRow>[2];
  if (closed) {
    const { note } = parseOrThrow(z.object({ note: z.preprocess((v) => (v === null || v === '' ? undefined : v), z.string().trim().max(2000, { error: 'Notiz: höchstens 2000 Zeichen | Note: at most 2000 characters' }).optional()) }), { note: merged.note });
    values = { note: note ?? null };
  } else if (before.source === 'online') {
    const pick = Object.fromEntries(ONLINE_FIELDS.map((k) => [k, merged[k]]));
    const c = parseOrThrow(onlineCorrectionSchema, pick);
    await checkPurpose(trx, c.purpose_id, before.purpose_id);
    await checkDonorFor(trx, c.donorId, c.receipt_wanted);
    values = { donor_id: c.donorId, purpose_id: c.purpose_id ?? null, receipt_wanted: c.receipt_wanted, note: c.note ?? null };
  } else {
    const { status: _s, ...fields } = merged;
    const c = parseOrThrow(offlineCorrectionSchema, fields);
    checkNotFuture(c.gift.donated_on, now);
    await checkPurpose(trx, c.gift.purpose_id, before.purpose_id);
    await checkDonorFor(trx, c.donorId, c.gift.receipt_wanted);
    values = { ...giftColumns(c.gift), donor_id: c.donorId };
  }
  const after = await updateDonationRow(trx, before.id, values, now);
  const { updated_at: _b, ...b } = before;
  const { updated_at: _a, ...a } = after;
  const diff = changedFields(b, a);
  if (diff) await writeAudit(trx, { actor: input.actor, action: 'donation.corrected', entity: 'donation', entityId: after.id, ...diff }, deps);
  return after;
}
