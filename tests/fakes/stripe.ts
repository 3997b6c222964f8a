import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import Stripe from 'stripe';

/**
 * A fake of the parts of Stripe's HTTP API that Kassenwart calls, for the real `stripe` SDK to
 * talk to (STRIPE_API_URL). Objects start from Stripe's official fixtures
 * (../shared/stripe/fixtures3.json) and get the fields a real Stripe would fill in.
 *
 * Tests play Stripe's part through the control methods (`completeCheckout`, `payInvoice`,
 * `refund`, …): each changes the fake's state as Stripe would and returns the webhook events
 * Stripe would send; `deliver` signs one with the SDK's own test-header helper and posts it.
 */

const FIXTURES_PATH = new URL('../../../shared/stripe/fixtures3.json', import.meta.url);
type Obj = Record<string, any>;
let fixtures: Record<string, Obj> | null = null;
function fixture(name: string): Obj {
  fixtures ??= (JSON.parse(readFileSync(FIXTURES_PATH, 'utf8')) as { resources: Record<string, Obj> }).resources;
  const value = fixtures[name];
  if (!value) throw new Error(`no Stripe fixture named ${name}`);
  return structuredClone(value);
}

export const FAKE_STRIPE_KEY = 'sk_test_kassenwartfake';
export const FAKE_WEBHOOK_SECRET = 'whsec_kassenwartfaketestsecret';

export type FakePaymentMethod = 'card' | 'sepa_debit';

export interface FakeStripe {
  /** base URL of the fake: STRIPE_API_URL */
  url: string;
  /** env for testApp / the server: keys and the fake's URL */
  env: Record<string, string>;
  /** every object by id (checkout sessions, payment intents, charges, invoices, subscriptions, …) */
  objects: Map<string, Obj>;
  /** every request the SDK made: method, path, form body */
  requests: { method: string; path: string; body: Obj }[];
  /** every event the fake produced, oldest first */
  events: Stripe.Event[];
  /** The donor pays on the hosted page. Card: paid now. SEPA: processing until `settleAsync`. */
  completeCheckout(sessionId: string, options?: { method?: FakePaymentMethod; email?: string; name?: string }): Stripe.Event[];
  /** A SEPA payment of a one-off checkout clears (succeeded) or bounces (failed) days later. */
  settleAsync(sessionId: string, outcome: 'succeeded' | 'failed'): Stripe.Event[];
  /** The next monthly invoice of a subscription is paid or fails. */
  payInvoice(subscriptionId: string, outcome?: 'paid' | 'failed'): Stripe.Event[];
  /** Refund a charge (fully unless an amount is given). */
  refund(chargeId: string, amount?: number): Stripe.Event[];
  dispute(chargeId: string): Stripe.Event[];
  /** The donor (or the association in Stripe's dashboard) cancels a subscription. */
  cancelSubscription(subscriptionId: string): Stripe.Event[];
  /** Any event, for odd cases (unknown types, hand-made payloads). */
  event(type: string, object: Obj): Stripe.Event;
  /** Signs and posts an event (or a raw body) to the app's webhook endpoint. */
  deliver(
    target: { request(path: string, init: RequestInit): Response | Promise<Response> } | string,
    event: Stripe.Event | string,
    options?: { secret?: string; timestamp?: number; signature?: string },
  ): Promise<Response>;
  /** The payment intent behind a checkout session, a subscription's latest charge, … */
  latestCharge(of: string): string;
  /** Make the next API calls fail with 500 (Stripe down). */
  failNext(count: number): void;
  /** Seconds since the epoch the fake stamps on new objects and events (default: the real clock). */
  now: () => number;
  close(): Promise<void>;
}

export async function startFakeStripe(options: { now?: () => number } = {}): Promise<FakeStripe> {
  const objects = new Map<string, Obj>();
  const requests: FakeStripe['requests'] = [];
  const events: Stripe.Event[] = [];
  const idempotent = new Map<string, { status: number; body: unknown }>();
  let failures = 0;
  let counter = 0;
  const fake = { now: options.now ?? (() => Math.floor(Date.now() / 1000)) } as FakeStripe;
  const now = () => fake.now();
  const newId = (prefix: string) => `${prefix}_fake${(++counter).toString().padStart(6, '0')}${Math.random().toString(36).slice(2, 10)}`;

  const store = (o: Obj) => {
    objects.set(o.id, o);
    return o;
  };
  const get = (id: string) => {
    const o = objects.get(id);
    if (!o) throw new Error(`fake Stripe has no object ${id}`);
    return o;
  };
  const emit = (type: string, object: Obj, previous?: Obj): Stripe.Event => {
    const e = fixture('event');
    Object.assign(e, {
      id: newId('evt'),
      type,
      created: now(),
      api_version: Stripe.API_VERSION,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
    });
    events.push(e as Stripe.Event);
    return e as Stripe.Event;
  };
  fake.event = emit;

  // ---- object builders ----
  const customer = (email: string | null, name: string | null) =>
    store(Object.assign(fixture('customer'), { id: newId('cus'), created: now(), email, name, metadata: {}, livemode: false, address: null, shipping: null }));

  const charge = (pi: Obj, method: FakePaymentMethod, status: 'succeeded' | 'pending' | 'failed') => {
    const c = Object.assign(fixture('charge'), {
      id: newId(method === 'card' ? 'ch' : 'py'),
      created: now(),
      amount: pi.amount,
      amount_captured: status === 'succeeded' ? pi.amount : 0,
      amount_refunded: 0,
      currency: pi.currency,
      customer: pi.customer,
      payment_intent: pi.id,
      metadata: { ...pi.metadata },
      status,
      paid: status === 'succeeded',
      captured: status !== 'failed',
      refunded: false,
      disputed: false,
      failure_code: status === 'failed' ? 'insufficient_funds' : null,
      failure_message: status === 'failed' ? 'The account has insufficient funds.' : null,
      livemode: false,
      invoice: pi.invoice ?? null,
      payment_method_details: method === 'card' ? { type: 'card', card: { brand: 'visa', last4: '4242', country: 'DE' } } : { type: 'sepa_debit', sepa_debit: { last4: '3000', country: 'DE', bank_code: '37040044' } },
    });
    c.refunds = { object: 'list', data: [], has_more: false, url: `/v1/charges/${c.id}/refunds` };
    return store(c);
  };

  const paymentIntent = (amount: number, currency: string, method: FakePaymentMethod, customerId: string | null, metadata: Obj, pending: boolean) => {
    const pi = store(
      Object.assign(fixture('payment_intent'), {
        id: newId('pi'),
        created: now(),
        amount,
        amount_received: pending ? 0 : amount,
        currency,
        customer: customerId,
        metadata: { ...metadata },
        payment_method_types: [method],
        status: pending ? 'processing' : 'succeeded',
        livemode: false,
        last_payment_error: null,
      }),
    );
    pi.latest_charge = charge(pi, method, pending ? 'pending' : 'succeeded').id;
    return pi;
  };

  const invoice = (sub: Obj, outcome: 'paid' | 'failed' | 'processing', reason: string) => {
    const method: FakePaymentMethod = sub.__method;
    const amount = sub.items.data[0].price.unit_amount * sub.items.data[0].quantity;
    const inv = store(
      Object.assign(fixture('invoice'), {
        id: newId('in'),
        created: now(),
        customer: sub.customer,
        currency: sub.currency,
        amount_due: amount,
        amount_paid: outcome === 'paid' ? amount : 0,
        amount_remaining: outcome === 'paid' ? 0 : amount,
        subtotal: amount,
        total: amount,
        billing_reason: reason,
        status: outcome === 'paid' ? 'paid' : 'open',
        attempted: true,
        attempt_count: 1,
        subscription: null,
        parent: { type: 'subscription_details', quote_details: null, subscription_details: { subscription: sub.id, metadata: { ...sub.metadata } } },
        period_start: now(),
        period_end: now() + 30 * 86400,
        metadata: {},
        livemode: false,
        status_transitions: { finalized_at: now(), marked_uncollectible_at: null, paid_at: outcome === 'paid' ? now() : null, voided_at: null },
        lines: {
          object: 'list',
          has_more: false,
          url: '/v1/invoices/lines',
          data: [{ ...fixture('line_item'), id: newId('il'), amount, currency: sub.currency, quantity: 1, description: sub.items.data[0].price.product_data?.name ?? 'Spende', metadata: {} }],
        },
      }),
    );
    const pi = paymentIntent(amount, sub.currency, method, sub.customer, { ...sub.metadata }, outcome === 'processing');
    if (outcome === 'failed') {
      pi.status = 'requires_payment_method';
      pi.amount_received = 0;
      pi.last_payment_error = { code: 'insufficient_funds', message: 'The account has insufficient funds.', type: 'card_error' };
      Object.assign(get(pi.latest_charge), { status: 'failed', paid: false, amount_captured: 0, failure_code: 'insufficient_funds', failure_message: 'The account has insufficient funds.' });
    }
    get(pi.latest_charge).invoice = inv.id;
    pi.invoice = inv.id;
    inv.payments = {
      object: 'list',
      has_more: false,
      url: `/v1/invoice_payments?invoice=${inv.id}`,
      data: [
        Object.assign(fixture('invoice_payment'), {
          id: newId('inpay'),
          invoice: inv.id,
          amount_paid: outcome === 'paid' ? amount : null,
          amount_requested: amount,
          currency: sub.currency,
          is_default: true,
          status: outcome === 'paid' ? 'paid' : 'open',
          payment: { type: 'payment_intent', payment_intent: pi.id },
          created: now(),
        }),
      ],
    };
    sub.latest_invoice = inv.id;
    return inv;
  };

  // ---- control methods ----
  fake.completeCheckout = (sessionId, opts = {}) => {
    const session = get(sessionId);
    if (session.status !== 'open') throw new Error(`checkout session ${sessionId} is ${session.status}`);
    const method = opts.method ?? 'card';
    if (!session.payment_method_types.includes(method)) throw new Error(`${method} is not offered by ${sessionId}`);
    const email = opts.email ?? session.customer_email ?? 'donor@example.org';
    session.customer_details = { ...fixture('checkout.session').customer_details, email, name: opts.name ?? null };
    session.status = 'complete';
    const out: Stripe.Event[] = [];
    if (session.mode === 'payment') {
      const customerId = session.customer ?? (session.customer_creation === 'always' ? customer(email, opts.name ?? null).id : null);
      session.customer = customerId;
      const pi = paymentIntent(session.amount_total, session.currency, method, customerId, session.__payment_intent_metadata ?? {}, method === 'sepa_debit');
      session.payment_intent = pi.id;
      session.payment_status = method === 'card' ? 'paid' : 'unpaid';
      out.push(emit('checkout.session.completed', session));
    } else {
      const cus = session.customer ? get(session.customer) : customer(email, opts.name ?? null);
      session.customer = cus.id;
      const line = session.__line_items[0];
      const sub = store(
        Object.assign(fixture('subscription'), {
          id: newId('sub'),
          created: now(),
          start_date: now(),
          customer: cus.id,
          currency: line.price_data.currency,
          status: 'active',
          metadata: { ...(session.__subscription_metadata ?? {}) },
          cancel_at_period_end: false,
          cancel_at: null,
          canceled_at: null,
          ended_at: null,
          pause_collection: null,
          livemode: false,
          latest_invoice: null,
          __method: method,
          items: {
            object: 'list',
            has_more: false,
            url: '/v1/subscription_items',
            data: [
              {
                ...fixture('subscription').items.data[0],
                id: newId('si'),
                quantity: Number(line.quantity ?? 1),
                price: {
                  ...fixture('price'),
                  id: newId('price'),
                  currency: line.price_data.currency,
                  unit_amount: Number(line.price_data.unit_amount),
                  unit_amount_decimal: String(line.price_data.unit_amount),
                  recurring: { interval: line.price_data.recurring.interval, interval_count: 1, usage_type: 'licensed', meter: null, trial_period_days: null },
                  type: 'recurring',
                  product_data: line.price_data.product_data,
                },
              },
            ],
          },
        }),
      );
      sub.items.data[0].subscription = sub.id;
      const inv = invoice(sub, method === 'card' ? 'paid' : 'processing', 'subscription_create');
      session.subscription = sub.id;
      session.invoice = inv.id;
      session.payment_status = 'paid';
      out.push(emit('customer.subscription.created', sub));
      out.push(emit('checkout.session.completed', session));
      if (method === 'card') out.push(emit('invoice.paid', inv));
    }
    return out;
  };

  fake.settleAsync = (sessionId, outcome) => {
    const session = get(sessionId);
    const pi = get(session.payment_intent);
    const ch = get(pi.latest_charge);
    if (outcome === 'succeeded') {
      Object.assign(pi, { status: 'succeeded', amount_received: pi.amount });
      Object.assign(ch, { status: 'succeeded', paid: true, amount_captured: ch.amount });
      session.payment_status = 'paid';
      return [emit('checkout.session.async_payment_succeeded', session)];
    }
    Object.assign(pi, { status: 'requires_payment_method', last_payment_error: { code: 'insufficient_funds', message: 'The account has insufficient funds.', type: 'invalid_request_error' } });
    Object.assign(ch, { status: 'failed', paid: false, failure_code: 'insufficient_funds', failure_message: 'The account has insufficient funds.' });
    return [emit('checkout.session.async_payment_failed', session)];
  };

  fake.payInvoice = (subscriptionId, outcome = 'paid') => {
    const sub = get(subscriptionId);
    if (sub.status === 'canceled') throw new Error(`subscription ${subscriptionId} is canceled`);
    const inv = invoice(sub, outcome, 'subscription_cycle');
    if (outcome === 'failed') {
      const previous = { status: sub.status };
      sub.status = 'past_due';
      return [emit('invoice.payment_failed', inv), emit('customer.subscription.updated', sub, previous)];
    }
    return [emit('invoice.paid', inv)];
  };

  fake.refund = (chargeId, amount) => {
    const ch = get(chargeId);
    const refunded = Math.min(ch.amount, (ch.amount_refunded ?? 0) + (amount ?? ch.amount));
    const refund = store(Object.assign(fixture('refund'), { id: newId('re'), amount: refunded - ch.amount_refunded, charge: ch.id, payment_intent: ch.payment_intent, currency: ch.currency, status: 'succeeded', created: now(), metadata: {} }));
    ch.amount_refunded = refunded;
    ch.refunded = refunded === ch.amount;
    ch.refunds.data.unshift(refund);
    return [emit('charge.refunded', ch, { amount_refunded: refunded - refund.amount, refunded: false })];
  };

  fake.dispute = (chargeId) => {
    const ch = get(chargeId);
    ch.disputed = true;
    const d = store(
      Object.assign(fixture('dispute'), { id: newId('du'), amount: ch.amount, charge: ch.id, payment_intent: ch.payment_intent, currency: ch.currency, reason: 'fraudulent', status: 'needs_response', created: now(), metadata: {}, livemode: false }),
    );
    return [emit('charge.dispute.created', d)];
  };

  fake.cancelSubscription = (subscriptionId) => {
    const sub = get(subscriptionId);
    Object.assign(sub, { status: 'canceled', canceled_at: now(), ended_at: now() });
    return [emit('customer.subscription.deleted', sub)];
  };

  fake.latestCharge = (of) => {
    const o = get(of);
    if (o.object === 'payment_intent') return o.latest_charge;
    if (o.object === 'checkout.session') return get(o.payment_intent).latest_charge;
    if (o.object === 'subscription') return fake.latestCharge(o.latest_invoice);
    if (o.object === 'invoice') return get(o.payments.data[0].payment.payment_intent).latest_charge;
    throw new Error(`no charge for ${of}`);
  };

  fake.failNext = (count) => {
    failures = count;
  };

  fake.deliver = async (target, event, opts = {}) => {
    const payload = typeof event === 'string' ? event : JSON.stringify(event, null, 2);
    const signature =
      opts.signature ??
      (await Stripe.webhooks.generateTestHeaderStringAsync({
        payload,
        secret: opts.secret ?? FAKE_WEBHOOK_SECRET,
        timestamp: opts.timestamp ?? now(),
        cryptoProvider: Stripe.createSubtleCryptoProvider(),
      }));
    const init: RequestInit = { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload };
    if (typeof target === 'string') return fetch(`${target.replace(/\/$/, '')}/webhooks/stripe`, init);
    return target.request('/webhooks/stripe', init);
  };

  // ---- the HTTP API ----
  const app = new Hono();
  const stripeError = (c: Context, status: number, message: string, param?: string, type = 'invalid_request_error') =>
    c.json({ error: { type, message, ...(param ? { param } : {}) } }, status as 400);

  app.use('/v1/*', async (c, next) => {
    const auth = c.req.header('authorization') ?? '';
    if (!/^Bearer sk_test_\w+$/.test(auth)) return stripeError(c, 401, 'Invalid API Key provided', undefined, 'invalid_request_error');
    const body = c.req.method === 'GET' || c.req.method === 'DELETE' ? decodeForm(new URL(c.req.url).search.slice(1)) : decodeForm(await c.req.text());
    requests.push({ method: c.req.method, path: c.req.path, body });
    c.set('form' as never, body as never);
    if (failures > 0) {
      failures--;
      return stripeError(c, 500, 'An unknown error occurred (fake outage)', undefined, 'api_error');
    }
    const key = c.req.header('idempotency-key');
    const seen = key && c.req.method === 'POST' ? idempotent.get(key) : undefined;
    if (seen) return c.json(seen.body as object, seen.status as 200);
    await next();
    if (key && c.req.method === 'POST') idempotent.set(key, { status: c.res.status, body: await c.res.clone().json() });
  });
  const form = (c: Context): Obj => c.get('form' as never);
  const respond = (c: Context, o: Obj) => c.json(expand(strip(o), form(c).expand ?? []));
  const expand = (o: Obj, paths: string[]): Obj => {
    for (const path of paths) {
      const [head, ...rest] = path.split('.');
      if (!head) continue;
      const value = o[head];
      if (typeof value === 'string' && objects.has(value)) o[head] = expand(strip(get(value)), rest.length ? [rest.join('.')] : []);
      else if (value && typeof value === 'object' && rest.length) o[head] = expand(value, [rest.join('.')]);
    }
    return o;
  };
  const found = (c: Context, prefix: string) => {
    const o = objects.get(c.req.param('id') ?? '');
    return o && o.id.startsWith(prefix) ? o : null;
  };
  const missing = (c: Context) => stripeError(c, 404, `No such object: '${c.req.param('id')}'`, 'id');

  app.post('/v1/customers', (c) => {
    const f = form(c);
    return respond(c, customer(f.email ?? null, f.name ?? null));
  });
  app.get('/v1/customers/:id', (c) => {
    const o = found(c, 'cus');
    return o ? respond(c, o) : missing(c);
  });

  app.post('/v1/checkout/sessions', (c) => {
    const f = form(c);
    if (f.mode !== 'payment' && f.mode !== 'subscription') return stripeError(c, 400, 'Missing required param: mode.', 'mode');
    if (!f.success_url) return stripeError(c, 400, 'Missing required param: success_url.', 'success_url');
    const lines: Obj[] = f.line_items ?? [];
    if (!lines.length) return stripeError(c, 400, 'Missing required param: line_items.', 'line_items');
    for (const [i, line] of lines.entries()) {
      const unit = Number(line.price_data?.unit_amount);
      if (!Number.isInteger(unit) || unit < 50) return stripeError(c, 400, 'Amount must be at least 50 cents', `line_items[${i}][price_data][unit_amount]`);
      if (f.mode === 'subscription' && !line.price_data?.recurring?.interval) return stripeError(c, 400, 'Recurring price required in subscription mode', `line_items[${i}][price_data][recurring]`);
    }
    const currency = String(lines[0]!.price_data.currency);
    const total = lines.reduce((sum, l) => sum + Number(l.price_data.unit_amount) * Number(l.quantity ?? 1), 0);
    const id = newId('cs_test');
    const session = store(
      Object.assign(fixture('checkout.session'), {
        id,
        created: now(),
        expires_at: now() + 24 * 3600,
        mode: f.mode,
        currency,
        amount_total: total,
        amount_subtotal: total,
        customer: f.customer ?? null,
        customer_email: f.customer_email ?? null,
        customer_creation: f.customer_creation ?? (f.mode === 'payment' ? 'if_required' : null),
        customer_details: null,
        client_reference_id: f.client_reference_id ?? null,
        locale: f.locale ?? null,
        metadata: f.metadata ?? {},
        // the 2026 API filters with allowed_payment_method_types; older ones listed payment_method_types
        payment_method_types: f.allowed_payment_method_types ?? f.payment_method_types ?? ['card'],
        payment_status: 'unpaid',
        status: 'open',
        payment_intent: null,
        subscription: null,
        invoice: null,
        submit_type: f.submit_type ?? null,
        success_url: f.success_url,
        cancel_url: f.cancel_url ?? null,
        livemode: false,
        url: `${fake.url}/pay/${id}`,
        __line_items: lines,
        __payment_intent_metadata: f.payment_intent_data?.metadata ?? {},
        __subscription_metadata: f.subscription_data?.metadata ?? {},
      }),
    );
    return respond(c, session);
  });
  app.get('/v1/checkout/sessions/:id', (c) => {
    const o = found(c, 'cs_');
    return o ? respond(c, o) : missing(c);
  });
  app.post('/v1/checkout/sessions/:id/expire', (c) => {
    const o = found(c, 'cs_');
    if (!o) return missing(c);
    if (o.status !== 'open') return stripeError(c, 400, 'Only open sessions can be expired');
    o.status = 'expired';
    emit('checkout.session.expired', o);
    return respond(c, o);
  });
  for (const [path, prefix] of [
    ['payment_intents', 'pi_'],
    ['charges', ''],
    ['invoices', 'in_'],
    ['disputes', 'du_'],
    ['refunds', 're_'],
  ] as const) {
    app.get(`/v1/${path}/:id`, (c) => {
      const o = found(c, prefix);
      return o && (path !== 'charges' || o.object === 'charge') ? respond(c, o) : missing(c);
    });
  }
  app.get('/v1/subscriptions/:id', (c) => {
    const o = found(c, 'sub_');
    return o ? respond(c, o) : missing(c);
  });
  app.post('/v1/subscriptions/:id', (c) => {
    const sub = found(c, 'sub_');
    if (!sub) return missing(c);
    if (sub.status === 'canceled') return stripeError(c, 400, 'A canceled subscription can only update its cancellation_details and metadata.');
    const f = form(c);
    const previous: Obj = {};
    if ('pause_collection' in f) {
      previous.pause_collection = sub.pause_collection;
      sub.pause_collection = f.pause_collection === '' ? null : { behavior: f.pause_collection.behavior, resumes_at: f.pause_collection.resumes_at ? Number(f.pause_collection.resumes_at) : null };
    }
    if ('cancel_at_period_end' in f) {
      previous.cancel_at_period_end = sub.cancel_at_period_end;
      sub.cancel_at_period_end = f.cancel_at_period_end === 'true';
    }
    if (f.items?.[0]?.price_data) {
      const item = sub.items.data[0];
      previous.items = structuredClone(sub.items);
      item.price = { ...item.price, id: newId('price'), unit_amount: Number(f.items[0].price_data.unit_amount), unit_amount_decimal: String(f.items[0].price_data.unit_amount) };
    }
    if (f.metadata) sub.metadata = { ...sub.metadata, ...f.metadata };
    emit('customer.subscription.updated', sub, previous);
    return respond(c, sub);
  });
  app.delete('/v1/subscriptions/:id', (c) => {
    const sub = found(c, 'sub_');
    if (!sub) return missing(c);
    fake.cancelSubscription(sub.id);
    return respond(c, sub);
  });
  app.post('/v1/billing_portal/sessions', (c) => {
    const f = form(c);
    if (!f.customer || !objects.has(f.customer)) return stripeError(c, 400, `No such customer: '${f.customer}'`, 'customer');
    const id = newId('bps');
    return respond(c, store(Object.assign(fixture('billing_portal.session'), { id, customer: f.customer, return_url: f.return_url ?? null, created: now(), livemode: false, locale: f.locale ?? null, url: `${fake.url}/billing/${id}` })));
  });

  // The hosted pages a browser is sent to: enough to see where it landed.
  app.get('/pay/:id', (c) => {
    const s = objects.get(c.req.param('id'));
    if (!s) return c.text('Not found', 404);
    const amount = (s.amount_total / 100).toFixed(2);
    return c.html(`<!doctype html><html><head><title>Fake Stripe Checkout</title></head><body><h1>Fake Stripe Checkout</h1><p id="amount">${amount} ${String(s.currency).toUpperCase()}</p><p id="mode">${s.mode}</p><p id="methods">${s.payment_method_types.join(' ')}</p></body></html>`);
  });
  app.get('/billing/:id', (c) => c.html('<!doctype html><title>Fake Stripe billing portal</title><h1>Fake Stripe billing portal</h1>'));
  app.all('*', (c) => stripeError(c, 404, `Unrecognized request URL (${c.req.method}: ${c.req.path}).`));

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.env = { STRIPE_SECRET_KEY: FAKE_STRIPE_KEY, STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET, STRIPE_API_URL: fake.url };
  fake.objects = objects;
  fake.requests = requests;
  fake.events = events;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}

/** Fields the fake keeps for itself (prefixed __) never leave it. */
function strip(o: Obj): Obj {
  const copy: Obj = {};
  for (const [k, v] of Object.entries(o)) if (!k.startsWith('__')) copy[k] = structuredClone(v);
  return copy;
}

/** Stripe's form encoding (a[b][0][c]=v) back into objects and arrays. */
export function decodeForm(body: string): Obj {
  const root: Obj = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.replace(/\]/g, '').split('[');
    let node: Obj = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const name = part === '' ? String(Object.keys(node).length) : part;
      if (last) node[name] = value;
      else node = node[name] ??= {};
    });
  }
  return arrays(root) as Obj;
}
function arrays(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  const o = v as Obj;
  const keys = Object.keys(o);
  const converted = Object.fromEntries(keys.map((k) => [k, arrays(o[k])]));
  return keys.length && keys.every((k, i) => k === String(i)) ? keys.map((k) => converted[k]) : converted;
}
