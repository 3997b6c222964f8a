import { changedFields, writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError } from '../http/errors';
import { donorRecordForUpdate, updateDonorRecord } from './queries';
import type { DonorAddressInput } from './schemas';

/**
 * The donor corrects the name and address their receipts will carry, and the language of their
 * mails. Only changed fields are audited, in the `donor` entity the treasurer's donor page shows
 * as history (the treasurer may need to know why a receipt names someone differently).
 */
export async function changeDonorAddress(trx: Executor, input: { donorId: number; address: DonorAddressInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const before = await donorRecordForUpdate(trx, input.donorId);
  if (!before) throw new AppError('not_found');
  const after = { ...input.address };
  const diff = changedFields(before, after);
  if (!diff) return { changed: false };
  await updateDonorRecord(trx, input.donorId, after, deps.clock.now());
  await writeAudit(trx, { actor: input.actor, action: 'donor.address_changed', entity: 'donor', entityId: input.donorId, ...diff }, deps);
  return { changed: true };
}
