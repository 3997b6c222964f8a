import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg, validationError } from '../http/errors';
import { addDays, formatDate } from '../lib/dates';
import { buildPain008, SepaInputError } from '../lib/sepa-xml';
import { getAssociation } from '../settings/queries';
import { collectionDebits, findCollectionForUpdate, setCollectionExported } from './queries';

export const COLLECTION_NOT_FOUND = msg('Diesen Lastschrifteinzug gibt es nicht.', 'This collection does not exist.');

/**
 * Writes the pain.008 file of a prepared collection (version per the settings), once: later
 * downloads return the stored bytes. Refuses debits whose pre-notification went out fewer than
 * the set number of days before the due date, naming them.
 */
export async function exportCollection(trx: Executor, input: { collectionId: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const collection = await findCollectionForUpdate(trx, input.collectionId);
  if (!collection) throw new AppError('not_found', COLLECTION_NOT_FOUND);
  if (collection.status === 'exported' || collection.status === 'booked') return collection;
  if (collection.status === 'cancelled') throw new AppError('conflict', msg('Dieser Einzug ist storniert.', 'This collection is cancelled.'));
  const association = (await getAssociation(trx))!;
  const debits = (await collectionDebits(trx, collection.id)).filter((d) => d.status === 'pending');
  const latest = addDays(collection.due_date, -association.prenotification_days);
  const late = debits.filter((d) => d.prenotified_on > latest);
  if (late.length) {
    throw new AppError(
      'conflict',
      msg(
        `Vorabankündigung zu spät (nach dem ${formatDate(latest)}) für: ${late.map((i) => `${i.first_name} ${i.last_name}`).join(', ')}.`,
        `Pre-notification too late (after ${formatDate(latest)}) for: ${late.map((i) => `${i.first_name} ${i.last_name}`).join(', ')}.`,
      ),
    );
  }
  const now = deps.clock.now();
  const messageId = `KW-${collection.id}-${now.toISOString().replace(/\D/g, '').slice(0, 14)}`;
  let built;
  try {
    built = buildPain008(
      {
        messageId,
        createdAt: now,
        creditor: { name: association.name, iban: association.iban, bic: association.bic, creditorId: association.creditor_id! },
        debits: debits.map((i) => ({
          endToEndId: i.end_to_end_id,
          amountCents: i.amount_cents,
          mandateReference: i.reference,
          mandateSignedOn: i.signed_on,
          sequenceType: i.sequence_type,
          dueDate: collection.due_date,
          debtorName: i.account_holder,
          debtorIban: i.iban,
          debtorBic: i.bic,
          remittance: i.remittance,
          ...(i.amended_from_iban || i.amended_from_reference
            ? { amendment: { ...(i.amended_from_iban ? { originalIban: i.amended_from_iban } : {}), ...(i.amended_from_reference ? { originalMandateReference: i.amended_from_reference } : {}) } }
            : {}),
        })),
      },
      association.sepa_version,
    );
  } catch (error) {
    if (error instanceof SepaInputError) throw validationError(error.problems.map((p) => ({ field: p.path, message: p.message })));
    throw error;
  }
  const exported = await setCollectionExported(trx, collection.id, { message_id: messageId, version: association.sepa_version, xml: built.xml, exported_at: now });
  await writeAudit(
    trx,
    { actor: input.actor, action: 'collection.exported', entity: 'sepa_collection', entityId: collection.id, after: { message_id: messageId, version: association.sepa_version, debits: built.nbOfTxs, total_cents: built.ctrlSumCents } },
    deps,
  );
  return exported;
}
