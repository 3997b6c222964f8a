import { sql, type Kysely } from 'kysely';

// Frozen: online membership applications (Mitgliedsantrag) with the SEPA mandate given online.
export async function up(db: Kysely<any>): Promise<void> {
  // The member row (status 'applicant') holds the personal data; this row holds what only the
  // application has: when it came, and the mandate as the applicant gave it — the account until
  // the treasurer decides (then it moves into sepa_mandates or is deleted) and the exact mandate
  // text they agreed to (kept on the mandate afterwards, as its evidence: spec/sepa.md §7.4).
  await db.schema
    .createTable('member_applications')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('member_id', 'bigint', (c) => c.notNull().unique().references('members.id').onDelete('cascade'))
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    // the form's one-time key: a double click or a resent form is the same application
    .addColumn('submission_key', 'text', (c) => c.unique())
    .addColumn('iban', 'text')
    .addColumn('bic', 'text')
    .addColumn('account_holder', 'text')
    .addColumn('mandate_text', 'text')
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('mandate_id', 'bigint', (c) => c.references('sepa_mandates.id'))
    .addCheckConstraint('member_applications_mandate_complete', sql`(iban is null) = (account_holder is null) and (iban is null or mandate_text is not null)`)
    .execute();
  // Abuse limits of public forms (applications, later donations): a hash of the client address,
  // never the address itself, pruned after a day.
  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_hits_lookup').on('rate_limit_hits').columns(['bucket', 'key_hash', 'at']).execute();

  // A mandate given online keeps the exact text the member agreed to, as a paper mandate keeps its signature.
  await db.schema.alterTable('sepa_mandates').addColumn('signed_online_text', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sepa_mandates').dropColumn('signed_online_text').execute();
  await db.schema.dropTable('rate_limit_hits').execute();
  await db.schema.dropTable('member_applications').execute();
}
