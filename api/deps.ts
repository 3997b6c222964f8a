import type { Kysely, Transaction } from 'kysely';
import type Stripe from 'stripe';
import type { DB, Role } from '../db/schema';
import type { Config } from './config';

/** The only database handle an operation uses: the db, or the transaction its caller opened. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: SentAttachment[] | null;
}
/** An attachment as the transport sends it: its bytes, base64. */
export type SentAttachment = { filename: string; contentType: string; cid?: string; contentBase64: string };
/** A way to deliver a composed mail: SMTP on Node, an HTTP mail API on Workers. */
export interface MailTransport {
  readonly name: string;
  send(message: MailMessage): Promise<{ messageId?: string }>;
}

/** Who does something: written to the audit log with every change. */
export interface Actor {
  kind: 'user' | 'token' | 'system' | 'anonymous' | 'member' | 'donor';
  id: number | null;
  label: string;
  role: Role | null;
  requestId?: string;
}
export const systemActor = (label = 'system'): Actor => ({ kind: 'system', id: null, label, role: null });

export interface Deps {
  db: Kysely<DB>;
  engine: 'pglite' | 'postgres';
  config: Config;
  clock: Clock;
  logger: Logger;
  /** null when no mail delivery is configured: mails then wait in the outbox. */
  mailer: MailTransport | null;
  /** Stripe, when its keys are configured (api/donations/stripe-client.ts); null otherwise. */
  payments: Stripe | null;
  /** Work that may finish after the response (waitUntil on Workers). */
  background(task: () => Promise<unknown>): void;
}

export async function inTransaction<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;

/** One JSON object per line on stdout/stderr: structured logs any collector can read. */
export function jsonLogger(level: keyof typeof LEVELS = 'info'): Logger {
  const min = LEVELS[level];
  const write = (lvl: Exclude<keyof typeof LEVELS, 'silent'>) => (fields: Record<string, unknown>, message: string) => {
    if (LEVELS[lvl] < min) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: message, ...fields });
    if (lvl === 'error' || lvl === 'warn') console.error(line);
    else console.log(line);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
