import type { Actor, Deps, Executor } from '../deps';
import { maskForAudit } from '../lib/mask';

export interface AuditInput {
  actor: Actor;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Writes who changed what, before and after, through the caller's executor: inside the
 * change's own transaction, so the change and its audit row commit together or not at all.
 * Secrets and full IBANs never reach the table (lib/mask).
 */
export async function writeAudit(trx: Executor, input: AuditInput, deps: Pick<Deps, 'clock'>): Promise<void> {
  await writeAuditMany(trx, [input], deps);
}

/** Many audit rows in few statements (an import of thousands of members), same masking. */
export async function writeAuditMany(trx: Executor, inputs: AuditInput[], deps: Pick<Deps, 'clock'>): Promise<void> {
  const at = deps.clock.now();
  const rows = inputs.map((input) => {
    const before = input.before ? (maskForAudit(input.before) as Record<string, unknown>) : null;
    const after = input.after ? (maskForAudit(input.after) as Record<string, unknown>) : null;
    return {
      at,
      actor_user_id: input.actor.kind === 'user' ? input.actor.id : null,
      actor: input.actor.label,
      action: input.action,
      entity: input.entity,
      entity_id: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
      before: before ? JSON.stringify(before) : null,
      after: after ? JSON.stringify(after) : null,
      request_id: input.actor.requestId ?? null,
    };
  });
  for (let i = 0; i < rows.length; i += 1000) {
    await trx.insertInto('audit_log').values(rows.slice(i, i + 1000)).execute();
  }
}

/** Only the fields that changed, for a readable audit row. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}
