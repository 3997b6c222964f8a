import { sql } from 'kysely';
import type { FundersTable, GrantApplicationsTable, GrantStatus } from '../../db/schema';
import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../deps';

/** The grants core's reads and writes: funders, applications, their pipeline and documents. */

/** Who may be responsible for an application: the roles that edit grants. */
export const GRANT_ROLES = ['admin', 'treasurer', 'board'] as const;

// ---- funders

export function listFunders(db: Executor) {
  return db
    .selectFrom('funders as f')
    .selectAll('f')
    .select((eb) => [
      eb.selectFrom('grant_applications as a').whereRef('a.funder_id', '=', 'f.id').select(sql<number>`count(*)::int`.as('n')).as('application_count'),
    ])
    .orderBy(sql`lower(f.name)`)
    .orderBy('f.programme')
    .execute();
}

export function findFunder(db: Executor, id: number) {
  return db.selectFrom('funders').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockFunder(trx: Executor, id: number) {
  return trx.selectFrom('funders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The funder with this name and programme (case-insensitive, as the unique index sees them). */
export function findFunderByNameProgramme(db: Executor, name: string, programme: string | null, exceptId?: number) {
  let q = db
    .selectFrom('funders')
    .select(['id', 'name', 'programme'])
    .where(sql<boolean>`lower(name) = lower(${name}) and lower(coalesce(programme, '')) = lower(${programme ?? ''})`);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export function insertFunder(trx: Executor, values: Omit<Insertable<FundersTable>, 'created_at' | 'updated_at'>, at: Date) {
  return trx.insertInto('funders').values({ ...values, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
}

export function updateFunderRow(trx: Executor, id: number, values: Updateable<FundersTable>, at: Date) {
  return trx.updateTable('funders').set({ ...values, updated_at: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function funderOptions(db: Executor) {
  return db.selectFrom('funders').select(['id', 'name', 'programme']).orderBy(sql`lower(name)`).orderBy('programme').execute();
}

// ---- people

/** Active users who may be responsible, plus the one already named (who may have left since). */
export function responsibleCandidates(db: Executor, alsoId?: number | null) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'status'])
    .where((eb) => {
      const allowed = eb.and([eb('status', '=', 'active'), eb('role', 'in', GRANT_ROLES)]);
      return alsoId ? eb.or([allowed, eb('id', '=', alsoId)]) : allowed;
    })
    .orderBy('name')
    .execute();
}

export function findUserForGrant(db: Executor, id: number) {
  return db.selectFrom('users').select(['id', 'name', 'role', 'status']).where('id', '=', id).executeTakeFirst();
}

// ---- applications

export interface ApplicationListFilter {
  funderId?: number;
  responsibleUserId?: number;
}

function applicationRows(db: Executor) {
  return db
    .selectFrom('grant_applications as a')
    .innerJoin('funders as f', 'f.id', 'a.funder_id')
    .leftJoin('users as u', 'u.id', 'a.responsible_user_id')
    .selectAll('a')
    .select(['f.name as funder_name', 'f.programme as funder_programme', 'u.name as responsible_name']);
}

export function listApplications(db: Executor, filter: ApplicationListFilter = {}) {
  let q = applicationRows(db);
  if (filter.funderId) q = q.where('a.funder_id', '=', filter.funderId);
  if (filter.responsibleUserId) q = q.where('a.responsible_user_id', '=', filter.responsibleUserId);
  return q.orderBy('a.status_since', 'desc').orderBy('a.id', 'desc').execute();
}
export type ApplicationRow = Awaited<ReturnType<typeof listApplications>>[number];

export function findApplication(db: Executor, id: number) {
  return applicationRows(db).where('a.id', '=', id).executeTakeFirst();
}

export function lockApplication(trx: Executor, id: number) {
  return trx.selectFrom('grant_applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertApplication(trx: Executor, values: Omit<Insertable<GrantApplicationsTable>, 'created_at' | 'updated_at'>, at: Date) {
  return trx.insertInto('grant_applications').values({ ...values, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
}

export function updateApplicationRow(trx: Executor, id: number, values: Updateable<GrantApplicationsTable>, at: Date) {
  return trx.updateTable('grant_applications').set({ ...values, updated_at: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function insertStatusChange(
  trx: Executor,
  values: { application_id: number; from_status: GrantStatus | null; to_status: GrantStatus; changed_on: string; changed_by: string; note: string | null },
  at: Date,
) {
  return trx.insertInto('grant_status_changes').values({ ...values, changed_at: at }).returningAll().executeTakeFirstOrThrow();
}

/** On submission: the open application deadline(s) of the application are done that day. */
export function markApplicationDeadlinesDone(trx: Executor, applicationId: number, on: string, by: string) {
  return trx
    .updateTable('grant_deadlines')
    .set({ done_on: on, done_by: by })
    .where('application_id', '=', applicationId)
    .where('kind', '=', 'application')
    .where('done_on', 'is', null)
    .returning(['id', 'title', 'due_on'])
    .execute();
}

/** The applications of one funder, for its page. */
export function applicationsOfFunder(db: Executor, funderId: number) {
  return listApplications(db, { funderId });
}

/** Grant money received in a period (Berlin dates), optionally of the filtered applications only. */
export async function receivedBetween(db: Executor, from: string, to: string, filter: ApplicationListFilter = {}) {
  let q = db
    .selectFrom('grant_payments as p')
    .innerJoin('grant_applications as a', 'a.id', 'p.application_id')
    .select(sql<number>`coalesce(sum(p.amount_cents), 0)::bigint`.as('s'))
    .where('p.received_on', '>=', from)
    .where('p.received_on', '<=', to);
  if (filter.funderId) q = q.where('a.funder_id', '=', filter.funderId);
  if (filter.responsibleUserId) q = q.where('a.responsible_user_id', '=', filter.responsibleUserId);
  return Number((await q.executeTakeFirstOrThrow()).s);
}

// ---- the timeline

export function statusChangesOf(db: Executor, applicationId: number) {
  return db.selectFrom('grant_status_changes').selectAll().where('application_id', '=', applicationId).orderBy('changed_at').orderBy('id').execute();
}

export function paymentsOf(db: Executor, applicationId: number) {
  return db.selectFrom('grant_payments').select(['id', 'received_on', 'amount_cents', 'reference', 'created_at', 'created_by']).where('application_id', '=', applicationId).orderBy('received_on').orderBy('id').execute();
}

export function doneDeadlinesOf(db: Executor, applicationId: number) {
  return db
    .selectFrom('grant_deadlines')
    .select(['id', 'kind', 'title', 'due_on', 'done_on', 'done_by', 'created_at'])
    .where('application_id', '=', applicationId)
    .where('done_on', 'is not', null)
    .orderBy('done_on')
    .orderBy('id')
    .execute();
}

// ---- documents

export function documentsOf(db: Executor, applicationId: number) {
  return db.selectFrom('grant_documents').selectAll().where('application_id', '=', applicationId).orderBy('created_at').orderBy('id').execute();
}

export function findDocument(db: Executor, applicationId: number, documentId: number) {
  return db.selectFrom('grant_documents').selectAll().where('application_id', '=', applicationId).where('id', '=', documentId).executeTakeFirst();
}

export function insertDocument(
  trx: Executor,
  values: { application_id: number; title: string; blob_key: string | null; filename: string | null; content_type: string | null; byte_size: number | null; url: string | null; created_by: string },
  at: Date,
) {
  return trx.insertInto('grant_documents').values({ ...values, created_at: at }).returningAll().executeTakeFirstOrThrow();
}

export function deleteDocumentRow(trx: Executor, applicationId: number, documentId: number) {
  return trx.deleteFrom('grant_documents').where('application_id', '=', applicationId).where('id', '=', documentId).returningAll().executeTakeFirst();
}
