import { createApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import type { Deps, MailTransport } from '../../api/deps';
import { stripeFor } from '../../api/donations/stripe-client';
import type { Database } from '../../db/connect';
import { fixedClock } from './clock';

export const TEST_BASE_URL = 'http://localhost';

/**
 * The app as tests drive it (through app.request), on a given test database, with a fixed
 * clock, silent logs, and background work collected so a test can await it (`settle`).
 */
export function testApp(database: Database, options: { mailer?: MailTransport | null; env?: Record<string, string> } = {}) {
  const clock = fixedClock();
  const pending: Promise<unknown>[] = [];
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BASE_URL: TEST_BASE_URL, ...options.env });
  const deps: Deps = {
    db: database.db,
    engine: database.engine,
    config,
    clock,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    mailer: options.mailer ?? null,
    payments: stripeFor(config),
    background: (task) => {
      pending.push(task());
    },
  };
  const app = createApp(() => deps);
  return {
    app,
    deps,
    clock,
    db: database.db,
    /** Waits for everything started with deps.background (e.g. the outbox kick after an invite). */
    settle: async () => {
      while (pending.length) await Promise.allSettled(pending.splice(0));
    },
  };
}
export type TestApp = ReturnType<typeof testApp>;
