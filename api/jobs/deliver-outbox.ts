import type { Deps } from '../deps';
import { attachmentsToSend } from '../mail/attachments';
import { claimDueMails, markMailFailedAttempt, markMailSent } from '../mail/queries';

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 5 * 60_000;

/** Minutes until the next try after `attempts` failures: 1, 2, 4 … capped at 12 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 12 * 60) * 60_000;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Delivers due outbox mails. Each mail is leased first (so a crash or a second worker cannot
 * send it twice within the lease), then sent outside any transaction (on PGlite a transaction
 * would hold the only session during SMTP). A failure is kept on the row with the next try
 * time; after MAX_ATTEMPTS the mail is 'failed' and stays listed for the admin.
 */
export async function deliverOutbox(
  deps: Pick<Deps, 'db' | 'clock' | 'mailer' | 'logger' | 'config'>,
  options: { limit?: number } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const mailer = deps.mailer;
  if (!mailer) return report;
  const now = deps.clock.now();
  const mails = await claimDueMails(deps.db, now, new Date(now.getTime() + LEASE_MS), options.limit ?? 50);
  for (const mail of mails) {
    try {
      const result = await mailer.send({
        from: deps.config.MAIL_FROM,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        attachments: await attachmentsToSend(deps.db, mail.attachments),
      });
      await markMailSent(deps.db, mail.id, deps.clock.now(), result.messageId ?? null);
      report.sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      const next = attempts >= MAX_ATTEMPTS ? null : new Date(deps.clock.now().getTime() + backoffMs(attempts));
      await markMailFailedAttempt(deps.db, mail.id, message, next);
      if (next) report.retried++;
      else report.failed++;
      deps.logger.warn({ mailId: mail.id, attempts, transport: mailer.name, error: message }, 'mail delivery failed');
    }
  }
  return report;
}

/**
 * Delivers right after the response, for mails a person is waiting for (invitation, reset
 * link): on Workers through waitUntil, so they need not wait for the next cron run.
 */
export function kickOutbox(deps: Pick<Deps, 'db' | 'clock' | 'mailer' | 'logger' | 'config' | 'background'>) {
  if (deps.mailer) deps.background(() => deliverOutbox(deps));
}
