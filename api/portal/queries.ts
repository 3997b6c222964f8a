import { sql } from 'kysely';
import type { Executor } from '../deps';

/**
 * The portal's SQL. It writes only its own tables (portal_tokens, portal_sessions); changes to
 * a member, a mandate or a claim go through the owning area's operations. Every read here takes
 * the member id of the portal session, never one from a URL: a member can only reach their own
 * rows (and, for dues, the claims they pay as the family's payer).
 */

// ---- sessions

export function insertPortalSession(db: Executor, s: { id: string; memberId: number; createdAt: Date; expiresAt: Date }) {
  return db.insertInto('portal_sessions').values({ id: s.id, member_id: s.memberId, created_at: s.createdAt, expires_at: s.expiresAt }).execute();
}

export function findPortalSessionWithMember(db: Executor, id: string) {
  return db
    .selectFrom('portal_sessions as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .select(['s.expires_at', 'm.id', 'm.member_number', 'm.first_name', 'm.last_name', 'm.email', 'm.language', 'm.status'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export function extendPortalSession(db: Executor, id: string, expiresAt: Date) {
  return db.updateTable('portal_sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export function deletePortalSession(db: Executor, id: string) {
  return db.deleteFrom('portal_sessions').where('id', '=', id).execute();
}

export function deleteExpiredPortalSessions(db: Executor, now: Date) {
  return db.deleteFrom('portal_sessions').where('expires_at', '<', now).execute();
}

// ---- mailed links

export type PortalTokenPurpose = 'login' | 'email_change';

export function insertPortalToken(
  db: Executor,
  t: { memberId: number; purpose: PortalTokenPurpose; hash: string; newEmail: string | null; createdAt: Date; expiresAt: Date },
) {
  return db
    .insertInto('portal_tokens')
    .values({ member_id: t.memberId, purpose: t.purpose, token_hash: t.hash, new_email: t.newEmail, created_at: t.createdAt, expires_at: t.expiresAt })
    .execute();
}

/** A link that could still be used, without using it (to show its page). */
export function findUsablePortalToken(db: Executor, hash: string, purpose: PortalTokenPurpose, now: Date) {
  return db
    .selectFrom('portal_tokens')
    .select(['member_id', 'new_email'])
    .where('token_hash', '=', hash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * Uses a link: one statement that only succeeds while the link is unused and unexpired, so two
 * concurrent clicks (or a replay) find it spent — the second gets no row.
 */
export function consumePortalToken(db: Executor, hash: string, purpose: PortalTokenPurpose, now: Date) {
  return db
    .updateTable('portal_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['member_id', 'new_email'])
    .executeTakeFirst();
}

/** Spends a member's other open links of a kind: only the newest mail's link stays good. */
export function spendPortalTokens(db: Executor, memberId: number, purpose: PortalTokenPurpose, now: Date) {
  return db
    .updateTable('portal_tokens')
    .set({ used_at: now })
    .where('member_id', '=', memberId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

export function deleteExpiredPortalTokens(db: Executor, before: Date) {
  return db.deleteFrom('portal_tokens').where('expires_at', '<', before).execute();
}

// ---- the member

/** Members who may log in with this address (several share one: a family). */
export function activeMembersByEmail(db: Executor, email: string) {
  return db
    .selectFrom('members')
    .select(['id', 'first_name', 'last_name', 'email', 'language'])
    .where(sql<string>`lower(email)`, '=', email)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
}

/** The whole member row, locked: the portal's change is applied on the latest state. */
export function findMemberRowForUpdate(db: Executor, id: number) {
  return db.selectFrom('members').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** What the overview shows: the record with its membership type and, for a family, the payer's name. */
export function memberOverview(db: Executor, id: number) {
  return db
    .selectFrom('members as m')
    .innerJoin('membership_types as t', 't.id', 'm.membership_type_id')
    .leftJoin('members as p', 'p.id', 'm.payer_member_id')
    .select([
      'm.id',
      'm.member_number',
      'm.first_name',
      'm.last_name',
      'm.street',
      'm.postal_code',
      'm.city',
      'm.country',
      'm.email',
      'm.phone',
      'm.join_date',
      'm.reduced_fee',
      'm.payment_method',
      'm.payer_member_id',
      't.name as type_name',
      't.fee_cents',
      't.reduced_fee_cents',
      't.interval',
      'p.first_name as payer_first_name',
      'p.last_name as payer_last_name',
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

/** Everything of the member row, with the membership type's name (the data export). */
export function memberRecord(db: Executor, id: number) {
  return db
    .selectFrom('members as m')
    .innerJoin('membership_types as t', 't.id', 'm.membership_type_id')
    .selectAll('m')
    .select(['t.name as type_name', 't.fee_cents', 't.reduced_fee_cents', 't.interval'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

/** Who the member pays for (first and last name only). */
export function familyPaidBy(db: Executor, payerId: number) {
  return db.selectFrom('members').select(['first_name', 'last_name']).where('payer_member_id', '=', payerId).orderBy('last_name').execute();
}

export function applicationOf(db: Executor, memberId: number) {
  return db
    .selectFrom('member_applications')
    .select(['submitted_at', 'accepted_at', 'iban', 'bic', 'account_holder', 'mandate_text'])
    .where('member_id', '=', memberId)
    .executeTakeFirst();
}

// ---- mandates

export function activeMandateOfMember(db: Executor, memberId: number) {
  return db
    .selectFrom('sepa_mandates')
    .select(['reference', 'iban', 'bic', 'account_holder', 'signed_on'])
    .where('member_id', '=', memberId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export function mandatesOfMember(db: Executor, memberId: number) {
  return db
    .selectFrom('sepa_mandates')
    .select(['reference', 'signed_on', 'iban', 'bic', 'account_holder', 'status', 'last_collected_on', 'revoked_on', 'revoked_reason', 'signed_online_text', 'created_at'])
    .where('member_id', '=', memberId)
    .orderBy('id')
    .execute();
}

export function countMandatesOfMember(db: Executor, memberId: number) {
  return db
    .selectFrom('sepa_mandates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** The creditor as a mandate names it (spec/sepa.md §7.1). */
export function mandateCreditor(db: Executor) {
  return db.selectFrom('association').select(['name', 'street', 'postal_code', 'city', 'creditor_id', 'prenotification_days']).executeTakeFirst();
}

// ---- dues: the member's own claims and those they pay as the family's payer

function claimsInScope(db: Executor, memberId: number) {
  return db
    .selectFrom('claims as c')
    .where((eb) => eb.or([eb('c.member_id', '=', memberId), eb('c.debtor_member_id', '=', memberId)]));
}

export function claimsOfPortalMember(db: Executor, memberId: number) {
  return claimsInScope(db, memberId)
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .select(['c.id', 'c.label', 'c.period_start', 'c.period_end', 'c.due_date', 'c.amount_cents', 'c.paid_cents', 'c.status', 'c.kind', 'c.member_id', 'm.first_name', 'm.last_name'])
    .orderBy('c.due_date', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

export function paymentsOfPortalMember(db: Executor, memberId: number) {
  return claimsInScope(db, memberId)
    .innerJoin('payments as p', 'p.claim_id', 'c.id')
    .select(['p.id', 'p.claim_id', 'c.label', 'p.amount_cents', 'p.paid_on', 'p.method', 'p.reversed_on', 'p.reversal_reason'])
    .orderBy('p.paid_on', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

export function remindersOfPortalMember(db: Executor, memberId: number) {
  return claimsInScope(db, memberId)
    .innerJoin('reminders as r', 'r.claim_id', 'c.id')
    .select(['r.claim_id', 'c.label', 'r.level', 'r.sent_on'])
    .orderBy('r.sent_on')
    .orderBy('r.id')
    .execute();
}

/** Mails to an address: when and what about (the body stays in the outbox). */
export function mailsTo(db: Executor, email: string) {
  return db
    .selectFrom('outbox')
    .select(['created_at', 'sent_at', 'subject', 'status'])
    .where(sql<string>`lower(to_address)`, '=', email.toLowerCase())
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
