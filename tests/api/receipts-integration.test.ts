import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { inTransaction, type Actor } from '../../api/deps';
import { recordPayment } from '../../api/dues/record-payment';
import { cancelReceipt } from '../../api/receipts/cancel-receipt';
import { issueReceipt } from '../../api/receipts/issue-receipt';
import { findReceipt } from '../../api/receipts/queries';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe';
import { testApp, type TestApp } from '../helpers/app';
import { postOk, type Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { startDonation } from '../helpers/donations';
import { createDonor, createGift } from '../helpers/donor-factories';
import { associationInput, createAssociation, signedIn } from '../helpers/factories';

/**
 * Receipts wired into the other areas: the receipt settings, gifts that cannot be edited while a
 * valid receipt confirms them, the list to cancel filled by Stripe refunds and disputes, card
 * refunds and returned debits of receipted fees, and the receipts on the donation, donor and
 * member pages. (The receipts themselves: receipts.test.ts.)
 */
const kasse: Actor = { kind: 'user', id: null, label: 'kasse@example.org', role: 'treasurer' };

/** An object as a browser form sends it: nested names ("purposes.0.genitive"), booleans as "on". */
function asForm(input: Record<string, unknown>, prefix = ''): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    const name = `${prefix}${key}`;
    if (value === null || value === undefined) form[name] = '';
    else if (typeof value === 'object') Object.assign(form, asForm(value as Record<string, unknown>, `${name}.`));
    else form[name] = String(value);
  }
  return form;
}

describeEachEngine('receipts in the other areas', (database) => {
  let t: TestApp;
  let fake: FakeStripe;
  let admin: Client;
  let treasurer: Client;
  const issue = (input: { donationIds?: number[]; paymentIds?: number[] }) =>
    inTransaction(t.db, (trx) => issueReceipt(trx, { donationIds: input.donationIds ?? [], paymentIds: input.paymentIds ?? [], actor: kasse }, t.deps));
  const receiptRow = async (id: number) => (await findReceipt(t.db, id))!;
  /** the reason as a reader sees it (amounts carry a no-break space before the € sign) */
  const reviewReason = async (id: number) => (await receiptRow(id)).review_reason?.replace(/\u00a0/g, ' ') ?? null;
  async function play(events: Stripe.Event[]) {
    for (const event of events) expect((await fake.deliver(t.app, event)).status).toBe(200);
    await t.settle();
  }

  beforeAll(async () => {
    fake = await startFakeStripe();
    t = testApp(database(), { env: fake.env });
    fake.now = () => Math.floor(t.clock.now().getTime() / 1000);
    await createAssociation(t.db);
    admin = (await signedIn(t, 'admin')).client;
    treasurer = (await signedIn(t, 'treasurer')).client;
  });
  beforeEach(() => t.clock.set('2026-11-24T10:00:00Z'));
  afterAll(async () => {
    await t.settle();
    await fake.close();
  });

  it('settings: the three receipt settings round-trip through the JSON API and the Stammdaten screen; a report dated in the future is refused', async () => {
    const fresh = await (await admin.get('/api/v1/settings')).json();
    expect(fresh).toMatchObject({ member_dues_deductible: true, machine_procedure_notified_on: null, simplified_proof: false });

    const put = await admin.json('PUT', '/api/v1/settings', { ...associationInput(), member_dues_deductible: false, machine_procedure_notified_on: '2026-03-01', simplified_proof: true });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ member_dues_deductible: false, machine_procedure_notified_on: '2026-03-01', simplified_proof: true });
    // left out: unchanged
    expect(await (await admin.json('PUT', '/api/v1/settings', associationInput())).json()).toMatchObject({ member_dues_deductible: false, machine_procedure_notified_on: '2026-03-01', simplified_proof: true });

    const future = await admin.json('PUT', '/api/v1/settings', { ...associationInput(), machine_procedure_notified_on: '2026-11-25' });
    expect(future.status).toBe(422);
    expect((await future.json()).errors).toEqual([{ field: 'machine_procedure_notified_on', message: 'Das Datum liegt in der Zukunft.' }]);
    const garbage = await admin.json('PUT', '/api/v1/settings', { ...associationInput(), machine_procedure_notified_on: '1.3.2026', member_dues_deductible: 'vielleicht' });
    expect((await garbage.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual(['machine_procedure_notified_on', 'member_dues_deductible']);
    expect(await t.db.selectFrom('association').select(['member_dues_deductible', 'machine_procedure_notified_on', 'simplified_proof']).executeTakeFirstOrThrow()).toEqual({
      member_dues_deductible: false,
      machine_procedure_notified_on: '2026-03-01',
      simplified_proof: true,
    });
    const audit = await t.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'settings.updated').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.after).toEqual({ member_dues_deductible: false, machine_procedure_notified_on: '2026-03-01', simplified_proof: true });

    // the screen shows them, and its form (unticked boxes send the hidden "off") sets them back
    const page = await (await admin.get('/settings')).text();
    expect(page).toContain('Mitgliedsbeiträge sind steuerlich abziehbar');
    expect(page).toContain('§ 10b Abs. 1 Satz 8 EStG');
    expect(page).toContain('R 10b.1 Abs. 4 EStR');
    expect(page).toMatch(/name="machine_procedure_notified_on"[^>]*value="2026-03-01"|value="2026-03-01"[^>]*name="machine_procedure_notified_on"/);
    expect(page).toMatch(/<input type="checkbox" id="f-simplified_proof" name="simplified_proof" checked/);
    expect(page).not.toMatch(/<input type="checkbox" id="f-member_dues_deductible" name="member_dues_deductible" checked/);

    const base = asForm({ ...associationInput() });
    const futureForm = await admin.post('/settings', { ...base, member_dues_deductible: 'off', simplified_proof: 'off', machine_procedure_notified_on: '2027-01-01' });
    expect(futureForm.status).toBe(422);
    expect(await futureForm.text()).toContain('Das Datum liegt in der Zukunft.');
    const saved = await admin.post('/settings', { ...base, member_dues_deductible: 'on', simplified_proof: 'off', machine_procedure_notified_on: '' });
    expect(saved.status).toBe(302);
    expect(await t.db.selectFrom('association').select(['member_dues_deductible', 'machine_procedure_notified_on', 'simplified_proof']).executeTakeFirstOrThrow()).toEqual({
      member_dues_deductible: true,
      machine_procedure_notified_on: null,
      simplified_proof: false,
    });
  });

  it('a receipted gift keeps donor, date, amount, method, Verzicht and in-kind details until the receipt is cancelled; purpose and note stay editable', async () => {
    const donor = await createDonor(t.db, { name: 'Ayşe Demir', email: null });
    const gift = await createGift(t.db, { donorId: donor.id, donated_on: '2026-05-04', amount_cents: 12000, method: 'transfer' });
    const detailBefore = await (await treasurer.get(`/donations/${gift}`)).text();
    expect(detailBefore).toContain(`href="/receipts/new?donation=${gift}"`);
    const receipt = await issue({ donationIds: [gift] });

    const refused = await treasurer.json('PATCH', `/api/v1/donations/${gift}`, { amount_cents: 10000, donated_on: '2026-05-05', note: 'Betrag war falsch?' });
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.detail).toContain(`ist mit Zuwendungsbestätigung ${receipt.number} bestätigt; erst stornieren`);
    expect(body.errors.sort((a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field))).toEqual([
      { field: 'amount_cents', message: `Betrag: die Spende ist mit Zuwendungsbestätigung ${receipt.number} bestätigt; erst stornieren` },
      { field: 'donated_on', message: `Tag der Zuwendung: die Spende ist mit Zuwendungsbestätigung ${receipt.number} bestätigt; erst stornieren` },
    ]);
    for (const change of [{ donor_id: null }, { method: 'cash' }, { waiver: true }, { in_kind_description: 'Laptop' }]) {
      const res = await treasurer.json('PATCH', `/api/v1/donations/${gift}`, change);
      expect(res.status).toBe(422);
      expect((await res.json()).detail).toContain(receipt.number);
    }
    expect(await t.db.selectFrom('donations').select(['amount_cents', 'donated_on', 'note']).where('id', '=', gift).executeTakeFirstOrThrow()).toEqual({ amount_cents: 12000, donated_on: '2026-05-04', note: null });

    // sending the confirmed values unchanged is fine, and the note changes
    const noted = await treasurer.json('PATCH', `/api/v1/donations/${gift}`, { amount_cents: 12000, donated_on: '2026-05-04', note: 'Spenderin hat angerufen' });
    expect(noted.status).toBe(200);
    expect((await noted.json()).note).toBe('Spenderin hat angerufen');

    // the screens: the receipt number with its link, the edit form without the locked fields
    const detail = await (await treasurer.get(`/donations/${gift}`)).text();
    expect(detail).toContain(`<a href="/receipts/${receipt.id}">Nr. ${receipt.number}</a>`);
    expect(detail).not.toContain(`/receipts/new?donation=${gift}`);
    const edit = await (await treasurer.get(`/donations/${gift}/edit`)).text();
    expect(edit).toContain(`mit Zuwendungsbestätigung ${receipt.number} bestätigt`);
    expect(edit).not.toContain('name="amount_cents"');
    expect(edit).toContain('name="note"');
    const posted = await treasurer.post(`/donations/${gift}`, { note: 'per Formular', receipt_wanted: 'on' });
    expect(posted.status).toBe(302);
    expect((await t.db.selectFrom('donations').select('note').where('id', '=', gift).executeTakeFirstOrThrow()).note).toBe('per Formular');

    // after the Storno the gift can be corrected again
    await inTransaction(t.db, (trx) => cancelReceipt(trx, { receiptId: receipt.id, reason: 'Betrag falsch erfasst', actor: kasse }, t.deps));
    const corrected = await treasurer.json('PATCH', `/api/v1/donations/${gift}`, { amount_cents: 10000 });
    expect(corrected.status).toBe(200);
    expect((await corrected.json()).amount_cents).toBe(10000);
    expect(await (await treasurer.get(`/donations/${gift}`)).text()).toContain(`href="/receipts/new?donation=${gift}"`);

    // the donor page lists the receipt with its state and offers a new one
    const donorPage = await (await treasurer.get(`/donors/${donor.id}`)).text();
    expect(donorPage).toContain('<h2 id="receipts">Zuwendungsbestätigungen</h2>');
    expect(donorPage).toContain(`<a href="/receipts/${receipt.id}">${receipt.number}</a>`);
    expect(donorPage).toContain('storniert');
    expect(donorPage).toContain(`href="/receipts/new?donor=${donor.id}"`);
  });

  it('a Stripe refund (full or partial) or dispute of a receipted gift puts its receipt on the list to cancel, with the reason and the day', async () => {
    const gift = async (amount: number, name: string) => {
      const { sessionId } = await startDonation(t, { amount_cents: amount, email: `${name.toLowerCase()}@example.org`, name, street: 'Sonnenallee 20', postal_code: '12047', city: 'Berlin', receipt_wanted: true });
      await play(fake.completeCheckout(sessionId, { method: 'card' }));
      const row = await t.db.selectFrom('donations').select(['id', 'donor_id', 'status']).where('stripe_checkout_session_id', '=', sessionId).executeTakeFirstOrThrow();
      expect(row.status).toBe('succeeded');
      return { id: row.id, donorId: row.donor_id!, charge: fake.latestCharge(sessionId) };
    };
    const full = await gift(5000, 'Lena');
    const part = await gift(10000, 'Omar');
    const disputed = await gift(3000, 'Elif');
    const unreceipted = await gift(2000, 'Karl');
    const receipts = { full: await issue({ donationIds: [full.id] }), part: await issue({ donationIds: [part.id] }), disputed: await issue({ donationIds: [disputed.id] }) };

    t.clock.set('2026-12-03T09:00:00Z');
    await play(fake.refund(full.charge));
    await play(fake.refund(part.charge, 2500));
    await play(fake.dispute(disputed.charge));
    await play(fake.refund(unreceipted.charge));

    expect((await receiptRow(receipts.full.id)).review_reason).toBe('Erstattung über Stripe am 03.12.2026');
    expect((await reviewReason(receipts.part.id))).toBe('Teilerstattung über Stripe am 03.12.2026: 25,00 € von 100,00 € erstattet');
    expect((await receiptRow(receipts.disputed.id)).review_reason).toBe('Rückbuchung (Dispute) über Stripe am 03.12.2026');
    const review = await t.db.selectFrom('receipts').select('id').where('review_since', 'is not', null).where('cancelled_at', 'is', null).execute();
    expect(review.map((r) => r.id).sort()).toEqual([receipts.full.id, receipts.part.id, receipts.disputed.id].sort());
    const audit = await t.db.selectFrom('audit_log').select(['entity_id', 'actor']).where('action', '=', 'receipt.to_cancel').execute();
    expect(audit.filter((a) => Number(a.entity_id) === receipts.full.id)).toEqual([{ entity_id: String(receipts.full.id), actor: 'Stripe' }]);

    // the rest of the partial refund later: the reason follows the money
    t.clock.set('2026-12-10T09:00:00Z');
    await play(fake.refund(part.charge));
    expect((await reviewReason(receipts.part.id))).toBe('Erstattung über Stripe am 10.12.2026');

    treasurer = (await signedIn(t, 'treasurer')).client; // weeks later: a new session
    const detail = await (await treasurer.get(`/donations/${full.id}`)).text();
    expect(detail).toContain(`Nr. ${receipts.full.number}`);
    expect(detail).toContain('Auf der Liste zum Stornieren: Erstattung über Stripe am 03.12.2026');
    const donorPage = await (await treasurer.get(`/donors/${full.donorId}`)).text();
    expect(donorPage).toContain('zu stornieren');
    expect(donorPage).toContain('Erstattung über Stripe am 03.12.2026');
  });

  it('a card refund or a returned SEPA debit of a receipted membership fee puts its receipt on the list to cancel; the member page lists the receipts', async () => {
    t.clock.set('2026-01-05T09:00:00Z');
    treasurer = (await signedIn(t, 'treasurer')).client;
    const post = (path: string, body: unknown) => postOk(treasurer, path, body);
    const type = (await post('/api/v1/membership-types', { name: 'Jahresbeitrag', fee_cents: 6000, interval: 'yearly' })).id;
    const base = { status: 'active', membership_type_id: type, join_date: '2020-01-01', street: 'Oranienstraße 5', postal_code: '10997', city: 'Berlin' };
    const debitor = (await post('/api/v1/members', { ...base, payment_method: 'sepa_debit', first_name: 'Jürgen', last_name: 'Müller-Groß', email: 'juergen@example.org' })).id;
    const carder = (await post('/api/v1/members', { ...base, payment_method: 'card', first_name: 'Nour', last_name: 'Saleh', email: 'nour@example.org' })).id;
    await post('/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
    await treasurer.post(`/members/${debitor}/mandates`, { signed_on: '2025-12-01', iban: 'DE89 3704 0044 0532 0130 00', account_holder: 'Jürgen Müller-Groß' });

    // the debit: prepared, exported, booked on its due date
    expect((await treasurer.post('/sepa/collections', { due_date: '2026-01-20' })).status).toBe(302);
    const collection = await t.db.selectFrom('sepa_collections').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await treasurer.post(`/sepa/collections/${collection.id}/export`);
    t.clock.set('2026-01-20T08:00:00Z');
    treasurer = (await signedIn(t, 'treasurer')).client;
    await treasurer.post(`/sepa/collections/${collection.id}/book`);
    const debitPayment = await t.db.selectFrom('payments').select(['id', 'reversed_on']).where('debtor_member_id', '=', debitor).executeTakeFirstOrThrow();

    // the card payment: a paid Checkout in Stripe, booked on the claim under its payment intent
    const session = await t.deps.payments!.checkout.sessions.create({
      mode: 'payment',
      success_url: 'http://localhost/pay/dues/done',
      line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: 6000, product_data: { name: 'Mitgliedsbeitrag 2026' } } }],
    });
    fake.completeCheckout(session.id, { method: 'card' });
    const intent = fake.objects.get(session.id)!.payment_intent as string;
    const claim = await t.db.selectFrom('claims').select('id').where('debtor_member_id', '=', carder).executeTakeFirstOrThrow();
    const { payment: cardPayment } = await inTransaction(t.db, (trx) =>
      recordPayment(trx, { claimId: claim.id, payment: { amount_cents: 6000, paid_on: '2026-01-20', method: 'card', reference: intent }, actor: kasse }, t.deps),
    );

    const receipts = { debit: await issue({ paymentIds: [debitPayment.id] }), card: await issue({ paymentIds: [cardPayment.id] }) };
    expect((await receiptRow(receipts.debit.id)).member_id).toBe(debitor);

    t.clock.set('2026-01-23T08:00:00Z');
    treasurer = (await signedIn(t, 'treasurer')).client;
    const debit = await t.db.selectFrom('sepa_debits').select('id').where('collection_id', '=', collection.id).executeTakeFirstOrThrow();
    const returned = await treasurer.post(`/sepa/debits/${debit.id}/return`, { reason: 'AC04', fee_cents: '3,50', back: `/sepa/collections/${collection.id}` });
    expect(returned.status).toBe(302);
    expect((await t.db.selectFrom('payments').select('reversed_on').where('id', '=', debitPayment.id).executeTakeFirstOrThrow()).reversed_on).toBe('2026-01-23');
    expect((await receiptRow(receipts.debit.id)).review_reason).toBe('Rücklastschrift AC04 (Konto aufgelöst) am 23.01.2026');
    expect((await receiptRow(receipts.card.id)).review_reason).toBeNull();

    await play(fake.refund(fake.latestCharge(session.id)));
    expect((await t.db.selectFrom('payments').select('reversed_on').where('id', '=', cardPayment.id).executeTakeFirstOrThrow()).reversed_on).toBe('2026-01-23');
    expect((await receiptRow(receipts.card.id)).review_reason).toBe('Erstattung der Kartenzahlung über Stripe am 23.01.2026');

    const page = await (await treasurer.get(`/members/${debitor}`)).text();
    expect(page).toContain('<h2 id="receipts">Zuwendungsbestätigungen</h2>');
    expect(page).toContain(`<a href="/receipts/${receipts.debit.id}">${receipts.debit.number}</a>`);
    expect(page).toContain('Rücklastschrift AC04 (Konto aufgelöst) am 23.01.2026');
    expect(page).toContain(`href="/receipts/new?member=${debitor}"`);
    expect(page).not.toContain(receipts.card.number);
  });
});
