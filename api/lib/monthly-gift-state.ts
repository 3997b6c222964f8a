import type { DonationSubscriptionStatus } from '../../db/schema';

/** The parts of a Stripe subscription that decide a monthly gift's state (no SDK types: lib has no I/O). */
export interface StripeSubscriptionLike {
  status: string;
  pause_collection?: { behavior?: string | null } | null;
  canceled_at?: number | null;
  ended_at?: number | null;
  items: { data: { quantity?: number | null; price: { unit_amount: number | null } }[] };
}

/**
 * What a monthly gift (donation_subscriptions) looks like after Stripe says a subscription is
 * in this state. One mapping for every writer — the donor portal right after its own change,
 * the webhook's customer.subscription.updated/deleted after it — so both end in the same row:
 * - canceled (or ended) → 'canceled', canceled_at from Stripe;
 * - collection paused (pause_collection set) on a live subscription → 'paused';
 * - past_due, incomplete(_expired → canceled) as Stripe says; everything else live → 'active';
 * - the amount is the first item's unit amount × quantity, in cents.
 */
export function monthlyGiftStateOf(sub: StripeSubscriptionLike): { status: DonationSubscriptionStatus; amount_cents: number; canceled_at: Date | null } {
  const item = sub.items.data[0];
  const amount_cents = (item?.price.unit_amount ?? 0) * (item?.quantity ?? 1);
  const endedAt = sub.canceled_at ?? sub.ended_at ?? null;
  if (sub.status === 'canceled' || sub.status === 'incomplete_expired') {
    return { status: 'canceled', amount_cents, canceled_at: endedAt ? new Date(endedAt * 1000) : null };
  }
  if (sub.status === 'past_due' || sub.status === 'unpaid') return { status: 'past_due', amount_cents, canceled_at: null };
  if (sub.status === 'incomplete') return { status: 'incomplete', amount_cents, canceled_at: null };
  if (sub.pause_collection) return { status: 'paused', amount_cents, canceled_at: null };
  return { status: 'active', amount_cents, canceled_at: null };
}
