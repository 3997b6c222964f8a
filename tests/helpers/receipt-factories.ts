import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * Empties what receipts write (the database lives for a whole test file). Issued receipts refuse
 * deletion by trigger, so the trigger is off for this one statement.
 */
export async function resetReceiptTables(db: Kysely<DB>) {
  await db.deleteFrom('receipt_items').execute();
  await sql`alter table receipts disable trigger receipts_immutable`.execute(db);
  await db.deleteFrom('receipts').execute();
  await sql`alter table receipts enable trigger receipts_immutable`.execute(db);
  await db.deleteFrom('receipt_runs').execute();
  await db.deleteFrom('receipt_counters').execute();
  await db.deleteFrom('outbox').execute();
  await db.deleteFrom('blobs').execute();
}
