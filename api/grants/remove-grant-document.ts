import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { deleteDocumentRow } from './queries';

export const DOCUMENT_NOT_FOUND = msg('Dieses Dokument gibt es bei diesem Antrag nicht.', 'This document does not exist with this application.');

/** Takes a document off the application. Its stored bytes stay: blobs are written once and never changed. */
export async function removeGrantDocument(trx: Executor, input: { applicationId: number; documentId: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const removed = await deleteDocumentRow(trx, input.applicationId, input.documentId);
  if (!removed) throw new AppError('not_found', DOCUMENT_NOT_FOUND);
  const { created_at: _c, ...before } = removed;
  await writeAudit(trx, { actor: input.actor, action: 'grant_document.removed', entity: 'grant_document', entityId: removed.id, before }, deps);
  return removed;
}
