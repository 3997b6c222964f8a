import type { Kysely } from 'kysely';

// Frozen: indexes on the business dates the finance dashboard (api/reports) sums by range —
// payments by the day paid, claims by due date, members by join and exit date, SEPA collections
// by due date. donations.donated_on and grant_payments.received_on have theirs already.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('payments_paid_on').on('payments').column('paid_on').execute();
  await db.schema.createIndex('claims_due_date').on('claims').column('due_date').execute();
  await db.schema.createIndex('members_join_date').on('members').column('join_date').execute();
  await db.schema.createIndex('members_exit_date').on('members').column('exit_date').execute();
  await db.schema.createIndex('sepa_collections_due_date').on('sepa_collections').column('due_date').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['sepa_collections_due_date', 'members_exit_date', 'members_join_date', 'claims_due_date', 'payments_paid_on']) {
    await db.schema.dropIndex(name).execute();
  }
}
