import Stripe from 'stripe';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inboxBackoffMs, processStripeInbox } from '../../api/donations/process-stripe-inbox';
import { pruneStripeEvents } from '../../api/donations/webhook-queries';
import { runScheduledJobs } from '../../api/jobs/scheduler';
import { startFakeStripe, FAKE_WEBHOOK_SECRET, type FakeStripe } from '../fakes/stripe';
import { testApp, type TestApp } from '../helpers/app';
import { startDonation } from '../helpers/donations';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, signedIn } from '../helpers/factories';

describeEachEngine('Stripe webhook: what is stored, what is refused', (database) => {
  let t: TestApp;
  let fake: FakeStripe;

  beforeAll(async () => {
    fake = await startFakeStripe();
    t = testApp(database(), { env: fake.env });
    fake.now = () => Math.floor(t.clock.now().getTime() / 1000); // Stripe's clock is the test's
    await createAssociation(t.db);
  });
  afterAll(() => fake.close());

  const rowsOf = (id: string) => t.db.selectFrom('stripe_events').selectAll().where('id', '=', id).execute();
  const unknownEvent = () => fake.event('kassenwart.unheard_of', { id: `obj_${Math.random().toString(36).slice(2)}`, object: 'thing' });
  async function problem(res: Response) {
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return (await res.json()) as { status: number; code: string; detail: string };
  }

  it('stores an event delivered five times at once as one row, answers 200 each time, and processes it once', async () => {
    const event = unknownEvent();
    const answers = await Promise.all(Array.from({ length: 5 }, () => fake.deliver(t.app, event)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(bodies.filter((b) => b.duplicate === false)).toHaveLength(1);
    expect(bodies.every((b) => b.id === event.id)).toBe(true);
    // a webhook gets no CSRF cookie: it is no browser
    expect(answers.some((r) => r.headers.getSetCookie().length > 0)).toBe(false);
    await t.settle();
    const rows = await rowsOf(event.id);
    expect(rows).toHaveLength(1);
    // an unknown type is kept (so nothing Stripe sends is lost) and marked as nothing to do
    expect(rows[0]).toMatchObject({ type: 'kassenwart.unheard_of', status: 'ignored', attempts: 1, last_error: null });
    expect(rows[0]!.processed_at).toEqual(t.clock.now());
    expect(rows[0]!.stripe_created_at).toEqual(new Date(event.created * 1000));
    expect(JSON.parse(rows[0]!.payload)).toEqual(JSON.parse(JSON.stringify(event)));
    // a sixth delivery later still answers 200 and changes nothing
    const late = await fake.deliver(t.app, event);
    expect(late.status).toBe(200);
    expect(await late.json()).toMatchObject({ duplicate: true });
    expect(await rowsOf(event.id)).toEqual(rows);
  });

  it('processes every event of a burst right after it is stored, with one run at a time', async () => {
    const burst = Array.from({ length: 20 }, () => unknownEvent());
    const answers = await Promise.all(burst.map((e) => fake.deliver(t.app, e)));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    await t.settle();
    const rows = await t.db.selectFrom('stripe_events').select(['status']).where('id', 'in', burst.map((e) => e.id)).execute();
    expect(rows.map((r) => r.status)).toEqual(burst.map(() => 'ignored'));
  });

  it('refuses a forged signature (wrong secret) with 400 and stores nothing', async () => {
    const event = unknownEvent();
    const res = await fake.deliver(t.app, event, { secret: 'whsec_somebodyelsessecret' });
    expect(res.status).toBe(400);
    const body = await problem(res);
    expect(body.code).toBe('bad_request');
    expect(body.detail).toContain('Signatur passt nicht');
    // the same body with its signature cut off the other event's header
    const tampered = await fake.deliver(t.app, JSON.stringify({ ...event, type: 'charge.refunded' }), {
      signature: await Stripe.webhooks.generateTestHeaderStringAsync({ payload: JSON.stringify(event), secret: FAKE_WEBHOOK_SECRET, timestamp: fake.now(), cryptoProvider: Stripe.createSubtleCryptoProvider() }),
    });
    expect(tampered.status).toBe(400);
    await t.settle();
    expect(await rowsOf(event.id)).toEqual([]);
  });

  it('refuses a signature older than 300 seconds by the app clock, and takes one just inside the window', async () => {
    const stale = unknownEvent();
    const res = await fake.deliver(t.app, stale, { timestamp: fake.now() - 301 });
    expect(res.status).toBe(400);
    expect((await problem(res)).detail).toContain('älter als 300 Sekunden');
    expect(await rowsOf(stale.id)).toEqual([]);
    const fresh = unknownEvent();
    expect((await fake.deliver(t.app, fresh, { timestamp: fake.now() - 299 })).status).toBe(200);
    await t.settle();
    expect(await rowsOf(fresh.id)).toHaveLength(1);
  });

  it('refuses malformed JSON carrying a valid signature, and JSON that is no event', async () => {
    const broken = await fake.deliver(t.app, '{"id": "evt_broken", "type": "invoice.paid", ');
    expect(broken.status).toBe(400);
    expect((await problem(broken)).detail).toContain('kein gültiges JSON');
    const notAnEvent = await fake.deliver(t.app, JSON.stringify({ hello: 'world' }));
    expect(notAnEvent.status).toBe(400);
    expect((await problem(notAnEvent)).detail).toContain('kein Stripe-Ereignis');
    expect(await rowsOf('evt_broken')).toEqual([]);
  });

  it('refuses a delivery without the Stripe-Signature header, or with an unreadable one, in German or English', async () => {
    const event = unknownEvent();
    const missing = await t.app.request('/webhooks/stripe', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    expect(missing.status).toBe(400);
    expect((await problem(missing)).detail).toBe('Der Header Stripe-Signature fehlt.');
    const english = await t.app.request('/webhooks/stripe', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: JSON.stringify(event) });
    expect((await problem(english)).detail).toBe('The Stripe-Signature header is missing.');
    const garbage = await fake.deliver(t.app, event, { signature: 'nonsense' });
    expect(garbage.status).toBe(400);
    expect((await problem(garbage)).detail).toContain('unlesbar');
    expect(await rowsOf(event.id)).toEqual([]);
  });

  it('refuses a body over the body limit before reading it', async () => {
    const event = fake.event('kassenwart.unheard_of', { id: 'obj_big', object: 'thing', filler: 'x'.repeat(1100 * 1024) });
    const res = await fake.deliver(t.app, event);
    expect(res.status).toBe(413);
    expect(await rowsOf(event.id)).toEqual([]);
  });

  it('answers 404 with a clear word when Stripe is not set up', async () => {
    const bare = testApp(database());
    const res = await fake.deliver(bare.app, unknownEvent());
    expect(res.status).toBe(404);
    expect((await problem(res)).detail).toContain('nicht eingerichtet');
  });

  it('answers 5xx only when storing fails, so that Stripe delivers again', async () => {
    const event = unknownEvent();
    await t.db.schema.alterTable('stripe_events').renameTo('stripe_events_away').execute();
    try {
      const res = await fake.deliver(t.app, event);
      expect(res.status).toBe(500);
    } finally {
      await t.db.schema.alterTable('stripe_events_away').renameTo('stripe_events').execute();
    }
    const again = await fake.deliver(t.app, event);
    expect(again.status).toBe(200);
    await t.settle();
    expect(await rowsOf(event.id)).toHaveLength(1);
  });
});

describeEachEngine('Stripe inbox: failed processing is kept, shown to the admin, retried with backoff', (database) => {
  let t: TestApp;
  let fake: FakeStripe;

  beforeAll(async () => {
    fake = await startFakeStripe();
    t = testApp(database(), { env: fake.env });
    fake.now = () => Math.floor(t.clock.now().getTime() / 1000);
    await createAssociation(t.db);
  });
  afterAll(() => fake.close());

  const rowOf = (id: string) => t.db.selectFrom('stripe_events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  // Stands for a real failure of applying (Stripe unreachable, a database error): the rest of
  // the processor — lock, savepoint, marks, backoff — is the code the scheduler runs.
  const failing = async (): Promise<never> => {
    throw new Stripe.errors.StripeAPIError({ message: 'An unknown error occurred (api key sk_test_abcdef123456)', type: 'api_error' });
  };

  it('keeps an event whose processing throws pending with its error, retries it after 1, 2 … minutes, and ends it', async () => {
    const background = t.deps.background;
    t.deps.background = () => {}; // the kick after the delivery is lost (a crash): only the scheduler is left
    const event = fake.event('kassenwart.unheard_of', { id: 'obj_retry', object: 'thing' });
    try {
      expect((await fake.deliver(t.app, event)).status).toBe(200);
    } finally {
      t.deps.background = background;
    }
    expect(await rowOf(event.id)).toMatchObject({ status: 'pending', attempts: 0 });

    expect(await processStripeInbox(t.deps, { apply: failing })).toEqual({ processed: 0, ignored: 0, failed: 1 });
    let row = await rowOf(event.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, processed_at: null });
    expect(row.last_error).toContain('StripeAPIError: An unknown error occurred');
    expect(row.last_error).not.toContain('abcdef123456'); // no secrets on the admin's screen
    expect(row.next_attempt_at).toEqual(new Date(t.clock.now().getTime() + 60_000));

    // the admin sees it waiting with its error and next try; the treasurer does not see the inbox
    const { client: admin } = await signedIn(t, 'admin');
    const page = await admin.get('/stripe-events');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Noch nicht verarbeitet (1)');
    expect(html).toContain(event.id);
    expect(html).toContain('StripeAPIError: An unknown error occurred');
    expect(html).toContain('24.11.2026, 11:01'); // next try, Berlin time
    expect(html).toContain('href="/stripe-events"'); // in the admin's navigation
    const { client: treasurer } = await signedIn(t, 'treasurer');
    expect((await treasurer.get('/stripe-events')).status).toBe(403);
    expect(await (await treasurer.get('/')).text()).not.toContain('href="/stripe-events"');

    // not due yet: nothing happens, however often the processor runs
    t.clock.advance(59_000);
    expect(await processStripeInbox(t.deps, { apply: failing })).toEqual({ processed: 0, ignored: 0, failed: 0 });
    t.clock.advance(1_000);
    await processStripeInbox(t.deps, { apply: failing });
    row = await rowOf(event.id);
    expect(row.attempts).toBe(2);
    expect(row.next_attempt_at).toEqual(new Date(t.clock.now().getTime() + 120_000));

    // the scheduler runs the real apply once the event is due again: an unknown type is done as ignored
    t.clock.advance(60_000);
    expect((await runScheduledJobs(t.deps)).stripeEvents).toEqual({ processed: 0, ignored: 0, failed: 0 });
    t.clock.advance(60_000);
    expect((await runScheduledJobs(t.deps)).stripeEvents).toEqual({ processed: 0, ignored: 1, failed: 0 });
    row = await rowOf(event.id);
    expect(row).toMatchObject({ status: 'ignored', attempts: 3, last_error: null });
    expect(row.processed_at).toEqual(t.clock.now());
    const after = await (await admin.get('/stripe-events')).text();
    expect(after).toContain('Noch nicht verarbeitet (0)');
    expect(after).toContain('ignoriert');
  });

  it('keeps a gift whose re-read from Stripe fails pending, and the scheduler books it once, after the backoff', async () => {
    const { sessionId } = await startDonation(t, { amount_cents: 4200 });
    const [completed] = fake.completeCheckout(sessionId, { method: 'card' });
    const gifts = () => t.db.selectFrom('donations').select(['status', 'amount_cents']).where('stripe_checkout_session_id', '=', sessionId).execute();
    fake.failNext(1000); // Stripe is down: every call answers 500
    expect((await fake.deliver(t.app, completed!)).status).toBe(200); // stored all the same
    await t.settle();
    let row = await rowOf(completed!.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toContain('fake outage');
    expect(await gifts()).toEqual([]);

    fake.failNext(0); // Stripe is back
    t.clock.advance(30_000);
    await runScheduledJobs(t.deps); // not due yet
    expect((await rowOf(completed!.id)).status).toBe('pending');
    t.clock.advance(30_000);
    expect((await runScheduledJobs(t.deps)).stripeEvents).toMatchObject({ processed: 1, failed: 0 });
    row = await rowOf(completed!.id);
    expect(row).toMatchObject({ status: 'processed', attempts: 2, last_error: null });
    expect(await gifts()).toEqual([{ status: 'succeeded', amount_cents: 4200 }]);
    // Stripe's own retries of the same event change nothing
    for (let i = 0; i < 4; i++) expect((await fake.deliver(t.app, completed!)).status).toBe(200);
    await t.settle();
    await runScheduledJobs(t.deps);
    expect(await gifts()).toHaveLength(1);
  });

  it('lets the admin retry a waiting event now, and says when it failed again', async () => {
    const event = fake.event('kassenwart.unheard_of', { id: 'obj_now', object: 'thing' });
    const background = t.deps.background;
    t.deps.background = () => {};
    try {
      await fake.deliver(t.app, event);
    } finally {
      t.deps.background = background;
    }
    await processStripeInbox(t.deps, { apply: failing });
    expect((await rowOf(event.id)).next_attempt_at.getTime()).toBeGreaterThan(t.clock.now().getTime());
    const { client: admin } = await signedIn(t, 'admin');
    const res = await admin.post(`/stripe-events/${event.id}/retry`);
    expect(res.status).toBe(302);
    expect(await rowOf(event.id)).toMatchObject({ status: 'ignored', attempts: 2, last_error: null });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'stripe_event.retried').where('entity_id', '=', event.id).execute();
    expect(audit).toHaveLength(1);
    // a done event cannot be retried
    await admin.post(`/stripe-events/${event.id}/retry`);
    expect(await (await admin.get('/stripe-events')).text()).toContain('wartet nicht');
  });

  it('never applies an event twice when the background run and the scheduler run at once', async () => {
    const events = Array.from({ length: 12 }, (_, i) => fake.event('kassenwart.unheard_of', { id: `obj_race${i}`, object: 'thing' }));
    const background = t.deps.background;
    t.deps.background = () => {};
    try {
      for (const e of events) await fake.deliver(t.app, e);
    } finally {
      t.deps.background = background;
    }
    const applied: string[] = [];
    const counting = async (_trx: unknown, e: Stripe.Event) => {
      applied.push(e.id);
      await new Promise((r) => setTimeout(r, 5)); // hold the lock a moment, as a Stripe re-read would
      return { result: 'applied' as const };
    };
    const reports = await Promise.all([
      processStripeInbox(t.deps, { apply: counting }),
      processStripeInbox(t.deps, { apply: counting }),
      processStripeInbox(t.deps, { apply: counting }),
      ...events.map((e) => processStripeInbox(t.deps, { apply: counting, eventId: e.id })),
    ]);
    expect(reports.reduce((n, r) => n + r.processed, 0)).toBe(12);
    expect(applied.sort()).toEqual(events.map((e) => e.id).sort());
    const rows = await t.db.selectFrom('stripe_events').select(['status', 'attempts']).where('id', 'in', events.map((e) => e.id)).execute();
    expect(rows.every((r) => r.status === 'processed' && r.attempts === 1)).toBe(true);
  });

  it('prunes processed and ignored events after 90 days, and never a waiting one', async () => {
    const done = (await t.db.selectFrom('stripe_events').select('id').where('status', '<>', 'pending').execute()).map((r) => r.id);
    expect(done.length).toBeGreaterThan(10);
    const stillThere = async () => (await t.db.selectFrom('stripe_events').select('id').where('id', 'in', done).execute()).length;
    t.clock.advance(89 * 86_400_000);
    await runScheduledJobs(t.deps);
    expect(await stillThere()).toBe(done.length);
    t.clock.advance(2 * 86_400_000);
    await runScheduledJobs(t.deps);
    expect(await stillThere()).toBe(0);

    const waiting = fake.event('kassenwart.unheard_of', { id: 'obj_wait', object: 'thing' });
    const background = t.deps.background;
    t.deps.background = () => {};
    try {
      await fake.deliver(t.app, waiting);
    } finally {
      t.deps.background = background;
    }
    await processStripeInbox(t.deps, { apply: failing, eventId: waiting.id });
    await pruneStripeEvents(t.db, new Date('2100-01-01T00:00:00Z'));
    expect(await rowOf(waiting.id)).toMatchObject({ status: 'pending', attempts: 1 });
  });
});

it('backs off 1, 2, 4 … minutes and never waits more than 6 hours', () => {
  expect([1, 2, 3, 4, 9, 10, 50].map((n) => inboxBackoffMs(n) / 60_000)).toEqual([1, 2, 4, 8, 256, 360, 360]);
});
