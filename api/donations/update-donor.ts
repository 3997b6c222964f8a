import { changedFields, writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError } from '../http/errors';
import { findDonorForUpdate, updateDonorRow } from './ledger-queries';
import { DONOR_NOT_FOUND } from './ledger-rules';
import type { DonorInput } from './ledger-schemas';

/** Corrects a donor's name, address, e-mail, language or notes; the audit row keeps what changed. */
export async function updateDonor(trx: Executor, input: { id: number; donor: DonorInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const before = await findDonorForUpdate(trx, input.id);
  if (!before) throw new AppError('not_found', DONOR_NOT_FOUND);
  const d = input.donor;
  const after = await updateDonorRow(
    trx,
    input.id,
    { name: d.name, street: d.street ?? null, postal_code: d.postal_code ?? null, city: d.city ?? null, country: d.country, email: d.email ?? null, language: d.language, notes: d.notes ?? null },
    deps.clock.now(),
  );
  const { updated_at: _b, ...b } = before;
  const { updated_at: _a, ...a } = after;
  const diff = changedFields(b, a);
  if (diff) await writeAudit(trx, { actor: input.actor, action: 'donor.updated', entity: 'donor', entityId: after.id, ...diff }, deps);
  return after;
}
