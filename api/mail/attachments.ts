import type { MailAttachment } from '../../db/schema';
import type { SentAttachment } from '../deps';
import { epcQrPng } from '../lib/epc-qr';

/** The stored attachments of a mail as bytes to send: EPC-QR payloads are drawn now. */
export async function attachmentsToSend(list: MailAttachment[] | null): Promise<SentAttachment[] | null> {
  if (!list?.length) return null;
  return Promise.all(
    list.map(async ({ filename, contentType, cid, ...content }) => ({
      filename,
      contentType,
      ...(cid ? { cid } : {}),
      contentBase64: 'contentBase64' in content ? content.contentBase64 : Buffer.from(await epcQrPng(content.epcQrPayload)).toString('base64'),
    })),
  );
}
