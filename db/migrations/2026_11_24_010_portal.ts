import { sql, type Kysely } from 'kysely';

// Frozen: the member portal (issue: members and dues — members log in by a mailed link).
export async function up(db: Kysely<any>): Promise<void> {
  // Single-use links mailed to a member: a login link, or the confirmation of a new e-mail
  // address (which then carries that address). Stored only as the SHA-256 of the link's secret.
  await db.schema
    .createTable('portal_tokens')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('login', 'email_change')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('new_email', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addCheckConstraint('portal_tokens_new_email', sql`(purpose = 'email_change') = (new_email is not null)`)
    .execute();
  await db.schema.createIndex('portal_tokens_member').on('portal_tokens').columns(['member_id', 'purpose']).execute();
  await db.schema.createIndex('portal_tokens_expires').on('portal_tokens').column('expires_at').execute();

  // Sessions of members in the portal, apart from staff sessions: members are not users (a
  // treasurer may be a member with the same address), and neither session opens the other side.
  await db.schema
    .createTable('portal_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'bigint', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_sessions_member').on('portal_sessions').column('member_id').execute();
  await db.schema.createIndex('portal_sessions_expires').on('portal_sessions').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_sessions').execute();
  await db.schema.dropTable('portal_tokens').execute();
}
