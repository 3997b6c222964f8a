import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { findClaimForUpdate, setClaimWrittenOff } from './queries';
import { CLAIM_NOT_FOUND } from './record-payment';

/** Writes off what is still open of a claim, with a reason; payments already made stay. */
export async function writeOffClaim(trx: Executor, input: { claimId: number; reason: string; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const claim = await findClaimForUpdate(trx, input.claimId);
  if (!claim) throw new AppError('not_found', CLAIM_NOT_FOUND);
  if (claim.status === 'paid' || claim.status === 'written_off') {
    throw new AppError('conflict', msg('Diese Forderung ist schon erledigt.', 'This claim is settled already.'));
  }
  const updated = await setClaimWrittenOff(trx, claim.id, input.reason);
  await writeAudit(
    trx,
    { actor: input.actor, action: 'claim.written_off', entity: 'claim', entityId: claim.id, before: { status: claim.status }, after: { status: updated.status, reason: input.reason, open_cents: claim.amount_cents - claim.paid_cents } },
    deps,
  );
  return updated;
}
