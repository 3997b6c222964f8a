import { changedFields, writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError } from '../http/errors';
import { amountWarnings, APPLICATION_NOT_FOUND, applicationValues, checkApplication } from './application-rules';
import { lockApplication, updateApplicationRow } from './queries';
import type { ApplicationInput } from './schemas';

/** Edits an application's data; its status moves only through the pipeline (move-grant-application.ts). */
export async function updateGrantApplication(trx: Executor, input: { id: number; application: ApplicationInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const before = await lockApplication(trx, input.id);
  if (!before) throw new AppError('not_found', APPLICATION_NOT_FOUND);
  await checkApplication(trx, input.application, before.responsible_user_id);
  const after = await updateApplicationRow(trx, input.id, applicationValues(input.application), deps.clock.now());
  const { created_at: _bc, updated_at: _bu, ...b } = before;
  const { created_at: _ac, updated_at: _au, ...a } = after;
  const diff = changedFields(b, a);
  if (diff) await writeAudit(trx, { actor: input.actor, action: 'grant_application.updated', entity: 'grant_application', entityId: after.id, ...diff }, deps);
  return { application: after, warnings: amountWarnings(after) };
}
