import { sql, type Kysely } from 'kysely';

// Frozen: returned debits (R-transactions): reversed payments, fee claims, the fee setting.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('association')
    .addColumn('return_fee_to_member', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  // A claim is a membership fee for a period ('dues') or a charge such as a return fee ('fee').
  await db.schema
    .alterTable('claims')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('dues').check(sql`kind in ('dues', 'fee')`))
    .execute();
  await db.schema.dropIndex('claims_member_period').execute();
  await db.schema
    .createIndex('claims_member_period')
    .on('claims')
    .columns(['member_id', 'period_start'])
    .unique()
    .where(sql.ref('kind'), '=', 'dues')
    .execute();
  await db.schema
    .alterTable('payments')
    .addColumn('reversed_on', 'date')
    .addColumn('reversal_reason', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('payments').dropColumn('reversal_reason').dropColumn('reversed_on').execute();
  await db.schema.dropIndex('claims_member_period').execute();
  await db.schema.alterTable('claims').dropColumn('kind').execute();
  await db.schema.createIndex('claims_member_period').on('claims').columns(['member_id', 'period_start']).unique().execute();
  await db.schema.alterTable('association').dropColumn('return_fee_to_member').execute();
}
