import { sql } from 'kysely';
import type { GrantStatus } from '../../db/schema';
import type { Executor } from '../deps';

/**
 * The aggregate reads of the finance dashboard (api/reports/README.md). Every figure is a
 * `group by` in SQL over a date range the indexes of migration 2026_11_26_021 serve; nothing
 * here returns a person's row, an IBAN, a mandate, an address or a note. Sums are cast back to
 * bigint (sum(bigint) is numeric) so both drivers hand back numbers.
 */

export interface Range {
  from: string;
  to: string;
}

export type IncomeSource = 'dues' | 'donations_once' | 'donations_monthly' | 'grants';

/**
 * Money that came in, by month and source: dues payments (not reversed by a returned debit),
 * donations that arrived (succeeded, less partial refunds — as the donations ledger sums them),
 * one-off or from a monthly gift, and grant payments. Each source is grouped on its own before
 * the union; the donations come from their per-day summary (donation_days, migration
 * 2026_11_26_022, kept by triggers on donations), ~1,000 rows a year instead of every gift.
 */
export async function incomeByMonth(db: Executor, r: Range) {
  const { rows } = await sql<{ source: IncomeSource; month: string; cents: number; n: number }>`
    select 'dues' as source, to_char(paid_on, 'YYYY-MM') as month, sum(amount_cents)::bigint as cents, count(*)::int as n
      from payments
     where paid_on between ${r.from}::date and ${r.to}::date and reversed_on is null
     group by 2
    union all
    select case when monthly then 'donations_monthly' else 'donations_once' end, to_char(day, 'YYYY-MM'),
           sum(cents)::bigint, sum(gifts)::int
      from donation_days
     where day between ${r.from}::date and ${r.to}::date
     group by 1, 2
    having sum(gifts) > 0
    union all
    select 'grants', to_char(received_on, 'YYYY-MM'), sum(amount_cents)::bigint, count(*)::int
      from grant_payments
     where received_on between ${r.from}::date and ${r.to}::date
     group by 2
  `.execute(db);
  return rows.map((row) => ({ ...row, cents: Number(row.cents), n: Number(row.n) }));
}

/**
 * The claims due in the period: what was expected, what of it is paid, what is still open and
 * what was written off (expected = received + open + written off).
 */
export async function claimsDueIn(db: Executor, r: Range) {
  const { rows } = await sql<{ n: number; expected: number; received: number; open: number; open_n: number; written_off: number }>`
    select count(*)::int as n,
           coalesce(sum(amount_cents), 0)::bigint as expected,
           coalesce(sum(least(paid_cents, amount_cents)), 0)::bigint as received,
           coalesce(sum(amount_cents - paid_cents) filter (where status not in ('paid', 'written_off')), 0)::bigint as open,
           (count(*) filter (where status not in ('paid', 'written_off')))::int as open_n,
           coalesce(sum(amount_cents - paid_cents) filter (where status = 'written_off'), 0)::bigint as written_off
      from claims
     where due_date between ${r.from}::date and ${r.to}::date
  `.execute(db);
  const row = rows[0]!;
  return { claims: Number(row.n), expectedCents: Number(row.expected), receivedCents: Number(row.received), openCents: Number(row.open), openClaims: Number(row.open_n), writtenOffCents: Number(row.written_off) };
}

/**
 * Arrears on `asOf`: unsettled claims (open, partly paid, returned — as the dues area's arrears
 * list counts them) due before that day, by days past due. The claims' state is today's.
 */
export async function arrearsByAge(db: Executor, asOf: string) {
  const { rows } = await sql<{ bucket: number; n: number; debtors: number; cents: number }>`
    select case when ${asOf}::date - due_date <= 30 then 0 when ${asOf}::date - due_date <= 90 then 1 when ${asOf}::date - due_date <= 180 then 2 else 3 end as bucket,
           count(*)::int as n, count(distinct debtor_member_id)::int as debtors, sum(amount_cents - paid_cents)::bigint as cents
      from claims
     where status in ('open', 'partly_paid', 'returned') and due_date < ${asOf}::date
     group by 1
  `.execute(db);
  const { rows: total } = await sql<{ debtors: number }>`
    select count(distinct debtor_member_id)::int as debtors
      from claims
     where status in ('open', 'partly_paid', 'returned') and due_date < ${asOf}::date
  `.execute(db);
  return { buckets: rows.map((b) => ({ bucket: Number(b.bucket), claims: Number(b.n), cents: Number(b.cents) })), debtors: Number(total[0]?.debtors ?? 0) };
}

/** Direct debits of the period's collections (by their due date) that came back: count and sum. */
export async function returnedDebits(db: Executor, r: Range) {
  const { rows } = await sql<{ n: number; cents: number }>`
    select count(*)::int as n, coalesce(sum(d.amount_cents), 0)::bigint as cents
      from sepa_debits d
      join sepa_collections c on c.id = d.collection_id
     where d.status = 'returned' and c.due_date between ${r.from}::date and ${r.to}::date
  `.execute(db);
  return { count: Number(rows[0]!.n), cents: Number(rows[0]!.cents) };
}

/**
 * Members on `asOf` by membership type (joined by then, not yet left: the exit date is the last
 * day of membership; applicants are no members), with every type listed even when empty.
 */
export async function membersByType(db: Executor, asOf: string) {
  const { rows } = await sql<{ id: number; name: string; n: number }>`
    select t.id, t.name, count(m.id)::int as n
      from membership_types t
      left join members m
        on m.membership_type_id = t.id and m.status <> 'applicant'
       and m.join_date <= ${asOf}::date and (m.exit_date is null or m.exit_date >= ${asOf}::date)
     group by t.id, t.name
     order by t.name, t.id
  `.execute(db);
  return rows.map((r) => ({ id: Number(r.id), name: r.name, count: Number(r.n) }));
}

/** Joins and exits of the period by month and membership type. */
export async function memberMovements(db: Executor, r: Range) {
  const { rows } = await sql<{ kind: 'join' | 'exit'; month: string; type_id: number; n: number }>`
    select 'join' as kind, to_char(join_date, 'YYYY-MM') as month, membership_type_id as type_id, count(*)::int as n
      from members
     where join_date between ${r.from}::date and ${r.to}::date and status <> 'applicant'
     group by 2, 3
    union all
    select 'exit', to_char(exit_date, 'YYYY-MM'), membership_type_id, count(*)::int
      from members
     where exit_date between ${r.from}::date and ${r.to}::date and status <> 'applicant'
     group by 2, 3
  `.execute(db);
  return rows.map((row) => ({ kind: row.kind, month: row.month, typeId: Number(row.type_id), count: Number(row.n) }));
}

/** Gifts that arrived in the period by purpose (null: where most needed), with the purpose's names (from donation_days). */
export async function donationsByPurpose(db: Executor, r: Range) {
  const { rows } = await sql<{ purpose_id: number | null; name_de: string | null; name_en: string | null; n: number; cents: number }>`
    select g.purpose_id, p.name_de, p.name_en, g.n, g.cents
      from (select purpose_id, sum(gifts)::int as n, sum(cents)::bigint as cents
              from donation_days
             where day between ${r.from}::date and ${r.to}::date
             group by purpose_id
            having sum(gifts) > 0) g
      left join donation_purposes p on p.id = g.purpose_id
     order by g.cents desc, p.name_de nulls last
  `.execute(db);
  return rows.map((row) => ({ purposeId: row.purpose_id === null ? null : Number(row.purpose_id), nameDe: row.name_de, nameEn: row.name_en, count: Number(row.n), cents: Number(row.cents) }));
}

/**
 * Gifts that arrived in the period: how many, how much, how many anonymous (from donation_days),
 * and from how many known donors — that one cannot be summed per day: counted from the gifts by
 * an index-only scan of donations_succeeded_donor_day, distinct by hashing (count(distinct …)
 * would sort).
 */
export async function donationTotals(db: Executor, r: Range) {
  const [{ rows }, { rows: donors }] = await Promise.all([
    sql<{ n: number; cents: number; anonymous: number }>`
      select coalesce(sum(gifts), 0)::int as n, coalesce(sum(cents), 0)::bigint as cents, coalesce(sum(anonymous), 0)::int as anonymous
        from donation_days
       where day between ${r.from}::date and ${r.to}::date
    `.execute(db),
    sql<{ donors: number }>`
      select count(*)::int as donors
        from (select distinct donor_id
                from donations
               where donated_on between ${r.from}::date and ${r.to}::date and status = 'succeeded' and donor_id is not null) d
    `.execute(db),
  ]);
  const row = rows[0]!;
  return { gifts: Number(row.n), cents: Number(row.cents), donors: Number(donors[0]!.donors), anonymousGifts: Number(row.anonymous) };
}

/**
 * Monthly gifts running now (status active) that had started by `asOf`: how many, from how many
 * donors (an anonymous gift counts as one), and what they bring each month.
 */
export async function activeMonthlyGifts(db: Executor, asOf: string) {
  const { rows } = await sql<{ n: number; donors: number; cents: number }>`
    select count(*)::int as n,
           (count(distinct donor_id) + count(*) filter (where donor_id is null))::int as donors,
           coalesce(sum(amount_cents), 0)::bigint as cents
      from donation_subscriptions
     where status = 'active' and started_on <= ${asOf}::date
  `.execute(db);
  const row = rows[0]!;
  return { gifts: Number(row.n), donors: Number(row.donors), monthlyCents: Number(row.cents) };
}

/**
 * Applications by pipeline status (today's state): count, requested and approved sums, and what
 * their grant payments brought so far.
 */
export async function grantsByStatus(db: Executor) {
  const { rows } = await sql<{ status: GrantStatus; n: number; requested: number; approved: number; approved_else_requested: number; received: number }>`
    select a.status, count(*)::int as n,
           sum(a.requested_cents)::bigint as requested,
           coalesce(sum(a.approved_cents), 0)::bigint as approved,
           sum(coalesce(a.approved_cents, a.requested_cents))::bigint as approved_else_requested,
           coalesce(sum(p.received), 0)::bigint as received
      from grant_applications a
      left join (select application_id, sum(amount_cents)::bigint as received from grant_payments group by application_id) p on p.application_id = a.id
     group by a.status
  `.execute(db);
  return rows.map((row) => ({
    status: row.status,
    count: Number(row.n),
    requestedCents: Number(row.requested),
    approvedCents: Number(row.approved),
    approvedElseRequestedCents: Number(row.approved_else_requested),
    receivedCents: Number(row.received),
  }));
}

/**
 * Open deadlines of applications still in play (not rejected or withdrawn — as the deadline
 * calendar shows them): every overdue one, and the next ten from `today`. Title, date, kind,
 * the application's title and the funder's name: no notes.
 */
export async function grantDeadlines(db: Executor, today: string) {
  const { rows } = await sql<{ id: number; application_id: number; kind: string; title: string; due_on: string; application_title: string; funder_name: string; overdue: boolean }>`
    (select d.id, d.application_id, d.kind, d.title, d.due_on, a.title as application_title, f.name as funder_name, true as overdue
       from grant_deadlines d
       join grant_applications a on a.id = d.application_id
       join funders f on f.id = a.funder_id
      where d.done_on is null and a.status not in ('rejected', 'withdrawn') and d.due_on < ${today}::date
      order by d.due_on, a.title, d.id
      limit 200)
    union all
    (select d.id, d.application_id, d.kind, d.title, d.due_on, a.title, f.name, false
       from grant_deadlines d
       join grant_applications a on a.id = d.application_id
       join funders f on f.id = a.funder_id
      where d.done_on is null and a.status not in ('rejected', 'withdrawn') and d.due_on >= ${today}::date
      order by d.due_on, a.title, d.id
      limit 10)
  `.execute(db);
  return rows.map((row) => ({ ...row, id: Number(row.id), application_id: Number(row.application_id), overdue: Boolean(row.overdue) }));
}

/** How many open deadlines are overdue in all (the list above shows at most 200 of them). */
export async function overdueDeadlineCount(db: Executor, today: string) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n
      from grant_deadlines d
      join grant_applications a on a.id = d.application_id
     where d.done_on is null and a.status not in ('rejected', 'withdrawn') and d.due_on < ${today}::date
  `.execute(db);
  return Number(rows[0]!.n);
}
