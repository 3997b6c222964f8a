import { z } from 'zod';

/**
 * Every environment variable Kassenwart reads, checked once at start. A wrong value stops the
 * start with a message that names the variable, in German and English. README.md lists them.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'ja', 'nein'], {
    error: 'muss true oder false sein / must be true or false',
  })
  .transform((v) => ['true', '1', 'yes', 'ja'].includes(v));

const url = (schemes: string[], what: string) =>
  z.string().refine(
    (v) => {
      try {
        return schemes.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { error: `muss eine ${what}-URL sein (${schemes.join(' ')}) / must be a ${what} URL` },
  );

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `muss eine ganze Zahl von ${min} bis ${max} sein / must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { error: `muss mindestens ${min} sein / must be at least ${min}` })
        .max(max, { error: `darf höchstens ${max} sein / must be at most ${max}` }),
    );

export const configSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], {
      error: 'muss development, production oder test sein / must be development, production or test',
    })
    .default('development'),
  PORT: int(1, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'PostgreSQL').optional(),
  BASE_URL: url(['http:', 'https:'], 'HTTP').optional(),
  SMTP_URL: url(['smtp:', 'smtps:'], 'SMTP').optional(),
  MAIL_FROM: z.string().min(3).default('Kassenwart <kassenwart@localhost>'),
  MAIL_API_URL: url(['http:', 'https:'], 'HTTP').optional(),
  MAIL_API_KEY: z.string().min(1).optional(),
  SESSION_TTL_HOURS: int(1, 24 * 30).default(12),
  BODY_LIMIT_KB: int(1, 100 * 1024).default(1024),
  TRUST_PROXY: bool.default(false),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, { error: 'muss ein Stripe-Schlüssel sein (sk_live_…, sk_test_… oder rk_…) / must be a Stripe secret key' }).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, { error: 'muss mit whsec_ beginnen / must start with whsec_' }).optional(),
  /** only for tests and local fakes: where the Stripe API answers (default: Stripe itself) */
  STRIPE_API_URL: url(['http:', 'https:'], 'HTTP').optional(),
  OUTBOX_INTERVAL_SECONDS: int(1, 3600).default(30),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], {
      error: 'muss debug, info, warn, error oder silent sein / must be debug, info, warn, error or silent',
    })
    .default('info'),
});

export type Config = z.output<typeof configSchema> & { BASE_URL: string };

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string; value?: string }[]) {
    super(
      'Kassenwart kann nicht starten: Konfigurationsfehler / cannot start: configuration error\n' +
        problems
          .map((p) => `  ${p.variable}: ${p.message}${p.value !== undefined ? ` (ist / is: ${JSON.stringify(p.value)})` : ''}`)
          .join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Reads only the variables the schema knows; empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '?');
        const secret = /KEY|URL|SECRET|PASSWORD/.test(variable);
        return { variable, message: issue.message, value: secret ? undefined : input[variable] };
      }),
    );
  }
  const config = parsed.data;
  if (config.MAIL_API_URL && !config.MAIL_API_KEY) {
    throw new ConfigError([{ variable: 'MAIL_API_KEY', message: 'fehlt, weil MAIL_API_URL gesetzt ist / missing while MAIL_API_URL is set' }]);
  }
  if (Boolean(config.STRIPE_SECRET_KEY) !== Boolean(config.STRIPE_WEBHOOK_SECRET)) {
    const missing = config.STRIPE_SECRET_KEY ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY';
    throw new ConfigError([{ variable: missing, message: 'fehlt: Stripe braucht den geheimen Schlüssel und das Webhook-Secret / missing: Stripe needs both the secret key and the webhook secret' }]);
  }
  return { ...config, BASE_URL: (config.BASE_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '') };
}
