import { pruneLoginFailures, pruneRateLimitHits, deleteExpiredSessions } from '../auth/queries';
import type { Deps } from '../deps';
import { deliverOutbox } from './deliver-outbox';
import { pruneDonorPortal } from '../donor-portal/donor-sessions';
import { processStripeInbox, STRIPE_EVENTS_KEPT_DAYS } from '../donations/process-stripe-inbox';
import { pruneStripeEvents } from '../donations/webhook-queries';
import { pruneAbandonedIntents } from '../donations/checkout-queries';
import { resumeStaleAnnualRuns } from '../receipts/run-annual-receipts';
import { sendGrantReminders } from '../grants/send-grant-reminders';

const ABANDONED_CHECKOUTS_KEPT_DAYS = 30;

/**
 * Everything that runs on a schedule, in one pass: on Node from an in-process timer, on Workers
 * from the cron trigger. Each job is safe to run twice or late.
 */
export async function runScheduledJobs(deps: Pick<Deps, 'db' | 'clock' | 'mailer' | 'logger' | 'config' | 'payments'>) {
  // Stripe events whose first processing failed (or never ran: a crash, a lost waitUntil);
  // before the outbox, so the thank-you mails they write leave in the same pass.
  const stripeEvents = await processStripeInbox(deps);
  // an annual receipt run whose process died continues here; before the outbox, for its mails
  await resumeStaleAnnualRuns(deps);
  // reminders of grant deadlines due today (each once, whatever the timer does); before the outbox, so they leave in this pass
  await sendGrantReminders(deps);
  const mail = await deliverOutbox(deps);
  const now = deps.clock.now();
  await pruneStripeEvents(deps.db, new Date(now.getTime() - STRIPE_EVENTS_KEPT_DAYS * 86_400_000));
  await pruneLoginFailures(deps.db, new Date(now.getTime() - 24 * 3_600_000));
  await pruneRateLimitHits(deps.db, new Date(now.getTime() - 24 * 3_600_000));
  await deleteExpiredSessions(deps.db, now);
  await pruneDonorPortal(deps.db, deps);
  await pruneAbandonedIntents(deps.db, new Date(now.getTime() - ABANDONED_CHECKOUTS_KEPT_DAYS * 86_400_000));
  return { mail, stripeEvents };
}

export function startScheduler(deps: Deps): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runScheduledJobs(deps);
    } catch (error) {
      deps.logger.error({ error: String(error) }, 'scheduled jobs failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, deps.config.OUTBOX_INTERVAL_SECONDS * 1000);
  timer.unref();
  // The first pass waits a moment: on PGlite it would hold the only session while the first
  // requests (a health check, a person opening the page) arrive.
  const first = setTimeout(tick, 3000);
  first.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
