import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { findMandateForUpdate, revokeMandateRow } from './queries';

/** The debtor revoked the mandate (or the bank returned MD01/AC04): no more debits on it. */
export async function revokeMandate(trx: Executor, input: { mandateId: number; reason: string; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const mandate = await findMandateForUpdate(trx, input.mandateId);
  if (!mandate) throw new AppError('not_found', msg('Dieses Mandat gibt es nicht.', 'This mandate does not exist.'));
  if (mandate.status !== 'active') throw new AppError('conflict', msg('Dieses Mandat ist nicht mehr aktiv.', 'This mandate is no longer active.'));
  const after = await revokeMandateRow(trx, mandate.id, berlinToday(deps.clock.now()), input.reason);
  await writeAudit(trx, { actor: input.actor, action: 'mandate.revoked', entity: 'sepa_mandate', entityId: mandate.id, before: { status: mandate.status }, after: { status: after.status, reason: input.reason } }, deps);
  return after;
}
