import { Buffer } from 'node:buffer';
import dejavuBold from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf';
import dejavuRegular from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf';
import { providePdfFonts } from '../templates/fonts/index';
import { openPostgres } from '../db/postgres';
import { createApp } from './app';
import { stripeFor } from './donations/stripe-client';
import { ConfigError, loadConfig, type Config } from './config';
import { jsonLogger, systemClock, type Deps } from './deps';
import { runScheduledJobs } from './jobs/scheduler';
import { httpMailTransport } from './mail/http-transport';

// The PDFs' fonts come bundled: a Worker cannot read them from node_modules at run time.
providePdfFonts({ regular: Buffer.from(dejavuRegular), bold: Buffer.from(dejavuBold) });

/**
 * Cloudflare Workers entry: PostgreSQL through the HYPERDRIVE binding (wrangler.toml).
 * Bindings arrive with each request, so the deps are made per request: one postgres.js client
 * per request (Hyperdrive pools the real connections; a client kept across requests would hold
 * a socket of a finished request, which workerd refuses to reuse). Mail goes out through an
 * e-mail provider's HTTP API: nodemailer cannot open SMTP sockets here.
 *
 * Must not import api/node.ts, db/embedded.ts, db/connect.ts or api/mail/smtp-transport.ts
 * (db/postgres.ts is the PGlite-free half of db/connect.ts):
 * PGlite, @hono/node-server and nodemailer's SMTP transport stay out of the bundle
 * (tests/api/worker.test.ts checks it).
 */
export interface Env {
  HYPERDRIVE?: Hyperdrive;
  [variable: string]: unknown;
}

/** Per request (or cron run): the deps, and a way to close the database once all work is done. */
interface Scope {
  deps: Deps;
  finish(): Promise<void>;
}

/** Config is checked once per env object (the same for every request of an isolate). */
const configs = new WeakMap<object, Config>();

/** Worker vars and secrets as the strings loadConfig expects; DATABASE_URL from Hyperdrive. */
export function configFor(env: Env): Config {
  const cached = configs.get(env);
  if (cached) return cached;
  const vars: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string') vars[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') vars[name] = String(value);
  }
  if (env.HYPERDRIVE) vars.DATABASE_URL = env.HYPERDRIVE.connectionString;
  if (!vars.DATABASE_URL) {
    throw new ConfigError([
      {
        variable: 'HYPERDRIVE',
        message: 'Hyperdrive-Binding fehlt (wrangler.toml [[hyperdrive]]) / Hyperdrive binding missing',
      },
    ]);
  }
  const config = loadConfig(vars);
  configs.set(env, config);
  return config;
}

function openScope(env: Env, ctx: ExecutionContext): Scope {
  const config = configFor(env);
  const logger = jsonLogger(config.LOG_LEVEL);
  const database = openPostgres(config.DATABASE_URL!, { max: 1 });
  const pending = new Set<Promise<unknown>>();
  const deps: Deps = {
    db: database.db,
    engine: 'postgres',
    config,
    clock: systemClock,
    logger,
    mailer: config.MAIL_API_URL && config.MAIL_API_KEY ? httpMailTransport(config.MAIL_API_URL, config.MAIL_API_KEY) : null,
    payments: stripeFor(config),
    background(task) {
      // async wrapper: a task that throws synchronously becomes a logged rejection too
      const running: Promise<unknown> = (async () => task())()
        .catch((error) => logger.error({ error: String(error) }, 'background task failed'))
        .finally(() => pending.delete(running));
      pending.add(running);
      ctx.waitUntil(running);
    },
  };
  return {
    deps,
    async finish() {
      // background tasks may start further tasks: wait until none is left, then close
      while (pending.size > 0) await Promise.allSettled([...pending]);
      await database.close();
    },
  };
}

/** The scope each request opened, found again by its ExecutionContext once the response is made. */
const scopes = new WeakMap<object, Scope>();

const app = createApp((c) => {
  const ctx = c.executionCtx as ExecutionContext;
  const scope = openScope(c.env as Env, ctx);
  scopes.set(ctx, scope);
  return scope.deps;
});

function configErrorResponse(error: ConfigError): Response {
  console.error(error.message);
  return new Response(`${error.message}\n`, {
    status: 500,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export default {
  async fetch(request, env, ctx) {
    try {
      configFor(env);
    } catch (error) {
      if (error instanceof ConfigError) return configErrorResponse(error);
      throw error;
    }
    try {
      return await app.fetch(request, env, ctx);
    } finally {
      const scope = scopes.get(ctx);
      if (scope) {
        scopes.delete(ctx);
        // after the response and after every background task (outbox delivery) of this request
        ctx.waitUntil(
          scope.finish().catch((error) => scope.deps.logger.error({ error: String(error) }, 'closing the database failed')),
        );
      }
    }
  },

  async scheduled(controller, env, ctx) {
    let scope: Scope;
    try {
      scope = openScope(env, ctx);
    } catch (error) {
      if (error instanceof ConfigError) console.error(error.message);
      throw error;
    }
    const { deps } = scope;
    ctx.waitUntil(
      (async () => {
        try {
          const report = await runScheduledJobs(deps);
          deps.logger.info({ cron: controller.cron, ...report.mail }, 'scheduled jobs done');
        } catch (error) {
          deps.logger.error({ cron: controller.cron, error: String(error) }, 'scheduled jobs failed');
          throw error; // the cron run shows as failed in the dashboard
        } finally {
          await scope.finish();
        }
      })(),
    );
  },
} satisfies ExportedHandler<Env>;
