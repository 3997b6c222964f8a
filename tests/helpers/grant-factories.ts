import type { Kysely } from 'kysely';
import type { DB, FunderKind, GrantApplicationsTable, GrantDeadlineKind, GrantStatus } from '../../db/schema';

/**
 * Funders, applications and deadlines as grant tests need them, written straight to the
 * tables (the grants operations' own tests prove how they get there through the API).
 */
const at = new Date('2026-01-01T00:00:00Z');

export async function createFunder(db: Kysely<DB>, f: { name?: string; kind?: FunderKind; programme?: string | null } = {}) {
  return db
    .insertInto('funders')
    .values({
      name: f.name ?? `Stiftung ${Math.random().toString(36).slice(2, 8)}`,
      kind: f.kind ?? 'foundation',
      programme: f.programme ?? null,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createGrantApplication(
  db: Kysely<DB>,
  a: Partial<Omit<GrantApplicationsTable, 'id' | 'created_at' | 'updated_at' | 'own_contribution_cents'>> & { status?: GrantStatus; own_contribution_cents?: number } = {},
) {
  const funderId = a.funder_id ?? Number((await createFunder(db)).id);
  const status = a.status ?? 'idea';
  const row = await db
    .insertInto('grant_applications')
    .values({
      title: a.title ?? 'Beratung für Geduldete',
      project: a.project ?? null,
      funder_id: funderId,
      responsible_user_id: a.responsible_user_id ?? null,
      status,
      status_since: a.status_since ?? '2026-01-01',
      submitted_on: a.submitted_on ?? (['idea', 'in_preparation'].includes(status) ? null : '2026-01-01'),
      requested_cents: a.requested_cents ?? 2_000_000,
      approved_cents: a.approved_cents ?? null,
      own_contribution_cents: a.own_contribution_cents ?? 0,
      period_from: a.period_from ?? null,
      period_to: a.period_to ?? null,
      conditions: a.conditions ?? null,
      notes: a.notes ?? null,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, id: Number(row.id) };
}

export async function createGrantDeadline(
  db: Kysely<DB>,
  d: { application_id: number; due_on: string; kind?: GrantDeadlineKind; title?: string; done_on?: string | null },
) {
  const row = await db
    .insertInto('grant_deadlines')
    .values({
      application_id: d.application_id,
      kind: d.kind ?? 'interim_report',
      title: d.title ?? 'Zwischenbericht',
      due_on: d.due_on,
      done_on: d.done_on ?? null,
      created_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, id: Number(row.id) };
}
