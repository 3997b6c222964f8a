import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { putBlob } from '../files/blobs';
import { AppError } from '../http/errors';
import { APPLICATION_NOT_FOUND } from './application-rules';
import { classifyDocument } from './document-content';
import { insertDocument, lockApplication } from './queries';

export type DocumentInput = { title: string; file: { filename: string; bytes: Uint8Array } } | { title: string; url: string };

/**
 * Keeps a file (in the blob store) or a link with an application. A file is checked by its
 * bytes, not only its name (document-content.ts); a refused one leaves nothing behind.
 */
export async function addGrantDocument(trx: Executor, input: { applicationId: number; document: DocumentInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const application = await lockApplication(trx, input.applicationId);
  if (!application) throw new AppError('not_found', APPLICATION_NOT_FOUND);
  const at = deps.clock.now();
  const d = input.document;
  let values: Parameters<typeof insertDocument>[1];
  if ('file' in d) {
    const filename = d.file.filename.replace(/[\\/]/g, '_').replace(/[\u0000-\u001f\u007f]/g, '').slice(-200) || 'datei';
    const kind = classifyDocument(filename, d.file.bytes);
    if (!kind.ok) throw new AppError('validation', kind.message, [{ field: 'file', message: kind.message }]);
    const blob = await putBlob(trx, { key: `grants/${input.applicationId}/${crypto.randomUUID()}.${kind.extension}`, bytes: d.file.bytes, contentType: kind.contentType }, at);
    values = { application_id: input.applicationId, title: d.title, blob_key: blob.key, filename, content_type: kind.contentType, byte_size: blob.byteSize, url: null, created_by: input.actor.label };
  } else {
    values = { application_id: input.applicationId, title: d.title, blob_key: null, filename: null, content_type: null, byte_size: null, url: d.url, created_by: input.actor.label };
  }
  const doc = await insertDocument(trx, values, at);
  const { created_at: _c, ...after } = doc;
  await writeAudit(trx, { actor: input.actor, action: 'grant_document.added', entity: 'grant_document', entityId: doc.id, after }, deps);
  return doc;
}
