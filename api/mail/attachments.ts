import type { MailAttachment } from '../../db/schema';
import type { Executor, SentAttachment } from '../deps';
import { getBlob } from '../files/blobs';
import { epcQrPng } from '../lib/epc-qr';

/** The stored attachments of a mail as bytes to send: EPC-QR payloads are drawn now, stored files read now. */
export async function attachmentsToSend(db: Executor, list: MailAttachment[] | null): Promise<SentAttachment[] | null> {
  if (!list?.length) return null;
  return Promise.all(
    list.map(async ({ filename, contentType, cid, ...content }) => ({
      filename,
      contentType,
      ...(cid ? { cid } : {}),
      contentBase64: await contentBase64(db, content),
    })),
  );
}

async function contentBase64(db: Executor, content: { contentBase64: string } | { epcQrPayload: string } | { blobKey: string }): Promise<string> {
  if ('contentBase64' in content) return content.contentBase64;
  if ('epcQrPayload' in content) return Buffer.from(await epcQrPng(content.epcQrPayload)).toString('base64');
  const blob = await getBlob(db, content.blobKey);
  // a missing file is a failed attempt (retried, then shown on the Outbox page), never a mail without it
  if (!blob) throw new Error(`attachment ${content.blobKey} is not stored`);
  return Buffer.from(blob.bytes).toString('base64');
}
