import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { settleClaimsByDebit } from '../dues/claim-status';
import { AppError, msg } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { collectionDebitClaims, findCollectionForUpdate, markMandatesCollected, setCollectionStatus, setDebitsStatus } from './queries';
import { COLLECTION_NOT_FOUND } from './export-collection';

/**
 * The bank has collected: from the due date on, the treasurer books the collection. Every
 * pending debit pays all the claims it collects (one payment per claim, referencing the debit's
 * EndToEndId); each mandate is marked used (next debit RCUR, amendment flags cleared). Returned
 * debits are recorded afterwards, one by one.
 */
export async function bookCollection(trx: Executor, input: { collectionId: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const collection = await findCollectionForUpdate(trx, input.collectionId);
  if (!collection) throw new AppError('not_found', COLLECTION_NOT_FOUND);
  if (collection.status !== 'exported') {
    throw new AppError('conflict', msg('Nur ein erzeugter, noch nicht verbuchter Einzug kann verbucht werden.', 'Only an exported collection not yet booked can be booked.'));
  }
  if (collection.due_date > berlinToday(deps.clock.now())) {
    throw new AppError('conflict', msg('Der Einzug ist noch nicht fällig.', 'The collection is not due yet.'));
  }
  const claims = await collectionDebitClaims(trx, collection.id, 'pending');
  const now = deps.clock.now();
  await settleClaimsByDebit(
    trx,
    claims.map((c) => ({ claimId: c.claim_id, amountCents: c.amount_cents, reference: c.end_to_end_id })),
    { paidOn: collection.due_date, by: input.actor.label, at: now },
  );
  await setDebitsStatus(trx, collection.id, 'pending', 'collected');
  await markMandatesCollected(trx, [...new Set(claims.map((c) => c.mandate_id))], collection.due_date);
  const after = await setCollectionStatus(trx, collection.id, 'booked', now);
  await writeAudit(
    trx,
    { actor: input.actor, action: 'collection.booked', entity: 'sepa_collection', entityId: collection.id, after: { debits: new Set(claims.map((c) => c.debit_id)).size, claims: claims.length, total_cents: claims.reduce((s, c) => s + c.amount_cents, 0) } },
    deps,
  );
  return after;
}
