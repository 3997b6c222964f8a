import { sql } from 'kysely';
import type { MembersTable } from '../../db/schema';
import type { Executor } from '../deps';
import type { MemberFilter, MembershipTypeInput } from './schemas';

export function listMembershipTypes(db: Executor, options: { activeOnly?: boolean } = {}) {
  let q = db
    .selectFrom('membership_types')
    .selectAll('membership_types')
    .select((eb) =>
      eb
        .selectFrom('members')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('members.membership_type_id', '=', 'membership_types.id')
        .where('members.status', '=', 'active')
        .as('active_members'),
    )
    .orderBy('name');
  if (options.activeOnly) q = q.where('active', '=', true);
  return q.execute();
}

export function findMembershipType(db: Executor, id: number) {
  return db.selectFrom('membership_types').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMembershipTypeByName(db: Executor, name: string) {
  return db.selectFrom('membership_types').selectAll().where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
}

export function insertMembershipType(db: Executor, input: MembershipTypeInput, at: Date) {
  return db
    .insertInto('membership_types')
    .values({ ...input, reduced_fee_cents: input.reduced_fee_cents ?? null, created_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateMembershipTypeRow(db: Executor, id: number, input: MembershipTypeInput) {
  return db
    .updateTable('membership_types')
    .set({ ...input, reduced_fee_cents: input.reduced_fee_cents ?? null })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

type MemberValues = Omit<MembersTable, 'id' | 'member_number' | 'created_at' | 'updated_at' | 'country' | 'reduced_fee' | 'language'> & {
  country: string;
  reduced_fee: boolean;
  language: 'de' | 'en' | 'ar' | 'tr';
};

export function nextMemberNumber(db: Executor) {
  return sql<{ n: number }>`select nextval('member_number_seq')::int as n`.execute(db).then((r) => r.rows[0]!.n);
}

export function insertMember(db: Executor, values: MemberValues & { member_number: number | null }, at: Date) {
  return db
    .insertInto('members')
    .values({ ...values, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateMemberRow(db: Executor, id: number, values: Partial<MemberValues> & { member_number?: number | null }, at: Date) {
  return db
    .updateTable('members')
    .set({ ...values, updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findMember(db: Executor, id: number) {
  return db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the row: an edit and a concurrent edit of the same member are applied one after the other. */
export function findMemberForUpdate(db: Executor, id: number) {
  return db.selectFrom('members').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findMemberDetails(db: Executor, id: number) {
  return db
    .selectFrom('members as m')
    .innerJoin('membership_types as t', 't.id', 'm.membership_type_id')
    .leftJoin('members as p', 'p.id', 'm.payer_member_id')
    .selectAll('m')
    .select(['t.name as type_name', 't.fee_cents', 't.reduced_fee_cents', 't.interval', 'p.first_name as payer_first_name', 'p.last_name as payer_last_name', 'p.member_number as payer_member_number'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

export function membersPaidBy(db: Executor, payerId: number) {
  return db
    .selectFrom('members')
    .select(['id', 'member_number', 'first_name', 'last_name', 'status'])
    .where('payer_member_id', '=', payerId)
    .orderBy('last_name')
    .execute();
}

function filtered(db: Executor, filter: Omit<MemberFilter, 'page'>) {
  let q = db.selectFrom('members as m').innerJoin('membership_types as t', 't.id', 'm.membership_type_id');
  if (filter.status) q = q.where('m.status', '=', filter.status);
  if (filter.type) q = q.where('m.membership_type_id', '=', filter.type);
  if (filter.ids) q = filter.ids.length ? q.where('m.id', 'in', filter.ids) : q.where(sql<boolean>`false`);
  if (filter.q) {
    const term = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const number = /^\d+$/.test(filter.q) ? Number(filter.q) : null;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(m.first_name || ' ' || m.last_name)`, 'like', term),
        eb(sql`lower(m.last_name || ' ' || m.first_name)`, 'like', term),
        eb(sql`lower(coalesce(m.email, ''))`, 'like', term),
        eb(sql`lower(coalesce(m.city, ''))`, 'like', term),
        ...(number !== null ? [eb('m.member_number', '=', number)] : []),
      ]),
    );
  }
  return q;
}

export async function listMembers(db: Executor, filter: MemberFilter, pageSize: number) {
  const base = filtered(db, filter);
  const [rows, total] = await Promise.all([
    base
      .leftJoin('members as p', 'p.id', 'm.payer_member_id')
      .select([
        'm.id',
        'm.member_number',
        'm.first_name',
        'm.last_name',
        'm.city',
        'm.email',
        'm.status',
        'm.join_date',
        'm.exit_date',
        'm.payment_method',
        'm.reduced_fee',
        't.name as type_name',
        'p.member_number as payer_member_number',
      ])
      .orderBy('m.last_name')
      .orderBy('m.first_name')
      .orderBy('m.id')
      .limit(pageSize)
      .offset((filter.page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => r.n),
  ]);
  return { rows, total };
}

/** Everything the CSV export holds, in member-number order (no notes: they stay in the app). */
export function membersForExport(db: Executor, filter: Omit<MemberFilter, 'page'>) {
  return filtered(db, filter)
    .leftJoin('members as p', 'p.id', 'm.payer_member_id')
    .select([
      'm.member_number',
      'm.last_name',
      'm.first_name',
      'm.street',
      'm.postal_code',
      'm.city',
      'm.country',
      'm.email',
      'm.phone',
      'm.birth_date',
      'm.join_date',
      'm.exit_date',
      'm.status',
      't.name as type_name',
      't.fee_cents',
      't.reduced_fee_cents',
      't.interval',
      'm.reduced_fee',
      'm.payment_method',
      'p.member_number as payer_member_number',
      'm.consent_newsletter_on',
      'm.consent_photos_on',
    ])
    .orderBy('m.member_number')
    .orderBy('m.id')
    .execute();
}

export function findMemberIdByNumber(db: Executor, memberNumber: number) {
  return db.selectFrom('members').select('id').where('member_number', '=', memberNumber).executeTakeFirst();
}

export function insertApplication(
  db: Executor,
  row: { member_id: number; submitted_at: Date; submission_key: string | null; iban: string | null; bic: string | null; account_holder: string | null; mandate_text: string | null },
) {
  return db.insertInto('member_applications').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findApplicationBySubmission(db: Executor, submissionKey: string) {
  return db.selectFrom('member_applications').select(['id', 'member_id']).where('submission_key', '=', submissionKey).executeTakeFirst();
}

/** The open application with its applicant, locked: accepting and declining never run twice. */
export function findOpenApplicationForUpdate(db: Executor, id: number) {
  return db
    .selectFrom('member_applications as a')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .selectAll('a')
    .select(['m.status', 'm.first_name', 'm.last_name', 'm.email', 'm.language', 'm.membership_type_id', 'm.reduced_fee', 'm.payment_method'])
    .where('a.id', '=', id)
    .where('a.accepted_at', 'is', null)
    .where('m.status', '=', 'applicant')
    .forUpdate()
    .executeTakeFirst();
}

/** Open applications, oldest first, with members already known under the same e-mail address. */
export function listOpenApplications(db: Executor) {
  return db
    .selectFrom('member_applications as a')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .innerJoin('membership_types as t', 't.id', 'm.membership_type_id')
    .select([
      'a.id',
      'a.member_id',
      'a.submitted_at',
      'a.iban',
      'a.account_holder',
      'm.first_name',
      'm.last_name',
      'm.email',
      'm.street',
      'm.postal_code',
      'm.city',
      'm.birth_date',
      'm.language',
      'm.payment_method',
      'm.reduced_fee',
      'm.membership_type_id',
      't.name as type_name',
      't.fee_cents',
      't.reduced_fee_cents',
      't.interval',
    ])
    .select((eb) =>
      eb
        .selectFrom('members as o')
        .select(sql<string>`string_agg(coalesce(o.member_number::text, '–') || ' ' || o.first_name || ' ' || o.last_name, ', ')`.as('names'))
        .whereRef('o.email', '=', 'm.email')
        .whereRef('o.id', '<>', 'm.id')
        .as('same_email'),
    )
    .where('a.accepted_at', 'is', null)
    .where('m.status', '=', 'applicant')
    .orderBy('a.submitted_at')
    .execute();
}

export function countOpenApplications(db: Executor) {
  return db
    .selectFrom('member_applications as a')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.accepted_at', 'is', null)
    .where('m.status', '=', 'applicant')
    .executeTakeFirstOrThrow()
    .then((r) => r.n);
}

/** After acceptance the account lives in the mandate; the application keeps only its evidence. */
export function markApplicationAccepted(db: Executor, id: number, values: { accepted_at: Date; mandate_id: number | null }) {
  return db.updateTable('member_applications').set({ ...values, iban: null, bic: null, account_holder: null }).where('id', '=', id).execute();
}

export function deleteMember(db: Executor, id: number) {
  return db.deleteFrom('members').where('id', '=', id).execute();
}

/** Serialises two submissions of the same form (a double click) until the first has committed. */
export function lockSubmission(db: Executor, key: string) {
  return sql`select pg_advisory_xact_lock(hashtextextended(${`application:${key}`}, 0))`.execute(db);
}
