import { beforeAll, expect, it } from 'vitest';
import { recordPayment } from '../../api/dues/record-payment';
import { inTransaction, systemActor } from '../../api/deps';
import { testApp, type TestApp } from '../helpers/app';
import { postOk, type Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { associationInput, createAssociation, signedIn } from '../helpers/factories';

describeEachEngine('dues runs, claims and payments', (database) => {
  let t: TestApp;
  let treasurer: Client;
  const ids: Record<string, number> = {};

  const post = (path: string, body: unknown) => postOk(treasurer, path, body);
  const claimsOf = (memberId: number) =>
    t.db.selectFrom('claims').selectAll().where('member_id', '=', memberId).orderBy('period_start').execute();

  beforeAll(async () => {
    t = testApp(database());
    t.clock.set('2026-11-24T10:00:00Z');
    await createAssociation(t.db);
    treasurer = (await signedIn(t, 'treasurer')).client;
    const yearly = (await post('/api/v1/membership-types', { name: 'Ordentlich', fee_cents: 6000, reduced_fee_cents: 3000, interval: 'yearly' })).id;
    const quarterly = (await post('/api/v1/membership-types', { name: 'Quartal', fee_cents: 1500, interval: 'quarterly' })).id;
    const honorary = (await post('/api/v1/membership-types', { name: 'Ehrenmitglied', fee_cents: 0, interval: 'yearly' })).id;
    const base = { status: 'active', payment_method: 'transfer', membership_type_id: yearly };
    ids.longstanding = (await post('/api/v1/members', { ...base, first_name: 'Fatma', last_name: 'Aydın', join_date: '2019-05-01' })).id;
    ids.midyear = (await post('/api/v1/members', { ...base, first_name: 'Karim', last_name: 'Nasser', join_date: '2026-07-01' })).id;
    ids.parent = (await post('/api/v1/members', { ...base, first_name: 'Aylin', last_name: 'Demir', join_date: '2020-01-01', payment_method: 'sepa_debit' })).id;
    ids.child = (await post('/api/v1/members', { ...base, first_name: 'Can', last_name: 'Demir', join_date: '2024-03-01', reduced_fee: true, payer_member_id: ids.parent })).id;
    ids.leaver = (await post('/api/v1/members', { ...base, membership_type_id: quarterly, first_name: 'Jan', last_name: 'Becker', join_date: '2021-01-01', exit_date: '2026-05-15', status: 'left' })).id;
    ids.applicant = (await post('/api/v1/members', { ...base, status: 'applicant', first_name: 'Noor', last_name: 'Saleh' })).id;
    ids.deceased = (await post('/api/v1/members', { ...base, first_name: 'Hans', last_name: 'Schulz', join_date: '1990-01-01', exit_date: '2025-08-01', status: 'deceased' })).id;
    ids.honorary = (await post('/api/v1/members', { ...base, membership_type_id: honorary, first_name: 'Rosa', last_name: 'Ehrlich', join_date: '2000-01-01' })).id;
  });

  it('creates one claim per member and period owed, billed to the family payer', async () => {
    const run = await post('/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
    expect(run).toMatchObject({ claims_created: 5, claims_skipped: 0, amount_created_cents: 6000 + 6000 + 3000 + 1500 + 1500 });
    expect((await claimsOf(ids.longstanding)).map((c) => [c.label, c.amount_cents, c.due_date])).toEqual([['Mitgliedsbeitrag 2026', 6000, '2026-01-01']]);
    // joined 1 July, rule "next period": nothing for 2026
    expect(await claimsOf(ids.midyear)).toEqual([]);
    const child = await claimsOf(ids.child);
    expect(child.map((c) => [c.amount_cents, c.debtor_member_id])).toEqual([[3000, ids.parent]]);
    // left 15 May: Q1 and Q2 (the exit quarter had begun), nothing after
    expect((await claimsOf(ids.leaver)).map((c) => c.label)).toEqual(['Mitgliedsbeitrag 1. Quartal 2026', 'Mitgliedsbeitrag 2. Quartal 2026']);
    for (const who of ['applicant', 'deceased', 'honorary']) expect(await claimsOf(ids[who]!)).toEqual([]);
  });

  it('keeps every claim tied to an existing member, payer, type and run (checked per statement, migration 018)', async () => {
    const claim = (await claimsOf(ids.child))[0]!;
    const refused = (work: Promise<unknown>) => expect(work).rejects.toMatchObject({ code: '23503' });
    const copy = { member_id: claim.member_id, debtor_member_id: claim.debtor_member_id, membership_type_id: claim.membership_type_id, dues_run_id: claim.dues_run_id,
      period_start: '2030-01-01', period_end: '2030-12-31', label: 'Test', due_date: '2030-01-01', amount_cents: 100, status: 'open' as const, created_at: new Date() };
    await refused(t.db.insertInto('claims').values({ ...copy, member_id: 999_999 }).execute());
    await refused(t.db.insertInto('claims').values({ ...copy, debtor_member_id: 999_999 }).execute());
    await refused(t.db.insertInto('claims').values({ ...copy, membership_type_id: 999_999 }).execute());
    await refused(t.db.insertInto('claims').values({ ...copy, dues_run_id: 999_999 }).execute());
    await refused(t.db.updateTable('claims').set({ dues_run_id: 999_999 }).where('id', '=', claim.id).execute());
    await refused(t.db.deleteFrom('members').where('id', '=', ids.parent).execute()); // the payer of the child's claim
    await refused(t.db.deleteFrom('membership_types').where('id', '=', claim.membership_type_id).execute());
    await refused(t.db.deleteFrom('dues_runs').where('id', '=', claim.dues_run_id!).execute());
    expect(await t.db.selectFrom('claims').select('id').where('period_start', '=', '2030-01-01').execute()).toEqual([]);
    expect((await claimsOf(ids.child))[0]).toEqual(claim);
    // A member no claim refers to can still go (a declined applicant).
    expect(Number((await t.db.deleteFrom('members').where('id', '=', ids.applicant).executeTakeFirst()).numDeletedRows)).toBe(1);
  });

  it('creates nothing on a second run for the same period, and says so', async () => {
    const again = await post('/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
    expect(again).toMatchObject({ claims_created: 0, claims_skipped: 5, amount_created_cents: 0 });
    const page = await treasurer.post('/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
    expect(page.status).toBe(302);
    expect(await (await treasurer.get('/dues')).text()).toContain('nichts Neues angelegt – 5 Forderungen für diesen Zeitraum bestanden schon.');
    expect(await t.db.selectFrom('claims').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 5 });
  });

  it('charges a member joining mid-period pro rata per day when the association says so', async () => {
    const put = await treasurer.json('PUT', '/api/v1/settings', { ...associationInput(), dues_join_rule: 'pro_rata' });
    expect(put.status).toBe(403); // settings are the admin's
    await t.db.updateTable('association').set({ dues_join_rule: 'pro_rata' }).execute();
    const late = (await post('/api/v1/members', { status: 'active', payment_method: 'transfer', membership_type_id: (await claimsOf(ids.longstanding))[0]!.membership_type_id, first_name: 'Elif', last_name: 'Şahin', join_date: '2026-10-01' })).id;
    const run = await post('/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
    // Elif: 92 of 365 days of 60 € = 15.12 €; Karim (joined 1 July) is now charged pro rata too
    expect(run.claims_created).toBe(2);
    expect((await claimsOf(late)).map((c) => [c.amount_cents, c.label, c.due_date])).toEqual([[1512, 'Mitgliedsbeitrag 2026 (anteilig ab 01.10.2026)', '2026-10-01']]);
    expect((await claimsOf(ids.midyear))[0]!.amount_cents).toBe(3025);
    await t.db.updateTable('association').set({ dues_join_rule: 'next_period' }).execute();
  });

  it('records partial and full payments, refuses paying more than is open, and audits each', async () => {
    const [claim] = await claimsOf(ids.longstanding);
    const part = await treasurer.json('POST', `/api/v1/dues/claims/${claim!.id}/payments`, { amount_cents: '20,00', paid_on: '2026-02-01', method: 'transfer', reference: 'Beitrag Aydın' });
    expect(part.status).toBe(201);
    expect(await part.json()).toMatchObject({ paid_cents: 2000, status: 'partly_paid' });
    const over = await treasurer.json('POST', `/api/v1/dues/claims/${claim!.id}/payments`, { amount_cents: '40,01', paid_on: '2026-02-02', method: 'cash' });
    expect(over.status).toBe(422);
    expect((await over.json()).errors).toEqual([{ field: 'amount_cents', message: expect.stringContaining('Mehr als offen: offen sind 40,00') }]);
    const zero = await treasurer.json('POST', `/api/v1/dues/claims/${claim!.id}/payments`, { amount_cents: '0', paid_on: '2026-02-02', method: 'cash' });
    expect((await zero.json()).errors[0].field).toBe('amount_cents');
    const rest = await treasurer.json('POST', `/api/v1/dues/claims/${claim!.id}/payments`, { amount_cents: 4000, paid_on: '2026-02-03', method: 'cash' });
    expect(await rest.json()).toMatchObject({ paid_cents: 6000, status: 'paid' });
    const more = await treasurer.json('POST', `/api/v1/dues/claims/${claim!.id}/payments`, { amount_cents: 1, paid_on: '2026-02-03', method: 'cash' });
    expect(more.status).toBe(409);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'claim').where('entity_id', '=', String(claim!.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['payment.recorded', 'payment.recorded']);
  });

  it('never lets two simultaneous payments settle more than is open', async () => {
    const [claim] = await claimsOf(ids.child);
    const pay = () =>
      inTransaction(t.db, (trx) => recordPayment(trx, { claimId: claim!.id, payment: { amount_cents: 3000, paid_on: '2026-03-01', method: 'transfer' }, actor: systemActor() }, t.deps));
    const results = await Promise.allSettled([pay(), pay()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const after = await t.db.selectFrom('claims').selectAll().where('id', '=', claim!.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ paid_cents: 3000, status: 'paid' });
    expect(await t.db.selectFrom('payments').select('id').where('claim_id', '=', claim!.id).execute()).toHaveLength(1);
  });

  it('lists arrears per payer by age, filters the member list by them, and writes off with a reason', async () => {
    const arrears = (await (await treasurer.get('/api/v1/dues/arrears')).json()).arrears;
    const leaver = arrears.find((a: { member_id: number }) => a.member_id === ids.leaver);
    expect(leaver).toMatchObject({ open_cents: 3000, over_90: 3000, oldest_due: '2026-01-01' });
    expect(arrears.some((a: { member_id: number }) => a.member_id === ids.longstanding)).toBe(false);
    const page = await (await treasurer.get('/dues/arrears')).text();
    expect(page).toContain('Becker, Jan');
    const list = await (await treasurer.get('/members?arrears=1')).text();
    expect(list).toContain('Becker, Jan');
    expect(list).not.toContain('Aydın, Fatma');

    const [q1] = await claimsOf(ids.leaver);
    const off = await treasurer.post(`/dues/claims/${q1!.id}/write-off`, { reason: 'Austritt, Forderung uneinbringlich', back: `/members/${ids.leaver}` });
    expect(off.headers.get('location')).toBe(`/members/${ids.leaver}`);
    const memberPage = await (await treasurer.get(`/members/${ids.leaver}`)).text();
    expect(memberPage).toContain('ist ausgebucht');
    expect(memberPage).toContain('ausgebucht');
    expect(memberPage).toContain('Offen: <strong>15,00');
  });

  it('records a payment through the member page form and returns there', async () => {
    const [q2] = (await claimsOf(ids.leaver)).slice(1);
    const res = await treasurer.post(`/dues/claims/${q2!.id}/payments`, { amount_cents: '15,00', paid_on: '2026-11-20', method: 'cash', reference: 'Quittung 17', back: `/members/${ids.leaver}` });
    expect(res.headers.get('location')).toBe(`/members/${ids.leaver}`);
    const page = await (await treasurer.get(`/members/${ids.leaver}`)).text();
    expect(page).toContain('Zahlung über 15,00');
    expect(page).toContain('Quittung 17');
    const future = await treasurer.post(`/dues/claims/${q2!.id}/payments`, { amount_cents: '1,00', paid_on: '2027-01-01', method: 'cash', back: `/members/${ids.leaver}` });
    expect(future.status).toBe(302);
    expect(await (await treasurer.get(`/members/${ids.leaver}`)).text()).toContain('schon erledigt');
  });
});
