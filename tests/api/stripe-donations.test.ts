import type { ParsedMail } from 'mailparser';
import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { processStripeInbox } from '../../api/donations/process-stripe-inbox';
import { deliverOutbox } from '../../api/jobs/deliver-outbox';
import { smtpTransport } from '../../api/mail/smtp-transport';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe';
import { testApp, type TestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { startDonation, subscriptionOf, type IntentOptions } from '../helpers/donations';
import { createAssociation } from '../helpers/factories';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

const DAY = 86_400_000;

/**
 * What Stripe's events do to the donations ledger, end to end: the real SDK creates Checkout
 * Sessions in the fake Stripe, the fake plays the donor and the banks, and its events go
 * through the signed webhook, the inbox and its processor — as in production.
 */
describeEachEngine('Stripe events → donations ledger', (database) => {
  let t: TestApp;
  let fake: FakeStripe;
  let smtp: TestSmtp;
  let n = 0;
  /** a fresh address per gift, so each test sees only its own mails */
  const email = (who: string) => `${who}-${++n}@example.org`;

  beforeAll(async () => {
    fake = await startFakeStripe();
    smtp = await startSmtp();
    t = testApp(database(), { env: fake.env, mailer: smtpTransport(smtp.url) });
    // Stripe's clock is the test's: signatures stay fresh, and "days later" is days later for both.
    fake.now = () => Math.floor(t.clock.now().getTime() / 1000);
    await createAssociation(t.db);
  });
  // Every test starts on the same day (some move the clock by days or months).
  beforeEach(() => t.clock.set('2026-11-24T10:00:00Z'));
  afterAll(async () => {
    await fake.close();
    await smtp.close();
  });

  /** Delivers each event (`times` deliveries at once) through the webhook and waits for the inbox. */
  async function play(events: Stripe.Event[], times = 1) {
    for (const event of events) {
      const answers = await Promise.all(Array.from({ length: times }, () => fake.deliver(t.app, event)));
      expect(answers.map((r) => r.status)).toEqual(Array(times).fill(200));
      await t.settle();
    }
  }
  async function mailsTo(address: string): Promise<ParsedMail[]> {
    await deliverOutbox(t.deps);
    // amounts are formatted with a no-break space before the € sign: compare as a reader sees them
    return smtp.received.filter((m) => JSON.stringify(m.to).includes(address)).map((m) => Object.assign(m, { text: m.text?.replace(/\u00a0/g, ' ') }));
  }
  const donationOf = (sessionId: string) => t.db.selectFrom('donations').selectAll().where('stripe_checkout_session_id', '=', sessionId).execute();
  const subscriptionRow = (stripeId: string) => t.db.selectFrom('donation_subscriptions').selectAll().where('stripe_subscription_id', '=', stripeId).executeTakeFirst();
  const giftsOf = (subscriptionId: number) => t.db.selectFrom('donations').selectAll().where('subscription_id', '=', subscriptionId).orderBy('id').execute();
  const intentRow = (id: number) => t.db.selectFrom('checkout_intents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const donorRow = (id: number) => t.db.selectFrom('donors').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const inboxRow = (id: string) => t.db.selectFrom('stripe_events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditOf = (entity: string, id: number) => t.db.selectFrom('audit_log').selectAll().where('entity', '=', entity).where('entity_id', '=', String(id)).orderBy('id').execute();
  /** A gift as the treasurer's list shows it: what must be equal however the events came. */
  const ledger = (rows: Awaited<ReturnType<typeof giftsOf>>) =>
    rows.map((d) => ({ status: d.status, amount_cents: d.amount_cents, method: d.method, refunded_cents: d.refunded_cents, failure_reason: d.failure_reason, donated_on: d.donated_on }));

  /** A one-off gift paid on Stripe's page; returns its events (not yet delivered). */
  async function oneOff(options: IntentOptions & { method?: 'card' | 'sepa_debit' } = {}) {
    const address = options.email ?? email('einmal');
    const { intentId, sessionId } = await startDonation(t, { ...options, email: address });
    const events = fake.completeCheckout(sessionId, { method: options.method ?? 'card' });
    return { intentId, sessionId, address, events, charge: () => fake.latestCharge(sessionId) };
  }

  /** A monthly gift: checkout, then `months - 1` further paid invoices a month apart; events not yet delivered. */
  async function monthly(options: IntentOptions & { months?: number } = {}) {
    const address = options.email ?? email('monatlich');
    const { intentId, sessionId } = await startDonation(t, { amount_cents: 1000, ...options, interval: 'monthly', email: address });
    const events = fake.completeCheckout(sessionId, { method: 'card' });
    const subscriptionId = subscriptionOf(fake, sessionId);
    for (let month = 1; month < (options.months ?? 1); month++) {
      t.clock.advance(30 * DAY);
      events.push(...fake.payInvoice(subscriptionId));
    }
    return { intentId, sessionId, subscriptionId, address, events };
  }

  it('one-off card gift: succeeded at once, with its Stripe ids, a new donor, one thank-you mail with the simplified proof', async () => {
    const gift = await oneOff({ amount_cents: 2500, name: 'Jana Schulz', street: 'Hermannstraße 3', postal_code: '12049', city: 'Berlin' });
    await play(gift.events);
    const [donation, ...more] = await donationOf(gift.sessionId);
    expect(more).toEqual([]);
    const pi = fake.objects.get(gift.sessionId)!.payment_intent;
    expect(donation).toMatchObject({
      status: 'succeeded',
      method: 'stripe_card',
      amount_cents: 2500,
      source: 'online',
      donated_on: '2026-11-24',
      stripe_payment_intent_id: pi,
      stripe_charge_id: gift.charge(),
      refunded_cents: 0,
      subscription_id: null,
      created_by: 'Stripe',
    });
    expect(donation!.thanked_at).not.toBeNull();
    expect(await donorRow(donation!.donor_id!)).toMatchObject({ name: 'Jana Schulz', email: gift.address, street: 'Hermannstraße 3', proposed_donor_id: null, proposed_member_id: null });
    expect((await intentRow(gift.intentId)).completed_at).toEqual(t.clock.now());
    expect((await auditOf('donation', donation!.id)).map((a) => [a.action, a.actor])).toEqual([['donation.received', 'Stripe']]);

    const [mail, ...others] = await mailsTo(gift.address);
    expect(others).toEqual([]);
    expect(mail!.subject).toBe('Danke für Ihre Spende – Laissez-passer e.V.');
    const text = mail!.text!;
    expect(text).toContain('Hallo Jana Schulz,');
    expect(text).toContain('Ihre Spende von 25,00 € vom 24.11.2026');
    expect(text).toContain('dort ein, wo sie am dringendsten gebraucht wird');
    // §10 of the receipt spec: purpose, exemption, Spende not Mitgliedsbeitrag, amount, date — and not the receipt's title
    expect(text).toContain('Vereinfachter Zuwendungsnachweis (§ 50 Abs. 4 EStDV)');
    expect(text).toContain('Empfänger: Laissez-passer e.V., Oranienstraße 12, 10997 Berlin');
    expect(text).toContain('Art der Zuwendung: Spende (kein Mitgliedsbeitrag)');
    expect(text).toContain('Betrag: 25,00 €, gezahlt am 24.11.2026');
    expect(text).toContain(
      'Wir sind wegen Förderung der Hilfe für politisch, rassistisch oder religiös Verfolgte und für Flüchtlinge nach dem Freistellungsbescheid bzw. nach der Anlage zum Körperschaftsteuerbescheid des Finanzamtes Finanzamt für Körperschaften I Berlin StNr. 27/663/12345 vom 30.06.2025 für den letzten Veranlagungszeitraum 2022 bis 2024 nach § 5 Abs. 1 Nr. 9 des Körperschaftsteuergesetzes',
    );
    expect(text).not.toContain('Bestätigung über Geldzuwendungen');
  });

  it('one-off SEPA gift: pending until the debit clears days later, then succeeded and thanked once', async () => {
    const gift = await oneOff({ method: 'sepa_debit', amount_cents: 4000 });
    await play(gift.events);
    expect(await donationOf(gift.sessionId)).toMatchObject([{ status: 'pending', method: 'stripe_sepa', thanked_at: null, donated_on: '2026-11-24' }]);
    expect(await mailsTo(gift.address)).toEqual([]);

    t.clock.advance(4 * DAY);
    await play(fake.settleAsync(gift.sessionId, 'succeeded'));
    const [donation] = await donationOf(gift.sessionId);
    expect(donation).toMatchObject({ status: 'succeeded', method: 'stripe_sepa', stripe_charge_id: gift.charge(), failure_reason: null });
    expect(donation!.thanked_at).toEqual(t.clock.now());
    expect(await mailsTo(gift.address)).toHaveLength(1);
  });

  it('one-off SEPA gift that bounces days later: failed with the bank’s reason, no thanks', async () => {
    const gift = await oneOff({ method: 'sepa_debit' });
    await play(gift.events);
    t.clock.advance(5 * DAY);
    const failed = fake.settleAsync(gift.sessionId, 'failed');
    await play(failed);
    expect(await donationOf(gift.sessionId)).toMatchObject([{ status: 'failed', failure_reason: 'The account has insufficient funds.', thanked_at: null }]);
    expect(await mailsTo(gift.address)).toEqual([]);
    expect((await inboxRow(failed[0]!.id)).status).toBe('processed');
  });

  it('monthly gift with three paid invoices: one monthly gift, three donations, one thank-you mail; checkout itself is no donation', async () => {
    const gift = await monthly({ months: 3, amount_cents: 1500, name: 'Omar Haddad', street: 'Sonnenallee 10', postal_code: '12045', receipt_wanted: true });
    await play(gift.events);
    const sub = await subscriptionRow(gift.subscriptionId);
    expect(sub).toMatchObject({ status: 'active', amount_cents: 1500, intent_id: gift.intentId, receipt_wanted: true, language: 'de', canceled_at: null });
    expect(sub!.stripe_customer_id).toMatch(/^cus_/);
    expect(await donorRow(sub!.donor_id!)).toMatchObject({ name: 'Omar Haddad', stripe_customer_id: sub!.stripe_customer_id });
    const gifts = await giftsOf(sub!.id);
    expect(ledger(gifts)).toEqual([
      { status: 'succeeded', amount_cents: 1500, method: 'stripe_card', refunded_cents: 0, failure_reason: null, donated_on: '2026-11-24' },
      { status: 'succeeded', amount_cents: 1500, method: 'stripe_card', refunded_cents: 0, failure_reason: null, donated_on: '2026-12-24' },
      { status: 'succeeded', amount_cents: 1500, method: 'stripe_card', refunded_cents: 0, failure_reason: null, donated_on: '2027-01-23' },
    ]);
    expect(new Set(gifts.map((g) => g.stripe_invoice_id)).size).toBe(3);
    expect(gifts.every((g) => g.stripe_checkout_session_id === null && g.donor_id === sub!.donor_id && g.stripe_payment_intent_id?.startsWith('pi_'))).toBe(true);
    // thanked once, at the first month
    expect(gifts.map((g) => g.thanked_at !== null)).toEqual([true, false, false]);
    const mails = await mailsTo(gift.address);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Danke für Ihre monatliche Spende – Laissez-passer e.V.');
    expect(mails[0]!.text).toContain('Ihre monatliche Spende von 15,00 €! Die erste Zahlung ist am 24.11.2026 bei uns eingegangen.');
    // a receipt was asked for: the formal one comes, so no simplified proof
    expect(mails[0]!.text).toContain('Zuwendungsbestätigung für das Finanzamt erhalten Sie von uns für alle Monatsspenden eines Jahres gesammelt');
    expect(mails[0]!.text).not.toContain('Vereinfachter Zuwendungsnachweis');
  });

  it('a failed monthly payment is a failed donation of its invoice; Stripe’s successful retry of that invoice makes it succeeded', async () => {
    const gift = await monthly();
    await play(gift.events);
    t.clock.advance(30 * DAY);
    const failed = fake.payInvoice(gift.subscriptionId, 'failed');
    await play(failed);
    const sub = await subscriptionRow(gift.subscriptionId);
    expect(sub!.status).toBe('past_due');
    const invoiceId = (failed[0]!.data.object as Stripe.Invoice).id;
    expect(ledger(await giftsOf(sub!.id)).map((g) => [g.status, g.failure_reason])).toEqual([
      ['succeeded', null],
      ['failed', 'The account has insufficient funds.'],
    ]);

    // Stripe retries the same invoice three days later, and this time it is paid.
    t.clock.advance(3 * DAY);
    const invoice = fake.objects.get(invoiceId)!;
    const pi = fake.objects.get(invoice.payments.data[0].payment.payment_intent)!;
    Object.assign(pi, { status: 'succeeded', amount_received: pi.amount, last_payment_error: null });
    Object.assign(fake.objects.get(pi.latest_charge)!, { status: 'succeeded', paid: true, amount_captured: pi.amount, failure_code: null, failure_message: null });
    Object.assign(invoice, { status: 'paid', amount_paid: invoice.amount_due, amount_remaining: 0 });
    Object.assign(invoice.payments.data[0], { status: 'paid', amount_paid: invoice.amount_due });
    Object.assign(fake.objects.get(gift.subscriptionId)!, { status: 'active' });
    await play([fake.event('invoice.paid', invoice), fake.event('customer.subscription.updated', fake.objects.get(gift.subscriptionId)!)]);

    const gifts = await giftsOf(sub!.id);
    expect(gifts.map((g) => [g.stripe_invoice_id === invoiceId, g.status, g.failure_reason])).toEqual([
      [false, 'succeeded', null],
      [true, 'succeeded', null],
    ]);
    expect((await subscriptionRow(gift.subscriptionId))!.status).toBe('active');
    expect(await mailsTo(gift.address)).toHaveLength(1);
  });

  it('cancellation: the monthly gift is canceled with Stripe’s time, its donations stay, a late "updated" does not revive it', async () => {
    const gift = await monthly({ months: 2 });
    await play(gift.events);
    t.clock.advance(10 * DAY);
    const stale = fake.event('customer.subscription.updated', structuredClone(fake.objects.get(gift.subscriptionId)!));
    await play(fake.cancelSubscription(gift.subscriptionId));
    const sub = await subscriptionRow(gift.subscriptionId);
    expect(sub).toMatchObject({ status: 'canceled', canceled_at: t.clock.now() });
    expect((await giftsOf(sub!.id)).map((g) => g.status)).toEqual(['succeeded', 'succeeded']);
    expect((await auditOf('donation_subscription', sub!.id)).map((a) => [a.action, a.actor])).toEqual([
      ['monthly_gift.started', 'Stripe'],
      ['monthly_gift.canceled', 'Stripe'],
    ]);
    await play([stale]);
    expect(await subscriptionRow(gift.subscriptionId)).toEqual(sub);
  });

  it('pause and amount change on Stripe show on the monthly gift', async () => {
    const gift = await monthly();
    await play(gift.events);
    await t.deps.payments!.subscriptions.update(gift.subscriptionId, { pause_collection: { behavior: 'void' } });
    await play([fake.events.at(-1)!]);
    expect(await subscriptionRow(gift.subscriptionId)).toMatchObject({ status: 'paused', amount_cents: 1000 });
    await t.deps.payments!.subscriptions.update(gift.subscriptionId, { pause_collection: '', items: [{ price_data: { unit_amount: 2000 } } as never] });
    await play([fake.events.at(-1)!]);
    expect(await subscriptionRow(gift.subscriptionId)).toMatchObject({ status: 'active', amount_cents: 2000 });
    t.clock.advance(30 * DAY);
    await play(fake.payInvoice(gift.subscriptionId));
    const sub = await subscriptionRow(gift.subscriptionId);
    expect((await giftsOf(sub!.id)).map((g) => g.amount_cents)).toEqual([1000, 2000]);
  });

  it('refund: a full refund flags the gift refunded, a partial one too with the refunded cents; both audited as Stripe', async () => {
    const full = await oneOff({ amount_cents: 5000 });
    const part = await oneOff({ amount_cents: 10000 });
    await play([...full.events, ...part.events]);
    await play(fake.refund(full.charge()));
    await play(fake.refund(part.charge(), 3000));
    const [a] = await donationOf(full.sessionId);
    const [b] = await donationOf(part.sessionId);
    expect(a).toMatchObject({ status: 'refunded', refunded_cents: 5000, amount_cents: 5000 });
    // a gift partly given back is never receipted in full: flagged, the treasurer records what stayed
    expect(b).toMatchObject({ status: 'refunded', refunded_cents: 3000, amount_cents: 10000 });
    const audit = await auditOf('donation', b!.id);
    expect(audit.map((x) => [x.action, x.actor])).toEqual([
      ['donation.received', 'Stripe'],
      ['donation.refunded', 'Stripe'],
    ]);
    expect(audit[1]!.after).toEqual({ status: 'refunded', refunded_cents: 3000 });
    // the rest refunded later: the cents follow, the status stays
    await play(fake.refund(part.charge()));
    expect((await donationOf(part.sessionId))[0]).toMatchObject({ status: 'refunded', refunded_cents: 10000 });
    // a stale copy of the old "completed" event (a new event id) never moves the gift back nor thanks again
    await play([fake.event('checkout.session.completed', (full.events[0]!.data.object as object) as never)]);
    expect((await donationOf(full.sessionId))[0]).toMatchObject({ status: 'refunded', refunded_cents: 5000 });
    expect(await mailsTo(full.address)).toHaveLength(1);
  });

  it('dispute: the gift is flagged disputed and audited as Stripe; a monthly invoice’s refund is found by its payment intent', async () => {
    const gift = await oneOff({ amount_cents: 3000 });
    await play(gift.events);
    await play(fake.dispute(gift.charge()));
    const [donation] = await donationOf(gift.sessionId);
    expect(donation!.status).toBe('disputed');
    expect((await auditOf('donation', donation!.id)).map((a) => [a.action, a.actor])).toEqual([
      ['donation.received', 'Stripe'],
      ['donation.disputed', 'Stripe'],
    ]);

    const monthlyGift = await monthly({ months: 2 });
    await play(monthlyGift.events);
    await play(fake.refund(fake.latestCharge(monthlyGift.subscriptionId)));
    const sub = await subscriptionRow(monthlyGift.subscriptionId);
    expect((await giftsOf(sub!.id)).map((g) => [g.status, g.refunded_cents])).toEqual([
      ['succeeded', 0],
      ['refunded', 1000],
    ]);
  });

  it('every event delivered five times at once: the same ledger as once, one row per gift, one thank-you mail each', async () => {
    const events: Stripe.Event[] = [];
    const step = async (happened: Stripe.Event[]) => {
      events.push(...happened);
      await play(happened, 5);
    };
    const sepa = await oneOff({ method: 'sepa_debit', amount_cents: 2000 });
    await step(sepa.events);
    t.clock.advance(3 * DAY);
    await step(fake.settleAsync(sepa.sessionId, 'succeeded'));
    await step(fake.refund(sepa.charge(), 500));
    const gift = await monthly({ months: 2 });
    await step(gift.events);
    t.clock.advance(30 * DAY);
    await step(fake.payInvoice(gift.subscriptionId, 'failed'));
    await step(fake.cancelSubscription(gift.subscriptionId));

    expect(ledger(await donationOf(sepa.sessionId))).toEqual([{ status: 'refunded', amount_cents: 2000, method: 'stripe_sepa', refunded_cents: 500, failure_reason: null, donated_on: '2026-11-24' }]);
    const sub = await subscriptionRow(gift.subscriptionId);
    expect(sub!.status).toBe('canceled');
    expect(await t.db.selectFrom('donation_subscriptions').select('id').where('intent_id', '=', gift.intentId).execute()).toHaveLength(1);
    expect(ledger(await giftsOf(sub!.id)).map((g) => g.status)).toEqual(['succeeded', 'succeeded', 'failed']);
    expect(await t.db.selectFrom('donors').select('id').where('email', 'in', [sepa.address, gift.address]).execute()).toHaveLength(2);
    expect(await mailsTo(sepa.address)).toHaveLength(1);
    expect(await mailsTo(gift.address)).toHaveLength(1);
    for (const e of events) expect((await inboxRow(e.id)).status, e.type).not.toBe('pending');
  });

  it('different events about one gift processed at the same moment make one donor, one monthly gift, one donation each', async () => {
    const gift = await monthly({ months: 2, name: 'Mira Koch', street: 'Reuterstraße 9', postal_code: '12053', receipt_wanted: true });
    const sepa = await oneOff({ method: 'sepa_debit' });
    const all = [...gift.events, ...sepa.events, ...fake.settleAsync(sepa.sessionId, 'succeeded')];
    // all deliveries at once: their inbox runs overlap, each in its own transaction
    const answers = await Promise.all(all.map((e) => fake.deliver(t.app, e)));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    await t.settle();
    // an event that lost a race for a lock may wait for its retry: the scheduler's run brings it in
    t.clock.advance(10 * 60_000);
    await processStripeInbox(t.deps);
    for (const e of all) expect((await inboxRow(e.id)).status, e.type).not.toBe('pending');
    const subs = await t.db.selectFrom('donation_subscriptions').selectAll().where('intent_id', '=', gift.intentId).execute();
    expect(subs).toHaveLength(1);
    expect((await giftsOf(subs[0]!.id)).map((g) => g.status)).toEqual(['succeeded', 'succeeded']);
    expect(await t.db.selectFrom('donors').select('id').where('email', 'in', [gift.address, sepa.address]).execute()).toHaveLength(2);
    expect(await donationOf(sepa.sessionId)).toMatchObject([{ status: 'succeeded' }]);
    expect(await mailsTo(gift.address)).toHaveLength(1);
    expect(await mailsTo(sepa.address)).toHaveLength(1);
  });

  it('the events of a scenario delivered in reverse end in the same ledger as in order', async () => {
    // the same two scenarios twice: once in order, once backwards
    const scenario = async () => {
      const sepa = await oneOff({ method: 'sepa_debit', amount_cents: 2500 });
      const events = [...sepa.events, ...fake.settleAsync(sepa.sessionId, 'succeeded'), ...fake.refund(sepa.charge())];
      const gift = await monthly({ months: 3 });
      events.push(...gift.events);
      t.clock.advance(5 * DAY);
      events.push(...fake.cancelSubscription(gift.subscriptionId));
      return { sepa, gift, events };
    };
    const state = async (s: Awaited<ReturnType<typeof scenario>>) => {
      const sub = await subscriptionRow(s.gift.subscriptionId);
      const gifts = ledger(await giftsOf(sub!.id)).map(({ donated_on: _, ...g }) => g);
      return { oneOff: ledger(await donationOf(s.sepa.sessionId)).map(({ donated_on: _, ...g }) => g), monthly: { status: sub!.status, amount: sub!.amount_cents, gifts } };
    };
    const forward = await scenario();
    await play(forward.events);
    const backward = await scenario();
    await play([...backward.events].reverse());
    const expected = await state(forward);
    expect(expected.oneOff).toEqual([{ status: 'refunded', amount_cents: 2500, method: 'stripe_sepa', refunded_cents: 2500, failure_reason: null }]);
    expect(expected.monthly.status).toBe('canceled');
    expect(expected.monthly.gifts).toHaveLength(3);
    expect(await state(backward)).toEqual(expected);
    for (const e of backward.events) expect((await inboxRow(e.id)).status, e.type).not.toBe('pending');
    // the monthly gift is thanked once either way
    expect(await mailsTo(backward.gift.address)).toHaveLength(1);
  });

  it('an amount or currency that differs from the donation form stays pending in the inbox with the error, and books nothing', async () => {
    const cheaper = await oneOff({ amount_cents: 5000, session_amount_cents: 500 });
    await play(cheaper.events);
    const row = await inboxRow(cheaper.events[0]!.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toContain('Stripe reports 5.00 EUR');
    expect(row.last_error).toContain('says 50,00 €');
    expect(await donationOf(cheaper.sessionId)).toEqual([]);
    expect((await intentRow(cheaper.intentId)).completed_at).toBeNull();

    const dollars = await oneOff({ amount_cents: 2000, currency: 'usd' });
    await play(dollars.events);
    expect((await inboxRow(dollars.events[0]!.id)).last_error).toContain('is in USD, not EUR');
    expect(await donationOf(dollars.sessionId)).toEqual([]);

    const monthlyCheaper = await monthly({ amount_cents: 3000, session_amount_cents: 300 });
    await play(monthlyCheaper.events);
    expect(await subscriptionRow(monthlyCheaper.subscriptionId)).toBeDefined();
    const invoicePaid = monthlyCheaper.events.find((e) => e.type === 'invoice.paid')!;
    expect((await inboxRow(invoicePaid.id)).last_error).toContain('Stripe reports 3.00 EUR');
    expect(await giftsOf((await subscriptionRow(monthlyCheaper.subscriptionId))!.id)).toEqual([]);
  });

  it('donor matching: same e-mail, name and address → same donor; same e-mail, other name → new donor with a proposal; a member → linked; anonymous → none', async () => {
    const address = email('familie');
    const first = await oneOff({ email: address, name: 'Leyla Yılmaz', street: 'Weserstraße 5', postal_code: '12047', city: 'Berlin', receipt_wanted: true });
    await play(first.events);
    const leyla = (await donationOf(first.sessionId))[0]!.donor_id!;

    // the same person, written differently
    const again = await oneOff({ email: address.toUpperCase(), name: ' leyla  YILMAZ', street: 'Weserstr. 5', postal_code: '12047', city: 'Berlin', receipt_wanted: true });
    await play(again.events);
    expect((await donationOf(again.sessionId))[0]!.donor_id).toBe(leyla);

    // her daughter, same family address and e-mail: a new donor, proposed for the treasurer to merge or keep apart
    const elif = await oneOff({ email: address, name: 'Elif Yılmaz', street: 'Weserstraße 5', postal_code: '12047', city: 'Berlin', receipt_wanted: true });
    await play(elif.events);
    const elifDonor = await donorRow((await donationOf(elif.sessionId))[0]!.donor_id!);
    expect(elifDonor).toMatchObject({ name: 'Elif Yılmaz', proposed_donor_id: leyla, member_id: null });
    expect(elifDonor.id).not.toBe(leyla);

    // a member giving with the address the association knows
    const type = await t.db.insertInto('membership_types').values({ name: 'Ordentlich', fee_cents: 6000, interval: 'yearly', created_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const memberEmail = email('mitglied');
    const member = await t.db
      .insertInto('members')
      .values({ first_name: 'Karim', last_name: 'Nassar', street: 'Sonnenallee 200', postal_code: '12059', city: 'Berlin', email: memberEmail, status: 'active', membership_type_id: type.id, payment_method: 'transfer', created_at: new Date(), updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const byMember = await oneOff({ email: memberEmail, name: 'Karim Nassar', street: 'Sonnenallee 200', postal_code: '12059', city: 'Berlin', receipt_wanted: true });
    await play(byMember.events);
    const karim = await donorRow((await donationOf(byMember.sessionId))[0]!.donor_id!);
    expect(karim).toMatchObject({ member_id: member.id, proposed_member_id: null });
    // his second gift finds the donor linked to him
    const second = await oneOff({ email: memberEmail, name: 'Karim Nassar', street: 'Sonnenallee 200', postal_code: '12059', city: 'Berlin' });
    await play(second.events);
    expect((await donationOf(second.sessionId))[0]!.donor_id).toBe(karim.id);
    // his wife with his e-mail: proposed as that member, not linked
    const wife = await oneOff({ email: memberEmail, name: 'Rana Nassar', street: 'Sonnenallee 200', postal_code: '12059', city: 'Berlin' });
    await play(wife.events);
    expect(await donorRow((await donationOf(wife.sessionId))[0]!.donor_id!)).toMatchObject({ member_id: null, proposed_member_id: member.id, proposed_donor_id: karim.id });

    // anonymous: no donor, the gift is there, and the thanks too
    const anonymous = await oneOff({ anonymous: true });
    await play(anonymous.events);
    expect(await donationOf(anonymous.sessionId)).toMatchObject([{ donor_id: null, status: 'succeeded', receipt_wanted: false }]);
    expect((await intentRow(anonymous.intentId)).completed_at).not.toBeNull();
    const [anonymousMail] = await mailsTo(anonymous.address);
    expect(anonymousMail!.text).toContain('Hallo,');
    expect(anonymousMail!.text).toContain('Vereinfachter Zuwendungsnachweis');
    expect(anonymousMail!.text).not.toContain('Spenderbereich');
  });

  it('thank-you mail: proof up to 300 € without a receipt, none above or when a receipt comes; Arabic for an Arabic page, the proof German', async () => {
    const at300 = await oneOff({ amount_cents: 30000 });
    const above = await oneOff({ amount_cents: 30001 });
    const withReceipt = await oneOff({ amount_cents: 2000, name: 'Jonas Weber', street: 'Lenaustraße 4', postal_code: '12047', city: 'Berlin', receipt_wanted: true });
    await play([...at300.events, ...above.events, ...withReceipt.events]);
    expect((await mailsTo(at300.address))[0]!.text).toContain('Betrag: 300,00 €, gezahlt am');
    const aboveText = (await mailsTo(above.address))[0]!.text!;
    expect(aboveText).not.toContain('Zuwendungsnachweis');
    expect(aboveText).toContain('Wenn Sie eine Zuwendungsbestätigung für das Finanzamt brauchen, antworten Sie einfach auf diese E-Mail');
    const receiptText = (await mailsTo(withReceipt.address))[0]!.text!;
    expect(receiptText).not.toContain('Zuwendungsnachweis');
    expect(receiptText).toContain('Eine Zuwendungsbestätigung für das Finanzamt erhalten Sie gesondert von uns.');

    const purpose = await t.db
      .insertInto('donation_purposes')
      .values({ slug: `winterhilfe-${n}`, name_de: 'Winterhilfe', name_ar: 'مساعدة الشتاء', created_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const arabic = await oneOff({ amount_cents: 5000, language: 'ar', name: 'سارة', purpose_id: purpose.id });
    await play(arabic.events);
    const [mail] = await mailsTo(arabic.address);
    expect(mail!.subject).toBe('شكراً لتبرعك – Laissez-passer e.V.');
    expect(mail!.html).toContain('<html dir="rtl">');
    expect(mail!.text).toContain('مرحباً سارة،');
    expect(mail!.text).toContain('50.00 €');
    expect(mail!.text).toContain('24 نوفمبر 2026');
    expect(mail!.text).toContain('„مساعدة الشتاء“');
    expect(mail!.text).toContain('وهو باللغة الألمانية');
    expect(mail!.text).toContain('Betrag: 50,00 €, gezahlt am 24.11.2026');
    expect(mail!.text).toContain('Art der Zuwendung: Spende (kein Mitgliedsbeitrag)');
  });

  it('ignores what is not a gift: unknown types, checkouts without our intent (dues card payments: dues-card-payment.test.ts)', async () => {
    const stripe = t.deps.payments!;
    const foreign = await stripe.checkout.sessions.create({
      mode: 'payment',
      success_url: 'http://localhost/x',
      line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: 1200, product_data: { name: 'Shop' } } }],
    });
    const events = [...fake.completeCheckout(foreign.id), fake.event('customer.created', { id: 'cus_x', object: 'customer', metadata: {} })];
    const before = await t.db.selectFrom('donations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const { applyStripeEvent } = await import('../../api/donations/apply-stripe-event');
    for (const event of events) {
      const outcome = await t.db.transaction().execute((trx) => applyStripeEvent(trx, event, t.deps));
      expect(outcome.result, event.type).toBe('ignored');
    }
    await play([fake.refund(fake.latestCharge(foreign.id))[0]!]);
    expect(await t.db.selectFrom('donations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).toEqual(before);
  });
});
