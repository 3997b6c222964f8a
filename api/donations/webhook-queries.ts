import { sql } from 'kysely';
import type { StripeEvent } from '../../db/schema';
import type { Executor } from '../deps';

/**
 * The Stripe inbox (`stripe_events`): what the webhook stores and the processor takes.
 * Kept apart from the ledger's queries so the ack path reads as one statement.
 */

export interface NewStripeEvent {
  id: string;
  type: string;
  stripeCreatedAt: Date;
  payload: string;
  receivedAt: Date;
}

/**
 * Stores a verified event keyed by Stripe's id. A repeated delivery hits the primary key and
 * changes nothing (`on conflict do nothing`); `true` only when this delivery stored it.
 */
export async function insertStripeEvent(db: Executor, event: NewStripeEvent): Promise<boolean> {
  const row = await db
    .insertInto('stripe_events')
    .values({
      id: event.id,
      type: event.type,
      stripe_created_at: event.stripeCreatedAt,
      payload: event.payload,
      received_at: event.receivedAt,
      status: 'pending',
      next_attempt_at: event.receivedAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Locks the oldest due pending event (by Stripe's `created`) for the caller's transaction.
 * `skip locked`: an event another processor holds is passed over, never waited for, and once
 * that processor commits the event is no longer pending, so no event is applied twice.
 */
export function lockNextDueStripeEvent(trx: Executor, now: Date, onlyId?: string) {
  let q = trx
    .selectFrom('stripe_events')
    .select(['id', 'type', 'payload', 'attempts'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now);
  if (onlyId !== undefined) q = q.where('id', '=', onlyId);
  return q.orderBy('stripe_created_at').orderBy('id').limit(1).forUpdate().skipLocked().executeTakeFirst();
}

export function markStripeEventDone(trx: Executor, id: string, status: 'processed' | 'ignored', at: Date) {
  return trx
    .updateTable('stripe_events')
    .set({ status, processed_at: at, last_error: null, attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .execute();
}

export function markStripeEventFailed(trx: Executor, id: string, error: string, nextAttemptAt: Date) {
  return trx
    .updateTable('stripe_events')
    .set({ attempts: sql`attempts + 1`, last_error: error, next_attempt_at: nextAttemptAt })
    .where('id', '=', id)
    .execute();
}

/** Makes a pending event due now (the admin's retry); undefined when there is no such pending event. */
export function makeStripeEventDue(db: Executor, id: string, now: Date) {
  return db
    .updateTable('stripe_events')
    .set({ next_attempt_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning(['id', 'type', 'attempts', 'last_error'])
    .executeTakeFirst();
}

export function findStripeEvent(db: Executor, id: string) {
  return db
    .selectFrom('stripe_events')
    .select(['id', 'type', 'status', 'attempts', 'last_error', 'next_attempt_at', 'processed_at', 'received_at', 'stripe_created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export type StripeEventListRow = Omit<StripeEvent, 'payload'>;

/** For the admin: every event not yet processed (oldest first), then the latest done ones. */
export async function listStripeEvents(db: Executor, options: { doneLimit: number }) {
  const columns = ['id', 'type', 'status', 'attempts', 'last_error', 'next_attempt_at', 'processed_at', 'received_at', 'stripe_created_at'] as const;
  const pending: StripeEventListRow[] = await db
    .selectFrom('stripe_events')
    .select(columns)
    .where('status', '=', 'pending')
    .orderBy('stripe_created_at')
    .orderBy('id')
    .execute();
  const done: StripeEventListRow[] = await db
    .selectFrom('stripe_events')
    .select(columns)
    .where('status', '<>', 'pending')
    .orderBy('processed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.doneLimit)
    .execute();
  return { pending, done };
}

/** Deletes processed and ignored events done before `before`; pending ones are never deleted. */
export async function pruneStripeEvents(db: Executor, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('stripe_events')
    .where('status', 'in', ['processed', 'ignored'])
    .where('processed_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
