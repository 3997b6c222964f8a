import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { berlinToday } from '../lib/dates';
import { amountWarnings, applicationValues, checkApplication } from './application-rules';
import { insertApplication, insertStatusChange } from './queries';
import type { ApplicationInput } from './schemas';

/**
 * A new application starts as an idea; its first timeline entry says so. An approved amount may
 * already be known (an application entered after the fact); above the requested one it warns.
 */
export async function createGrantApplication(trx: Executor, input: { application: ApplicationInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  await checkApplication(trx, input.application);
  const at = deps.clock.now();
  const today = berlinToday(at);
  const created = await insertApplication(trx, { ...applicationValues(input.application), status: 'idea', status_since: today, submitted_on: null }, at);
  await insertStatusChange(trx, { application_id: created.id, from_status: null, to_status: 'idea', changed_on: today, changed_by: input.actor.label, note: null }, at);
  const { created_at: _c, updated_at: _u, ...after } = created;
  await writeAudit(trx, { actor: input.actor, action: 'grant_application.created', entity: 'grant_application', entityId: created.id, after }, deps);
  return { application: created, warnings: amountWarnings(created) };
}
