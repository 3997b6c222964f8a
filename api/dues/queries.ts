import { sql, type SelectQueryBuilder } from 'kysely';
import type { ClaimStatus, DB } from '../../db/schema';
import type { Executor } from '../deps';
import { anyOf, arrayParam, jsonRows } from '../../db/bulk';
import { addDays } from '../lib/dates';

/** Members who may owe something in [from, to], with what their type charges; by id. */
export async function membersOwingIn(db: Executor, from: string, to: string) {
  const members = await jsonRows(
    db,
    db
      .selectFrom('members as m')
      .innerJoin('membership_types as t', 't.id', 'm.membership_type_id')
      .select(['m.id', 'm.payer_member_id', 'm.join_date', 'm.exit_date', 'm.reduced_fee', 'm.membership_type_id', 't.fee_cents', 't.reduced_fee_cents', 't.interval'])
      .where('m.status', 'in', ['active', 'left', 'deceased'])
      .where('m.join_date', 'is not', null)
      .where('m.join_date', '<=', to)
      .where((eb) => eb.or([eb('m.exit_date', 'is', null), eb('m.exit_date', '>=', from)])),
  );
  return members.sort((a, b) => a.id - b.id);
}

/** Periods already claimed that overlap [from, to] (a member may have changed interval). */
export function claimedPeriodsOverlapping(db: Executor, from: string, to: string) {
  return jsonRows(
    db,
    db.selectFrom('claims').select(['member_id', 'period_start', 'period_end']).where('kind', '=', 'dues').where('period_start', '<=', to).where('period_end', '>=', from),
  );
}

export function insertDuesRun(
  db: Executor,
  run: { period_from: string; period_to: string; created_at: Date; actor: string; claims_created: number; amount_created_cents: number; claims_skipped: number },
) {
  return db.insertInto('dues_runs').values(run).returningAll().executeTakeFirstOrThrow();
}

export type NewClaim = {
  member_id: number;
  debtor_member_id: number;
  membership_type_id: number;
  period_start: string;
  period_end: string;
  label: string;
  due_date: string;
  amount_cents: number;
  prorated: boolean;
};

/** Claims per statement: a few megabytes of parameters each. */
const CLAIMS_PER_STATEMENT = 20_000;

/**
 * Inserts claims in few statements: each column travels as one array parameter (not one bind
 * parameter per value — at most 65,535 per statement — and cheaper for the server to take apart
 * than JSON). A claim that exists already (same member and period) is skipped, not doubled.
 */
export async function insertClaims(db: Executor, claims: NewClaim[], runId: number, at: Date): Promise<{ created: number; amount: number }> {
  let created = 0;
  let amount = 0;
  for (let i = 0; i < claims.length; i += CLAIMS_PER_STATEMENT) {
    const chunk = claims.slice(i, i + CLAIMS_PER_STATEMENT);
    const column = <K extends keyof NewClaim>(key: K, type: Parameters<typeof arrayParam>[1]) => arrayParam(chunk.map((c) => c[key]), type);
    const { rows: [result] } = await sql<{ created: number; amount: number }>`
      with inserted as (
        insert into claims (member_id, debtor_member_id, membership_type_id, period_start, period_end, label, due_date, amount_cents, prorated, status, dues_run_id, created_at)
        select x.member_id, x.debtor_member_id, x.membership_type_id, x.period_start, x.period_end, x.label, x.due_date, x.amount_cents, x.prorated, 'open', ${runId}::bigint, ${at}::timestamptz
        from unnest(${column('member_id', 'bigint')}, ${column('debtor_member_id', 'bigint')}, ${column('membership_type_id', 'bigint')},
                    ${column('period_start', 'date')}, ${column('period_end', 'date')}, ${column('label', 'text')}, ${column('due_date', 'date')},
                    ${column('amount_cents', 'bigint')}, ${column('prorated', 'boolean')})
          as x(member_id, debtor_member_id, membership_type_id, period_start, period_end, label, due_date, amount_cents, prorated)
        on conflict (member_id, period_start) where kind = 'dues' do nothing
        returning amount_cents
      )
      select count(*)::int as created, coalesce(sum(amount_cents), 0)::bigint as amount from inserted`.execute(db);
    created += Number(result!.created);
    amount += Number(result!.amount);
  }
  return { created, amount };
}

export function updateDuesRunCounts(db: Executor, id: number, counts: { claims_created: number; amount_created_cents: number; claims_skipped: number }) {
  return db.updateTable('dues_runs').set(counts).where('id', '=', id).execute();
}

export function listDuesRuns(db: Executor, limit = 50) {
  return db.selectFrom('dues_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

export function findClaimForUpdate(db: Executor, id: number) {
  return db.selectFrom('claims').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function setClaimPaid(db: Executor, id: number, paidCents: number, status: ClaimStatus) {
  return db.updateTable('claims').set({ paid_cents: paidCents, status }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function setClaimWrittenOff(db: Executor, id: number, reason: string) {
  return db.updateTable('claims').set({ status: 'written_off', written_off_reason: reason }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function insertPayment(
  db: Executor,
  p: { claim_id: number; debtor_member_id: number; amount_cents: number; paid_on: string; method: 'transfer' | 'cash' | 'sepa_debit' | 'card'; reference: string | null; created_at: Date; created_by: string },
) {
  return db.insertInto('payments').values(p).returningAll().executeTakeFirstOrThrow();
}

const claimColumns = [
  'c.id',
  'c.member_id',
  'c.debtor_member_id',
  'c.label',
  'c.period_start',
  'c.period_end',
  'c.due_date',
  'c.amount_cents',
  'c.paid_cents',
  'c.status',
  'c.prorated',
  'c.written_off_reason',
] as const;

/** The claims a member owes or owed (as debtor, or as the member the claim is for). */
export function claimsOfMember(db: Executor, memberId: number) {
  return db
    .selectFrom('claims as c')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .select([...claimColumns, 'm.first_name', 'm.last_name'])
    .where((eb) => eb.or([eb('c.debtor_member_id', '=', memberId), eb('c.member_id', '=', memberId)]))
    .orderBy('c.due_date', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

export function paymentsOfMember(db: Executor, memberId: number) {
  return db
    .selectFrom('payments as p')
    .innerJoin('claims as c', 'c.id', 'p.claim_id')
    .select(['p.id', 'p.claim_id', 'p.amount_cents', 'p.paid_on', 'p.method', 'p.reference', 'p.reversed_on', 'p.reversal_reason', 'c.label'])
    .where('p.debtor_member_id', '=', memberId)
    .orderBy('p.paid_on', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

const UNSETTLED = ['open', 'partly_paid', 'returned'] as const;

export function listClaims(db: Executor, filter: { status?: ClaimStatus; from?: string; to?: string; limit: number; offset: number }) {
  let q = db
    .selectFrom('claims as c')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .innerJoin('members as d', 'd.id', 'c.debtor_member_id');
  if (filter.status) q = q.where('c.status', '=', filter.status);
  if (filter.from) q = q.where('c.due_date', '>=', filter.from);
  if (filter.to) q = q.where('c.due_date', '<=', filter.to);
  return Promise.all([
    q
      .select([...claimColumns, 'm.first_name', 'm.last_name', 'm.member_number', 'd.first_name as debtor_first_name', 'd.last_name as debtor_last_name'])
      .orderBy('c.due_date', 'desc')
      .orderBy('c.id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q
      .select((eb) => [eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(c.amount_cents - c.paid_cents), 0)::bigint`.as('open_cents')])
      .executeTakeFirstOrThrow(),
  ]);
}

/** Every claim the list's filter shows (no paging), newest due first as on screen: the CSV export. */
export function claimsForExport(db: Executor, filter: { status?: ClaimStatus; from?: string; to?: string }) {
  let q = db
    .selectFrom('claims as c')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .innerJoin('members as d', 'd.id', 'c.debtor_member_id')
    .innerJoin('membership_types as mt', 'mt.id', 'c.membership_type_id');
  if (filter.status) q = q.where('c.status', '=', filter.status);
  if (filter.from) q = q.where('c.due_date', '>=', filter.from);
  if (filter.to) q = q.where('c.due_date', '<=', filter.to);
  return q
    .select([
      ...claimColumns,
      'c.kind',
      'm.member_number',
      'm.first_name',
      'm.last_name',
      'd.member_number as debtor_member_number',
      'd.first_name as debtor_first_name',
      'd.last_name as debtor_last_name',
      'd.payment_method as debtor_payment_method',
      'mt.name as type_name',
    ])
    .orderBy('c.due_date', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

/** Debtors with unsettled claims due before `today`, oldest first, with the open amount by age. */
export function arrears(db: Executor, today: string) {
  const age = (days: number) => sql<string>`${addDays(today, -days)}::date`;
  return db
    .selectFrom('claims as c')
    .innerJoin('members as d', 'd.id', 'c.debtor_member_id')
    .select((eb) => [
      'd.id as member_id',
      'd.member_number',
      'd.first_name',
      'd.last_name',
      'd.payment_method',
      eb.fn.min('c.due_date').as('oldest_due'),
      eb.fn.countAll<number>().as('claims'),
      sql<number>`sum(c.amount_cents - c.paid_cents)::bigint`.as('open_cents'),
      sql<number>`coalesce(sum(c.amount_cents - c.paid_cents) filter (where c.due_date > ${age(30)}), 0)::bigint`.as('up_to_30'),
      sql<number>`coalesce(sum(c.amount_cents - c.paid_cents) filter (where c.due_date <= ${age(30)} and c.due_date > ${age(90)}), 0)::bigint`.as('days_31_90'),
      sql<number>`coalesce(sum(c.amount_cents - c.paid_cents) filter (where c.due_date <= ${age(90)}), 0)::bigint`.as('over_90'),
    ])
    .where('c.status', 'in', UNSETTLED)
    .where('c.due_date', '<', today)
    .groupBy(['d.id', 'd.member_number', 'd.first_name', 'd.last_name', 'd.payment_method'])
    .orderBy('oldest_due')
    .orderBy('d.last_name')
    .execute();
}

/** Member ids with arrears, for the member list filter. */
export function debtorIdsInArrears(db: Executor, today: string) {
  return db
    .selectFrom('claims')
    .select('debtor_member_id')
    .distinct()
    .where('status', 'in', UNSETTLED)
    .where('due_date', '<', today)
    .execute()
    .then((rows) => rows.map((r) => r.debtor_member_id));
}

export async function setClaimsStatus(db: Executor, ids: number[], status: ClaimStatus) {
  if (ids.length) await db.updateTable('claims').set({ status }).where('id', '=', anyOf(ids)).execute();
}

/** Back to what the payments say: open, partly paid or paid. */
export async function resetClaimsStatusFromPayments(db: Executor, ids: number[]) {
  if (!ids.length) return;
  await db
    .updateTable('claims')
    .set({ status: sql`case when paid_cents >= amount_cents then 'paid' when paid_cents > 0 then 'partly_paid' else 'open' end` })
    .where('id', '=', anyOf(ids))
    .execute();
}

/**
 * Claims a direct debit due on `dueDate` may collect: unsettled, due by then, of members who pay
 * by debit (in no particular order); and the people they concern by id — each claim's debtor
 * (who gets the pre-notification) and the member it is for (a family's payer pays for others).
 */
export async function debitableClaims(db: Executor, dueDate: string) {
  const claims = await jsonRows(
    db,
    db
      .selectFrom('claims as c')
      .innerJoin('members as d', 'd.id', 'c.debtor_member_id')
      .select([
        'c.id',
        'c.label',
        'c.kind',
        'c.prorated',
        'c.period_start',
        'c.period_end',
        'c.due_date',
        'c.member_id',
        'c.debtor_member_id',
        sql<number>`(c.amount_cents - c.paid_cents)::bigint`.as('open_cents'),
      ])
      .where('c.status', 'in', ['open', 'partly_paid', 'returned'])
      .where('c.due_date', '<=', dueDate)
      .where('d.payment_method', '=', 'sepa_debit'),
  );
  const ids = new Set<number>();
  for (const c of claims) ids.add(c.debtor_member_id).add(c.member_id);
  const people = ids.size
    ? await jsonRows(db, db.selectFrom('members').select(['id', 'first_name', 'last_name', 'email', 'language', 'member_number']).where('id', '=', anyOf([...ids])))
    : [];
  return { claims, people: new Map(people.map((p) => [p.id, p])) };
}

/** The payment a collected debit made on a claim, by the debit's EndToEndId, not yet reversed. */
export function findDebitPayment(db: Executor, claimId: number, endToEndId: string) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('claim_id', '=', claimId)
    .where('method', '=', 'sepa_debit')
    .where('reference', '=', endToEndId)
    .where('reversed_on', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export function markPaymentReversed(db: Executor, id: number, on: string, reason: string) {
  return db.updateTable('payments').set({ reversed_on: on, reversal_reason: reason }).where('id', '=', id).execute();
}

export function insertFeeClaim(db: Executor, c: { member_id: number; membership_type_id: number; label: string; due_date: string; amount_cents: number; created_at: Date }) {
  return db
    .insertInto('claims')
    .values({ ...c, debtor_member_id: c.member_id, period_start: c.due_date, period_end: c.due_date, status: 'open', kind: 'fee' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Claims a reminder may be due for: unsettled and past due, of payers who transfer (a debit
 * payer's claim only once its debit came back), with the last reminder level and date.
 */
export function dunnableClaims(db: Executor, today: string) {
  return db
    .selectFrom('claims as c')
    .innerJoin('members as d', 'd.id', 'c.debtor_member_id')
    .leftJoin(
      (eb) => eb.selectFrom('reminders').select(['claim_id', (e) => e.fn.max('level').as('last_level'), (e) => e.fn.max('sent_on').as('last_sent_on')]).groupBy('claim_id').as('r'),
      (join) => join.onRef('r.claim_id', '=', 'c.id'),
    )
    .select([
      'c.id',
      'c.label',
      'c.due_date',
      'c.membership_type_id',
      'c.debtor_member_id',
      sql<number>`(c.amount_cents - c.paid_cents)::bigint`.as('open_cents'),
      sql<number>`coalesce(r.last_level, 0)::int`.as('last_level'),
      sql<string | null>`r.last_sent_on`.as('last_sent_on'),
      'd.first_name',
      'd.last_name',
      'd.email',
      'd.language',
      'd.member_number',
    ])
    .where('c.status', 'in', ['open', 'partly_paid', 'returned'])
    .where('c.kind', '=', 'dues')
    .where('c.due_date', '<', today)
    .where((eb) => eb.or([eb('d.payment_method', '!=', 'sepa_debit'), eb('c.status', '=', 'returned')]))
    .orderBy('d.last_name')
    .orderBy('c.due_date')
    .execute();
}

export function insertReminders(db: Executor, rows: { claim_id: number; level: number; sent_on: string; fee_claim_id: number | null; outbox_id: number | null; created_at: Date }[]) {
  if (!rows.length) return Promise.resolve([]);
  return db
    .insertInto('reminders')
    .values(rows)
    .onConflict((oc) => oc.columns(['claim_id', 'level']).doNothing())
    .returning(['id', 'claim_id', 'level'])
    .execute();
}

export function setReminderMail(db: Executor, ids: number[], outboxId: number, feeClaimId: number | null) {
  return db.updateTable('reminders').set({ outbox_id: outboxId, fee_claim_id: feeClaimId }).where('id', 'in', ids).execute();
}

export function recentReminders(db: Executor, limit = 100) {
  return db
    .selectFrom('reminders as r')
    .innerJoin('claims as c', 'c.id', 'r.claim_id')
    .innerJoin('members as d', 'd.id', 'c.debtor_member_id')
    .select(['r.id', 'r.level', 'r.sent_on', 'c.label', 'd.id as member_id', 'd.first_name', 'd.last_name', 'r.outbox_id'])
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}

/** Payments for collected debits and the claims they settle, in two statements per chunk. */
export async function settleDebitsChunk(
  db: Executor,
  debits: { claimId: number; amountCents: number; reference: string }[],
  input: { paidOn: string; by: string; at: Date },
) {
  if (!debits.length) return;
  const rows = sql.join(debits.map((d) => sql`(${d.claimId}::bigint, ${d.amountCents}::bigint, ${d.reference}::text)`));
  await sql`
    insert into payments (claim_id, debtor_member_id, amount_cents, paid_on, method, reference, created_at, created_by)
    select c.id, c.debtor_member_id, d.amount, ${input.paidOn}::date, 'sepa_debit', d.reference, ${input.at}, ${input.by}
    from (values ${rows}) as d(claim_id, amount, reference) join claims c on c.id = d.claim_id`.execute(db);
  await sql`
    update claims c
    set paid_cents = c.paid_cents + d.amount,
        status = case when c.paid_cents + d.amount >= c.amount_cents then 'paid' else 'partly_paid' end
    from (values ${rows}) as d(claim_id, amount, reference)
    where c.id = d.claim_id`.execute(db);
}

/**
 * The claims a dues run made for payers who pay by transfer (or card), with the payer's address
 * and language: what the claim notices (Zahlungsaufforderungen) list. Debit payers are left out —
 * their claims will be debited, and a notice to transfer would make them pay twice.
 */
export function runClaimsToNotify(db: Executor, runId: number) {
  const query = db
    .selectFrom('claims as c')
    .innerJoin('members as d', 'd.id', 'c.debtor_member_id')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .select([
      'c.id',
      'c.label',
      'c.due_date',
      'c.amount_cents',
      'c.debtor_member_id',
      'd.member_number',
      'd.first_name',
      'd.last_name',
      'd.email',
      'd.language',
      'm.first_name as member_first_name',
      'm.last_name as member_last_name',
    ])
    .where('c.dues_run_id', '=', runId)
    .where('d.payment_method', 'in', ['transfer', 'card'])
    .orderBy('c.debtor_member_id')
    .orderBy('c.due_date')
    .orderBy('c.id');
  return jsonRows(db, query);
}

export function insertPaymentLinks(db: Executor, rows: { token_hash: string; debtor_member_id: number; dues_run_id: number; created_at: Date; expires_at: Date }[]) {
  if (!rows.length) return Promise.resolve();
  return db.insertInto('dues_payment_links').values(rows).onConflict((oc) => oc.columns(['debtor_member_id', 'dues_run_id']).doNothing()).execute();
}

/** A payment link that has not expired, with its payer. */
export function findPaymentLink(db: Executor, tokenHash: string, now: Date) {
  return db
    .selectFrom('dues_payment_links as l')
    .innerJoin('members as d', 'd.id', 'l.debtor_member_id')
    .select(['l.id', 'l.debtor_member_id', 'l.dues_run_id', 'l.expires_at', 'd.first_name', 'd.last_name', 'd.member_number', 'd.email', 'd.language'])
    .where('l.token_hash', '=', tokenHash)
    .where('l.expires_at', '>', now)
    .executeTakeFirst();
}

export function findPaymentLinkById(db: Executor, id: number) {
  return db.selectFrom('dues_payment_links').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What a link still pays: the run's claims of its payer that are open, oldest due first. */
export function openClaimsOfLink(db: Executor, link: { debtor_member_id: number; dues_run_id: number }, lock = false) {
  let query = db
    .selectFrom('claims')
    .select(['id', 'label', 'due_date', 'amount_cents', 'paid_cents', 'status'])
    .where('debtor_member_id', '=', link.debtor_member_id)
    .where('dues_run_id', '=', link.dues_run_id)
    .where('status', 'in', ['open', 'partly_paid', 'returned'])
    .orderBy('due_date')
    .orderBy('id');
  if (lock) query = query.forUpdate();
  return query.execute();
}

export function cardPaymentsWithReference(db: Executor, reference: string) {
  return db.selectFrom('payments').select(['id', 'claim_id', 'amount_cents', 'paid_on', 'reversed_on']).where('method', '=', 'card').where('reference', '=', reference).execute();
}
