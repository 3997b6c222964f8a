import { applyDuesStripeEvent } from '../dues/apply-card-payment';
import type { Insertable } from 'kysely';
import type Stripe from 'stripe';
import type { CheckoutIntent, DonationStatus, DonationsTable, DonationSubscription } from '../../db/schema';
import { changedFields, writeAudit } from '../audit/write-audit';
import { systemActor, type Deps, type Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { berlinToday, formatDate } from '../lib/dates';
import { formatEuro } from '../lib/money';
import { monthlyGiftStateOf } from '../lib/monthly-gift-state';
import { flagReceiptsForReview } from '../receipts/flag-receipts';
import { findOrCreateDonor } from './find-or-create-donor';
import {
  findDonationForUpdate,
  findIntent,
  findSubscriptionForUpdate,
  insertDonationOnce,
  insertSubscriptionOnce,
  lockIntent,
  subscriptionWasThanked,
  updateDonation,
  updateSubscription,
  type DonationRow,
} from './queries';
import { thankDonor } from './thank-donor';

/** What applying one inbox event did: 'applied' changed our books, 'ignored' had nothing to do. */
export type ApplyOutcome = { result: 'applied' | 'ignored'; note?: string };

type ApplyDeps = Pick<Deps, 'payments' | 'clock' | 'config' | 'logger'>;
interface Ctx {
  trx: Executor;
  stripe: Stripe;
  deps: ApplyDeps;
}

/** Who changed a gift when Stripe said so: the audit log's actor. */
const STRIPE = systemActor('Stripe');

/**
 * Applies one verified Stripe event to the donations ledger, inside the transaction the inbox
 * processor opened. Throwing leaves the event in the inbox for a retry with backoff (and lists
 * it for the admin with the error).
 *
 * Every handler re-reads the object from Stripe and brings our row to what Stripe says now,
 * rather than replaying the event: events arrive late, twice or out of order, and only the
 * current object tells the truth. A gift's status only moves forward (see `moveDonation`), and
 * every row is created once under a unique Stripe key, so a stale or repeated event changes
 * nothing. Amount and currency are checked against the donation page's intent.
 */
export async function applyStripeEvent(trx: Executor, event: Stripe.Event, deps: ApplyDeps): Promise<ApplyOutcome> {
  const stripe = deps.payments;
  if (!stripe) throw new AppError('unavailable', msg('Stripe ist nicht eingerichtet: das Ereignis kann nicht nachgelesen werden.', 'Stripe is not configured: the event cannot be checked.'));
  // A dues card payment (the link in a claim notice) and its refund belong to the dues area.
  const dues = await applyDuesStripeEvent(trx, event, deps);
  if (dues) return dues;
  const ctx: Ctx = { trx, stripe, deps };
  const object = event.data.object as { id?: string; metadata?: Stripe.Metadata | null };

  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed': {
      const owner = ownerOf(object.metadata);
      if (owner.kind === 'dues') return duesNotHere(event);
      // Not from our donation page and not a gift we know: someone else's checkout on this Stripe account.
      if (owner.kind === 'none' && !(await findDonationForUpdate(trx, { column: 'stripe_checkout_session_id', value: object.id! }))) return notOurs(event);
      return applyCheckoutSession(ctx, object.id!);
    }
    case 'invoice.paid':
    case 'invoice.payment_succeeded':
    case 'invoice.payment_failed':
      return applyInvoice(ctx, object.id!);
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return applySubscriptionEvent(ctx, object.id!, object.metadata);
    case 'charge.refunded':
      return applyCharge(ctx, object.id!);
    case 'charge.dispute.created':
    case 'charge.dispute.closed': {
      const charge = (object as Stripe.Dispute).charge;
      return applyCharge(ctx, typeof charge === 'string' ? charge : charge.id);
    }
    default:
      return { result: 'ignored', note: `Ereignis ${event.type} betrifft das Spendenbuch nicht` };
  }
}

// ---- whose object is it

type Owner = { kind: 'intent'; intentId: number } | { kind: 'dues' } | { kind: 'none' };

/**
 * What a Stripe object belongs to, from the metadata our code put on it: the donation page's
 * intent (`kassenwart_intent`), or a dues card payment (`kassenwart_claim` /
 * `kassenwart_dues_link`) — the dues area applies those, not this ledger.
 */
function ownerOf(metadata: Stripe.Metadata | null | undefined): Owner {
  const intent = metadata?.kassenwart_intent;
  if (intent && /^\d{1,15}$/.test(intent)) return { kind: 'intent', intentId: Number(intent) };
  if (metadata?.kassenwart_claim || metadata?.kassenwart_dues_link) return { kind: 'dues' };
  return { kind: 'none' };
}

/** A dues checkout event the dues area has no use for (it books paid card sessions only). */
function duesNotHere(event: Stripe.Event): ApplyOutcome {
  return { result: 'ignored', note: `${event.type}: Kartenzahlung eines Mitgliedsbeitrags, nicht des Spendenbuchs` };
}

function notOurs(event: Stripe.Event): ApplyOutcome {
  return { result: 'ignored', note: `${event.type}: ohne kassenwart_intent und keiner bekannten Spende zugeordnet` };
}

async function intentOf(ctx: Ctx, intentId: number, what: string): Promise<CheckoutIntent> {
  const intent = await lockIntent(ctx.trx, intentId);
  if (!intent) {
    throw new AppError(
      'not_found',
      msg(`${what} nennt das Spendenformular ${intentId}, das es nicht (mehr) gibt.`, `${what} names donation form ${intentId}, which does not exist (any more).`),
    );
  }
  return intent;
}

function mismatch(what: string, stripeCents: number | null, currency: string | null, intent: CheckoutIntent): never {
  const theirs = `${((stripeCents ?? 0) / 100).toFixed(2)} ${(currency ?? '?').toUpperCase()}`;
  throw new AppError(
    'conflict',
    msg(
      `${what}: Stripe meldet ${theirs}, das Spendenformular ${intent.id} sagt ${formatEuro(intent.amount_cents)} – nicht gebucht, bitte prüfen.`,
      `${what}: Stripe reports ${theirs}, donation form ${intent.id} says ${formatEuro(intent.amount_cents)} – not booked, please check.`,
    ),
  );
}

function requireEuro(what: string, currency: string | null | undefined) {
  if (currency !== 'eur') {
    throw new AppError('conflict', msg(`${what} ist in ${String(currency).toUpperCase()}, nicht in EUR – nicht gebucht.`, `${what} is in ${String(currency).toUpperCase()}, not EUR – not booked.`));
  }
}

const idOf = <T extends { id: string }>(value: string | T | null | undefined): string | null => (value == null ? null : typeof value === 'string' ? value : value.id);

// ---- one-off gifts: one per Checkout Session

async function applyCheckoutSession(ctx: Ctx, sessionId: string): Promise<ApplyOutcome> {
  const session = await ctx.stripe.checkout.sessions.retrieve(sessionId, { expand: ['payment_intent', 'payment_intent.latest_charge'] });
  const owner = ownerOf(session.metadata);
  const what = `Checkout ${session.id}`;
  if (owner.kind !== 'intent') {
    const known = await findDonationForUpdate(ctx.trx, { column: 'stripe_checkout_session_id', value: session.id });
    if (!known) return { result: 'ignored', note: `${what}: ohne kassenwart_intent` };
    return syncOneOff(ctx, session, known, null);
  }
  // The intent is locked first: whoever holds it makes the donor and the gift, the other waits and finds them.
  const intent = await intentOf(ctx, owner.intentId, what);
  requireEuro(what, session.currency);
  if (session.amount_total !== intent.amount_cents) mismatch(what, session.amount_total, session.currency, intent);
  const expectedMode = intent.interval === 'monthly' ? 'subscription' : 'payment';
  if (session.mode !== expectedMode) {
    throw new AppError('conflict', msg(`${what} ist im Modus ${session.mode}, das Spendenformular ${intent.id} sagt ${intent.interval}.`, `${what} is in ${session.mode} mode, donation form ${intent.id} says ${intent.interval}.`));
  }

  if (session.mode === 'subscription') {
    // A monthly gift's donations are its paid invoices, never the checkout itself.
    const subscriptionId = idOf(session.subscription);
    if (!subscriptionId) return { result: 'ignored', note: `${what}: noch kein Abonnement` };
    const sub = await ensureSubscription(ctx, subscriptionId, intent);
    return sub ? { result: 'applied', note: `monatliche Spende ${sub.row.id}` } : { result: 'ignored', note: `${what}: Abonnement ohne Spendenformular` };
  }
  const known = await findDonationForUpdate(ctx.trx, { column: 'stripe_checkout_session_id', value: session.id });
  return syncOneOff(ctx, session, known ?? null, intent);
}

async function syncOneOff(ctx: Ctx, session: Stripe.Checkout.Session, known: DonationRow | null, intent: CheckoutIntent | null): Promise<ApplyOutcome> {
  const what = `Checkout ${session.id}`;
  const pi = session.payment_intent as Stripe.PaymentIntent | null;
  if (session.status !== 'complete' || !pi || typeof pi === 'string') return { result: 'ignored', note: `${what}: noch nicht abgeschlossen` };
  requireEuro(what, pi.currency);
  if (intent && pi.amount !== intent.amount_cents) mismatch(what, pi.amount, pi.currency, intent);
  const charge = typeof pi.latest_charge === 'object' ? pi.latest_charge : null;
  const state = paymentState(pi, charge);

  if (known) {
    const moved = await moveDonation(ctx, known, state);
    // A SEPA gift is thanked when it clears, days after the checkout.
    if (moved.thank && intent) await thankDonor(ctx.trx, thanksFor(moved.id, intent, { amountCents: known.amount_cents, donatedOn: known.donated_on, monthly: false }), ctx.deps);
    return moveOutcome(moved);
  }
  if (!intent) return { result: 'ignored', note: `${what}: ohne Spendenformular` };
  const donor = await findOrCreateDonor(
    ctx.trx,
    { intent, stripeCustomerId: idOf(session.customer), stripeName: session.customer_details?.name ?? null, actor: STRIPE },
    ctx.deps,
  );
  const created = await createDonation(
    ctx,
    {
      donor_id: donor.donorId,
      subscription_id: null,
      donated_on: state.donatedOn,
      amount_cents: pi.amount,
      method: state.method,
      purpose_id: intent.purpose_id,
      status: state.status,
      receipt_wanted: intent.receipt_wanted && !intent.anonymous,
      language: intent.language,
      source: 'online',
      stripe_checkout_session_id: session.id,
      stripe_payment_intent_id: pi.id,
      stripe_charge_id: state.chargeId,
      refunded_cents: state.refundedCents,
      failure_reason: state.failureReason,
      note: state.note,
    },
    { column: 'stripe_checkout_session_id', value: session.id },
    state,
  );
  if (created.thank) await thankDonor(ctx.trx, thanksFor(created.id, intent, { amountCents: pi.amount, donatedOn: state.donatedOn, monthly: false }), ctx.deps);
  return { result: 'applied', note: `Spende ${created.id}: ${created.status}` };
}

// ---- what Stripe says about a payment

interface PaymentState {
  status: DonationStatus;
  method: 'stripe_card' | 'stripe_sepa';
  chargeId: string | null;
  paymentIntentId: string | null;
  refundedCents: number;
  failureReason: string | null;
  donatedOn: string;
  /** a payment method other than card or SEPA, named for the treasurer */
  note: string | null;
}

/**
 * A payment's state from its payment intent and latest charge. A disputed charge is 'disputed';
 * any refund, full or partial, makes the gift 'refunded' with the refunded cents: a gift partly
 * given back must never be receipted for its full amount, so the treasurer records what stayed
 * as a corrected gift (README).
 */
function paymentState(pi: Stripe.PaymentIntent | null, charge: Stripe.Charge | null, fallback: { paid: boolean; at: number } = { paid: false, at: 0 }): PaymentState {
  const type = charge?.payment_method_details?.type ?? pi?.payment_method_types?.[0] ?? 'card';
  const method = type === 'sepa_debit' ? 'stripe_sepa' : 'stripe_card';
  let status: DonationStatus;
  if (charge?.disputed) status = 'disputed';
  else if ((charge?.amount_refunded ?? 0) > 0) status = 'refunded';
  else if (pi?.status === 'succeeded' || fallback.paid) status = 'succeeded';
  else if (pi?.status === 'processing') status = 'pending';
  else if (pi && (pi.status === 'canceled' || (pi.status === 'requires_payment_method' && (pi.last_payment_error || charge?.status === 'failed')))) status = 'failed';
  else status = 'pending';
  const created = charge?.created ?? pi?.created ?? fallback.at;
  return {
    status,
    method,
    chargeId: charge?.id ?? null,
    paymentIntentId: pi?.id ?? null,
    refundedCents: charge?.amount_refunded ?? 0,
    failureReason: status === 'failed' ? (pi?.last_payment_error?.message ?? charge?.failure_message ?? pi?.status ?? 'failed') : null,
    donatedOn: berlinToday(new Date(created * 1000)),
    note: type === 'card' || type === 'sepa_debit' ? null : `Zahlart bei Stripe: ${type}`,
  };
}

// ---- moving a gift forward, never back

/**
 * pending → succeeded | failed; failed → succeeded (a retried invoice); succeeded → refunded |
 * disputed. Refunded and disputed are ends; anything else a late event says is ignored.
 */
const RANK: Record<DonationStatus, number> = { pending: 0, failed: 1, succeeded: 2, refunded: 3, disputed: 3 };

type Moved = { id: number; status: DonationStatus; changed: boolean; thank: boolean };

async function createDonation(
  ctx: Ctx,
  values: Omit<Insertable<DonationsTable>, 'created_by' | 'created_at' | 'updated_at'>,
  key: Parameters<typeof findDonationForUpdate>[1],
  state: PaymentState,
): Promise<Moved> {
  const now = ctx.deps.clock.now();
  const inserted = await insertDonationOnce(ctx.trx, { ...values, created_by: STRIPE.label, created_at: now, updated_at: now });
  if (!inserted) {
    // Another transaction made it meanwhile: bring that row along instead.
    const row = await findDonationForUpdate(ctx.trx, key);
    if (!row) throw new Error(`Spende zu ${key.value} weder angelegt noch gefunden`);
    return moveDonation(ctx, row, state);
  }
  await writeAudit(
    ctx.trx,
    {
      actor: STRIPE,
      action: values.status === 'refunded' ? 'donation.refunded' : values.status === 'disputed' ? 'donation.disputed' : 'donation.received',
      entity: 'donation',
      entityId: inserted.id,
      after: {
        status: values.status,
        amount_cents: values.amount_cents,
        method: values.method,
        donor_id: values.donor_id,
        subscription_id: values.subscription_id,
        refunded_cents: values.refunded_cents,
        stripe_checkout_session_id: values.stripe_checkout_session_id ?? null,
        stripe_invoice_id: values.stripe_invoice_id ?? null,
        stripe_payment_intent_id: values.stripe_payment_intent_id ?? null,
      },
    },
    ctx.deps,
  );
  return { id: inserted.id, status: values.status, changed: true, thank: values.status === 'succeeded' };
}

async function moveDonation(ctx: Ctx, row: NonNullable<DonationRow>, state: PaymentState): Promise<Moved> {
  const status = RANK[state.status] > RANK[row.status] ? state.status : row.status;
  const after = {
    status,
    refunded_cents: Math.max(row.refunded_cents, state.refundedCents),
    failure_reason: status === row.status ? row.failure_reason : status === 'failed' ? state.failureReason : status === 'succeeded' ? null : row.failure_reason,
    // A retried invoice may be paid by another attempt: the paying one is what a refund names.
    stripe_payment_intent_id: status !== row.status && state.paymentIntentId ? state.paymentIntentId : (row.stripe_payment_intent_id ?? state.paymentIntentId),
    stripe_charge_id: status !== row.status && state.chargeId ? state.chargeId : (row.stripe_charge_id ?? state.chargeId),
  };
  const diff = changedFields(
    { status: row.status, refunded_cents: row.refunded_cents, failure_reason: row.failure_reason, stripe_payment_intent_id: row.stripe_payment_intent_id, stripe_charge_id: row.stripe_charge_id },
    after,
  );
  if (!diff) return { id: row.id, status: row.status, changed: false, thank: false };
  await updateDonation(ctx.trx, row.id, { ...after, updated_at: ctx.deps.clock.now() });
  const refundedMore = after.refunded_cents > row.refunded_cents;
  const action =
    status === 'disputed' && row.status !== 'disputed' ? 'donation.disputed' : status === 'refunded' && (row.status !== 'refunded' || refundedMore) ? 'donation.refunded' : 'donation.status_changed';
  await writeAudit(ctx.trx, { actor: STRIPE, action, entity: 'donation', entityId: row.id, ...diff }, ctx.deps);
  // Money that went back makes a receipt of this gift wrong (§ 10b Abs. 4 EStG): on the list to cancel.
  const disputedNow = status === 'disputed' && row.status !== 'disputed';
  if (disputedNow || refundedMore) {
    const on = formatDate(berlinToday(ctx.deps.clock.now()));
    const reason = disputedNow
      ? `Rückbuchung (Dispute) über Stripe am ${on}`
      : after.refunded_cents >= row.amount_cents
        ? `Erstattung über Stripe am ${on}`
        : `Teilerstattung über Stripe am ${on}: ${formatEuro(after.refunded_cents)} von ${formatEuro(row.amount_cents)} erstattet`;
    await flagReceiptsForReview(ctx.trx, { donationIds: [row.id], reason, actor: STRIPE }, ctx.deps);
  }
  return { id: row.id, status, changed: true, thank: status === 'succeeded' && row.status !== 'succeeded' && row.thanked_at === null };
}

const moveOutcome = (moved: Moved): ApplyOutcome =>
  moved.changed ? { result: 'applied', note: `Spende ${moved.id}: ${moved.status}` } : { result: 'ignored', note: `Spende ${moved.id} ist schon ${moved.status}` };

// ---- monthly gifts: a donation_subscriptions row per subscription, a donation per paid invoice

async function applySubscriptionEvent(ctx: Ctx, subscriptionId: string, metadata: Stripe.Metadata | null | undefined): Promise<ApplyOutcome> {
  const owner = ownerOf(metadata);
  if (owner.kind === 'dues') return { result: 'ignored', note: 'Abonnement eines Mitgliedsbeitrags' };
  if (owner.kind === 'none' && !(await findSubscriptionForUpdate(ctx.trx, subscriptionId))) return { result: 'ignored', note: `Abonnement ${subscriptionId} ohne kassenwart_intent` };
  const sub = await ensureSubscription(ctx, subscriptionId, null);
  if (!sub) return { result: 'ignored', note: `Abonnement ${subscriptionId} ohne Spendenformular` };
  return sub.changed ? { result: 'applied', note: `monatliche Spende ${sub.row.id}: ${sub.row.status}` } : { result: 'ignored', note: `monatliche Spende ${sub.row.id} unverändert` };
}

/**
 * The monthly gift of a Stripe subscription, made by whichever event comes first (from the
 * subscription's metadata → intent), else brought to Stripe's current state. Returns it locked.
 */
async function ensureSubscription(ctx: Ctx, subscriptionId: string, lockedIntent: CheckoutIntent | null): Promise<{ row: DonationSubscription; intent: CheckoutIntent | null; changed: boolean } | null> {
  const sub = await ctx.stripe.subscriptions.retrieve(subscriptionId);
  const what = `Abonnement ${sub.id}`;
  requireEuro(what, sub.currency);
  const state = monthlyGiftStateOf(sub);
  const now = ctx.deps.clock.now();
  let row = await findSubscriptionForUpdate(ctx.trx, sub.id);
  let intent = lockedIntent;
  if (!row) {
    const owner = ownerOf(sub.metadata);
    if (owner.kind !== 'intent') return null;
    // Lock the intent, then look again: a transaction that held it may have made the row.
    intent ??= await intentOf(ctx, owner.intentId, what);
    row = await findSubscriptionForUpdate(ctx.trx, sub.id);
  }
  if (!row && intent) {
    if (intent.interval !== 'monthly') {
      throw new AppError('conflict', msg(`${what} nennt das Spendenformular ${intent.id} einer einmaligen Spende.`, `${what} names donation form ${intent.id} of a one-off gift.`));
    }
    const donor = await findOrCreateDonor(ctx.trx, { intent, stripeCustomerId: idOf(sub.customer), stripeName: null, actor: STRIPE }, ctx.deps);
    const inserted = await insertSubscriptionOnce(ctx.trx, {
      donor_id: donor.donorId,
      intent_id: intent.id,
      stripe_subscription_id: sub.id,
      stripe_customer_id: idOf(sub.customer),
      amount_cents: state.amount_cents,
      purpose_id: intent.purpose_id,
      receipt_wanted: intent.receipt_wanted && !intent.anonymous,
      language: intent.language,
      status: state.status,
      started_on: berlinToday(new Date(sub.start_date * 1000)),
      canceled_at: state.canceled_at,
      created_at: now,
      updated_at: now,
    });
    row = await findSubscriptionForUpdate(ctx.trx, sub.id);
    if (!row) throw new Error(`${what}: monatliche Spende weder angelegt noch gefunden`);
    if (inserted) {
      await writeAudit(
        ctx.trx,
        { actor: STRIPE, action: 'monthly_gift.started', entity: 'donation_subscription', entityId: row.id, after: { status: row.status, amount_cents: row.amount_cents, donor_id: row.donor_id, stripe_subscription_id: sub.id } },
        ctx.deps,
      );
      return { row, intent, changed: true };
    }
  }
  if (!row) return null;

  // A canceled monthly gift stays canceled, whatever a late "updated" says.
  const next = row.status === 'canceled' ? { status: row.status, canceled_at: row.canceled_at } : { status: state.status, canceled_at: state.canceled_at };
  const after = { status: next.status, amount_cents: state.amount_cents, canceled_at: next.canceled_at, stripe_customer_id: row.stripe_customer_id ?? idOf(sub.customer) };
  const diff = changedFields({ status: row.status, amount_cents: row.amount_cents, canceled_at: row.canceled_at, stripe_customer_id: row.stripe_customer_id }, after);
  if (!diff) return { row, intent, changed: false };
  await updateSubscription(ctx.trx, row.id, { ...after, updated_at: now });
  await writeAudit(ctx.trx, { actor: STRIPE, action: after.status === 'canceled' && row.status !== 'canceled' ? 'monthly_gift.canceled' : 'monthly_gift.changed', entity: 'donation_subscription', entityId: row.id, ...diff }, ctx.deps);
  return { row: { ...row, ...after }, intent, changed: true };
}

/**
 * One donation per invoice of a monthly gift. A failed payment is recorded too, as a 'failed'
 * donation of that invoice (the treasurer sees which month did not come in); when Stripe's retry
 * of the same invoice succeeds, the same row moves on to 'succeeded'.
 */
async function applyInvoice(ctx: Ctx, invoiceId: string): Promise<ApplyOutcome> {
  const invoice = await ctx.stripe.invoices.retrieve(invoiceId, { expand: ['payments'] });
  const what = `Rechnung ${invoice.id}`;
  const details = invoice.parent?.subscription_details;
  const subscriptionId = idOf(details?.subscription);
  if (!subscriptionId) return { result: 'ignored', note: `${what} gehört zu keinem Abonnement` };
  const owner = ownerOf(details?.metadata);
  if (owner.kind === 'dues') return { result: 'ignored', note: `${what}: Mitgliedsbeitrag` };
  if (owner.kind === 'none' && !(await findSubscriptionForUpdate(ctx.trx, subscriptionId))) return { result: 'ignored', note: `${what}: Abonnement ohne kassenwart_intent` };
  if (invoice.status === 'draft') return { result: 'ignored', note: `${what} ist noch ein Entwurf` };
  const sub = await ensureSubscription(ctx, subscriptionId, null);
  if (!sub) return { result: 'ignored', note: `${what}: Abonnement ohne Spendenformular` };
  requireEuro(what, invoice.currency);
  const amount = invoice.amount_paid > 0 ? invoice.amount_paid : invoice.amount_due;
  if (amount <= 0) return { result: 'ignored', note: `${what} ist über 0 €` };
  // The first invoice is what the donor agreed to on our page; later ones follow the subscription's (changeable) amount.
  // Read without a lock: the monthly gift's row is locked already, and locking the intent after it could deadlock with its creator.
  const intent = sub.intent ?? (sub.row.intent_id !== null ? await findIntent(ctx.trx, sub.row.intent_id) : null) ?? null;
  if (invoice.billing_reason === 'subscription_create' && intent && amount !== intent.amount_cents) mismatch(what, amount, invoice.currency, intent);

  const payments = invoice.payments?.data ?? [];
  const payment = payments.find((p) => p.status === 'paid') ?? payments.find((p) => p.is_default) ?? payments.at(-1);
  const piId = idOf(payment?.payment.payment_intent);
  const pi = piId ? await ctx.stripe.paymentIntents.retrieve(piId, { expand: ['latest_charge'] }) : null;
  const charge = pi && typeof pi.latest_charge === 'object' ? pi.latest_charge : null;
  const paid = invoice.status === 'paid';
  const state = paymentState(pi, charge, { paid, at: invoice.status_transitions?.paid_at ?? invoice.created });
  if (!paid && (invoice.status === 'void' || invoice.status === 'uncollectible') && RANK[state.status] < RANK.failed) {
    Object.assign(state, { status: 'failed', failureReason: `Rechnung ${invoice.status}` });
  }

  const known = await findDonationForUpdate(ctx.trx, { column: 'stripe_invoice_id', value: invoice.id });
  const moved = known
    ? await moveDonation(ctx, known, state)
    : await createDonation(
        ctx,
        {
          donor_id: sub.row.donor_id,
          subscription_id: sub.row.id,
          donated_on: state.donatedOn,
          amount_cents: amount,
          method: state.method,
          purpose_id: sub.row.purpose_id,
          status: state.status,
          receipt_wanted: sub.row.receipt_wanted,
          language: sub.row.language,
          source: 'online',
          stripe_invoice_id: invoice.id,
          stripe_payment_intent_id: state.paymentIntentId,
          stripe_charge_id: state.chargeId,
          refunded_cents: state.refundedCents,
          failure_reason: state.failureReason,
          note: state.note,
        },
        { column: 'stripe_invoice_id', value: invoice.id },
        state,
      );
  // A monthly gift is thanked once, at its first paid month: twelve thank-you mails a year would be noise.
  if (moved.thank && intent && !(await subscriptionWasThanked(ctx.trx, sub.row.id))) {
    await thankDonor(ctx.trx, thanksFor(moved.id, intent, { amountCents: amount, donatedOn: state.donatedOn, monthly: true }), ctx.deps);
  }
  return moveOutcome(moved);
}

// ---- refunds and disputes

/**
 * A refund or dispute, found by the charge's payment intent (or the charge). The status comes
 * from the charge as Stripe has it now. A charge we have no gift for yet is brought in through
 * its checkout (one-off) when its intent says which; otherwise it is left alone: the gift's own
 * event reads the refund from the same charge when it comes.
 */
async function applyCharge(ctx: Ctx, chargeId: string): Promise<ApplyOutcome> {
  const charge = await ctx.stripe.charges.retrieve(chargeId);
  const piId = idOf(charge.payment_intent);
  let known = (piId ? await findDonationForUpdate(ctx.trx, { column: 'stripe_payment_intent_id', value: piId }) : undefined) ?? (await findDonationForUpdate(ctx.trx, { column: 'stripe_charge_id', value: charge.id }));
  if (!known && piId) {
    const pi = await ctx.stripe.paymentIntents.retrieve(piId);
    const owner = ownerOf(pi.metadata ?? charge.metadata);
    if (owner.kind === 'dues') return { result: 'ignored', note: `Zahlung ${charge.id}: Mitgliedsbeitrag` };
    if (owner.kind === 'intent') {
      const intent = await intentOf(ctx, owner.intentId, `Zahlung ${charge.id}`);
      if (intent.interval === 'once' && intent.stripe_checkout_session_id) {
        await applyCheckoutSession(ctx, intent.stripe_checkout_session_id);
        known = await findDonationForUpdate(ctx.trx, { column: 'stripe_payment_intent_id', value: piId });
        if (known) return { result: 'applied', note: `Spende ${known.id}: ${known.status}` };
      }
    }
  }
  if (!known) return { result: 'ignored', note: `Zahlung ${charge.id} gehört zu keiner bekannten Spende` };
  requireEuro(`Zahlung ${charge.id}`, charge.currency);
  const status: DonationStatus = charge.disputed ? 'disputed' : charge.amount_refunded > 0 ? 'refunded' : known.status;
  const moved = await moveDonation(ctx, known, {
    status,
    method: known.method as PaymentState['method'],
    chargeId: charge.id,
    paymentIntentId: piId,
    refundedCents: charge.amount_refunded,
    failureReason: null,
    donatedOn: known.donated_on,
    note: null,
  });
  return moveOutcome(moved);
}

// ---- thanks

function thanksFor(donationId: number, intent: CheckoutIntent, gift: { amountCents: number; donatedOn: string; monthly: boolean }) {
  return {
    donationId,
    to: intent.email,
    name: intent.name,
    language: intent.language,
    amountCents: gift.amountCents,
    donatedOn: gift.donatedOn,
    purposeId: intent.purpose_id,
    monthly: gift.monthly,
    receiptWanted: intent.receipt_wanted,
    anonymous: intent.anonymous,
  };
}
