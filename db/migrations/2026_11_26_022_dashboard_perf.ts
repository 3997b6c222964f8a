import { sql, type Kysely } from 'kysely';

// Frozen: what the finance dashboard (api/reports) needs to answer in ≤ 50 ms with a million
// donations (bench/dashboard, docs/benchmarks.md).
//
// donation_days: the succeeded gifts summed per day, one-off or monthly, and purpose — gifts,
// cents (amount less refunds, as the ledger sums them) and anonymous gifts. Kept up to date by
// statement-level triggers on donations in the same statement (and so the same transaction) as
// every insert, update and delete: each statement's old rows are subtracted and its new rows
// added, grouped, in one upsert. The dashboard's income, purpose and total figures read this
// (~1,000 rows a year) instead of ~350,000 gifts a year; measured on the bench's data the four
// donation scans of one page took 0.3–2 s together, the summary ~1 ms each.
//
// donations_succeeded_donor_day: the distinct donors of a period cannot be summed per day; this
// partial index gives them by an index-only scan of (day, donor) without visiting the table.
// payments_paid_on_unreversed, claims_due_date_amounts, claims_unsettled_due_amounts: covering
// indexes, so the dues income, the claims due in a period and the arrears are index-only scans.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table donation_days (
      day date not null,
      monthly boolean not null,
      purpose_id bigint,
      gifts bigint not null,
      cents bigint not null,
      anonymous bigint not null
    )`.execute(db);
  await sql`create unique index donation_days_key on donation_days (day, monthly, (coalesce(purpose_id, 0)))`.execute(db);

  const contribution = (rows: string, sign: '' | '-') => `
    select donated_on as day, subscription_id is not null as monthly, purpose_id,
           ${sign}1 as gifts, ${sign}(amount_cents - refunded_cents) as cents, ${sign}(case when donor_id is null then 1 else 0 end) as anonymous
      from ${rows} where status = 'succeeded'`;
  const apply = (parts: string[]) => `
    insert into donation_days (day, monthly, purpose_id, gifts, cents, anonymous)
    select day, monthly, purpose_id, sum(gifts), sum(cents), sum(anonymous)
      from (${parts.join(' union all ')}) x
     group by day, monthly, purpose_id
    having sum(gifts) <> 0 or sum(cents) <> 0 or sum(anonymous) <> 0
     order by day, monthly, purpose_id
        on conflict (day, monthly, (coalesce(purpose_id, 0))) do update
       set gifts = donation_days.gifts + excluded.gifts,
           cents = donation_days.cents + excluded.cents,
           anonymous = donation_days.anonymous + excluded.anonymous`;
  const fn = async (name: string, body: string) =>
    sql`create function ${sql.raw(name)}() returns trigger language plpgsql as $$ begin ${sql.raw(body)}; return null; end $$`.execute(db);

  await fn('donation_days_inserted', apply([contribution('new_donations', '')]));
  await fn('donation_days_updated', apply([contribution('new_donations', ''), contribution('old_donations', '-')]));
  await fn('donation_days_deleted', apply([contribution('old_donations', '-')]));
  await sql`create trigger donation_days_insert after insert on donations referencing new table as new_donations for each statement execute function donation_days_inserted()`.execute(db);
  await sql`create trigger donation_days_update after update on donations referencing old table as old_donations new table as new_donations for each statement execute function donation_days_updated()`.execute(db);
  await sql`create trigger donation_days_delete after delete on donations referencing old table as old_donations for each statement execute function donation_days_deleted()`.execute(db);
  // TRUNCATE fires no delete trigger: empty the summary with it
  await sql`create function donation_days_truncated() returns trigger language plpgsql as $$ begin delete from donation_days; return null; end $$`.execute(db);
  await sql`create trigger donation_days_truncate after truncate on donations for each statement execute function donation_days_truncated()`.execute(db);
  await sql.raw(apply([contribution('donations', '')])).execute(db);

  await sql`create index donations_succeeded_donor_day on donations (donated_on, donor_id) where status = 'succeeded' and donor_id is not null`.execute(db);
  // covering indexes: the dues figures read their ranges without visiting the tables
  await sql`create index payments_paid_on_unreversed on payments (paid_on) include (amount_cents) where reversed_on is null`.execute(db);
  await sql`create index claims_due_date_amounts on claims (due_date) include (status, amount_cents, paid_cents)`.execute(db);
  await sql`create index claims_unsettled_due_amounts on claims (due_date) include (debtor_member_id, amount_cents, paid_cents) where status in ('open', 'partly_paid', 'returned')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['claims_unsettled_due_amounts', 'claims_due_date_amounts', 'payments_paid_on_unreversed', 'donations_succeeded_donor_day']) await sql`drop index ${sql.raw(name)}`.execute(db);
  for (const op of ['insert', 'update', 'delete', 'truncate']) await sql`drop trigger ${sql.raw(`donation_days_${op}`)} on donations`.execute(db);
  for (const f of ['inserted', 'updated', 'deleted', 'truncated']) await sql`drop function ${sql.raw(`donation_days_${f}`)}()`.execute(db);
  await sql`drop table donation_days`.execute(db);
}
