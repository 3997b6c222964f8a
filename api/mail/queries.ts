import { sql } from 'kysely';
import type { Executor } from '../deps';
import { arrayParam } from '../../db/bulk';

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

export interface NewOutboxRow {
  template: string;
  language: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  sensitive: boolean;
  /** JSON text of the attachments, or null */
  attachments: string | null;
}

/**
 * Pending mails in one statement per 5,000 (one array parameter per column): the
 * pre-notifications of a yearly collection or the payment requests of a dues run are thousands
 * of rows. Ids come back in the order of `rows`.
 */
export async function insertOutboxRows(db: Executor, rows: NewOutboxRow[], at: Date): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 5_000) {
    const chunk = rows.slice(i, i + 5_000);
    const column = <K extends keyof NewOutboxRow>(key: K, type: 'text' | 'boolean' = 'text') => arrayParam(chunk.map((r) => r[key]), type);
    const { rows: inserted } = await sql<{ id: number }>`
      insert into outbox (created_at, next_attempt_at, status, template, language, to_address, subject, text_body, html_body, sensitive, attachments)
      select ${at}::timestamptz, ${at}::timestamptz, 'pending', x.template, x.language, x.to_address, x.subject, x.text_body, x.html_body, x.sensitive, x.attachments::jsonb
      from unnest(${column('template')}, ${column('language')}, ${column('to_address')}, ${column('subject')},
                  ${column('text_body')}, ${column('html_body')}, ${column('sensitive', 'boolean')}, ${column('attachments')})
        with ordinality as x(template, language, to_address, subject, text_body, html_body, sensitive, attachments, n)
      order by x.n
      returning id`.execute(db);
    ids.push(...inserted.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  return ids;
}
