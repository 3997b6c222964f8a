import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { requeueMail } from './queries';

/** Puts a failed (or waiting) mail back in line for the next delivery run. */
export async function retryMail(trx: Executor, input: { id: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const row = await requeueMail(trx, input.id, deps.clock.now());
  if (!row) throw new AppError('not_found', msg('Diese Mail gibt es nicht oder sie ist schon versandt.', 'This mail does not exist or was already sent.'));
  await writeAudit(trx, { actor: input.actor, action: 'mail.requeued', entity: 'outbox', entityId: row.id, after: { to: row.to_address, subject: row.subject } }, deps);
  return row;
}
