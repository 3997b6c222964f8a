import { sql, type Kysely } from 'kysely';

// Frozen: one direct debit (DrctDbtTxInf) per mandate and due date instead of one per claim.
// A debit collects the sum of its debtor's claims; sepa_debit_claims says which claims and how much
// of each. Replaces sepa_collection_items (one row per claim): every existing item becomes a debit of
// one claim, with its id, EndToEndId, status and return data unchanged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sepa_debits')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('collection_id', 'bigint', (c) => c.notNull().references('sepa_collections.id'))
    .addColumn('mandate_id', 'bigint', (c) => c.notNull().references('sepa_mandates.id'))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('sequence_type', 'text', (c) => c.notNull().check(sql`sequence_type in ('FRST', 'RCUR')`))
    .addColumn('end_to_end_id', 'text', (c) => c.notNull().unique())
    // Verwendungszweck (RmtInf/Ustrd) as the file carries it, before transliteration
    .addColumn('remittance', 'text', (c) => c.notNull())
    .addColumn('prenotified_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'collected', 'returned', 'cancelled')`))
    .addColumn('return_reason', 'text')
    .addColumn('return_fee_cents', 'bigint')
    .execute();
  // One debit per mandate in a collection (a collection has one due date); also the collection's index.
  await db.schema.createIndex('sepa_debits_collection_mandate').on('sepa_debits').columns(['collection_id', 'mandate_id']).unique().execute();

  await db.schema
    .createTable('sepa_debit_claims')
    .addColumn('debit_id', 'bigint', (c) => c.notNull().references('sepa_debits.id'))
    .addColumn('claim_id', 'bigint', (c) => c.notNull().references('claims.id'))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addPrimaryKeyConstraint('sepa_debit_claims_pkey', ['debit_id', 'claim_id'])
    .execute();

  await sql`
    insert into sepa_debits (id, collection_id, mandate_id, amount_cents, sequence_type, end_to_end_id, remittance, prenotified_on, status, return_reason, return_fee_cents)
    select i.id, i.collection_id, i.mandate_id, i.amount_cents, i.sequence_type, i.end_to_end_id,
           c.label || ' Mitglied ' || coalesce(d.member_number, d.id), i.prenotified_on, i.status, i.return_reason, i.return_fee_cents
    from sepa_collection_items i join claims c on c.id = i.claim_id join members d on d.id = c.debtor_member_id`.execute(db);
  await sql`insert into sepa_debit_claims (debit_id, claim_id, amount_cents) select id, claim_id, amount_cents from sepa_collection_items`.execute(db);
  await sql`select setval(pg_get_serial_sequence('sepa_debits', 'id'), coalesce(max(id), 0) + 1, false) from sepa_debits`.execute(db);
  await db.schema.dropTable('sepa_collection_items').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
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
  await db.schema
    .createIndex('sepa_items_claim_live')
    .on('sepa_collection_items')
    .column('claim_id')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  // A debit of several claims becomes one item per claim; the EndToEndIds of all but the first get
  // a suffix, since an item's was unique (only the first matches the bank's records then).
  await sql`
    insert into sepa_collection_items (collection_id, claim_id, mandate_id, amount_cents, sequence_type, end_to_end_id, prenotified_on, status, return_reason, return_fee_cents)
    select d.collection_id, l.claim_id, d.mandate_id, l.amount_cents, d.sequence_type,
           case when l.n = 1 then d.end_to_end_id else left(d.end_to_end_id, 30) || '-' || l.n end,
           d.prenotified_on, d.status, d.return_reason, case when l.n = 1 then d.return_fee_cents end
    from sepa_debits d
    join (select *, row_number() over (partition by debit_id order by claim_id) as n from sepa_debit_claims) l on l.debit_id = d.id`.execute(db);
  await db.schema.dropTable('sepa_debit_claims').execute();
  await db.schema.dropTable('sepa_debits').execute();
}
