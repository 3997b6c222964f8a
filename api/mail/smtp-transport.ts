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
      });
      return { messageId: info.messageId };
    },
  };
}
