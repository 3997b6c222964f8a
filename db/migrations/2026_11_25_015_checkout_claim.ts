import type { Kysely } from 'kysely';

// Frozen: a checkout intent is "being started" while one request talks to Stripe for it. A
// double click sends two requests with the same form; the second waits for the first's
// Checkout URL instead of asking Stripe a second time. A failure clears the mark, so a retry
// of the same form starts at once; a mark older than a minute (a crashed request) is taken over.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkout_intents').addColumn('checkout_started_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkout_intents').dropColumn('checkout_started_at').execute();
}
