import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { findDonorForUpdate, updateDonorRow } from './ledger-queries';
import { DONOR_NOT_FOUND } from './ledger-rules';

/**
 * The treasurer says the proposed match is someone else (families share addresses and
 * e-mails): the proposal goes, both donors stay as they are.
 */
export async function keepDonorApart(trx: Executor, input: { id: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const donor = await findDonorForUpdate(trx, input.id);
  if (!donor) throw new AppError('not_found', DONOR_NOT_FOUND);
  if (donor.proposed_donor_id === null && donor.proposed_member_id === null) {
    throw new AppError('conflict', msg('Für diesen Spender ist keine Zusammenführung vorgeschlagen.', 'No match is proposed for this donor.'));
  }
  const after = await updateDonorRow(trx, donor.id, { proposed_donor_id: null, proposed_member_id: null }, deps.clock.now());
  await writeAudit(
    trx,
    {
      actor: input.actor,
      action: 'donor.kept_apart',
      entity: 'donor',
      entityId: donor.id,
      before: { proposed_donor_id: donor.proposed_donor_id, proposed_member_id: donor.proposed_member_id },
      after: { proposed_donor_id: null, proposed_member_id: null },
    },
    deps,
  );
  return after;
}
