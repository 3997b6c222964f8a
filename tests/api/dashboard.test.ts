import { beforeAll, expect, it } from 'vitest';
import type { ClaimStatus } from '../../db/schema';
import { testApp, type TestApp } from '../helpers/app';
import type { Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createDonor, createGift, createPurpose } from '../helpers/donor-factories';
import { createAssociation, signedIn } from '../helpers/factories';
import { createFunder, createGrantApplication, createGrantDeadline } from '../helpers/grant-factories';

/**
 * The finance dashboard (issue #7) on both engines: a world of members, claims, payments, returned
 * debits, donations, monthly gifts and grants written straight to the tables; the page's figures
 * (data-figure / data-value) and the JSON API's must equal what this test sums itself from that
 * world, for the year to date, a year, a quarter, and the same period last year. Test clock:
 * 2026-11-24 (Berlin).
 */

const TODAY = '2026-11-24';
const at = new Date('2026-01-01T00:00:00Z');
const IBAN = 'DE89370400440532013000';
const SECRET_NOTE = 'GEHEIME-NOTIZ-4711';

/** Every figure of a page: data-figure → data-value. */
function figuresOf(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(/data-figure="([^"]+)" data-value="(-?\d+)"/g)) {
    expect(out[m[1]!], `figure ${m[1]} appears once`).toBeUndefined();
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const within = (d: string | null, from: string, to: string) => d !== null && d >= from && d <= to;

describeEachEngine('the finance dashboard', (database) => {
  let t: TestApp;
  let treasurer: Client;
  let board: Client;
  let member: Client;

  beforeAll(async () => {
    t = testApp(database());
    await createAssociation(t.db);
    treasurer = (await signedIn(t, 'treasurer')).client;
    board = (await signedIn(t, 'board')).client;
    member = (await signedIn(t, 'member')).client;
  });

  it('shows zeros and empty states on an empty database, as page and JSON, without an error', async () => {
    const res = await board.get('/dashboard');
    expect(res.status).toBe(200);
    const html = await res.text();
    const f = figuresOf(html);
    for (const key of ['income.total', 'income.previous.total', 'dues.expected', 'dues.open', 'dues.arrears.total', 'dues.returned.count', 'members.total', 'donations.sum', 'donations.donors', 'donations.average', 'donations.recurring.monthly', 'grants.approved', 'grants.overdue.count']) {
      expect([key, f[key]]).toEqual([key, 0]);
    }
    expect(html).toContain('In diesem Zeitraum und im Vorjahreszeitraum ist nichts eingegangen.');
    expect(html).toContain('Keine Rückstände.');
    expect(html).toContain('In diesem Zeitraum sind keine Spenden eingegangen.');
    expect(html).toContain('Noch keine Förderanträge.');
    expect(html).toContain('Keine offenen Fristen.');
    expect(html).toContain('0,00\u00a0€');
    const api = await board.get('/api/v1/dashboard?period=2025-Q2');
    expect(api.status).toBe(200);
    const json = await api.json();
    expect(json.period).toMatchObject({ kind: 'quarter', from: '2025-04-01', to: '2025-06-30', as_of: '2025-06-30' });
    expect(json.income.totals.total).toBe(0);
    expect(json.income.months.map((m: { month: string }) => m.month)).toEqual(['2025-04', '2025-05', '2025-06']);
    expect(json.grants.next).toEqual([]);
  });

  // ---- the world

  const types: Record<string, number> = {};
  const members: { key: string; type: string; join: string | null; exit: string | null; status: 'active' | 'left' | 'applicant'; id?: number }[] = [
    { key: 'm1', type: 'A', join: '2019-05-01', exit: null, status: 'active' },
    { key: 'm2', type: 'A', join: '2026-03-10', exit: null, status: 'active' },
    { key: 'm3', type: 'B', join: '2025-06-01', exit: '2026-05-15', status: 'left' },
    { key: 'm4', type: 'B', join: '2026-07-20', exit: null, status: 'active' },
    { key: 'm5', type: 'A', join: '2025-02-01', exit: '2025-10-31', status: 'left' },
    { key: 'm6', type: 'A', join: '2026-11-30', exit: null, status: 'active' },
    { key: 'applicant', type: 'A', join: null, exit: null, status: 'applicant' },
  ];
  const memberId = (key: string) => members.find((m) => m.key === key)!.id!;
  const claims: { member: string; due: string; amount: number; paid: number; status: ClaimStatus }[] = [
    { member: 'm1', due: '2026-01-01', amount: 6000, paid: 6000, status: 'paid' },
    { member: 'm2', due: '2026-03-10', amount: 6000, paid: 2000, status: 'partly_paid' },
    { member: 'm4', due: '2026-07-20', amount: 3000, paid: 0, status: 'open' },
    { member: 'm1', due: '2026-10-30', amount: 1500, paid: 0, status: 'open' },
    { member: 'm3', due: '2026-01-01', amount: 3000, paid: 0, status: 'written_off' },
    { member: 'm5', due: '2025-02-01', amount: 6000, paid: 0, status: 'returned' },
    { member: 'm1', due: '2025-01-01', amount: 6000, paid: 6000, status: 'paid' },
    { member: 'm2', due: '2026-09-01', amount: 500, paid: 0, status: 'open' },
    { member: 'm1', due: '2026-12-01', amount: 700, paid: 0, status: 'open' },
  ];
  // [claim index, paid_on, amount, reversed_on]
  const payments: [number, string, number, string | null][] = [
    [0, '2026-01-15', 6000, null],
    [1, '2026-04-02', 2000, null],
    [5, '2025-03-01', 6000, '2025-03-10'],
    [6, '2025-01-20', 6000, null],
  ];
  // [collection due date, amount, status]
  const debits: [string, number, 'returned' | 'collected'][] = [
    ['2026-06-01', 4000, 'returned'],
    ['2026-06-01', 2000, 'collected'],
    ['2025-03-01', 6000, 'returned'],
  ];
  const purposes: Record<string, number> = {};
  const subs: { donor: string; amount: number; status: 'active' | 'canceled'; started: string; id?: number }[] = [
    { donor: 'd1', amount: 1000, status: 'active', started: '2026-02-01' },
    { donor: 'd2', amount: 2500, status: 'canceled', started: '2025-05-01' },
    { donor: 'd3', amount: 500, status: 'active', started: '2026-12-01' },
    { donor: 'd3', amount: 700, status: 'active', started: '2025-01-01' },
  ];
  const donors: Record<string, number> = {};
  type Gift = { donor: string | null; on: string; amount: number; refunded?: number; status?: 'succeeded' | 'failed' | 'pending' | 'refunded'; purpose?: string; sub?: number };
  const gifts: Gift[] = [
    ...['02', '03', '04', '05', '06', '07', '08', '09', '10', '11'].map((m): Gift => ({ donor: 'd1', on: `2026-${m}-01`, amount: 1000, purpose: 'P1', sub: 0 })),
    { donor: 'd2', on: '2026-03-05', amount: 5000, purpose: 'P2' },
    { donor: 'd3', on: '2026-03-20', amount: 2000 },
    { donor: null, on: '2026-06-01', amount: 3000, purpose: 'P1' },
    { donor: 'd2', on: '2026-08-10', amount: 10000, refunded: 4000 },
    { donor: 'd2', on: '2026-05-05', amount: 9999, status: 'failed' },
    { donor: 'd3', on: '2026-07-07', amount: 7777, status: 'pending' },
    { donor: 'd1', on: '2026-09-09', amount: 8888, status: 'refunded', refunded: 8888 },
    { donor: 'd2', on: '2025-03-01', amount: 4000, purpose: 'P2' },
    { donor: 'd2', on: '2025-06-01', amount: 2500, sub: 1 },
    { donor: 'd3', on: '2025-12-24', amount: 9000 },
  ];
  const grantApps: { key: string; title: string; status: 'running' | 'submitted' | 'rejected' | 'approved'; requested: number; approved: number | null; id?: number }[] = [
    { key: 'a1', title: 'Beratung 2026', status: 'running', requested: 2_000_000, approved: 1_500_000 },
    { key: 'a2', title: 'Sprachcafé', status: 'submitted', requested: 800_000, approved: null },
    { key: 'a3', title: 'Altes Projekt', status: 'rejected', requested: 300_000, approved: null },
    { key: 'a4', title: 'Kinderbetreuung', status: 'approved', requested: 500_000, approved: 400_000 },
  ];
  const grantPayments: [string, string, number][] = [
    ['a1', '2026-02-15', 500_000],
    ['a1', '2025-12-01', 250_000],
    ['a1', '2025-04-01', 100_000],
  ];

  async function buildWorld() {
    types.A = Number((await t.db.insertInto('membership_types').values({ name: 'Ordentlich', fee_cents: 6000, interval: 'yearly', created_at: at }).returning('id').executeTakeFirstOrThrow()).id);
    types.B = Number((await t.db.insertInto('membership_types').values({ name: 'Ermäßigt', fee_cents: 3000, interval: 'yearly', created_at: at }).returning('id').executeTakeFirstOrThrow()).id);
    for (const [i, m] of members.entries()) {
      const row = await t.db
        .insertInto('members')
        .values({
          member_number: m.status === 'applicant' ? null : 100 + i,
          first_name: `Vorname${i}`,
          last_name: `Nachname${i}`,
          street: 'Geheimstraße 9',
          postal_code: '10999',
          city: 'Berlin',
          join_date: m.join,
          exit_date: m.exit,
          status: m.status,
          membership_type_id: types[m.type]!,
          payment_method: 'sepa_debit',
          notes: SECRET_NOTE,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      m.id = Number(row.id);
    }
    const claimIds: number[] = [];
    for (const c of claims) {
      const row = await t.db
        .insertInto('claims')
        .values({
          member_id: memberId(c.member),
          debtor_member_id: memberId(c.member),
          membership_type_id: types[members.find((m) => m.key === c.member)!.type]!,
          period_start: c.due,
          period_end: c.due,
          label: `Beitrag ${c.due}`,
          due_date: c.due,
          amount_cents: c.amount,
          paid_cents: c.paid,
          status: c.status,
          kind: 'fee',
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      claimIds.push(Number(row.id));
    }
    for (const [i, on, amount, reversed] of payments) {
      const c = claims[i]!;
      await t.db
        .insertInto('payments')
        .values({ claim_id: claimIds[i]!, debtor_member_id: memberId(c.member), amount_cents: amount, paid_on: on, method: 'transfer', reference: null, created_at: at, created_by: 'test', reversed_on: reversed, reversal_reason: reversed ? 'MD06' : null })
        .execute();
    }
    const mandate = await t.db
      .insertInto('sepa_mandates')
      .values({ member_id: memberId('m1'), reference: 'KW-1', signed_on: '2019-05-01', iban: IBAN, account_holder: 'Vorname0 Nachname0', status: 'active', created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const collections = new Map<string, number>();
    for (const [due, amount, status] of debits) {
      if (!collections.has(due)) {
        const col = await t.db
          .insertInto('sepa_collections')
          .values({ due_date: due, status: 'booked', message_id: `MSG-${due}`, version: '001.08', xml: null, total_cents: 0, debits: 0, created_at: at, created_by: 'test', exported_at: at, cancelled_at: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        collections.set(due, Number(col.id));
      }
    }
    // one debit per (collection, mandate): further debits of a collection need further mandates
    let n = 0;
    for (const [due, amount, status] of debits) {
      n++;
      const mandateId =
        n === 1
          ? Number(mandate.id)
          : Number(
              (
                await t.db
                  .insertInto('sepa_mandates')
                  .values({ member_id: memberId('m2'), reference: `KW-${n}`, signed_on: '2019-05-01', iban: IBAN, account_holder: 'x', status: 'revoked', created_at: at })
                  .returning('id')
                  .executeTakeFirstOrThrow()
              ).id,
            );
      await t.db
        .insertInto('sepa_debits')
        .values({ collection_id: collections.get(due)!, mandate_id: mandateId, amount_cents: amount, sequence_type: 'RCUR', end_to_end_id: `E2E-${n}`, remittance: 'Beitrag', prenotified_on: due, status, return_reason: status === 'returned' ? 'MD06' : null, return_fee_cents: null })
        .execute();
    }

    purposes.P1 = Number(await createPurpose(t.db, { slug: 'beratung', name_de: 'Beratung', name_en: 'Counselling' }));
    purposes.P2 = Number(await createPurpose(t.db, { slug: 'sprachkurs', name_de: 'Sprachkurs' }));
    for (const key of ['d1', 'd2', 'd3']) donors[key] = Number((await createDonor(t.db, { name: `Spender ${key}`, email: `${key}@example.org` })).id);
    for (const [i, s] of subs.entries()) {
      const row = await t.db
        .insertInto('donation_subscriptions')
        .values({ donor_id: donors[s.donor]!, stripe_subscription_id: `sub_dash_${i}`, stripe_customer_id: `cus_dash_${i}`, amount_cents: s.amount, purpose_id: null, receipt_wanted: false, language: 'de', status: s.status, started_on: s.started, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      s.id = Number(row.id);
    }
    for (const g of gifts) {
      await createGift(t.db, {
        donorId: g.donor ? donors[g.donor]! : null,
        donated_on: g.on,
        amount_cents: g.amount,
        status: g.status ?? 'succeeded',
        refunded_cents: g.refunded ?? 0,
        purposeId: g.purpose ? purposes[g.purpose]! : null,
        subscriptionId: g.sub !== undefined ? subs[g.sub]!.id! : null,
      });
    }

    const funder = await createFunder(t.db, { name: 'Stiftung Brücke' });
    for (const a of grantApps) {
      a.id = (await createGrantApplication(t.db, { funder_id: Number(funder.id), title: a.title, status: a.status, requested_cents: a.requested, approved_cents: a.approved, notes: SECRET_NOTE })).id;
    }
    const app = (key: string) => grantApps.find((a) => a.key === key)!.id!;
    for (const [key, on, amount] of grantPayments) {
      await t.db.insertInto('grant_payments').values({ application_id: app(key), received_on: on, amount_cents: amount, reference: null, created_at: at, created_by: 'test' }).execute();
    }
    await createGrantDeadline(t.db, { application_id: app('a1'), due_on: '2026-10-01', title: 'Zwischenbericht überfällig' });
    await createGrantDeadline(t.db, { application_id: app('a1'), due_on: '2026-09-01', title: 'Erledigt', done_on: '2026-08-30' });
    await createGrantDeadline(t.db, { application_id: app('a3'), due_on: '2026-05-01', title: 'Abgelehnt alt' });
    for (let i = 0; i < 12; i++) {
      await createGrantDeadline(t.db, { application_id: app('a2'), due_on: `2027-${String(i + 1).padStart(2, '0')}-10`, title: `Mittelabruf ${i + 1}`, kind: 'drawdown' });
    }
    await t.db.updateTable('grant_deadlines').set({ notes: SECRET_NOTE }).execute();
  }

  /** What the dashboard must show for a period, summed here from the world above. */
  function expected(from: string, to: string, asOf: string) {
    const yearEarlier = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;
    const income = (f: string, tt: string) => {
      const dues = payments.filter(([, on, , rev]) => within(on, f, tt) && rev === null).reduce((s, [, , a]) => s + a, 0);
      const ok = gifts.filter((g) => (g.status ?? 'succeeded') === 'succeeded' && within(g.on, f, tt));
      const once = ok.filter((g) => g.sub === undefined).reduce((s, g) => s + g.amount - (g.refunded ?? 0), 0);
      const monthly = ok.filter((g) => g.sub !== undefined).reduce((s, g) => s + g.amount - (g.refunded ?? 0), 0);
      const grants = grantPayments.filter(([, on]) => within(on, f, tt)).reduce((s, [, , a]) => s + a, 0);
      return { dues, donations_once: once, donations_monthly: monthly, grants, total: dues + once + monthly + grants };
    };
    const due = claims.filter((c) => within(c.due, from, to));
    const unsettled = claims.filter((c) => ['open', 'partly_paid', 'returned'].includes(c.status) && c.due < asOf);
    const bucket = (lo: number, hi: number) => unsettled.filter((c) => days(c.due, asOf) >= lo && days(c.due, asOf) <= hi).reduce((s, c) => s + c.amount - c.paid, 0);
    const isMember = (m: (typeof members)[number]) => m.status !== 'applicant' && m.join! <= asOf && (m.exit === null || m.exit >= asOf);
    const okGifts = gifts.filter((g) => (g.status ?? 'succeeded') === 'succeeded' && within(g.on, from, to));
    const giftSum = okGifts.reduce((s, g) => s + g.amount - (g.refunded ?? 0), 0);
    const runningSubs = subs.filter((s) => s.status === 'active' && s.started <= asOf);
    const approvedApps = grantApps.filter((a) => ['approved', 'running'].includes(a.status));
    return {
      income: income(from, to),
      previous: income(yearEarlier(from), yearEarlier(to)),
      dues: {
        expected: due.reduce((s, c) => s + c.amount, 0),
        received: due.reduce((s, c) => s + c.paid, 0),
        open: due.filter((c) => !['paid', 'written_off'].includes(c.status)).reduce((s, c) => s + c.amount - c.paid, 0),
        written_off: due.filter((c) => c.status === 'written_off').reduce((s, c) => s + c.amount - c.paid, 0),
        d0_30: bucket(0, 30),
        d31_90: bucket(31, 90),
        d91_180: bucket(91, 180),
        d181_plus: bucket(181, 100_000),
        returnedCount: debits.filter(([d, , s]) => s === 'returned' && within(d, from, to)).length,
        returnedSum: debits.filter(([d, , s]) => s === 'returned' && within(d, from, to)).reduce((s, [, a]) => s + a, 0),
      },
      members: {
        total: members.filter(isMember).length,
        A: members.filter((m) => isMember(m) && m.type === 'A').length,
        B: members.filter((m) => isMember(m) && m.type === 'B').length,
        joins: members.filter((m) => m.status !== 'applicant' && within(m.join, from, to)).length,
        exits: members.filter((m) => m.status !== 'applicant' && within(m.exit, from, to)).length,
      },
      donations: {
        sum: giftSum,
        gifts: okGifts.length,
        donors: new Set(okGifts.filter((g) => g.donor).map((g) => g.donor)).size,
        average: okGifts.length ? Math.round(giftSum / okGifts.length) : 0,
        P1: okGifts.filter((g) => g.purpose === 'P1').reduce((s, g) => s + g.amount - (g.refunded ?? 0), 0),
        P2: okGifts.filter((g) => g.purpose === 'P2').reduce((s, g) => s + g.amount - (g.refunded ?? 0), 0),
        none: okGifts.filter((g) => !g.purpose).reduce((s, g) => s + g.amount - (g.refunded ?? 0), 0),
        recurringGifts: runningSubs.length,
        recurringDonors: new Set(runningSubs.map((s) => s.donor)).size,
        recurringMonthly: runningSubs.reduce((s, x) => s + x.amount, 0),
      },
      grants: {
        approved: approvedApps.reduce((s, a) => s + a.approved!, 0),
        received: grantPayments.filter(([k]) => approvedApps.some((a) => a.key === k)).reduce((s, [, , a]) => s + a, 0),
      },
    };
  }

  function checkPage(f: Record<string, number>, e: ReturnType<typeof expected>) {
    expect({
      total: f['income.total'],
      previous: f['income.previous.total'],
      dues: f['income.dues'],
      once: f['income.donations_once'],
      monthly: f['income.donations_monthly'],
      grants: f['income.grants'],
      prevDues: f['income.previous.dues'],
      prevOnce: f['income.previous.donations_once'],
      prevMonthly: f['income.previous.donations_monthly'],
      prevGrants: f['income.previous.grants'],
    }).toEqual({
      total: e.income.total,
      previous: e.previous.total,
      dues: e.income.dues,
      once: e.income.donations_once,
      monthly: e.income.donations_monthly,
      grants: e.income.grants,
      prevDues: e.previous.dues,
      prevOnce: e.previous.donations_once,
      prevMonthly: e.previous.donations_monthly,
      prevGrants: e.previous.grants,
    });
    expect({
      expected: f['dues.expected'],
      received: f['dues.received'],
      open: f['dues.open'],
      written_off: f['dues.written_off'],
      d0_30: f['dues.arrears.d0_30'],
      d31_90: f['dues.arrears.d31_90'],
      d91_180: f['dues.arrears.d91_180'],
      d181_plus: f['dues.arrears.d181_plus'],
      returnedCount: f['dues.returned.count'],
      returnedSum: f['dues.returned.sum'],
    }).toEqual(e.dues);
    expect(f['dues.arrears.total']).toBe(e.dues.d0_30 + e.dues.d31_90 + e.dues.d91_180 + e.dues.d181_plus);
    expect({ total: f['members.total'], A: f[`members.type.${types.A}`], B: f[`members.type.${types.B}`], joins: f['members.joins'], exits: f['members.exits'] }).toEqual(e.members);
    expect({
      sum: f['donations.sum'],
      gifts: f['donations.gifts'],
      donors: f['donations.donors'],
      average: f['donations.average'],
      P1: f[`donations.purpose.${purposes.P1}`] ?? 0,
      P2: f[`donations.purpose.${purposes.P2}`] ?? 0,
      none: f['donations.purpose.none'] ?? 0,
      recurringGifts: f['donations.recurring.gifts'],
      recurringDonors: f['donations.recurring.donors'],
      recurringMonthly: f['donations.recurring.monthly'],
    }).toEqual(e.donations);
    expect({ approved: f['grants.approved'], received: f['grants.received'] }).toEqual(e.grants);
  }

  it('computes every figure of the year to date, against the same days last year, as the test sums them — page and API alike', async () => {
    await buildWorld();
    const e = expected('2026-01-01', TODAY, TODAY);
    // the world is not trivial: every part has something in it
    expect(e.income.dues * e.income.donations_once * e.income.donations_monthly * e.income.grants * e.previous.dues * e.dues.d0_30 * e.dues.d31_90 * e.dues.d91_180 * e.dues.d181_plus).toBeGreaterThan(0);

    const res = await treasurer.get('/dashboard');
    expect(res.status).toBe(200);
    const html = await res.text();
    const f = figuresOf(html);
    checkPage(f, e);
    // the monthly table: March has one-off and monthly gifts; the previous column is March 2025
    expect(f['income.2026-03.donations_once']).toBe(5000 + 2000);
    expect(f['income.2026-03.donations_monthly']).toBe(1000);
    expect(f['income.2026-03.previous']).toBe(4000);
    expect(f['income.2026-01.dues']).toBe(6000);
    expect(f['members.2026-03.joins']).toBe(1);
    expect(f['members.2026-05.exits']).toBe(1);
    // German amounts and dates
    expect(html).toContain('01.01.2026 – 24.11.2026');
    expect(html).toContain(`${(e.income.total / 100).toLocaleString('de-DE', { minimumFractionDigits: 2 })}\u00a0€`);
    // the grant payment of December 2025 lies outside the comparison days (1 Jan – 24 Nov 2025)
    expect(f['income.previous.grants']).toBe(100_000);

    const api = await treasurer.get('/api/v1/dashboard');
    expect(api.status).toBe(200);
    const json = await api.json();
    expect(json.income.totals).toEqual(e.income);
    expect(json.income.previous_totals).toEqual(e.previous);
    expect(json.dues).toMatchObject({ expected_cents: e.dues.expected, received_cents: e.dues.received, open_cents: e.dues.open, written_off_cents: e.dues.written_off, returned_debits: { count: e.dues.returnedCount, cents: e.dues.returnedSum } });
    expect(json.dues.arrears.buckets).toEqual([
      { key: 'd0_30', claims: 1, cents: e.dues.d0_30 },
      { key: 'd31_90', claims: 1, cents: e.dues.d31_90 },
      { key: 'd91_180', claims: 1, cents: e.dues.d91_180 },
      { key: 'd181_plus', claims: 2, cents: e.dues.d181_plus },
    ]);
    const debtors = new Set(claims.filter((c) => ['open', 'partly_paid', 'returned'].includes(c.status) && c.due < TODAY).map((c) => c.member)).size;
    expect([json.dues.arrears.debtors, f['dues.arrears.debtors']]).toEqual([debtors, debtors]);
    expect(json.members).toMatchObject({ total: e.members.total, joins: e.members.joins, exits: e.members.exits });
    expect(json.donations).toMatchObject({ cents: e.donations.sum, gifts: e.donations.gifts, donors: e.donations.donors, average_cents: e.donations.average, anonymous_gifts: 1 });
    expect(json.donations.recurring).toEqual({ gifts: e.donations.recurringGifts, donors: e.donations.recurringDonors, monthly_cents: e.donations.recurringMonthly });
    // grants: amounts by status (the approved amount once approved), overdue, and exactly the next ten
    const byStatus = Object.fromEntries(json.grants.by_status.map((s: { status: string; count: number; amount_cents: number }) => [s.status, [s.count, s.amount_cents]]));
    expect(byStatus).toMatchObject({ running: [1, 1_500_000], submitted: [1, 800_000], rejected: [1, 300_000], approved: [1, 400_000], idea: [0, 0] });
    expect(json.grants).toMatchObject({ approved_cents: e.grants.approved, received_cents: e.grants.received, outstanding_cents: e.grants.approved - e.grants.received, overdue_count: 1 });
    expect(json.grants.overdue.map((d: { title: string }) => d.title)).toEqual(['Zwischenbericht überfällig']);
    expect(json.grants.next.map((d: { title: string }) => d.title)).toEqual(Array.from({ length: 10 }, (_, i) => `Mittelabruf ${i + 1}`));
    // the page and the API are the same operation
    expect(f['grants.overdue.count']).toBe(json.grants.overdue_count);
    expect(html.match(/data-deadline="/g)?.length).toBe(11);
    expect(JSON.stringify(json)).not.toContain(SECRET_NOTE);
  });

  it('compares a whole year and a quarter with the same period one year earlier', async () => {
    const year = figuresOf(await (await treasurer.get('/dashboard?period=2025')).text());
    const e2025 = expected('2025-01-01', '2025-12-31', '2025-12-31');
    checkPage(year, e2025);
    // the whole year 2025 does include December's grant payment and gift
    expect(year['income.grants']).toBe(350_000);
    expect(year['income.donations_once']).toBe(4000 + 9000);

    const q1 = figuresOf(await (await treasurer.get('/dashboard?period=2026-Q1')).text());
    checkPage(q1, expected('2026-01-01', '2026-03-31', '2026-03-31'));
    expect(Object.keys(q1).filter((k) => /^income\.\d{4}-\d{2}\.total$/.test(k))).toEqual(['income.2026-01.total', 'income.2026-02.total', 'income.2026-03.total']);

    const range = await treasurer.get('/api/v1/dashboard?from=2026-03-01&to=2026-06-30');
    const json = await range.json();
    const e = expected('2026-03-01', '2026-06-30', '2026-06-30');
    expect(json.period).toMatchObject({ kind: 'range', as_of: '2026-06-30' });
    expect(json.comparison).toMatchObject({ from: '2025-03-01', to: '2025-06-30' });
    expect(json.income.totals).toEqual(e.income);
    expect(json.income.previous_totals).toEqual(e.previous);
    expect(json.members.total).toBe(e.members.total);
    // the range as the German date form types it
    expect((await (await treasurer.get('/api/v1/dashboard?from=01.03.2026&to=30.06.2026')).json()).income.totals).toEqual(e.income);
  });

  it('links figures to the lists the viewer may open: the board gets no link to members or donations, the treasurer does', async () => {
    const boardHtml = await (await board.get('/dashboard')).text();
    const treasurerHtml = await (await treasurer.get('/dashboard')).text();
    expect(treasurerHtml).toMatch(/<a href="\/members\?status=active" data-figure="members.total"/);
    expect(treasurerHtml).toContain('href="/donations?from=2026-01-01&amp;to=2026-11-24&amp;status=succeeded"');
    expect(treasurerHtml).toContain('href="/dues/arrears" data-figure="dues.arrears.total"');
    expect(boardHtml).not.toMatch(/href="\/(members|donations|donors|dues|sepa)[?/"]/);
    expect(boardHtml).toMatch(/<span data-figure="members.total" data-value="\d+">/);
    expect(boardHtml).toMatch(/<a href="\/grants" data-figure="grants.approved"/);
    expect(boardHtml).toContain(`href="/grants/${grantApps[1]!.id}"`);
    // the navigation has the entry for both
    expect(boardHtml).toContain('<a href="/dashboard" aria-current="page">Finanzen</a>');
    // aggregates only: no IBAN, no address, no notes, no member names
    for (const html of [boardHtml, treasurerHtml]) {
      expect(html).not.toContain(IBAN);
      expect(html).not.toContain('Geheimstraße');
      expect(html).not.toContain(SECRET_NOTE);
      expect(html).not.toContain('Nachname1');
    }
    // the list behind a figure shows the same sum: the donations of the period, and of one purpose
    const euro = (cents: number) => new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(cents / 100);
    const tf = figuresOf(treasurerHtml);
    for (const key of ['donations.sum', `donations.purpose.${purposes.P1}`]) {
      const href = new RegExp(`<a href="([^"]+)" data-figure="${key.replaceAll('.', '\\.')}"`).exec(treasurerHtml)![1]!.replaceAll('&amp;', '&');
      const list = await treasurer.get(href);
      expect(list.status).toBe(200);
      expect(await list.text()).toContain(`<strong>${euro(tf[key]!)}</strong>`);
    }
    // every chart is an SVG image with a title, and a table of its numbers
    for (const id of ['chart-income', 'chart-arrears', 'chart-members', 'chart-purposes', 'chart-grants']) {
      expect(treasurerHtml).toMatch(new RegExp(`<svg id="${id}"[^>]*role="img"[^>]*aria-label="[^"]+"[^>]*><title id="${id}-title">`));
    }
    for (const id of ['table-income', 'table-arrears', 'table-member-months', 'table-member-types', 'table-purposes', 'table-grants']) expect(treasurerHtml).toContain(`<table id="${id}">`);
    // English on the switch
    const en = await (await board.get('/dashboard?lang=en')).text();
    expect(en).toContain('Income by month and source');
    expect(figuresOf(en)['income.total']).toBe(figuresOf(boardHtml)['income.total']);
    expect(await (await board.get('/dashboard?lang=de')).text()).toContain('Einnahmen nach Monat und Quelle');
  });

  it('is linked from the home page for the board and the treasurer, not for members', async () => {
    for (const client of [board, treasurer]) expect(await (await client.get('/')).text()).toContain('<a href="/dashboard" id="home-dashboard">');
    const memberHome = await (await member.get('/')).text();
    expect(memberHome).not.toContain('href="/dashboard"');
  });

  it('keeps members out and anonymous visitors at the login', async () => {
    for (const path of ['/dashboard', '/api/v1/dashboard']) {
      const res = await member.get(path);
      expect([403, 404]).toContain(res.status);
      expect(await res.text()).not.toContain('data-figure');
    }
    const anonymous = await t.app.request('/dashboard', { redirect: 'manual' });
    expect([302, 303, 401]).toContain(anonymous.status);
  });

  it('answers a period that is no period with a clear German message and the default period, never an error page', async () => {
    const cases: [string, string][] = [
      ['/dashboard?period=2027', 'Das Jahr 2027 liegt in der Zukunft.'],
      ['/dashboard?period=2026-Q4x', 'ist kein Zeitraum'],
      ['/dashboard?period=Sommer', '„Sommer“ ist kein Zeitraum'],
      ['/dashboard?from=2026-06-30&to=2026-03-01', 'Das Ende (01.03.2026) liegt vor dem Anfang (30.06.2026).'],
      ['/dashboard?from=2026-02-30&to=2026-03-01', 'Von: „2026-02-30“ ist kein Datum'],
      ['/dashboard?from=2026-01-01', 'Bis: bitte ein Datum angeben.'],
      ['/dashboard?from=2027-01-01&to=2027-02-01', 'liegt in der Zukunft'],
    ];
    const normal = figuresOf(await (await board.get('/dashboard')).text());
    for (const [path, message] of cases) {
      const res = await board.get(path);
      expect([path, res.status]).toEqual([path, 422]);
      const html = (await res.text()).replaceAll('&quot;', '"');
      expect(html).toContain('Dieser Zeitraum geht nicht.');
      expect(html).toContain(message);
      // the default period is shown below the message
      expect(figuresOf(html)['income.total']).toBe(normal['income.total']);
    }
    const doc = await (await t.app.request('/api/openapi.json')).json();
    expect(doc.paths['/dashboard'].get['x-access']).toEqual(['admin', 'treasurer', 'board']);
    const api = await board.get('/api/v1/dashboard?period=2030');
    expect(api.status).toBe(422);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    const problem = await api.json();
    expect(problem.errors).toEqual([{ field: 'period', message: 'Das Jahr 2030 liegt in der Zukunft. Gezeigt wird das laufende Jahr bis heute.' }]);
    // a quarter with no data: zeros, no error
    const empty = await board.get('/dashboard?period=2019-Q2');
    expect(empty.status).toBe(200);
    const f = figuresOf(await empty.text());
    expect([f['income.total'], f['donations.sum'], f['dues.expected']]).toEqual([0, 0, 0]);
  });
});
