import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError } from '../http/errors';
import { moneyApplicationOrThrow } from './grant-finances';
import { deleteFundingSource, findFundingSource } from './money-queries';
import { SOURCE_NOT_FOUND } from './save-grant-funding-source';

/** Removes a source from the financing plan (payments received stay: they belong to the application). */
export async function removeGrantFundingSource(trx: Executor, input: { applicationId: number; sourceId: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  await moneyApplicationOrThrow(trx, input.applicationId, { lock: true });
  const source = await findFundingSource(trx, input.sourceId);
  if (!source || Number(source.application_id) !== input.applicationId) throw new AppError('not_found', SOURCE_NOT_FOUND);
  await deleteFundingSource(trx, source.id);
  await writeAudit(
    trx,
    { actor: input.actor, action: 'grant.funding_source.deleted', entity: 'grant_funding_source', entityId: source.id, before: { application_id: input.applicationId, kind: source.kind, label: source.label, planned_cents: source.planned_cents } },
    deps,
  );
  return { source };
}
