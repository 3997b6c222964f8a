import type { MailTransport } from '../deps';

/**
 * For Cloudflare Workers, where nodemailer cannot open SMTP sockets: POSTs the mail as JSON
 * ({ from, to, subject, text, html }, bearer key) to an e-mail provider's HTTP API. The body is
 * the shape of Resend's `POST /emails`; other providers take it through a small relay.
 */
export function httpMailTransport(url: string, apiKey: string, fetchImpl: typeof fetch = fetch): MailTransport {
  return {
    name: 'http',
    async send(message) {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({
          from: message.from,
          to: [message.to],
          subject: message.subject,
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          ...(message.attachments?.length
            ? {
                attachments: message.attachments.map((a) => ({
                  filename: a.filename,
                  content: a.contentBase64,
                  content_type: a.contentType,
                  ...(a.cid ? { content_id: a.cid } : {}),
                })),
              }
            : {}),
        }),
      });
      if (!response.ok) {
        throw new Error(`mail API answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      }
      const body = (await response.json().catch(() => ({}))) as { id?: string };
      return { messageId: body.id };
    },
  };
}
