import type { Role } from '../../db/schema';
import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { findActiveApiToken, insertApiToken, revokeApiToken as revokeRow, touchApiToken } from './queries';
import { hashSecret, newSecret } from './secrets';

/**
 * API tokens for integrations (the association's website, scripts): bound to a role, shown
 * once at creation, stored only as SHA-256, revocable.
 */
export const API_TOKEN_PREFIX = 'kw_';

export async function createApiToken(trx: Executor, input: { name: string; role: Role; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const token = API_TOKEN_PREFIX + newSecret();
  const row = await insertApiToken(trx, {
    name: input.name,
    role: input.role,
    hash: hashSecret(token),
    hint: `${token.slice(0, 7)}…${token.slice(-4)}`,
    createdBy: input.actor.kind === 'user' ? input.actor.id : null,
    at: deps.clock.now(),
  });
  await writeAudit(trx, { actor: input.actor, action: 'api_token.created', entity: 'api_token', entityId: row.id, after: { name: row.name, role: row.role } }, deps);
  return { ...row, token };
}

export async function revokeApiToken(trx: Executor, input: { id: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const row = await revokeRow(trx, input.id, deps.clock.now());
  if (!row) throw new AppError('not_found', msg('Dieses Token gibt es nicht oder es ist schon widerrufen.', 'This token does not exist or is already revoked.'));
  await writeAudit(trx, { actor: input.actor, action: 'api_token.revoked', entity: 'api_token', entityId: row.id, before: { name: row.name, role: row.role } }, deps);
  return row;
}

export async function authenticateApiToken(db: Executor, token: string, deps: Pick<Deps, 'clock'>) {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await findActiveApiToken(db, hashSecret(token));
  if (!row) return null;
  const now = deps.clock.now();
  // Record use at most once a minute: not every request needs a write.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) await touchApiToken(db, row.id, now);
  return row;
}
