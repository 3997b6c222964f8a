import { sql, type Kysely } from 'kysely';

// Frozen: dues runs, claims and payments against them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dues_runs')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('claims_created', 'integer', (c) => c.notNull())
    .addColumn('amount_created_cents', 'bigint', (c) => c.notNull())
    .addColumn('claims_skipped', 'integer', (c) => c.notNull())
    .addCheckConstraint('dues_runs_range', sql`period_to >= period_from`)
    .execute();

  await db.schema
    .createTable('claims')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id'))
    // who pays: the member, or the member paying for the family
    .addColumn('debtor_member_id', 'bigint', (c) => c.notNull().references('members.id'))
    .addColumn('membership_type_id', 'bigint', (c) => c.notNull().references('membership_types.id'))
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('paid_cents', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`paid_cents >= 0`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'partly_paid', 'paid', 'written_off', 'returned')`))
    .addColumn('prorated', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('dues_run_id', 'bigint', (c) => c.references('dues_runs.id'))
    .addColumn('written_off_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('claims_paid_not_above_amount', sql`paid_cents <= amount_cents`)
    .execute();
  // One claim per member and period start: a second dues run cannot create it again.
  await db.schema.createIndex('claims_member_period').on('claims').columns(['member_id', 'period_start']).unique().execute();
  await db.schema.createIndex('claims_debtor').on('claims').column('debtor_member_id').execute();
  await db.schema
    .createIndex('claims_unsettled_due')
    .on('claims')
    .column('due_date')
    .where(sql.ref('status'), 'in', sql`('open', 'partly_paid', 'returned')`)
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('claim_id', 'bigint', (c) => c.notNull().references('claims.id'))
    .addColumn('debtor_member_id', 'bigint', (c) => c.notNull().references('members.id'))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('paid_on', 'date', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('transfer', 'cash', 'sepa_debit', 'card')`))
    .addColumn('reference', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payments_claim').on('payments').column('claim_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('payments').execute();
  await db.schema.dropTable('claims').execute();
  await db.schema.dropTable('dues_runs').execute();
}
