import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { releaseClaims } from '../dues/claim-status';
import { AppError, msg } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { collectionDebitClaims, findCollectionForUpdate, setCollectionStatus, setDebitsStatus } from './queries';
import { COLLECTION_NOT_FOUND } from './export-collection';

/** Takes a collection back before its due date: its claims are open again (not paid twice). */
export async function cancelCollection(trx: Executor, input: { collectionId: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const collection = await findCollectionForUpdate(trx, input.collectionId);
  if (!collection) throw new AppError('not_found', COLLECTION_NOT_FOUND);
  if (collection.status === 'cancelled' || collection.status === 'booked') throw new AppError('conflict', msg('Dieser Einzug ist schon abgeschlossen.', 'This collection is closed already.'));
  if (collection.due_date <= berlinToday(deps.clock.now())) {
    throw new AppError('conflict', msg('Am oder nach dem Fälligkeitstag kann der Einzug nicht mehr storniert werden – Rückgaben einzeln erfassen.', 'On or after the due date the collection cannot be cancelled – record returns one by one.'));
  }
  const claims = await collectionDebitClaims(trx, collection.id, 'pending');
  await setDebitsStatus(trx, collection.id, 'pending', 'cancelled');
  await releaseClaims(trx, claims.map((c) => c.claim_id));
  const after = await setCollectionStatus(trx, collection.id, 'cancelled', deps.clock.now());
  await writeAudit(trx, { actor: input.actor, action: 'collection.cancelled', entity: 'sepa_collection', entityId: collection.id, before: { status: collection.status }, after: { status: 'cancelled' } }, deps);
  return after;
}
