import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { moneyApplicationOrThrow } from './grant-finances';
import type { FundingSourceFields } from './money-schemas';
import { findFundingSource, insertFundingSource, nextSourcePosition, updateFundingSource } from './money-queries';

export const SOURCE_NOT_FOUND = msg('Diese Position des Finanzierungsplans gibt es bei diesem Antrag nicht.', 'This financing plan line does not exist on this application.');

/** Adds a source to an application's financing plan (Finanzierungsplan), or changes one (sourceId). */
export async function saveGrantFundingSource(trx: Executor, input: FundingSourceFields & { applicationId: number; sourceId?: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  await moneyApplicationOrThrow(trx, input.applicationId, { lock: true });
  const fields = { kind: input.kind, label: input.label, planned_cents: input.planned_cents };
  if (input.sourceId === undefined) {
    const position = input.position ?? (await nextSourcePosition(trx, input.applicationId));
    const source = await insertFundingSource(trx, { application_id: input.applicationId, ...fields, position });
    await writeAudit(trx, { actor: input.actor, action: 'grant.funding_source.created', entity: 'grant_funding_source', entityId: source.id, after: { application_id: input.applicationId, ...fields, position } }, deps);
    return { source, warnings: [] };
  }
  const before = await findFundingSource(trx, input.sourceId);
  if (!before || Number(before.application_id) !== input.applicationId) throw new AppError('not_found', SOURCE_NOT_FOUND);
  const source = await updateFundingSource(trx, input.sourceId, { ...fields, position: input.position ?? before.position });
  await writeAudit(
    trx,
    {
      actor: input.actor,
      action: 'grant.funding_source.updated',
      entity: 'grant_funding_source',
      entityId: source.id,
      before: { kind: before.kind, label: before.label, planned_cents: before.planned_cents, position: before.position },
      after: { kind: source.kind, label: source.label, planned_cents: source.planned_cents, position: source.position },
    },
    deps,
  );
  return { source, warnings: [] };
}
