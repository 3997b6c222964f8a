// Data for bench/dashboard: three years of an association's money on PostgreSQL — 20,000 members
// (bench/dues-run's generator), 200,000 dues claims with their payments, SEPA collections and
// returned debits, 1,000,000 donations (one-off and from monthly gifts, several purposes, some
// refunded or failed), 500 grant applications with payments and deadlines. Everything but the
// members is written by INSERT … SELECT over generate_series inside PostgreSQL (the generator is
// not what is measured); random() is seeded once, so every run writes the same rows.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { generateAssociation } from '../dues-run/generate';

export const MEMBERS = 20_000;
export const CLAIMS_PER_MEMBER = 10; // quarters 2024-Q3 … 2026-Q4: 200,000 claims
export const DONATIONS = 1_000_000;
export const DONORS = 150_000;
export const SUBSCRIPTIONS = 8_000;
export const GRANTS = 500;
/** The first day of the three years the donations are spread over. */
export const FIRST_DAY = '2024-01-01';

const PURPOSES = [
  ['beratung', 'Beratung', 'Counselling'],
  ['rechtshilfefonds', 'Rechtshilfefonds', 'Legal aid fund'],
  ['sprachkurse', 'Sprachkurse', 'Language classes'],
  ['nothilfe', 'Nothilfe', 'Emergency aid'],
  ['kinder-und-jugend', 'Kinder und Jugend', 'Children and youth'],
  ['begleitung', 'Begleitung zu Behörden', 'Accompanying to authorities'],
] as const;

export interface DashboardData {
  members: number;
  claims: number;
  payments: number;
  reversedPayments: number;
  debits: number;
  returnedDebits: number;
  donations: number;
  monthlyDonations: number;
  refunded: number;
  donors: number;
  subscriptions: number;
  grants: number;
  grantPayments: number;
  deadlines: number;
}

export async function generateDashboardData(db: Kysely<DB>, today: string): Promise<DashboardData> {
  await generateAssociation(db, { members: MEMBERS, today });
  const count = async (table: string, where = 'true') => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.raw(where)}`.execute(db)).rows[0]!.n);

  await db.transaction().execute(async (trx) => {
    const run = (q: ReturnType<typeof sql>) => q.execute(trx);
    await run(sql`select setseed(0.2026)`);
    const t = sql`${today}::date`;

    // --- dues: ten quarterly claims per member, paid mostly, some open, returned or written off ---
    await run(sql`
      insert into claims (member_id, debtor_member_id, membership_type_id, period_start, period_end, label, due_date, amount_cents, paid_cents, status, kind, created_at)
      select m.id, coalesce(m.payer_member_id, m.id), m.membership_type_id, q.start, (q.start + interval '3 months' - interval '1 day')::date,
             'Beitrag ' || to_char(q.start, 'YYYY') || '-Q' || to_char(q.start, 'Q'), (q.start + 14)::date, a.amount,
             case s.status when 'paid' then a.amount when 'partly_paid' then a.amount / 2 else 0 end, s.status, 'dues', q.start::timestamptz
        from members m
        cross join lateral (select (date '2024-07-01' + make_interval(months => 3 * k))::date as start from generate_series(0, ${CLAIMS_PER_MEMBER - 1}) k) q
        cross join lateral (select case when m.reduced_fee then 750 else 1500 end as amount) a
        cross join lateral (select random() + 0 * m.id + 0 * extract(year from q.start) as r) x
        cross join lateral (select case when q.start + 14 > ${t} then 'open'
                                        when x.r < 0.85 then 'paid' when x.r < 0.90 then 'partly_paid' when x.r < 0.95 then 'open'
                                        when x.r < 0.98 then 'returned' else 'written_off' end as status) s
    `);
    // one payment per paid or partly paid claim; a returned debit's payment is there, reversed
    await run(sql`
      insert into payments (claim_id, debtor_member_id, amount_cents, paid_on, method, reference, created_at, created_by, reversed_on, reversal_reason)
      select c.id, c.debtor_member_id, case when c.status = 'returned' then c.amount_cents else c.paid_cents end, p.paid_on,
             case when d.payment_method = 'sepa_debit' then 'sepa_debit' else 'transfer' end, c.label, p.paid_on::timestamptz, 'bench',
             case when c.status = 'returned' then least(p.paid_on + 6, ${t}) end, case when c.status = 'returned' then 'MD06 Rücklastschrift' end
        from claims c
        join members d on d.id = c.debtor_member_id
        cross join lateral (select least(c.due_date + (random() * 20 + 0 * c.id)::int, ${t}) as paid_on) p
       where c.status in ('paid', 'partly_paid', 'returned')
    `);
    // one SEPA collection per quarter's due date, one debit per debtor's mandate in it
    await run(sql`
      insert into sepa_collections (due_date, status, total_cents, debits, created_at, created_by)
      select distinct due_date, case when due_date <= ${t} then 'booked' else 'prenotified' end, 0, 0, (due_date - 14)::timestamptz, 'bench' from claims
    `);
    await run(sql`
      insert into sepa_debits (collection_id, mandate_id, amount_cents, sequence_type, end_to_end_id, remittance, prenotified_on, status, return_reason, return_fee_cents)
      select col.id, mn.id, sum(c.amount_cents), 'RCUR', 'E2E-' || col.id || '-' || mn.id, 'Mitgliedsbeitrag', col.due_date - 14,
             case when bool_or(c.status = 'returned') then 'returned' when col.due_date <= ${t} then 'collected' else 'pending' end,
             case when bool_or(c.status = 'returned') then 'MD06' end, case when bool_or(c.status = 'returned') then 300 end
        from claims c
        join members d on d.id = c.debtor_member_id and d.payment_method = 'sepa_debit'
        join sepa_mandates mn on mn.member_id = d.id
        join sepa_collections col on col.due_date = c.due_date
       group by col.id, col.due_date, mn.id
    `);
    await run(sql`update sepa_collections c set total_cents = s.cents, debits = s.n from (select collection_id, sum(amount_cents) as cents, count(*) as n from sepa_debits group by 1) s where s.collection_id = c.id`);

    // --- donations: purposes, donors, monthly gifts with one gift a month, one-off gifts to 1,000,000 ---
    for (const [slug, de, en] of PURPOSES) {
      await run(sql`insert into donation_purposes (slug, name_de, name_en, created_at) values (${slug}, ${de}, ${en}, now())`);
    }
    await run(sql`
      insert into donors (name, email, created_at, updated_at)
      select 'Spender ' || i, case when i % 3 = 0 then null else 'spender' || i || '@example.org' end, now(), now() from generate_series(1, ${DONORS}) i
    `);
    await run(sql`
      insert into donation_subscriptions (donor_id, stripe_subscription_id, amount_cents, purpose_id, receipt_wanted, language, status, started_on, canceled_at, created_at, updated_at)
      select case when i % 40 = 0 then null else i end, 'sub_bench_' || i, (1 + (random() * 9)::int) * 500,
             case when random() < 0.5 then null else 1 + (random() * 5)::int end, true, 'de', s.status,
             s.started_on, case when s.status = 'canceled' then (s.started_on + 30 + (random() * (${t} - s.started_on))::int)::timestamptz end, now(), now()
        from generate_series(1, ${SUBSCRIPTIONS}) i
        cross join lateral (select ((${FIRST_DAY}::date) + (random() * (${t} - (${FIRST_DAY}::date) - 1) + 0 * i)::int) as started_on,
                                   case when random() < 0.7 then 'active' else 'canceled' end as status) s
    `);
    await run(sql`
      insert into donations (donor_id, subscription_id, donated_on, amount_cents, method, purpose_id, status, source, refunded_cents, created_by, created_at, updated_at)
      select s.donor_id, s.id, g.day, s.amount_cents, case when s.id % 3 = 0 then 'stripe_sepa' else 'stripe_card' end, s.purpose_id,
             case when random() < 0.03 then 'failed' else 'succeeded' end, 'online', 0, 'stripe', g.day::timestamptz, g.day::timestamptz
        from donation_subscriptions s
        cross join lateral (select (s.started_on + make_interval(months => k))::date as day
                              from generate_series(0, 40) k
                             where s.started_on + make_interval(months => k) <= least(${t}, coalesce(s.canceled_at::date, ${t}))) g
    `);
    const monthly = Number((await sql<{ n: number }>`select count(*)::int as n from donations`.execute(trx)).rows[0]!.n);
    await run(sql`
      insert into donations (donor_id, subscription_id, donated_on, amount_cents, method, purpose_id, status, source, refunded_cents, created_by, created_at, updated_at)
      select case when x.anon < 0.03 then null else 1 + (power(random(), 1.5) * (${DONORS} - 1))::int end, null, d.day,
             (array[500, 1000, 2000, 2500, 5000, 10000, 20000, 50000])[1 + (random() * 7)::int] + (random() * 3)::int * 100,
             m.method, case when random() < 0.4 then null else 1 + (random() * 5)::int end,
             case when x.st < 0.93 then 'succeeded' when x.st < 0.95 then 'refunded' when x.st < 0.98 then 'failed' else 'pending' end,
             case when m.method like 'stripe%' then 'online' else 'offline' end, 0, 'bench', d.day::timestamptz, d.day::timestamptz
        from generate_series(1, ${DONATIONS - monthly}) i
        cross join lateral (select random() + 0 * i as anon, random() + 0 * i as st, random() + 0 * i as mr) x
        cross join lateral (select ((${FIRST_DAY}::date) + (random() * (${t} - (${FIRST_DAY}::date)) + 0 * i)::int) as day) d
        cross join lateral (select case when x.mr < 0.45 then 'stripe_card' when x.mr < 0.6 then 'stripe_sepa' when x.mr < 0.95 then 'transfer' else 'cash' end as method) m
    `);
    // refunded gifts give everything back; 1 % of the succeeded ones part of it
    await run(sql`update donations set refunded_cents = amount_cents where status = 'refunded'`);
    await run(sql`update donations set refunded_cents = amount_cents / 2 where status = 'succeeded' and id % 100 = 7`);

    // --- grants: funders, 500 applications through the pipeline, payments, deadlines ---
    await run(sql`
      insert into funders (name, kind, created_at, updated_at)
      select 'Förderer ' || i, (array['foundation', 'federal', 'state', 'municipal', 'eu', 'company', 'other'])[1 + i % 7], now(), now() from generate_series(1, 60) i
    `);
    await run(sql`
      insert into grant_applications (title, funder_id, status, status_since, submitted_on, requested_cents, approved_cents, period_from, period_to, created_at, updated_at)
      select 'Antrag ' || i, 1 + i % 60, s.status, s.since, case when s.status not in ('idea', 'in_preparation') then s.since end, s.requested,
             case when s.status in ('approved', 'running', 'reporting', 'closed') then s.requested when s.status = 'partly_approved' then s.requested * 3 / 5 end,
             s.since, (s.since + 365)::date, s.since::timestamptz, s.since::timestamptz
        from generate_series(1, ${GRANTS}) i
        cross join lateral (select (array['idea', 'in_preparation', 'submitted', 'approved', 'partly_approved', 'rejected', 'withdrawn', 'running', 'reporting', 'closed'])[1 + (random() * 9 + 0 * i)::int] as status,
                                   ((${FIRST_DAY}::date) + (random() * (${t} - (${FIRST_DAY}::date)) + 0 * i)::int) as since,
                                   (5 + (random() * 195 + 0 * i)::int) * 100000 as requested) s
    `);
    await run(sql`
      insert into grant_payments (application_id, received_on, amount_cents, reference, created_at, created_by)
      select a.id, least(a.status_since + 30 * k, ${t}), a.approved_cents / 4, 'Rate ' || k, now(), 'bench'
        from grant_applications a cross join generate_series(1, 4) k
       where a.status in ('approved', 'partly_approved', 'running', 'reporting', 'closed') and (a.status = 'closed' or k <= 1 + (a.id % 3))
    `);
    await run(sql`
      insert into grant_deadlines (application_id, kind, title, due_on, done_on, done_by, created_at)
      select a.id, (array['application', 'drawdown', 'interim_report', 'final_report', 'retention_end', 'other'])[k], 'Frist ' || k || ' zu Antrag ' || a.id, d.due_on,
             case when d.due_on < ${t} and random() < 0.85 then d.due_on end, case when d.due_on < ${t} then 'bench' end, now()
        from grant_applications a cross join generate_series(1, 3) k
        cross join lateral (select (a.status_since + (k - 1) * 180 + (random() * 60 + 0 * k)::int)::date as due_on) d
    `);
  });
  // A database in use has been vacuumed and analysed by autovacuum (visibility map, statistics);
  // freshly bulk-loaded tables would not be, and index-only scans would visit every heap page.
  await sql`vacuum analyze`.execute(db);

  return {
    members: await count('members'),
    claims: await count('claims'),
    payments: await count('payments'),
    reversedPayments: await count('payments', 'reversed_on is not null'),
    debits: await count('sepa_debits'),
    returnedDebits: await count('sepa_debits', `status = 'returned'`),
    donations: await count('donations'),
    monthlyDonations: await count('donations', 'subscription_id is not null'),
    refunded: await count('donations', 'refunded_cents > 0'),
    donors: await count('donors'),
    subscriptions: await count('donation_subscriptions'),
    grants: await count('grant_applications'),
    grantPayments: await count('grant_payments'),
    deadlines: await count('grant_deadlines'),
  };
}
