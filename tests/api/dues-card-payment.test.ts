import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatEuro } from '../../api/lib/money';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe';
import { testApp, type TestApp } from '../helpers/app';
import { Client, postOk } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, signedIn } from '../helpers/factories';

describeEachEngine('paying dues by card through the link in the claim notice (Stripe Checkout)', (database) => {
  let t: TestApp;
  let fake: FakeStripe;
  let treasurer: Client;
  const ids: Record<string, number> = {};
  let link = '';
  let sessionId = '';

  const claimsOf = (memberId: number) =>
    t.db.selectFrom('claims').select(['id', 'amount_cents', 'paid_cents', 'status']).where('debtor_member_id', '=', memberId).orderBy('id').execute();
  const cardPayments = () => t.db.selectFrom('payments').select(['claim_id', 'amount_cents', 'reference', 'reversed_on']).where('method', '=', 'card').orderBy('id').execute();
  const deliverAll = async (events: { type: string }[]) => {
    for (const event of events) expect((await fake.deliver(t.app, event as never)).status).toBe(200);
    await t.settle();
  };

  beforeAll(async () => {
    fake = await startFakeStripe();
    t = testApp(database(), { env: fake.env });
    fake.now = () => Math.floor(t.clock.now().getTime() / 1000); // Stripe's clock is the test's
    await createAssociation(t.db);
    t.clock.set('2026-01-02T09:00:00Z');
    treasurer = (await signedIn(t, 'treasurer')).client;
    const post = (path: string, body: unknown) => postOk(treasurer, path, body);
    const quarterly = (await post('/api/v1/membership-types', { name: 'Quartal', fee_cents: 1500, interval: 'quarterly' })).id;
    const base = { status: 'active', membership_type_id: quarterly, join_date: '2020-01-01' };
    ids.card = (await post('/api/v1/members', { ...base, payment_method: 'card', first_name: 'Nour', last_name: 'Saleh', email: 'nour@example.org', language: 'ar' })).id;
    ids.transfer = (await post('/api/v1/members', { ...base, payment_method: 'transfer', first_name: 'Jonas', last_name: 'Weber', email: 'jonas@example.org' })).id;
    ids.debit = (await post('/api/v1/members', { ...base, payment_method: 'sepa_debit', first_name: 'Tarek', last_name: 'Haddad', email: 'tarek@example.org' })).id;
    await post('/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
  });
  afterAll(async () => {
    await t.settle();
    await fake.close();
  });

  it('puts a card link into each transfer or card payer’s notice, in their language, and keeps such mails sensitive', async () => {
    const mails = await t.db.selectFrom('outbox').select(['to_address', 'text_body', 'sensitive']).where('template', '=', 'dues-claim').orderBy('to_address').execute();
    expect(mails.map((m) => m.to_address)).toEqual(['jonas@example.org', 'nour@example.org']);
    for (const mail of mails) expect(mail.sensitive).toBe(true);
    const nour = mails[1]!.text_body;
    expect(nour).toContain('Stripe');
    link = /http:\/\/localhost(\/pay\/dues\/[A-Za-z0-9_-]{43})\?lang=ar/.exec(nour)![1]!;
    // only the hash of the link's secret is stored
    const stored = await t.db.selectFrom('dues_payment_links').select('token_hash').execute();
    expect(stored).toHaveLength(2);
    expect(stored.map((s) => s.token_hash)).not.toContain(link.split('/').pop());
  });

  it('opening the link shows what is open (in Arabic, right to left) and starts no payment', async () => {
    const requestsBefore = fake.requests.length;
    const page = await new Client(t.app).get(`${link}?lang=ar`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('ادفع بالبطاقة');
    expect(html.match(/Mitgliedsbeitrag \d\. Quartal 2026/g)).toHaveLength(4);
    expect(html).toContain(formatEuro(6000));
    expect(fake.requests.length).toBe(requestsBefore);
  });

  it('the button opens Stripe Checkout for the open total, card only; a double click is the same session', async () => {
    const visitor = new Client(t.app);
    await visitor.get(link);
    const first = await visitor.post(link);
    expect(first.status).toBe(303);
    const url = first.headers.get('location')!;
    expect(url).toMatch(new RegExp(`^${fake.url}/pay/cs_test_`));
    const second = await visitor.post(link);
    expect(second.headers.get('location')).toBe(url);
    // browsers check the redirect after a form against form-action: Checkout's origin is allowed here
    expect(first.headers.get('content-security-policy')).toContain(`form-action 'self' ${fake.url}`);
    sessionId = url.split('/').pop()!;
    const session = fake.objects.get(sessionId)!;
    expect(session).toMatchObject({ mode: 'payment', amount_total: 6000, currency: 'eur', payment_method_types: ['card'], customer_email: 'nour@example.org' });
    expect(session.metadata.kassenwart_dues_link).toMatch(/^\d+$/);
    // the link's secret never goes to Stripe
    expect(JSON.stringify(session)).not.toContain(link.split('/').pop());
  });

  it('the paid checkout pays the claims once, however often Stripe delivers the event', async () => {
    const events = fake.completeCheckout(sessionId, { method: 'card' });
    await deliverAll(events);
    await deliverAll(events);
    const claims = await claimsOf(ids.card!);
    expect(claims.map((c) => c.status)).toEqual(['paid', 'paid', 'paid', 'paid']);
    const payments = await cardPayments();
    expect(payments).toHaveLength(4);
    expect(payments.reduce((sum, p) => sum + p.amount_cents, 0)).toBe(6000);
    expect(new Set(payments.map((p) => p.reference))).toEqual(new Set([fake.objects.get(sessionId)!.payment_intent]));
    // the thanks page tells the truth without naming anyone
    const done = await new Client(t.app).get(`/pay/dues/done?session_id=${sessionId}&lang=de`);
    expect(await done.text()).toContain('Ihre Kartenzahlung ist eingegangen');
    // the link now says there is nothing left to pay and starts nothing
    const again = await new Client(t.app).get(link);
    expect(await again.text()).toContain('Ihre Kartenzahlung ist eingegangen');
  });

  it('a refund in Stripe takes the payment off the claims again', async () => {
    await deliverAll(fake.refund(fake.latestCharge(sessionId)));
    const claims = await claimsOf(ids.card!);
    expect(claims.map((c) => [c.status, c.paid_cents])).toEqual([
      ['open', 0],
      ['open', 0],
      ['open', 0],
      ['open', 0],
    ]);
    expect((await cardPayments()).every((p) => p.reversed_on === '2026-01-02')).toBe(true);
  });

  it('money beyond what is open is not lost: the event stays in the inbox with a clear error', async () => {
    const jonasLink = /(\/pay\/dues\/[A-Za-z0-9_-]{43})/.exec(
      (await t.db.selectFrom('outbox').select('text_body').where('to_address', '=', 'jonas@example.org').executeTakeFirstOrThrow()).text_body,
    )![1]!;
    const visitor = new Client(t.app);
    await visitor.get(jonasLink);
    const started = await visitor.post(jonasLink);
    const session = started.headers.get('location')!.split('/').pop()!;
    // meanwhile Jonas pays the first quarter by transfer as well
    const [firstClaim] = await claimsOf(ids.transfer!);
    await postOk(treasurer, `/api/v1/dues/claims/${firstClaim!.id}/payments`, { amount_cents: 1500, paid_on: '2026-01-02', method: 'transfer' });
    const events = fake.completeCheckout(session, { method: 'card' });
    await deliverAll(events);
    const completed = events.find((e) => e.type === 'checkout.session.completed')!;
    const row = await t.db.selectFrom('stripe_events').select(['status', 'last_error']).where('id', '=', completed.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.last_error).toContain('mehr, als offen ist');
    // nothing half-booked
    expect((await claimsOf(ids.transfer!)).map((c) => c.status)).toEqual(['paid', 'open', 'open', 'open']);
  });

  it('an unknown or expired link is refused in the visitor’s language', async () => {
    const unknown = await new Client(t.app).get('/pay/dues/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?lang=tr');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Bu ödeme bağlantısı geçersiz');
    t.clock.set('2026-05-05T09:00:00Z'); // 120 days later
    const expired = await new Client(t.app).get(link);
    expect(expired.status).toBe(404);
  });
});
