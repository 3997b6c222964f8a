import { sql, type Kysely } from 'kysely';

// Frozen: SEPA mandates and direct-debit collections (shared/spec/sepa.md).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('association')
    .addColumn('sepa_version', 'text', (c) => c.notNull().defaultTo('001.08').check(sql`sepa_version in ('001.08', '001.02')`))
    .addColumn('prenotification_days', 'integer', (c) => c.notNull().defaultTo(14).check(sql`prenotification_days between 1 and 60`))
    .execute();

  // SEPA-Lastschriftmandat (direct-debit mandate) of the member who pays.
  await db.schema
    .createTable('sepa_mandates')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id'))
    // Mandatsreferenz: unique for our creditor ID, ≤ 35 characters of the restricted set
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('signed_on', 'date', (c) => c.notNull())
    .addColumn('iban', 'text', (c) => c.notNull())
    .addColumn('bic', 'text')
    // as the bank writes it, in Latin letters (SEPA character set)
    .addColumn('account_holder', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'revoked', 'expired')`))
    .addColumn('last_collected_on', 'date')
    // set when IBAN or reference changed under this mandate: the next debit carries AmdmntInd
    .addColumn('amended_from_iban', 'text')
    .addColumn('amended_from_reference', 'text')
    .addColumn('revoked_on', 'date')
    .addColumn('revoked_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sepa_mandates_member').on('sepa_mandates').column('member_id').execute();
  // At most one active mandate per member: the one a collection uses.
  await db.schema
    .createIndex('sepa_mandates_one_active')
    .on('sepa_mandates')
    .column('member_id')
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();

  await db.schema
    .createTable('sepa_collections')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('prenotified', 'exported', 'booked', 'cancelled')`))
    .addColumn('message_id', 'text', (c) => c.unique())
    .addColumn('version', 'text')
    .addColumn('xml', 'text')
    .addColumn('total_cents', 'bigint', (c) => c.notNull())
    .addColumn('debits', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('exported_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('sepa_collection_items')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('collection_id', 'bigint', (c) => c.notNull().references('sepa_collections.id'))
    .addColumn('claim_id', 'bigint', (c) => c.notNull().references('claims.id'))
    .addColumn('mandate_id', 'bigint', (c) => c.notNull().references('sepa_mandates.id'))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('sequence_type', 'text', (c) => c.notNull().check(sql`sequence_type in ('FRST', 'RCUR')`))
    .addColumn('end_to_end_id', 'text', (c) => c.notNull().unique())
    .addColumn('prenotified_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'collected', 'returned', 'cancelled')`))
    .addColumn('return_reason', 'text')
    .addColumn('return_fee_cents', 'bigint')
    .execute();
  await db.schema.createIndex('sepa_items_collection').on('sepa_collection_items').column('collection_id').execute();
  // A claim is in at most one live collection.
  await db.schema
    .createIndex('sepa_items_claim_live')
    .on('sepa_collection_items')
    .column('claim_id')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();

  // Claims in a collection are 'submitted' until booked or taken back.
  await sql`alter table claims drop constraint claims_status_check`.execute(db);
  await sql`alter table claims add constraint claims_status_check check (status in ('open', 'partly_paid', 'paid', 'written_off', 'returned', 'submitted'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table claims drop constraint claims_status_check`.execute(db);
  await sql`alter table claims add constraint claims_status_check check (status in ('open', 'partly_paid', 'paid', 'written_off', 'returned'))`.execute(db);
  await db.schema.dropTable('sepa_collection_items').execute();
  await db.schema.dropTable('sepa_collections').execute();
  await db.schema.dropTable('sepa_mandates').execute();
  await db.schema.alterTable('association').dropColumn('prenotification_days').dropColumn('sepa_version').execute();
}
