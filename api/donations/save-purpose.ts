import { changedFields, writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { findPurpose, findPurposeBySlug, insertPurpose, updatePurposeRow } from './ledger-queries';
import type { PurposeInput, PurposeUpdate } from './ledger-schemas';

export const PURPOSE_NOT_FOUND = msg('Diesen Zweck gibt es nicht.', 'This purpose does not exist.');

const names = (p: PurposeUpdate) => ({ name_de: p.name_de, name_en: p.name_en ?? null, name_ar: p.name_ar ?? null, name_tr: p.name_tr ?? null, active: p.active });

/**
 * Creates a purpose or campaign (Zweckbindung) a donor may choose. Purposes are never deleted:
 * gifts, monthly gifts and receipts name them; a finished campaign is deactivated and leaves
 * the donation page.
 */
export async function createPurpose(trx: Executor, input: { purpose: PurposeInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  if (await findPurposeBySlug(trx, input.purpose.slug)) {
    throw new AppError('conflict', undefined, [{ field: 'slug', message: msg('Kürzel: gibt es schon', 'Slug: exists already') }]);
  }
  const created = await insertPurpose(trx, { slug: input.purpose.slug, ...names(input.purpose) }, deps.clock.now());
  await writeAudit(trx, { actor: input.actor, action: 'donation_purpose.created', entity: 'donation_purpose', entityId: created.id, after: { ...created } }, deps);
  return created;
}

/** Renames or (de)activates a purpose; its slug stays, so links to /donate?purpose=… keep working. */
export async function updatePurpose(trx: Executor, input: { id: number; purpose: PurposeUpdate; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const before = await findPurpose(trx, input.id);
  if (!before) throw new AppError('not_found', PURPOSE_NOT_FOUND);
  const after = await updatePurposeRow(trx, input.id, names(input.purpose));
  const diff = changedFields(before, after);
  if (diff) await writeAudit(trx, { actor: input.actor, action: 'donation_purpose.updated', entity: 'donation_purpose', entityId: after.id, ...diff }, deps);
  return after;
}
