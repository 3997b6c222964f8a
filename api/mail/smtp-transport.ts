import nodemailer from 'nodemailer';
import type { MailTransport } from '../deps';

/** Node only: nodemailer over SMTP (SMTP_URL). Workers cannot open sockets; see http-transport. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    async send(message) {
      const info = await transporter.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.attachments?.length
          ? {
              attachments: message.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: Buffer.from(a.contentBase64, 'base64'),
                ...(a.cid ? { cid: a.cid } : {}),
              })),
            }
          : {}),
      });
      return { messageId: info.messageId };
    },
  };
}
