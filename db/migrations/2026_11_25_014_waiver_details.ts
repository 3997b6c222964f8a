import { sql, type Kysely } from 'kysely';

// Frozen: an Aufwandsspende (waived reimbursement claim) needs more than what was waived: when
// the claim was agreed (it must exist by Satzung, contract or board resolution *before* the
// activity, BMF 25.11.2014) and how its amount was found (§ 50 Abs. 7 Satz 3 EStDV asks the
// association to record the basis of the confirmed value).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('donations').addColumn('waiver_agreed_on', 'date').addColumn('waiver_basis', 'text').execute();
  await db.schema
    .alterTable('donations')
    .addCheckConstraint('donations_waiver_details', sql`not waiver or (waiver_agreed_on is not null and waiver_basis is not null)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('donations').dropConstraint('donations_waiver_details').execute();
  await db.schema.alterTable('donations').dropColumn('waiver_agreed_on').dropColumn('waiver_basis').execute();
}
