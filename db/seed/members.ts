import type { Config } from '../../api/config';
import type { Actor, Clock, Executor } from '../../api/deps';
import { recordPayment } from '../../api/dues/record-payment';
import { runDues } from '../../api/dues/run-dues';
import { runDunning } from '../../api/dues/run-dunning';
import { addDays, berlinToday } from '../../api/lib/dates';
import { createMember } from '../../api/members/create-member';
import { saveMembershipType } from '../../api/members/save-membership-type';
import { submitApplication } from '../../api/members/submit-application';
import type { MemberInput } from '../../api/members/schemas';
import { bookCollection } from '../../api/sepa/book-collection';
import { createMandate } from '../../api/sepa/create-mandate';
import { exportCollection } from '../../api/sepa/export-collection';
import { prepareCollection } from '../../api/sepa/prepare-collection';
import { recordReturn } from '../../api/sepa/record-return';
import { germanIban } from './iban';
import { BERLIN_STREETS } from './names';
import { bankName, person, uniqueEmail } from './people';
import type { Rng } from './random';

const DAY = 86_400_000;
const BANK_CODES = ['10020890', '10050000', '10070024', '10090000', '12030000', '10010010', '37040044', '50010517'];

/**
 * The members-and-dues area of the demo: membership types, a few hundred members (an existing
 * list taken over at setup, then people joining since), SEPA mandates, yearly dues runs,
 * quarterly direct-debit collections with pre-notifications, transfers (and a few missing),
 * two returned debits and a dunning run — all through the app's own operations, each at its
 * moment in the past.
 */
export async function seedMembers(trx: Executor, rng: Rng, clock: Clock, config: Config, options: { members?: number } = {}) {
  const now = clock.now().getTime();
  const at = (ms: number) => ({ clock: { now: () => new Date(ms) }, config });
  const today = berlinToday(new Date(now));
  const treasurerRow = await trx.selectFrom('users').select(['id', 'name', 'email']).where('role', '=', 'treasurer').where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow();
  const actor: Actor = { kind: 'user', id: treasurerRow.id, label: `${treasurerRow.name} <${treasurerRow.email}>`, role: 'treasurer' };
  const setup = await trx.selectFrom('audit_log').select('at').where('action', '=', 'setup.completed').executeTakeFirstOrThrow();
  const takeover = setup.at.getTime() + 10 * DAY;

  const types = {
    regular: await saveMembershipType(trx, { id: null, type: { name: 'Ordentliches Mitglied', fee_cents: 6000, reduced_fee_cents: 2400, interval: 'yearly', active: true }, actor }, at(takeover)),
    supporting: await saveMembershipType(trx, { id: null, type: { name: 'Fördermitglied', fee_cents: 500, interval: 'monthly', active: true }, actor }, at(takeover)),
    quarterly: await saveMembershipType(trx, { id: null, type: { name: 'Mitglied (vierteljährlich)', fee_cents: 1500, interval: 'quarterly', active: true }, actor }, at(takeover)),
  };

  const taken = new Set<string>();
  const count = options.members ?? 240;
  const payers: { id: number; recordedAt: number }[] = [];
  let members = 0;
  let mandates = 0;
  for (let i = 0; i < count; i++) {
    const p = person(rng);
    // Three in four were members before Kassenwart came; the others joined since.
    const before = rng.chance(0.75);
    const joinedAt = before ? takeover - rng.int(30, 9 * 365) * DAY : takeover + rng.int(1, Math.max(2, Math.floor((now - takeover) / DAY) - 20)) * DAY;
    const recordedAt = before ? takeover : joinedAt;
    const kind = rng.chance(0.7) ? types.regular : rng.chance(0.6) ? types.supporting : types.quarterly;
    // A family's payer was recorded before the member it pays for (their mandate must be older than the debits).
    const earlier = payers.filter((p) => p.recordedAt <= recordedAt);
    const family = earlier.length > 10 && rng.chance(0.08) ? rng.pick(earlier).id : null;
    const method = family ? 'transfer' : rng.chance(0.62) ? 'sepa_debit' : rng.chance(0.92) ? 'transfer' : 'card';
    const left = rng.chance(0.07) ? berlinToday(new Date(Math.min(now - DAY, joinedAt + rng.int(200, 2000) * DAY))) : null;
    const { street, postalCode } = rng.pick(BERLIN_STREETS);
    const input: MemberInput = {
      first_name: p.first,
      last_name: p.last,
      street: `${street} ${rng.int(1, 180)}`,
      postal_code: postalCode,
      city: 'Berlin',
      country: 'DE',
      email: rng.chance(0.92) ? uniqueEmail(p, rng, taken) : undefined,
      join_date: berlinToday(new Date(joinedAt)),
      exit_date: left && left > berlinToday(new Date(joinedAt)) ? left : undefined,
      status: left && left > berlinToday(new Date(joinedAt)) ? 'left' : 'active',
      membership_type_id: kind.id,
      reduced_fee: kind === types.regular && rng.chance(0.2),
      payment_method: method,
      payer_member_id: family ?? undefined,
      consent_newsletter_on: rng.chance(0.5) ? berlinToday(new Date(recordedAt)) : undefined,
      consent_photos_on: rng.chance(0.3) ? berlinToday(new Date(recordedAt)) : undefined,
      language: rng.pick(['de', 'de', 'de', 'de', 'ar', 'ar', 'tr', 'en'] as const),
    };
    const member = await createMember(trx, { member: input, actor }, at(recordedAt));
    members++;
    if (!family && input.status === 'active' && !input.reduced_fee) payers.push({ id: member.id, recordedAt });
    if (method === 'sepa_debit') {
      await createMandate(
        trx,
        { memberId: member.id, mandate: { signed_on: berlinToday(new Date(recordedAt)), iban: germanIban(rng.pick(BANK_CODES), rng.int(1_000_000, 999_999_999)), account_holder: bankName(p) }, actor },
        at(recordedAt),
      );
      mandates++;
    }
  }

  // Dues: one run per year since the takeover, at the start of each year.
  const firstYear = Number(berlinToday(new Date(takeover)).slice(0, 4));
  const thisYear = Number(today.slice(0, 4));
  for (let year = firstYear; year <= thisYear; year++) {
    const runAt = Math.max(takeover + DAY, Date.parse(`${year}-01-03T09:00:00Z`));
    await runDues(trx, { period_from: `${year}-01-01`, period_to: `${year}-12-31`, actor }, at(runAt));
  }

  // Direct debits: a collection each quarter, pre-notified 16 days ahead, booked on the day.
  let collections = 0;
  const returned: number[] = [];
  for (let due = Date.parse(`${firstYear}-02-15T00:00:00Z`); due < now - 20 * DAY; due = Date.parse(`${addDays(new Date(due).toISOString().slice(0, 10), 92).slice(0, 7)}-15T00:00:00Z`)) {
    const dueDate = new Date(due).toISOString().slice(0, 10);
    if (due - 16 * DAY < takeover) continue;
    let collectionId: number;
    try {
      collectionId = (await prepareCollection(trx, { dueDate, actor }, at(due - 16 * DAY))).collection.id;
    } catch {
      continue; // nothing due that quarter
    }
    await exportCollection(trx, { collectionId, actor }, at(due - 15 * DAY));
    await bookCollection(trx, { collectionId, actor }, at(due + 2 * DAY));
    collections++;
    if (returned.length < 2) {
      const debit = await trx.selectFrom('sepa_debits').select('id').where('collection_id', '=', collectionId).where('status', '=', 'collected').orderBy('id').offset(3).executeTakeFirst();
      if (debit) {
        await recordReturn(trx, { debitId: debit.id, reason: returned.length ? 'AC04' : 'AM04', feeCents: 350, actor }, at(due + 5 * DAY));
        returned.push(debit.id);
      }
    }
  }

  // Transfers: most claims of transfer payers are paid within weeks; some are not (arrears).
  const open = await trx
    .selectFrom('claims as c')
    .innerJoin('members as d', 'd.id', 'c.debtor_member_id')
    .select(['c.id', 'c.amount_cents', 'c.due_date'])
    .where('c.status', '=', 'open')
    .where('c.kind', '=', 'dues')
    .where('d.payment_method', '!=', 'sepa_debit')
    .where('c.due_date', '<', addDays(today, -10))
    .orderBy('c.id')
    .execute();
  let payments = 0;
  for (const claim of open) {
    if (!rng.chance(0.86)) continue;
    const paidOn = addDays(claim.due_date, rng.int(0, 45));
    if (paidOn > today) continue;
    const part = rng.chance(0.05) ? Math.floor(claim.amount_cents / 2) : claim.amount_cents;
    await recordPayment(trx, { claimId: claim.id, payment: { amount_cents: part, paid_on: paidOn, method: rng.chance(0.9) ? 'transfer' : 'cash' }, actor }, at(Date.parse(`${paidOn}T15:00:00Z`)));
    payments++;
  }

  const dunning = await runDunning(trx, { actor }, at(now - 2 * DAY));

  // A few online applications of the last days, waiting for the treasurer (in each member language).
  const web: Actor = { kind: 'anonymous', id: null, label: 'Online-Mitgliedsantrag', role: null };
  let applications = 0;
  for (const language of ['ar', 'tr', 'de'] as const) {
    const p = person(rng);
    const { street, postalCode } = rng.pick(BERLIN_STREETS);
    const debit = rng.chance(0.7);
    await submitApplication(
      trx,
      {
        application: {
          first_name: p.first,
          last_name: p.last,
          street: `${street} ${rng.int(1, 180)}`,
          postal_code: postalCode,
          city: 'Berlin',
          country: 'DE',
          email: uniqueEmail(p, rng, taken),
          membership_type_id: rng.chance(0.7) ? types.regular.id : types.supporting.id,
          reduced_fee: false,
          payment_method: debit ? 'sepa_debit' : 'transfer',
          account_holder: debit ? bankName(p) : undefined,
          iban: debit ? germanIban(rng.pick(BANK_CODES), rng.int(1_000_000, 999_999_999)) : undefined,
          bic: undefined,
          mandate_agreed: debit,
          privacy_agreed: true,
          consent_newsletter: rng.chance(0.5),
          consent_photos: false,
          language,
        },
        actor: web,
      },
      at(now - rng.int(1, 6) * DAY),
    );
    applications++;
  }
  return { members, mandates, collections, payments, returns: returned.length, reminders: dunning.reminders, applications };
}
