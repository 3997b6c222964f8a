import type Stripe from 'stripe';
import type { Actor, Deps, Executor } from '../deps';
import { berlinToday, formatDate } from '../lib/dates';
import { formatEuro } from '../lib/money';
import { flagReceiptsForReview } from '../receipts/flag-receipts';
import { markPaymentReversed, setClaimPaid, findClaimForUpdate, cardPaymentsWithReference, findPaymentLinkById, openClaimsOfLink } from './queries';
import { recordPayment, statusAfterPayment } from './record-payment';

const STRIPE_ACTOR: Actor = { kind: 'system', id: null, label: 'Stripe (Kartenzahlung)', role: null };

type Outcome = { result: 'applied' | 'ignored'; note?: string };

/**
 * The dues side of Stripe's events: a card payment made through a claim notice's link, and its
 * refund. Returns null for events that are not about dues (the donations ledger takes those).
 * Runs in the inbox processor's transaction; a duplicate or late event changes nothing, because
 * a card payment is recorded once per claim under its payment intent (a unique index).
 */
export async function applyDuesStripeEvent(trx: Executor, event: Stripe.Event, deps: Pick<Deps, 'payments' | 'clock'>): Promise<Outcome | null> {
  if (event.type === 'checkout.session.completed' || event.type === 'checkout.session.async_payment_succeeded') {
    const linkId = (event.data.object as Stripe.Checkout.Session).metadata?.kassenwart_dues_link;
    if (!linkId) return null;
    return payClaims(trx, Number(linkId), (event.data.object as Stripe.Checkout.Session).id, new Date(event.created * 1000), deps);
  }
  if (event.type === 'charge.refunded') {
    const charge = event.data.object as Stripe.Charge;
    const intent = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
    if (!intent) return null;
    const payments = await cardPaymentsWithReference(trx, intent);
    if (!payments.length) return null;
    return reverseCardPayments(trx, payments, intent, deps);
  }
  return null;
}

async function payClaims(trx: Executor, linkId: number, sessionId: string, paidAt: Date, deps: Pick<Deps, 'payments' | 'clock'>): Promise<Outcome> {
  if (!deps.payments) throw new Error('Stripe ist nicht eingerichtet: die Kartenzahlung kann nicht nachgelesen werden.');
  // Re-read: the event may be old, and only Stripe's current object says what was paid.
  const session = await deps.payments.checkout.sessions.retrieve(sessionId);
  if (session.payment_status !== 'paid') return { result: 'ignored', note: `Kartenzahlung ${sessionId} noch nicht bezahlt (${session.payment_status})` };
  if (session.currency !== 'eur') throw new Error(`Kartenzahlung ${sessionId} in ${session.currency}, nicht in EUR`);
  const intent = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
  if (!intent) throw new Error(`Kartenzahlung ${sessionId} ohne PaymentIntent`);
  if ((await cardPaymentsWithReference(trx, intent)).length) return { result: 'ignored', note: `Kartenzahlung ${intent} ist schon verbucht` };
  const link = await findPaymentLinkById(trx, linkId);
  if (!link) throw new Error(`Kartenzahlung ${intent}: Zahlungslink ${linkId} gibt es nicht mehr – Betrag ${formatEuro(session.amount_total ?? 0)} in Stripe erstatten oder als Zahlung erfassen`);

  let rest = session.amount_total ?? 0;
  // the day Stripe took the payment, not the day a late event was processed
  const now = deps.clock.now();
  const paidOn = berlinToday(paidAt < now ? paidAt : now);
  for (const claim of await openClaimsOfLink(trx, link, true)) {
    if (rest <= 0) break;
    const amount = Math.min(rest, claim.amount_cents - claim.paid_cents);
    await recordPayment(trx, { claimId: claim.id, payment: { amount_cents: amount, paid_on: paidOn, method: 'card', reference: intent }, actor: STRIPE_ACTOR }, deps);
    rest -= amount;
  }
  // Paid meanwhile by transfer too: the money is not lost, but nothing is open to book it on.
  // The event stays in the inbox with this message until someone refunds it in Stripe or
  // records it otherwise.
  if (rest > 0) {
    throw new Error(`Kartenzahlung ${intent}: ${formatEuro(rest)} mehr, als offen ist (schon anders bezahlt?) – in Stripe erstatten oder mit dem Mitglied klären`);
  }
  return { result: 'applied', note: `Kartenzahlung ${intent} über ${formatEuro(session.amount_total ?? 0)} verbucht` };
}

/**
 * A refunded card payment is taken off its claims again, which are then owed again; a
 * Zuwendungsbestätigung that confirmed it goes on the list to cancel (§ 10b Abs. 4 EStG).
 */
async function reverseCardPayments(trx: Executor, payments: { id: number; claim_id: number; amount_cents: number; reversed_on: string | null }[], intent: string, deps: Pick<Deps, 'clock'>): Promise<Outcome> {
  const open = payments.filter((p) => !p.reversed_on);
  if (!open.length) return { result: 'ignored', note: `Erstattung ${intent} ist schon verbucht` };
  const today = berlinToday(deps.clock.now());
  for (const payment of open) {
    const claim = await findClaimForUpdate(trx, payment.claim_id);
    if (!claim) continue;
    await markPaymentReversed(trx, payment.id, today, 'Kartenzahlung erstattet');
    const paid = claim.paid_cents - payment.amount_cents;
    await setClaimPaid(trx, claim.id, paid, statusAfterPayment(claim.amount_cents, paid));
  }
  await flagReceiptsForReview(trx, { paymentIds: open.map((p) => p.id), reason: `Erstattung der Kartenzahlung über Stripe am ${formatDate(today)}`, actor: STRIPE_ACTOR }, deps);
  return { result: 'applied', note: `Kartenzahlung ${intent} erstattet` };
}
