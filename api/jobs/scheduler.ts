import { pruneLoginFailures, pruneRateLimitHits, deleteExpiredSessions } from '../auth/queries';
import type { Deps } from '../deps';
import { deliverOutbox } from './deliver-outbox';

/**
 * Everything that runs on a schedule, in one pass: on Node from an in-process timer, on Workers
 * from the cron trigger. Each job is safe to run twice or late.
 */
export async function runScheduledJobs(deps: Pick<Deps, 'db' | 'clock' | 'mailer' | 'logger' | 'config'>) {
  const mail = await deliverOutbox(deps);
  const now = deps.clock.now();
  await pruneLoginFailures(deps.db, new Date(now.getTime() - 24 * 3_600_000));
  await pruneRateLimitHits(deps.db, new Date(now.getTime() - 24 * 3_600_000));
  await deleteExpiredSessions(deps.db, now);
  return { mail };
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
