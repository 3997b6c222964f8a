import { sql, type Kysely } from 'kysely';

// Frozen: Zuwendungsbestätigungen (issue: donation receipts; shared/spec/zuwendungsbestaetigung.md).
export async function up(db: Kysely<any>): Promise<void> {
  // Settings that change what a receipt says and how it may travel (spec §9, §10, §11.2).
  await db.schema
    .alterTable('association')
    // false for associations whose dues are not deductible (§ 10b Abs. 1 Satz 8 EStG)
    .addColumn('member_dues_deductible', 'boolean', (c) => c.notNull().defaultTo(true))
    // the day the machine procedure (R 10b.1 Abs. 4 EStR) was reported to the Finanzamt, or null
    .addColumn('machine_procedure_notified_on', 'date')
    // vereinfachter Zuwendungsnachweis: no receipt for a single gift up to 300 € unless asked for
    .addColumn('simplified_proof', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  // Files (receipt PDFs, later grant documents): the database blob store (DESIGN.md "Files").
  // A stored file never changes: its key is written once and its bytes are the Doppel.
  await db.schema
    .createTable('blobs')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`
    create function blobs_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'stored files never change (%)', old.key using errcode = 'integrity_constraint_violation';
    end $$`.execute(db);
  await sql`create trigger blobs_immutable before update on blobs for each row execute function blobs_refuse_change()`.execute(db);

  // The last number used per year: the row is locked while a receipt takes the next number, so
  // numbers are unique and gapless (a rolled-back issuance gives its number back).
  await db.schema
    .createTable('receipt_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  // The annual run of one year: progress for the screen and the CLI; resumable.
  await db.schema
    .createTable('receipt_runs')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'finished', 'failed')`))
    .addColumn('donors_total', 'integer', (c) => c.notNull())
    .addColumn('donors_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('receipts_issued', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mails_queued', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('for_post', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    // set by the process working on it; a run whose heartbeat is old was killed and may be resumed
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('receipt_runs_one_running').on('receipt_runs').column('year').unique().where(sql.ref('status'), '=', 'running').execute();

  await db.schema
    .createTable('receipts')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    // "2026-00042": printed on the receipt
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('single', 'sammel', 'sach')`))
    .addColumn('donor_id', 'bigint', (c) => c.references('donors.id'))
    .addColumn('member_id', 'bigint', (c) => c.references('members.id'))
    // the recipient as printed (snapshot: a later change of address does not touch an issued receipt)
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('recipient_address', 'text', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('total_cents', 'bigint', (c) => c.notNull().check(sql`total_cents > 0`))
    .addColumn('has_waiver', 'boolean', (c) => c.notNull())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    // 'email': machine-made, may be mailed and downloaded (spec §11.3); 'post': signed by hand, sent on paper
    .addColumn('delivery', 'text', (c) => c.notNull().check(sql`delivery in ('email', 'post')`))
    .addColumn('blob_key', 'text', (c) => c.notNull().references('blobs.key'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('replaces_receipt_id', 'bigint', (c) => c.references('receipts.id'))
    .addColumn('run_id', 'bigint', (c) => c.references('receipt_runs.id'))
    .addColumn('outbox_id', 'bigint', (c) => c.references('outbox.id').onDelete('set null'))
    .addColumn('printed_at', 'timestamptz')
    // Storno: the number stays used and marked
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('cancelled_by', 'text')
    .addColumn('cancel_reason', 'text')
    // on the list to cancel: a receipted gift was refunded, disputed or returned (§ 10b Abs. 4 EStG)
    .addColumn('review_reason', 'text')
    .addColumn('review_since', 'timestamptz')
    .addUniqueConstraint('receipts_year_seq', ['year', 'seq'])
    .addCheckConstraint('receipts_has_recipient', sql`donor_id is not null or member_id is not null`)
    .execute();
  await db.schema.createIndex('receipts_donor').on('receipts').column('donor_id').execute();
  await db.schema.createIndex('receipts_member').on('receipts').column('member_id').execute();
  await db.schema.createIndex('receipts_review').on('receipts').column('review_since').where(sql.ref('review_since'), 'is not', null).execute();
  await db.schema.createIndex('receipts_post_unprinted').on('receipts').column('issued_at').where(sql<boolean>`delivery = 'post' and printed_at is null and cancelled_at is null`).execute();
  await db.schema.createIndex('receipts_one_replacement').on('receipts').column('replaces_receipt_id').unique().where(sql.ref('replaces_receipt_id'), 'is not', null).execute();

  // What was issued never changes: only the Storno, the list to cancel, the mail and the print mark may.
  await sql`
    create function receipts_refuse_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'an issued receipt is never deleted (%)', old.number using errcode = 'integrity_constraint_violation';
      end if;
      if (new.id, new.year, new.seq, new.number, new.kind, new.donor_id, new.member_id, new.recipient_name, new.recipient_address,
          new.period_from, new.period_to, new.total_cents, new.has_waiver, new.issued_on, new.issued_at, new.issued_by, new.delivery,
          new.blob_key, new.sha256, new.replaces_receipt_id, new.run_id)
         is distinct from
         (old.id, old.year, old.seq, old.number, old.kind, old.donor_id, old.member_id, old.recipient_name, old.recipient_address,
          old.period_from, old.period_to, old.total_cents, old.has_waiver, old.issued_on, old.issued_at, old.issued_by, old.delivery,
          old.blob_key, old.sha256, old.replaces_receipt_id, old.run_id)
         or (old.cancelled_at is not null and new.cancelled_at is distinct from old.cancelled_at) then
        raise exception 'an issued receipt does not change (%)', old.number using errcode = 'integrity_constraint_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger receipts_immutable before update or delete on receipts for each row execute function receipts_refuse_change()`.execute(db);

  // Each gift or paid fee on a receipt. `active` is false once the receipt is cancelled: the gift
  // may then be receipted again, and only one active receipt per gift or payment exists.
  await db.schema
    .createTable('receipt_items')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('receipt_id', 'bigint', (c) => c.notNull().references('receipts.id'))
    .addColumn('donation_id', 'bigint', (c) => c.references('donations.id'))
    .addColumn('payment_id', 'bigint', (c) => c.references('payments.id'))
    .addColumn('item_date', 'date', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('donation', 'fee', 'in_kind')`))
    .addColumn('waiver', 'boolean', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addCheckConstraint('receipt_items_one_source', sql`(donation_id is null) <> (payment_id is null)`)
    .execute();
  await db.schema.createIndex('receipt_items_receipt').on('receipt_items').column('receipt_id').execute();
  await db.schema.createIndex('receipt_items_donation_once').on('receipt_items').column('donation_id').unique().where(sql<boolean>`active and donation_id is not null`).execute();
  await db.schema.createIndex('receipt_items_payment_once').on('receipt_items').column('payment_id').unique().where(sql<boolean>`active and payment_id is not null`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('receipt_items').execute();
  await sql`drop trigger receipts_immutable on receipts`.execute(db);
  await db.schema.dropTable('receipts').execute();
  await sql`drop function receipts_refuse_change()`.execute(db);
  await db.schema.dropTable('receipt_runs').execute();
  await db.schema.dropTable('receipt_counters').execute();
  await db.schema.dropTable('blobs').execute();
  await sql`drop function blobs_refuse_change()`.execute(db);
  await db.schema.alterTable('association').dropColumn('member_dues_deductible').dropColumn('machine_procedure_notified_on').dropColumn('simplified_proof').execute();
}
