import { sql, type Kysely } from 'kysely';

// Frozen: members and membership types (issue: members and dues, first slice).
export async function up(db: Kysely<any>): Promise<void> {
  // How a member joining mid-period pays: from the next full period, or pro rata per day.
  await db.schema
    .alterTable('association')
    .addColumn('dues_join_rule', 'text', (c) => c.notNull().defaultTo('next_period').check(sql`dues_join_rule in ('next_period', 'pro_rata')`))
    .execute();

  await db.schema
    .createTable('membership_types')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('fee_cents', 'bigint', (c) => c.notNull().check(sql`fee_cents >= 0`))
    .addColumn('reduced_fee_cents', 'bigint', (c) => c.check(sql`reduced_fee_cents >= 0`))
    .addColumn('interval', 'text', (c) => c.notNull().check(sql`interval in ('monthly', 'quarterly', 'half_yearly', 'yearly')`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // Member numbers come from a sequence: assigned once, never reused, even after deletion.
  await sql`create sequence member_number_seq start 1`.execute(db);

  await db.schema
    .createTable('members')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('member_number', 'integer', (c) => c.unique())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('street', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('city', 'text')
    .addColumn('country', 'text', (c) => c.notNull().defaultTo('DE'))
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('birth_date', 'date')
    .addColumn('join_date', 'date')
    .addColumn('exit_date', 'date')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('applicant', 'active', 'left', 'deceased')`))
    .addColumn('membership_type_id', 'bigint', (c) => c.notNull().references('membership_types.id'))
    .addColumn('reduced_fee', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('payment_method', 'text', (c) => c.notNull().check(sql`payment_method in ('sepa_debit', 'transfer', 'card')`))
    .addColumn('payer_member_id', 'bigint', (c) => c.references('members.id'))
    .addColumn('consent_newsletter_on', 'date')
    .addColumn('consent_photos_on', 'date')
    .addColumn('notes', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('de').check(sql`language in ('de', 'en', 'ar', 'tr')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('members_exit_after_join', sql`exit_date is null or join_date is null or exit_date >= join_date`)
    .addCheckConstraint('members_not_own_payer', sql`payer_member_id is null or payer_member_id <> id`)
    .execute();
  await db.schema.createIndex('members_status').on('members').column('status').execute();
  await db.schema.createIndex('members_type').on('members').column('membership_type_id').execute();
  await db.schema.createIndex('members_payer').on('members').column('payer_member_id').execute();
  await db.schema.createIndex('members_last_name').on('members').expression(sql`lower(last_name)`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('members').execute();
  await sql`drop sequence member_number_seq`.execute(db);
  await db.schema.dropTable('membership_types').execute();
  await db.schema.alterTable('association').dropColumn('dues_join_rule').execute();
}
