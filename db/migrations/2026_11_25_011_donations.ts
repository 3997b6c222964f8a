import { sql, type Kysely } from 'kysely';

// Frozen: online and offline donations, the Stripe webhook inbox and the donor portal
// (issue: online donations with Stripe).
export async function up(db: Kysely<any>): Promise<void> {
  // What the public donation page offers: amounts in cents, and Stripe's payment method types.
  await db.schema
    .alterTable('association')
    .addColumn('donation_min_cents', 'bigint', (c) => c.notNull().defaultTo(500))
    .addColumn('donation_max_cents', 'bigint', (c) => c.notNull().defaultTo(500_000))
    .addColumn('donation_presets', 'jsonb', (c) => c.notNull().defaultTo(sql`'[1000, 2500, 5000, 10000]'::jsonb`))
    .addColumn('donation_methods', 'jsonb', (c) => c.notNull().defaultTo(sql`'["card", "sepa_debit"]'::jsonb`))
    .execute();

  // Zweckbindung: purposes and campaigns a donor may give to. No row = "where most needed".
  await db.schema
    .createTable('donation_purposes')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('slug', 'text', (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9-]{1,40}$'`))
    .addColumn('name_de', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('name_ar', 'text')
    .addColumn('name_tr', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // A donor: the person or body named on a receipt. Anonymous gifts have none. A donor whose
  // e-mail matched another donor or a member, but whose name or address did not, carries that
  // proposal until the treasurer merges them or keeps them apart (families share addresses).
  await db.schema
    .createTable('donors')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('street', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('city', 'text')
    .addColumn('country', 'text', (c) => c.notNull().defaultTo('DE'))
    .addColumn('email', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('de').check(sql`language in ('de', 'en', 'ar', 'tr')`))
    .addColumn('member_id', 'bigint', (c) => c.references('members.id').onDelete('set null'))
    .addColumn('stripe_customer_id', 'text', (c) => c.unique())
    .addColumn('proposed_donor_id', 'bigint', (c) => c.references('donors.id').onDelete('set null'))
    .addColumn('proposed_member_id', 'bigint', (c) => c.references('members.id').onDelete('set null'))
    .addColumn('notes', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('donors_email').on('donors').expression(sql`lower(email)`).execute();
  await db.schema.createIndex('donors_member').on('donors').column('member_id').execute();

  // What a visitor filled in on the donation page, until Stripe says the gift happened. Only
  // then does it become a donor and a donation: abandoned checkouts leave no gift behind, and
  // are deleted after 30 days (personal data kept no longer than needed).
  await db.schema
    .createTable('checkout_intents')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('interval', 'text', (c) => c.notNull().check(sql`interval in ('once', 'monthly')`))
    .addColumn('purpose_id', 'bigint', (c) => c.references('donation_purposes.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('street', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('city', 'text')
    .addColumn('country', 'text')
    .addColumn('receipt_wanted', 'boolean', (c) => c.notNull())
    .addColumn('anonymous', 'boolean', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    // the page's one-time key: a double click is one checkout
    .addColumn('submission_key', 'text', (c) => c.unique())
    .addColumn('stripe_checkout_session_id', 'text', (c) => c.unique())
    .addColumn('checkout_url', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('checkout_intents_created').on('checkout_intents').column('created_at').execute();

  // A monthly gift (a Stripe subscription). Its donations arrive as paid invoices.
  await db.schema
    .createTable('donation_subscriptions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('donor_id', 'bigint', (c) => c.references('donors.id'))
    .addColumn('intent_id', 'bigint', (c) => c.references('checkout_intents.id').onDelete('set null'))
    .addColumn('stripe_subscription_id', 'text', (c) => c.notNull().unique())
    .addColumn('stripe_customer_id', 'text')
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('purpose_id', 'bigint', (c) => c.references('donation_purposes.id'))
    .addColumn('receipt_wanted', 'boolean', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('incomplete', 'active', 'paused', 'past_due', 'canceled')`))
    .addColumn('started_on', 'date', (c) => c.notNull())
    .addColumn('canceled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('donation_subscriptions_donor').on('donation_subscriptions').column('donor_id').execute();

  await db.schema
    .createTable('donations')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('donor_id', 'bigint', (c) => c.references('donors.id'))
    .addColumn('subscription_id', 'bigint', (c) => c.references('donation_subscriptions.id'))
    .addColumn('donated_on', 'date', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('stripe_card', 'stripe_sepa', 'transfer', 'cash', 'in_kind')`))
    .addColumn('purpose_id', 'bigint', (c) => c.references('donation_purposes.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'succeeded', 'failed', 'refunded', 'disputed')`))
    .addColumn('receipt_wanted', 'boolean', (c) => c.notNull().defaultTo(false))
    // Aufwandsspende: the donor waived a reimbursement claim (Verzicht auf Erstattung von Aufwendungen)
    .addColumn('waiver', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('waived_claim', 'text')
    // Sachzuwendung: the thing given, where it comes from, how its value was found
    .addColumn('in_kind_description', 'text')
    .addColumn('in_kind_origin', 'text', (c) => c.check(sql`in_kind_origin in ('business', 'private', 'unknown')`))
    .addColumn('in_kind_value_basis', 'text')
    .addColumn('in_kind_documents', 'boolean')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('de'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('online', 'offline')`))
    .addColumn('stripe_checkout_session_id', 'text', (c) => c.unique())
    .addColumn('stripe_payment_intent_id', 'text', (c) => c.unique())
    .addColumn('stripe_invoice_id', 'text', (c) => c.unique())
    .addColumn('stripe_charge_id', 'text')
    .addColumn('refunded_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('failure_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('thanked_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('donations_waiver', sql`not waiver or (waived_claim is not null and source = 'offline' and method in ('transfer', 'cash'))`)
    .addCheckConstraint(
      'donations_in_kind',
      sql`(method = 'in_kind') = (in_kind_description is not null) and (method <> 'in_kind' or (in_kind_origin is not null and in_kind_value_basis is not null))`,
    )
    .execute();
  await db.schema.createIndex('donations_donor').on('donations').column('donor_id').execute();
  await db.schema.createIndex('donations_date').on('donations').column('donated_on').execute();
  await db.schema.createIndex('donations_subscription').on('donations').column('subscription_id').execute();
  await db.schema.createIndex('donations_charge').on('donations').column('stripe_charge_id').execute();

  // The inbox of Stripe events: stored first (keyed by Stripe's id, so a repeated delivery is a
  // no-op), processed after, retried with backoff until processed; the admin sees the errors.
  await db.schema
    .createTable('stripe_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('stripe_created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'processed', 'ignored')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('processed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('stripe_events_due')
    .on('stripe_events')
    .column('next_attempt_at')
    .where(sql.ref('status'), '=', 'pending')
    .execute();

  // Donor portal: mailed single-use login links and sessions, like the member portal's.
  await db.schema
    .createTable('donor_portal_tokens')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('donor_id', 'bigint', (c) => c.notNull().references('donors.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('donor_portal_tokens_donor').on('donor_portal_tokens').column('donor_id').execute();
  await db.schema
    .createTable('donor_portal_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('donor_id', 'bigint', (c) => c.notNull().references('donors.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('donor_portal_sessions_donor').on('donor_portal_sessions').column('donor_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['donor_portal_sessions', 'donor_portal_tokens', 'stripe_events', 'donations', 'donation_subscriptions', 'checkout_intents', 'donors', 'donation_purposes']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema
    .alterTable('association')
    .dropColumn('donation_min_cents')
    .dropColumn('donation_max_cents')
    .dropColumn('donation_presets')
    .dropColumn('donation_methods')
    .execute();
}
