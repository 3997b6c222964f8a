import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type { Association, DB, DonationPurpose, MemberLanguage } from '../../db/schema';
import { hashSecret } from '../auth/secrets';
import type { Deps } from '../deps';
import { AppError, msg, validationError, type FieldError } from '../http/errors';
import { formatAmount, formatEuro } from '../lib/money';
import { getAssociation } from '../settings/queries';
import { claimIntent, findActivePurposeBySlug, findIntent, findIntentBySubmission, insertIntentOnce, releaseIntent, saveCheckoutSession } from './checkout-queries';
import type { DonationInput } from './schemas';

/** A purpose's name in the visitor's language, German where it has no translation. */
export function purposeName(p: Pick<DonationPurpose, 'name_de' | 'name_en' | 'name_ar' | 'name_tr'>, lang: MemberLanguage): string {
  return (lang === 'de' ? null : p[`name_${lang}`]) || p.name_de;
}

/**
 * The amount within the association's limits and the purpose among the active ones: the checks
 * that need the database, for the Checkout and the bank-transfer form alike. Returns the purpose
 * (null = where most needed) or throws one 422 naming every field that is wrong.
 */
export async function checkDonationChoice(db: Kysely<DB>, association: Association, choice: { amount: number; purpose?: string | undefined }) {
  const errors: FieldError[] = [];
  const min = association.donation_min_cents;
  const max = association.donation_max_cents;
  if (choice.amount < min) {
    const m = formatEuro(min);
    errors.push({ field: 'amount', message: msg(`Der kleinste Betrag ist ${m}`, `The smallest amount is ${m}`, `أصغر مبلغ هو ${m}`, `En küçük tutar ${m}`) });
  } else if (choice.amount > max) {
    const m = formatEuro(max);
    errors.push({
      field: 'amount',
      message: msg(
        `Online sind höchstens ${m} möglich – für mehr sprechen Sie uns bitte an`,
        `At most ${m} can be given online – for more, please contact us`,
        `الحد الأقصى للتبرع عبر الإنترنت ${m} – للمزيد يرجى التواصل معنا`,
        `Çevrimiçi en fazla ${m} bağışlanabilir – daha fazlası için lütfen bize ulaşın`,
      ),
    });
  }
  let purpose: DonationPurpose | null = null;
  if (choice.purpose) {
    purpose = (await findActivePurposeBySlug(db, choice.purpose)) ?? null;
    if (!purpose) {
      errors.push({
        field: 'purpose',
        message: msg(
          'Diesen Spendenzweck gibt es nicht – bitte einen aus der Liste wählen',
          'There is no such purpose – please choose one from the list',
          'هذا الغرض غير موجود – يرجى اختيار غرض من القائمة',
          'Böyle bir bağış amacı yok – lütfen listeden birini seçin',
        ),
      });
    }
  }
  if (errors.length) throw validationError(errors);
  return purpose;
}

export const ONLINE_PAYMENT_DOWN = msg(
  'Die Online-Zahlung konnte gerade nicht gestartet werden. Es wurde nichts abgebucht. Bitte in einigen Minuten noch einmal auf „Spenden“ drücken.',
  'Online payment could not be started just now. Nothing was charged. Please press “Donate” again in a few minutes.',
  'تعذّر بدء الدفع عبر الإنترنت الآن. لم يُخصم أي مبلغ. يرجى الضغط على „تبرّع“ مرة أخرى بعد بضع دقائق.',
  'Çevrimiçi ödeme şu anda başlatılamadı. Hiçbir ücret alınmadı. Lütfen birkaç dakika sonra „Bağış yap“a tekrar basın.',
);

const NOT_SET_UP = msg(
  'Online-Zahlung ist bei uns nicht eingerichtet – bitte überweisen Sie.',
  'Online payment is not set up here – please use a bank transfer.',
  'الدفع عبر الإنترنت غير متاح لدينا – يرجى التحويل البنكي.',
  'Çevrimiçi ödeme burada kurulu değil – lütfen havale yapın.',
);

/** Checkout has no Arabic: Stripe then follows the browser's language. */
const CHECKOUT_LOCALE: Record<MemberLanguage, Stripe.Checkout.SessionCreateParams.Locale> = { de: 'de', en: 'en', tr: 'tr', ar: 'auto' };

const PRODUCT = {
  once: { de: 'Spende an {a}', en: 'Donation to {a}', ar: 'تبرع إلى {a}', tr: '{a} için bağış' },
  monthly: { de: 'Monatliche Spende an {a}', en: 'Monthly donation to {a}', ar: 'تبرع شهري إلى {a}', tr: '{a} için aylık bağış' },
} as const;

/** A second request for the same form waits this long for the first one's Checkout URL. */
const WAIT_STEPS = 60;
const WAIT_STEP_MS = 250;
/** A mark older than this belongs to a request that died: another may take over. */
const STALE_CLAIM_MS = 60_000;

/**
 * Starts a donation on Stripe Checkout (api/donations/README.md, step 1): the form becomes a
 * checkout_intents row, then a Checkout Session that names the intent in its metadata, on the
 * payment intent (one-off) and on the subscription (monthly), so every later event leads back.
 *
 * Takes the database itself, not a transaction: the intent is committed before Stripe is
 * called (no network call inside a transaction), and a failed call leaves it for a retry of
 * the same form. The form's one-time key together with what was entered makes a double click
 * one checkout; the same key with changed entries (the browser's back button) is a new one.
 * Stripe's idempotency key 'kassenwart-intent-<id>' makes a retried call the same session.
 */
export async function startCheckout(db: Kysely<DB>, input: { donation: DonationInput }, deps: Pick<Deps, 'payments' | 'clock' | 'config' | 'logger'>) {
  const d = input.donation;
  const stripe = deps.payments;
  if (!stripe) throw new AppError('unavailable', NOT_SET_UP);
  const association = await getAssociation(db);
  if (!association) throw new AppError('conflict', msg('Der Verein ist noch nicht eingerichtet.', 'The association is not set up yet.', 'لم يتم إعداد الجمعية بعد.', 'Dernek henüz kurulmadı.'));
  const purpose = await checkDonationChoice(db, association, d);

  const now = deps.clock.now();
  const key = d.submission ? `${d.submission}:${fingerprint(d)}` : null;
  const values = {
    amount_cents: d.amount,
    interval: d.interval,
    purpose_id: purpose?.id ?? null,
    email: d.email,
    name: d.name ?? null,
    street: d.street ?? null,
    postal_code: d.postal_code ?? null,
    city: d.city ?? null,
    country: d.country ?? null,
    receipt_wanted: d.receipt_wanted,
    anonymous: d.anonymous,
    language: d.language,
    submission_key: key,
    created_at: now,
  };
  let intent = await insertIntentOnce(db, values);
  const repeated = !intent;
  intent ??= (await findIntentBySubmission(db, key!))!;

  for (let step = 0; ; step++) {
    if (intent.checkout_url) return { intentId: intent.id, url: intent.checkout_url, repeated: true };
    if (await claimIntent(db, intent.id, deps.clock.now(), new Date(deps.clock.now().getTime() - STALE_CLAIM_MS))) break;
    // Another request for the same form is talking to Stripe: its URL is ours too.
    if (step >= WAIT_STEPS) throw new AppError('unavailable', ONLINE_PAYMENT_DOWN);
    await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
    intent = (await findIntent(db, intent.id))!;
  }

  const base = deps.config.BASE_URL.replace(/\/+$/, '');
  const lang = d.language;
  const product = (PRODUCT[d.interval][lang] as string).replace('{a}', association.name) + (purpose ? ` – ${purposeName(purpose, lang)}` : '');
  const back = new URLSearchParams({ lang, amount: formatAmount(d.amount), interval: d.interval, ...(purpose ? { purpose: purpose.slug } : {}) });
  const metadata = { kassenwart_intent: String(intent.id) };
  const monthly = d.interval === 'monthly';
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: monthly ? 'subscription' : 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: { currency: 'eur', unit_amount: d.amount, product_data: { name: product }, ...(monthly ? { recurring: { interval: 'month' } } : {}) },
      },
    ],
    allowed_payment_method_types: association.donation_methods as Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[],
    customer_email: d.email,
    locale: CHECKOUT_LOCALE[lang],
    // {CHECKOUT_SESSION_ID} is Stripe's placeholder and must reach it unencoded
    success_url: `${base}/donate/thanks?session_id={CHECKOUT_SESSION_ID}&lang=${lang}`,
    cancel_url: `${base}/donate/cancelled?${back}`,
    metadata,
    ...(monthly ? { subscription_data: { metadata } } : { submit_type: 'donate', payment_intent_data: { metadata } }),
  };
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.create(params, { idempotencyKey: `kassenwart-intent-${intent.id}` });
    if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL');
  } catch (error) {
    await releaseIntent(db, intent.id);
    const e = error as { type?: string; code?: string; statusCode?: number; message?: string };
    deps.logger.error({ intentId: intent.id, type: e.type, code: e.code, status: e.statusCode, error: e.message }, 'stripe checkout session failed');
    throw new AppError('unavailable', ONLINE_PAYMENT_DOWN);
  }
  await saveCheckoutSession(db, intent.id, { id: session.id, url: session.url });
  return { intentId: intent.id, url: session.url, repeated };
}

/** What was entered, as a short hash: the same key with other entries is another checkout. */
function fingerprint(d: DonationInput): string {
  const entered = [d.amount, d.interval, d.purpose ?? '', d.email, d.name ?? '', d.street ?? '', d.postal_code ?? '', d.city ?? '', d.country ?? '', d.receipt_wanted, d.anonymous, d.language];
  return hashSecret(JSON.stringify(entered)).slice(0, 16);
}
