import Stripe from 'stripe';
import type { DonationSubscriptionStatus } from '../../db/schema';
import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { monthlyGiftStateOf, type StripeSubscriptionLike } from '../lib/monthly-gift-state';
import { ownMonthlyGiftForUpdate, updateMonthlyGift } from './queries';

/**
 * What the four monthly-gift operations share (change-monthly-amount, pause-, resume-,
 * cancel-monthly-gift): the gift must be the logged-in donor's, Stripe must agree first, and
 * only then does our row change — to exactly the state Stripe answered with
 * (lib/monthly-gift-state.ts), the state the webhook that follows will find too.
 */

export const MONTHLY_NOT_FOUND = msg(
  'Diese monatliche Spende gibt es in Ihrem Konto nicht.',
  'There is no such monthly gift in your account.',
  'لا توجد هذه التبرعات الشهرية في حسابك.',
  'Hesabınızda böyle bir aylık bağış yok.',
);
const ALREADY_CANCELED = msg(
  'Diese monatliche Spende ist bereits beendet.',
  'This monthly gift has already ended.',
  'هذا التبرع الشهري منتهٍ بالفعل.',
  'Bu aylık bağış zaten sona erdi.',
);
export const STRIPE_UNREACHABLE = msg(
  'Der Zahlungsdienst (Stripe) ist gerade nicht erreichbar. Es wurde nichts geändert; bitte versuchen Sie es später noch einmal.',
  'The payment service (Stripe) cannot be reached right now. Nothing was changed; please try again later.',
  'خدمة الدفع (Stripe) غير متاحة حالياً. لم يتغيّر شيء؛ يرجى المحاولة لاحقاً.',
  'Ödeme hizmetine (Stripe) şu anda ulaşılamıyor. Hiçbir şey değişmedi; lütfen daha sonra tekrar deneyin.',
);
const STRIPE_REFUSED = msg(
  'Der Zahlungsdienst (Stripe) hat die Änderung abgelehnt. Es wurde nichts geändert; bitte wenden Sie sich an den Verein.',
  'The payment service (Stripe) refused the change. Nothing was changed; please contact the association.',
  'رفضت خدمة الدفع (Stripe) التغيير. لم يتغيّر شيء؛ يرجى التواصل مع الجمعية.',
  'Ödeme hizmeti (Stripe) değişikliği reddetti. Hiçbir şey değişmedi; lütfen dernekle iletişime geçin.',
);
export const ONLINE_PAYMENT_OFF = msg(
  'Online-Zahlungen sind beim Verein derzeit nicht eingerichtet; monatliche Spenden können hier gerade nicht geändert werden. Bitte wenden Sie sich an den Verein.',
  'Online payment is not set up at the association right now; monthly gifts cannot be changed here at the moment. Please contact the association.',
  'الدفع الإلكتروني غير مفعّل لدى الجمعية حالياً؛ لا يمكن تغيير التبرعات الشهرية هنا الآن. يرجى التواصل مع الجمعية.',
  'Dernekte çevrimiçi ödeme şu anda kurulu değil; aylık bağışlar burada şimdilik değiştirilemez. Lütfen dernekle iletişime geçin.',
);

export type MonthlyGiftRow = NonNullable<Awaited<ReturnType<typeof ownMonthlyGiftForUpdate>>>;

/** The donor's own monthly gift, locked; a foreign or unknown id is one answer (404), an ended one a conflict. */
export async function lockOwnLiveMonthlyGift(trx: Executor, input: { donorId: number; subscriptionId: number }) {
  const row = await ownMonthlyGiftForUpdate(trx, input.donorId, input.subscriptionId);
  if (!row) throw new AppError('not_found', MONTHLY_NOT_FOUND);
  if (row.status === 'canceled') throw new AppError('conflict', ALREADY_CANCELED);
  return row;
}

export function stripeOf(deps: Pick<Deps, 'payments'>): Stripe {
  if (!deps.payments) throw new AppError('unavailable', ONLINE_PAYMENT_OFF);
  return deps.payments;
}

/**
 * A call to Stripe whose failure changes nothing here: unreachable or failing (network, 5xx,
 * rate limit) is 'unavailable', anything else Stripe refuses is a 'conflict'. Either way the
 * caller's transaction rolls back before our row was touched.
 */
export async function askStripe<T>(deps: Pick<Deps, 'logger'>, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error;
    deps.logger.warn({ what, type: error.type, status: error.statusCode, error: error.message }, 'stripe call failed');
    const down = error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError || error instanceof Stripe.errors.StripeRateLimitError || (error.statusCode ?? 0) >= 500;
    throw new AppError(down ? 'unavailable' : 'conflict', down ? STRIPE_UNREACHABLE : STRIPE_REFUSED);
  }
}

/** Writes Stripe's answer to our row and the audit log (in the donor's history), in the caller's transaction. */
export async function recordMonthlyGiftChange(
  trx: Executor,
  input: { donorId: number; row: MonthlyGiftRow; subscription: StripeSubscriptionLike; action: string; actor: Actor },
  deps: Pick<Deps, 'clock'>,
) {
  const now = deps.clock.now();
  const state = monthlyGiftStateOf(input.subscription);
  const canceled_at = state.status === 'canceled' ? (state.canceled_at ?? now) : null;
  await updateMonthlyGift(trx, input.row.id, { ...state, canceled_at }, now);
  await writeAudit(
    trx,
    {
      actor: input.actor,
      action: input.action,
      entity: 'donor',
      entityId: input.donorId,
      before: { monthly_gift: input.row.id, status: input.row.status, amount_cents: input.row.amount_cents },
      after: { monthly_gift: input.row.id, status: state.status, amount_cents: state.amount_cents },
    },
    deps,
  );
  return { id: input.row.id, status: state.status as DonationSubscriptionStatus, amount_cents: state.amount_cents };
}
