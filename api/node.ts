import { serve } from '@hono/node-server';
import { openPostgres, type Database } from '../db/connect';
import type { PgliteArtifacts } from '../db/dialects/pglite-artifacts';
import { DataDirLocked, lockDataDir, openEmbedded } from '../db/embedded';
import { migrateToLatest } from '../db/migrate';
import { createApp } from './app';
import { countUsers } from './auth/queries';
import { stripeFor } from './donations/stripe-client';
import { ConfigError, loadConfig, type Config } from './config';
import { jsonLogger, systemClock, type Deps, type Logger, type MailTransport } from './deps';
import { startScheduler } from './jobs/scheduler';
import { threadRenderer } from './receipts/render-threads';
import { useReceiptRenderer } from './receipts/renderer';
import { availableParallelism } from 'node:os';
import { httpMailTransport } from './mail/http-transport';
import { smtpTransport } from './mail/smtp-transport';

export interface StartOptions {
  /** PGlite's WebAssembly and files, already loading (scripts/start.mjs starts that first thing). */
  pglite?: Promise<PgliteArtifacts | undefined>;
}

/** Node entry: embedded PGlite in DATA_DIR unless DATABASE_URL points to PostgreSQL. */
export async function startNode(env: Record<string, string | undefined> = process.env, options: StartOptions = {}) {
  const config = loadConfig(env);
  const logger = jsonLogger(config.LOG_LEVEL);
  const say = (line: string) => config.LOG_LEVEL !== 'silent' && console.log(line);

  let database: Database;
  let unlock = () => {};
  if (config.DATABASE_URL) {
    database = openPostgres(config.DATABASE_URL);
    const applied = await migrateToLatest(database.db);
    say(`PostgreSQL verbunden${applied.length ? `, ${applied.length} Migration(en) ausgeführt` : ''}`);
  } else {
    unlock = lockDataDir(config.DATA_DIR);
    database = await openEmbedded(config.DATA_DIR, { log: say, artifacts: options.pglite });
  }
  performance.mark('kassenwart:database-ready');

  const deps: Deps = {
    db: database.db,
    engine: database.engine,
    config,
    clock: systemClock,
    logger,
    mailer: mailerFor(config),
    payments: stripeFor(config),
    background: (task) => {
      task().catch((error) => logger.error({ error: String(error) }, 'background task failed'));
    },
  };
  // receipt PDFs of an annual run are drawn on every core (worker threads start on first use)
  useReceiptRenderer(threadRenderer(Math.max(1, availableParallelism())));
  const app = createApp(() => deps);
  performance.mark('kassenwart:app-created');
  const stopScheduler = startScheduler(deps);

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) => {
      stopScheduler();
      // Closed before the rejection: main() exits the process right after it, and a database
      // left open would need recovery next time and leave its lock file behind.
      void database
        .close()
        .catch(() => {})
        .finally(() => {
          unlock();
          reject(
            error.code === 'EADDRINUSE'
              ? new StartError(`Port ${config.PORT} ist belegt – läuft Kassenwart schon? Anderen Port wählen: PORT=3001 npm start / port ${config.PORT} is in use`)
              : error,
          );
        });
    });
  });
  performance.mark('kassenwart:listening');
  const address = `http://${config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST}:${config.PORT}`;
  say(`Kassenwart läuft auf / is running on ${address}`);
  if ((await countUsers(deps.db)) === 0) say(`Ersteinrichtung / first setup: ${address}/setup`);
  if (!deps.mailer) say('Kein SMTP_URL: Mails bleiben im Postausgang (/outbox). / No SMTP_URL: mails stay in the outbox.');

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      stopScheduler();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
      unlock();
    })());
  return { app, deps, server, stop, logger };
}

export function mailerFor(config: Config): MailTransport | null {
  if (config.SMTP_URL) return smtpTransport(config.SMTP_URL);
  if (config.MAIL_API_URL && config.MAIL_API_KEY) return httpMailTransport(config.MAIL_API_URL, config.MAIL_API_KEY);
  return null;
}

/** A start-up problem a person can fix; printed as its message, without a stack. */
class StartError extends Error {}

function fail(error: unknown, logger?: Logger): never {
  if (error instanceof ConfigError || error instanceof DataDirLocked || error instanceof StartError) {
    console.error(error.message);
  } else if (logger) {
    logger.error({ error: String(error), stack: (error as Error)?.stack }, 'start failed');
  } else {
    console.error(error);
  }
  process.exit(1);
}

/** Runs Kassenwart until SIGINT/SIGTERM (npm start, through scripts/start.mjs). */
export async function main(options: StartOptions = {}) {
  try {
    const { stop } = await startNode(process.env, options);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  } catch (error) {
    fail(error);
  }
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) await main();
