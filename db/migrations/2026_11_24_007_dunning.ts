import { sql, type Kysely } from 'kysely';

// Frozen: dunning (Mahnwesen) — reminder levels per claim; mail attachments (QR codes, later PDFs).
export async function up(db: Kysely<any>): Promise<void> {
  // Three levels: days after the due date (level 1) or after the previous reminder, and a fee.
  await db.schema
    .alterTable('association')
    .addColumn('dunning_levels', 'jsonb', (c) =>
      c.notNull().defaultTo(sql`'[{"days":14,"fee_cents":0},{"days":14,"fee_cents":0},{"days":14,"fee_cents":500}]'::jsonb`),
    )
    .execute();

  await db.schema
    .createTable('reminders')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('claim_id', 'bigint', (c) => c.notNull().references('claims.id'))
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 1 and 3`))
    .addColumn('sent_on', 'date', (c) => c.notNull())
    .addColumn('fee_claim_id', 'bigint', (c) => c.references('claims.id'))
    .addColumn('outbox_id', 'bigint', (c) => c.references('outbox.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // Never twice for the same level of a claim, whatever runs twice.
  await db.schema.createIndex('reminders_claim_level').on('reminders').columns(['claim_id', 'level']).unique().execute();

  await db.schema.alterTable('outbox').addColumn('attachments', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('attachments').execute();
  await db.schema.dropTable('reminders').execute();
  await db.schema.alterTable('association').dropColumn('dunning_levels').execute();
}
