import { sql, type ExpressionBuilder } from 'kysely';
import type { Insertable, Updateable } from 'kysely';
import type { DB, DonationsTable, DonorsTable } from '../../db/schema';
import type { Executor } from '../deps';
import type { DonationFilter, DonorFilter } from './ledger-schemas';

/** The treasurer's reads and writes of the donations ledger (lists, donors, corrections, settings). */

const likeTerm = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filteredDonations(db: Executor, filter: Omit<DonationFilter, 'page'>) {
  let q = db.selectFrom('donations as g').leftJoin('donors as d', 'd.id', 'g.donor_id');
  if (filter.from) q = q.where('g.donated_on', '>=', filter.from);
  if (filter.to) q = q.where('g.donated_on', '<=', filter.to);
  if (filter.purpose === 'none') q = q.where('g.purpose_id', 'is', null);
  else if (filter.purpose) q = q.where('g.purpose_id', '=', filter.purpose);
  if (filter.method) q = q.where('g.method', '=', filter.method);
  if (filter.status) q = q.where('g.status', '=', filter.status);
  if (filter.donor) q = q.where('g.donor_id', '=', filter.donor);
  if (filter.q) {
    const term = likeTerm(filter.q);
    q = q.where((eb) => eb.or([eb(sql`lower(d.name)`, 'like', term), eb(sql`lower(coalesce(d.email, ''))`, 'like', term)]));
  }
  return q;
}

const listColumns = [
  'g.id',
  'g.donated_on',
  'g.amount_cents',
  'g.refunded_cents',
  'g.method',
  'g.status',
  'g.source',
  'g.subscription_id',
  'g.receipt_wanted',
  'g.waiver',
  'g.purpose_id',
  'g.donor_id',
  'g.note',
  'd.name as donor_name',
  'd.email as donor_email',
] as const;

/**
 * One page of gifts, newest first, with the count of all filtered gifts and the sum of those
 * that arrived (status succeeded, less partial refunds): pending, failed, refunded and disputed
 * money is not money the association has.
 */
export async function listDonations(db: Executor, filter: DonationFilter, pageSize: number) {
  const base = filteredDonations(db, filter);
  const [rows, totals] = await Promise.all([
    base
      .leftJoin('donation_purposes as p', 'p.id', 'g.purpose_id')
      .select([...listColumns, 'p.name_de as purpose_name'])
      .orderBy('g.donated_on', 'desc')
      .orderBy('g.id', 'desc')
      .limit(pageSize)
      .offset((filter.page - 1) * pageSize)
      .execute(),
    base
      .select([
        sql<number>`count(*)::int`.as('count'),
        sql<number>`coalesce(sum(g.amount_cents - g.refunded_cents) filter (where g.status = 'succeeded'), 0)::bigint`.as('succeeded_cents'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(totals.count), succeededCents: Number(totals.succeeded_cents) };
}

/** Every filtered gift for the CSV export, oldest first (the order of a cash book). */
export function donationsForExport(db: Executor, filter: Omit<DonationFilter, 'page'>) {
  return filteredDonations(db, filter)
    .leftJoin('donation_purposes as p', 'p.id', 'g.purpose_id')
    .select([
      ...listColumns,
      'p.name_de as purpose_name',
      'd.street',
      'd.postal_code',
      'd.city',
      'd.country',
      'g.waived_claim',
      'g.in_kind_description',
      'g.stripe_payment_intent_id',
      'g.stripe_invoice_id',
    ])
    .orderBy('g.donated_on')
    .orderBy('g.id')
    .execute();
}

export function findDonation(db: Executor, id: number) {
  return db.selectFrom('donations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the gift: a correction and a Stripe event for the same gift apply one after the other. */
export function findDonationForUpdate(db: Executor, id: number) {
  return db.selectFrom('donations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A gift with its donor, purpose and monthly gift, for the detail page. */
export function findDonationDetails(db: Executor, id: number) {
  return db
    .selectFrom('donations as g')
    .leftJoin('donors as d', 'd.id', 'g.donor_id')
    .leftJoin('donation_purposes as p', 'p.id', 'g.purpose_id')
    .leftJoin('donation_subscriptions as s', 's.id', 'g.subscription_id')
    .selectAll('g')
    .select([
      'd.name as donor_name',
      'd.street as donor_street',
      'd.postal_code as donor_postal_code',
      'd.city as donor_city',
      'd.email as donor_email',
      'p.name_de as purpose_name',
      'p.active as purpose_active',
      's.stripe_subscription_id',
      's.status as subscription_status',
      's.amount_cents as subscription_amount_cents',
      's.started_on as subscription_started_on',
    ])
    .where('g.id', '=', id)
    .executeTakeFirst();
}

export function insertDonation(db: Executor, values: Omit<Insertable<DonationsTable>, 'id' | 'created_at' | 'updated_at'>, at: Date) {
  return db
    .insertInto('donations')
    .values({ ...values, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateDonationRow(db: Executor, id: number, values: Omit<Updateable<DonationsTable>, 'id' | 'created_at' | 'updated_at'>, at: Date) {
  return db
    .updateTable('donations')
    .set({ ...values, updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- donors

const giftStats = (eb: ExpressionBuilder<DB & { d: DonorsTable }, 'd'>) => [
  eb.selectFrom('donations as g').select(sql<number>`count(*)::int`.as('n')).whereRef('g.donor_id', '=', 'd.id').as('gift_count'),
  eb
    .selectFrom('donations as g')
    .select(sql<number>`coalesce(sum(g.amount_cents - g.refunded_cents), 0)::bigint`.as('s'))
    .whereRef('g.donor_id', '=', 'd.id')
    .where('g.status', '=', 'succeeded')
    .as('succeeded_cents'),
];

function filteredDonors(db: Executor, filter: Omit<DonorFilter, 'page'>) {
  let q = db.selectFrom('donors as d');
  if (filter.q) {
    const term = likeTerm(filter.q);
    q = q.where((eb) =>
      eb.or([eb(sql`lower(d.name)`, 'like', term), eb(sql`lower(coalesce(d.email, ''))`, 'like', term), eb(sql`lower(coalesce(d.city, ''))`, 'like', term)]),
    );
  }
  return q;
}

/** Donors by name, with how many gifts they made and how much arrived. */
export async function listDonors(db: Executor, filter: DonorFilter, pageSize: number) {
  const base = filteredDonors(db, filter);
  const [rows, total] = await Promise.all([
    base
      .select(['d.id', 'd.name', 'd.email', 'd.street', 'd.postal_code', 'd.city', 'd.member_id', 'd.proposed_donor_id', 'd.proposed_member_id'])
      .select((eb) => giftStats(eb as never))
      .orderBy(sql`lower(d.name)`)
      .orderBy('d.id')
      .limit(pageSize)
      .offset((filter.page - 1) * pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
  ]);
  return { rows: rows.map((r) => ({ ...r, gift_count: Number(r.gift_count ?? 0), succeeded_cents: Number(r.succeeded_cents ?? 0) })), total };
}

/** A short list for choosing a donor in the gift forms: matches of the search, or the newest. */
export function searchDonors(db: Executor, q: string | undefined, limit = 30) {
  let query = filteredDonors(db, { q }).select(['d.id', 'd.name', 'd.email', 'd.city']);
  query = q ? query.orderBy(sql`lower(d.name)`) : query.orderBy('d.id', 'desc');
  return query.limit(limit).execute();
}

export function findDonor(db: Executor, id: number) {
  return db.selectFrom('donors').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findDonorForUpdate(db: Executor, id: number) {
  return db.selectFrom('donors').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertDonor(db: Executor, values: Omit<Insertable<DonorsTable>, 'id' | 'created_at' | 'updated_at'>, at: Date) {
  return db
    .insertInto('donors')
    .values({ ...values, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateDonorRow(db: Executor, id: number, values: Omit<Updateable<DonorsTable>, 'id' | 'created_at' | 'updated_at'>, at: Date) {
  return db
    .updateTable('donors')
    .set({ ...values, updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function deleteDonorRow(db: Executor, id: number) {
  return db.deleteFrom('donors').where('id', '=', id).execute();
}

export function findMemberBrief(db: Executor, id: number) {
  return db
    .selectFrom('members')
    .select(['id', 'member_number', 'first_name', 'last_name', 'street', 'postal_code', 'city', 'email', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function donationsOfDonor(db: Executor, donorId: number) {
  return db
    .selectFrom('donations as g')
    .leftJoin('donation_purposes as p', 'p.id', 'g.purpose_id')
    .select(['g.id', 'g.donated_on', 'g.amount_cents', 'g.refunded_cents', 'g.method', 'g.status', 'g.subscription_id', 'g.receipt_wanted', 'g.waiver', 'p.name_de as purpose_name'])
    .where('g.donor_id', '=', donorId)
    .orderBy('g.donated_on', 'desc')
    .orderBy('g.id', 'desc')
    .execute();
}

export function subscriptionsOfDonor(db: Executor, donorId: number) {
  return db
    .selectFrom('donation_subscriptions as s')
    .leftJoin('donation_purposes as p', 'p.id', 's.purpose_id')
    .select(['s.id', 's.amount_cents', 's.status', 's.started_on', 's.canceled_at', 's.stripe_subscription_id', 'p.name_de as purpose_name'])
    .where('s.donor_id', '=', donorId)
    .orderBy('s.started_on', 'desc')
    .execute();
}

/** Gifts in count and sum (what arrived) of one donor, for the side-by-side review. */
export async function giftSummaryOfDonor(db: Executor, donorId: number) {
  const r = await db
    .selectFrom('donations as g')
    .select([
      sql<number>`count(*)::int`.as('n'),
      sql<number>`coalesce(sum(g.amount_cents - g.refunded_cents) filter (where g.status = 'succeeded'), 0)::bigint`.as('s'),
      sql<string | null>`max(g.donated_on)::text`.as('last'),
    ])
    .where('g.donor_id', '=', donorId)
    .executeTakeFirstOrThrow();
  return { count: Number(r.n), succeededCents: Number(r.s), lastOn: r.last };
}

/** Donors whose e-mail matched someone else's while name or address did not: the treasurer decides. */
export function listProposedMatches(db: Executor) {
  return db
    .selectFrom('donors')
    .selectAll()
    .where((eb) => eb.or([eb('proposed_donor_id', 'is not', null), eb('proposed_member_id', 'is not', null)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function countProposedMatches(db: Executor) {
  return db
    .selectFrom('donors')
    .select(sql<number>`count(*)::int`.as('n'))
    .where((eb) => eb.or([eb('proposed_donor_id', 'is not', null), eb('proposed_member_id', 'is not', null)]))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** Merging: the duplicate's gifts and monthly gifts move to the donor it turned out to be. */
export async function moveDonorRecords(db: Executor, fromId: number, toId: number, at: Date) {
  const gifts = await db.updateTable('donations').set({ donor_id: toId, updated_at: at }).where('donor_id', '=', fromId).returning('id').execute();
  const subscriptions = await db.updateTable('donation_subscriptions').set({ donor_id: toId, updated_at: at }).where('donor_id', '=', fromId).returning('id').execute();
  // Another new donor proposed as a match for the duplicate is now a candidate of the survivor.
  await db.updateTable('donors').set({ proposed_donor_id: toId }).where('proposed_donor_id', '=', fromId).where('id', '<>', toId).execute();
  await db.updateTable('donors').set({ proposed_donor_id: null }).where('id', '=', toId).where('proposed_donor_id', '=', fromId).execute();
  return { donationIds: gifts.map((g) => g.id), subscriptionIds: subscriptions.map((s) => s.id) };
}

// ---- purposes and page settings

export function listPurposes(db: Executor, options: { activeOnly?: boolean } = {}) {
  let q = db
    .selectFrom('donation_purposes as p')
    .selectAll('p')
    .select((eb) => eb.selectFrom('donations as g').select(sql<number>`count(*)::int`.as('n')).whereRef('g.purpose_id', '=', 'p.id').as('gift_count'))
    .orderBy('p.active', 'desc')
    .orderBy('p.name_de');
  if (options.activeOnly) q = q.where('p.active', '=', true);
  return q.execute().then((rows) => rows.map((r) => ({ ...r, gift_count: Number(r.gift_count ?? 0) })));
}

export function findPurpose(db: Executor, id: number) {
  return db.selectFrom('donation_purposes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPurposeBySlug(db: Executor, slug: string) {
  return db.selectFrom('donation_purposes').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function insertPurpose(db: Executor, values: { slug: string; name_de: string; name_en: string | null; name_ar: string | null; name_tr: string | null; active: boolean }, at: Date) {
  return db
    .insertInto('donation_purposes')
    .values({ ...values, created_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updatePurposeRow(db: Executor, id: number, values: { name_de: string; name_en: string | null; name_ar: string | null; name_tr: string | null; active: boolean }) {
  return db.updateTable('donation_purposes').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function getDonationSettings(db: Executor) {
  const row = await db.selectFrom('association').select(['donation_min_cents', 'donation_max_cents', 'donation_presets', 'donation_methods']).executeTakeFirst();
  if (!row) return null;
  return { min_cents: Number(row.donation_min_cents), max_cents: Number(row.donation_max_cents), presets: row.donation_presets.map(Number), methods: row.donation_methods };
}

/** Locks the association row: two saves of the settings do not interleave. */
export async function getDonationSettingsForUpdate(db: Executor) {
  const row = await db.selectFrom('association').select(['donation_min_cents', 'donation_max_cents', 'donation_presets', 'donation_methods']).forUpdate().executeTakeFirst();
  if (!row) return null;
  return { min_cents: Number(row.donation_min_cents), max_cents: Number(row.donation_max_cents), presets: row.donation_presets.map(Number), methods: row.donation_methods };
}

export function updateDonationSettingsRow(db: Executor, values: { min_cents: number; max_cents: number; presets: number[]; methods: string[] }, at: Date) {
  return db
    .updateTable('association')
    .set({
      donation_min_cents: values.min_cents,
      donation_max_cents: values.max_cents,
      donation_presets: JSON.stringify(values.presets),
      donation_methods: JSON.stringify(values.methods),
      updated_at: at,
    })
    .execute();
}
