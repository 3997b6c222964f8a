import { sql, type Kysely } from 'kysely';

// Frozen: card payment links in dues claim mails (issue: members and dues, paid through Stripe Checkout).
export async function up(db: Kysely<any>): Promise<void> {
  // One link per payer and dues run, mailed with the claim notice; it pays whatever of that run's
  // claims is still open when it is used. Stored as the SHA-256 of its secret.
  await db.schema
    .createTable('dues_payment_links')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('debtor_member_id', 'bigint', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('dues_run_id', 'bigint', (c) => c.notNull().references('dues_runs.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('dues_payment_links_payer_run', ['debtor_member_id', 'dues_run_id'])
    .execute();
  // A card payment is recorded once: its Stripe payment intent is the payment's reference.
  await db.schema
    .createIndex('payments_card_reference')
    .on('payments')
    .columns(['reference', 'claim_id'])
    .unique()
    .where(sql.ref('method'), '=', 'card')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('payments_card_reference').execute();
  await db.schema.dropTable('dues_payment_links').execute();
}
