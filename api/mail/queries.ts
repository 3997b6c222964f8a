import { sql } from 'kysely';
import type { Executor } from '../deps';

/** Lease mails that are due: one statement, so two workers never take the same row. */
export function claimDueMails(db: Executor, now: Date, leaseUntil: Date, limit: number) {
  return db
    .updateTable('outbox')
    .set({ next_attempt_at: leaseUntil })
    .where(
      'id',
      'in',
      db
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

export function markMailSent(db: Executor, id: number, at: Date, messageId: string | null) {
  return db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: at, message_id: messageId, last_error: null, attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .execute();
}

export function markMailFailedAttempt(db: Executor, id: number, error: string, next: Date | null) {
  return db
    .updateTable('outbox')
    .set({
      attempts: sql`attempts + 1`,
      last_error: error.slice(0, 2000),
      ...(next ? { next_attempt_at: next } : { status: 'failed' as const }),
    })
    .where('id', '=', id)
    .execute();
}

export function requeueMail(db: Executor, id: number, now: Date) {
  return db
    .updateTable('outbox')
    .set({ status: 'pending', next_attempt_at: now })
    .where('id', '=', id)
    .where('status', '!=', 'sent')
    .returning(['id', 'to_address', 'subject', 'status'])
    .executeTakeFirst();
}

export function listOutbox(db: Executor, filter: { status?: 'pending' | 'sent' | 'failed'; limit: number }) {
  let q = db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.execute();
}

export async function countOutboxByStatus(db: Executor) {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.count])) as Partial<Record<'pending' | 'sent' | 'failed', number>>;
}
