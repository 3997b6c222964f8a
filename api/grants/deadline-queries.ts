import type { GrantDeadlinesTable } from '../../db/schema';
import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../deps';

/**
 * The SQL of deadlines, reminders and calendar feeds (grants deadlines). Applications, funders
 * and users are read here directly where a deadline needs them, so this part does not wait on
 * the core's queries.
 */

/** Applications in these statuses have no obligations left: no reminders, not in the calendar or feed. */
export const ENDED_STATUSES = ['rejected', 'withdrawn'] as const;

export function findApplicationForDeadlines(db: Executor, id: number) {
  return db
    .selectFrom('grant_applications as a')
    .innerJoin('funders as f', 'f.id', 'a.funder_id')
    .select(['a.id', 'a.title', 'a.status', 'a.submitted_on', 'a.responsible_user_id', 'f.name as funder_name'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export function deadlinesOfApplication(db: Executor, applicationId: number) {
  return db.selectFrom('grant_deadlines').selectAll().where('application_id', '=', applicationId).orderBy('due_on').orderBy('id').execute();
}

export function findDeadline(db: Executor, id: number) {
  return db.selectFrom('grant_deadlines').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The row itself, locked: two edits of one deadline never interleave. */
export function lockDeadline(db: Executor, id: number) {
  return db.selectFrom('grant_deadlines').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertDeadline(db: Executor, row: Insertable<GrantDeadlinesTable>) {
  return db.insertInto('grant_deadlines').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateDeadline(db: Executor, id: number, set: Updateable<GrantDeadlinesTable>) {
  return db.updateTable('grant_deadlines').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function deleteDeadline(db: Executor, id: number) {
  return db.deleteFrom('grant_deadlines').where('id', '=', id).executeTakeFirst();
}

/**
 * Open deadlines (not done) of applications still in play, due on or before `until` (all of them
 * when null), overdue ones included: the calendar, the feed, the API list and the reminders.
 */
export function openDeadlines(db: Executor, until: string | null) {
  let q = db
    .selectFrom('grant_deadlines as d')
    .innerJoin('grant_applications as a', 'a.id', 'd.application_id')
    .innerJoin('funders as f', 'f.id', 'a.funder_id')
    .leftJoin('users as u', 'u.id', 'a.responsible_user_id')
    .select([
      'd.id',
      'd.application_id',
      'd.kind',
      'd.title',
      'd.due_on',
      'd.done_on',
      'd.notes',
      'a.title as application_title',
      'a.status as application_status',
      'a.responsible_user_id',
      'u.name as responsible_name',
      'f.name as funder_name',
    ])
    .where('d.done_on', 'is', null)
    .where('a.status', 'not in', ENDED_STATUSES);
  if (until) q = q.where('d.due_on', '<=', until);
  return q.orderBy('d.due_on').orderBy('a.title').orderBy('d.id').execute();
}
export type OpenDeadline = Awaited<ReturnType<typeof openDeadlines>>[number];

/** The association's reminder settings (null before setup). */
export function reminderSettings(db: Executor) {
  return db.selectFrom('association').select(['name', 'grant_reminder_days', 'grant_reminders_to_board']).executeTakeFirst();
}

/** Active users with these ids, or with the board role: who may get a reminder. */
export function reminderRecipients(db: Executor, input: { userIds: number[]; board: boolean }) {
  if (!input.userIds.length && !input.board) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'language', 'role'])
    .where('status', '=', 'active')
    .where((eb) => {
      const ors = [];
      if (input.userIds.length) ors.push(eb('id', 'in', input.userIds));
      if (input.board) ors.push(eb('role', '=', 'board'));
      return eb.or(ors);
    })
    .orderBy('id')
    .execute();
}
export type ReminderRecipient = Awaited<ReturnType<typeof reminderRecipients>>[number];

/** Which (days_before, user) reminders of these deadlines exist already. */
export function remindersOf(db: Executor, deadlineIds: number[]) {
  if (!deadlineIds.length) return Promise.resolve([]);
  return db.selectFrom('grant_reminders').select(['deadline_id', 'days_before', 'user_id', 'outbox_id']).where('deadline_id', 'in', deadlineIds).execute();
}

/** Records reminders; a row that exists already (another run, a second scheduler) is left alone and not returned. */
export function insertGrantReminders(db: Executor, rows: { deadline_id: number; days_before: number; user_id: number; created_at: Date }[]) {
  if (!rows.length) return Promise.resolve([]);
  return db
    .insertInto('grant_reminders')
    .values(rows.map((r) => ({ ...r, outbox_id: null })))
    .onConflict((oc) => oc.columns(['deadline_id', 'days_before', 'user_id']).doNothing())
    .returning(['id', 'deadline_id', 'days_before', 'user_id'])
    .execute();
}

export function setGrantReminderMail(db: Executor, id: number, outboxId: number) {
  return db.updateTable('grant_reminders').set({ outbox_id: outboxId }).where('id', '=', id).execute();
}

// --- calendar feeds ------------------------------------------------------------------------

export function activeFeedOf(db: Executor, userId: number) {
  return db.selectFrom('calendar_feeds').select(['id', 'created_at', 'last_used_at']).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
}

export function revokeFeedsOf(db: Executor, userId: number, at: Date) {
  return db.updateTable('calendar_feeds').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).returning(['id']).execute();
}

export function insertFeed(db: Executor, row: { user_id: number; token_hash: string; created_at: Date }) {
  return db.insertInto('calendar_feeds').values(row).returning(['id', 'created_at']).executeTakeFirstOrThrow();
}

/** The feed of a secret's hash, if not revoked, with its user. */
export function feedByHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('calendar_feeds as cf')
    .innerJoin('users as u', 'u.id', 'cf.user_id')
    .select(['cf.id', 'cf.user_id', 'u.status', 'u.role', 'u.language', 'u.name'])
    .where('cf.token_hash', '=', tokenHash)
    .where('cf.revoked_at', 'is', null)
    .executeTakeFirst();
}

export function touchFeed(db: Executor, id: number, at: Date) {
  return db.updateTable('calendar_feeds').set({ last_used_at: at }).where('id', '=', id).execute();
}
