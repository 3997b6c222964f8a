import { sql, type Kysely } from 'kysely';

// Frozen: grant tracking from the applicant's side (issue: grants): funders, applications and
// their pipeline, cost and financing plans, dated obligations with reminders, grant payments,
// expenses, documents, and the secret iCal feed of each user.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('association')
    // days before a deadline on which its reminder goes out (default 30, 7 and 1)
    .addColumn('grant_reminder_days', 'jsonb', (c) => c.notNull().defaultTo(sql`'[30, 7, 1]'::jsonb`))
    // reminders go to the responsible person; with this, to every active board member too
    .addColumn('grant_reminders_to_board', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .createTable('funders')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('foundation', 'federal', 'state', 'municipal', 'eu', 'company', 'other')`))
    .addColumn('programme', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('website', 'text')
    // free text: "31.03. und 30.09. jedes Jahres"
    .addColumn('typical_deadlines', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index funders_name_programme on funders (lower(name), lower(coalesce(programme, '')))`.execute(db);

  await db.schema
    .createTable('grant_applications')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('project', 'text')
    .addColumn('funder_id', 'bigint', (c) => c.notNull().references('funders.id'))
    .addColumn('responsible_user_id', 'bigint', (c) => c.references('users.id'))
    .addColumn(
      'status',
      'text',
      (c) => c.notNull().check(sql`status in ('idea', 'in_preparation', 'submitted', 'approved', 'partly_approved', 'rejected', 'withdrawn', 'running', 'reporting', 'closed')`),
    )
    .addColumn('status_since', 'date', (c) => c.notNull())
    // the day it went to the funder (set on the move to 'submitted')
    .addColumn('submitted_on', 'date')
    .addColumn('requested_cents', 'bigint', (c) => c.notNull().check(sql`requested_cents >= 0`))
    .addColumn('approved_cents', 'bigint', (c) => c.check(sql`approved_cents >= 0`))
    // Eigenanteil: the association's own contribution to the project
    .addColumn('own_contribution_cents', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`own_contribution_cents >= 0`))
    .addColumn('period_from', 'date')
    .addColumn('period_to', 'date')
    // Auflagen und Nebenbestimmungen from the Bewilligungsbescheid (approval notice)
    .addColumn('conditions', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('grant_applications_period', sql`period_from is null or period_to is null or period_from <= period_to`)
    .execute();
  await db.schema.createIndex('grant_applications_status').on('grant_applications').columns(['status']).execute();
  await db.schema.createIndex('grant_applications_funder').on('grant_applications').columns(['funder_id']).execute();

  // every move through the pipeline, with its day: the application's timeline
  await db.schema
    .createTable('grant_status_changes')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('application_id', 'bigint', (c) => c.notNull().references('grant_applications.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('changed_on', 'date', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('grant_status_changes_application').on('grant_status_changes').columns(['application_id', 'changed_at']).execute();

  // Kosten- und Finanzierungsplan: planned cost lines, and the sources that pay for them
  await db.schema
    .createTable('grant_plan_lines')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('application_id', 'bigint', (c) => c.notNull().references('grant_applications.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('staff', 'material', 'rent', 'travel', 'fees', 'other')`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('planned_cents', 'bigint', (c) => c.notNull().check(sql`planned_cents >= 0`))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('grant_plan_lines_application').on('grant_plan_lines').columns(['application_id', 'position']).execute();

  await db.schema
    .createTable('grant_funding_sources')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('application_id', 'bigint', (c) => c.notNull().references('grant_applications.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('this_grant', 'own_means', 'other_grant', 'other')`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('planned_cents', 'bigint', (c) => c.notNull().check(sql`planned_cents >= 0`))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('grant_funding_sources_application').on('grant_funding_sources').columns(['application_id', 'position']).execute();

  // dated obligations: open until done; overdue when the day has passed (computed, not stored)
  await db.schema
    .createTable('grant_deadlines')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('application_id', 'bigint', (c) => c.notNull().references('grant_applications.id').onDelete('cascade'))
    .addColumn(
      'kind',
      'text',
      (c) => c.notNull().check(sql`kind in ('application', 'drawdown', 'interim_report', 'final_report', 'retention_end', 'other')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('done_on', 'date')
    .addColumn('done_by', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grant_deadlines_open').on('grant_deadlines').columns(['due_on']).where(sql.ref('done_on'), 'is', null).execute();
  await db.schema.createIndex('grant_deadlines_application').on('grant_deadlines').columns(['application_id', 'due_on']).execute();

  // One row per reminder mailed: (deadline, days before, person) at most once, whatever the
  // scheduler does. days_before = -1 is the one overdue notice.
  await db.schema
    .createTable('grant_reminders')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('deadline_id', 'bigint', (c) => c.notNull().references('grant_deadlines.id').onDelete('cascade'))
    .addColumn('days_before', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id'))
    // null when a late scheduler passed this reminder by for a nearer one (sent instead)
    .addColumn('outbox_id', 'bigint', (c) => c.references('outbox.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('grant_reminders_once', ['deadline_id', 'days_before', 'user_id'])
    .execute();

  // grant money received (Mittelabruf paid out); later matched from the bank import
  await db.schema
    .createTable('grant_payments')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('application_id', 'bigint', (c) => c.notNull().references('grant_applications.id').onDelete('cascade'))
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('reference', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grant_payments_application').on('grant_payments').columns(['application_id', 'received_on']).execute();
  await db.schema.createIndex('grant_payments_received_on').on('grant_payments').columns(['received_on']).execute();

  // what the project spent, per plan line: plan vs actual, and the Verwendungsnachweis
  await db.schema
    .createTable('grant_expenses')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('application_id', 'bigint', (c) => c.notNull().references('grant_applications.id').onDelete('cascade'))
    .addColumn('plan_line_id', 'bigint', (c) => c.notNull().references('grant_plan_lines.id'))
    .addColumn('spent_on', 'date', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('description', 'text', (c) => c.notNull())
    // Belegnummer: where the paper receipt is filed
    .addColumn('receipt_ref', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grant_expenses_application').on('grant_expenses').columns(['application_id', 'spent_on']).execute();

  // a stored file (in blobs) or a link, with the application
  await db.schema
    .createTable('grant_documents')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('application_id', 'bigint', (c) => c.notNull().references('grant_applications.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.references('blobs.key'))
    .addColumn('filename', 'text')
    .addColumn('content_type', 'text')
    .addColumn('byte_size', 'integer')
    .addColumn('url', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addCheckConstraint('grant_documents_file_or_link', sql`(blob_key is null) <> (url is null)`)
    .execute();
  await db.schema.createIndex('grant_documents_application').on('grant_documents').columns(['application_id']).execute();

  // The secret of a user's iCal feed, as its SHA-256; a new one revokes the old.
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('calendar_feeds_one_active').on('calendar_feeds').column('user_id').unique().where(sql.ref('revoked_at'), 'is', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'calendar_feeds',
    'grant_documents',
    'grant_expenses',
    'grant_payments',
    'grant_reminders',
    'grant_deadlines',
    'grant_funding_sources',
    'grant_plan_lines',
    'grant_status_changes',
    'grant_applications',
    'funders',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('association').dropColumn('grant_reminder_days').dropColumn('grant_reminders_to_board').execute();
}
