import { hashSecret } from '../auth/secrets';
import type { Deps, Executor } from '../deps';
import { AppError, msg, type VisitorLang } from '../http/errors';
import { getAssociation } from '../settings/queries';
import { findPaymentLink, openClaimsOfLink } from './queries';

export const LINK_INVALID = msg(
  'Dieser Zahlungslink ist ungültig oder abgelaufen. Bitte überweisen Sie den Betrag oder fragen Sie uns nach einem neuen Link.',
  'This payment link is invalid or has expired. Please pay by bank transfer or ask us for a new link.',
  'رابط الدفع هذا غير صالح أو منتهي الصلاحية. يرجى تحويل المبلغ أو طلب رابط جديد منا.',
  'Bu ödeme bağlantısı geçersiz veya süresi dolmuş. Lütfen tutarı havale edin ya da bizden yeni bir bağlantı isteyin.',
);
export const NOTHING_OPEN = msg(
  'Diese Beiträge sind schon bezahlt. Vielen Dank!',
  'These dues are paid already. Thank you!',
  'هذه الاشتراكات مدفوعة بالفعل. شكراً لك!',
  'Bu aidatlar zaten ödendi. Teşekkürler!',
);
export const CARD_UNAVAILABLE = msg(
  'Die Kartenzahlung ist gerade nicht erreichbar. Es wurde nichts belastet; bitte versuchen Sie es später noch einmal oder überweisen Sie den Betrag.',
  'Card payment cannot be reached right now. Nothing was charged; please try again later or pay by bank transfer.',
  'الدفع بالبطاقة غير متاح حالياً. لم يتم خصم أي مبلغ؛ يرجى المحاولة لاحقاً أو تحويل المبلغ.',
  'Kartla ödeme şu anda kullanılamıyor. Hiçbir ücret alınmadı; lütfen daha sonra tekrar deneyin ya da tutarı havale edin.',
);

/** What a claim notice's card link shows before paying: the payer and the claims still open. */
export async function showCardPayment(db: Executor, input: { token: string }, deps: Pick<Deps, 'clock'>) {
  const link = await findPaymentLink(db, hashSecret(input.token), deps.clock.now());
  if (!link) throw new AppError('not_found', LINK_INVALID);
  const claims = (await openClaimsOfLink(db, link)).map((c) => ({ ...c, open_cents: c.amount_cents - c.paid_cents }));
  return { link, claims, totalCents: claims.reduce((sum, c) => sum + c.open_cents, 0) };
}

// Stripe Checkout speaks no Arabic: it then follows the browser.
const CHECKOUT_LOCALE: Record<VisitorLang, 'de' | 'en' | 'tr' | 'auto'> = { de: 'de', en: 'en', tr: 'tr', ar: 'auto' };

/**
 * Opens Stripe Checkout (card) for what is still open of the link's claims. No database write:
 * the payment is recorded when Stripe's event arrives (apply-card-payment.ts). A double click
 * reuses the session (Stripe idempotency key from the link and the amount).
 */
export async function startCardPayment(db: Executor, input: { token: string; lang: VisitorLang }, deps: Pick<Deps, 'clock' | 'config' | 'payments'>) {
  if (!deps.payments) throw new AppError('not_found', LINK_INVALID);
  const { link, claims, totalCents } = await showCardPayment(db, input, deps);
  if (totalCents <= 0) throw new AppError('conflict', NOTHING_OPEN);
  const association = await getAssociation(db);
  const metadata = { kassenwart_dues_link: String(link.id), kassenwart_open_cents: String(totalCents) };
  const base = deps.config.BASE_URL;
  try {
    const session = await deps.payments.checkout.sessions.create(
      {
        mode: 'payment',
        allowed_payment_method_types: ['card'],
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'eur',
              unit_amount: totalCents,
              product_data: { name: `Mitgliedsbeitrag ${association?.name ?? ''}`.trim(), description: claims.map((c) => c.label).join(', ').slice(0, 500) },
            },
          },
        ],
        ...(link.email ? { customer_email: link.email } : {}),
        locale: CHECKOUT_LOCALE[input.lang],
        metadata,
        payment_intent_data: { metadata, description: `Mitglied ${link.member_number ?? link.debtor_member_id} Beitrag` },
        // The link's secret stays out of Stripe: the return pages find the payment by the session.
        success_url: `${base}/pay/dues/done?session_id={CHECKOUT_SESSION_ID}&lang=${input.lang}`,
        cancel_url: `${base}/pay/dues/cancelled?lang=${input.lang}`,
      },
      { idempotencyKey: `kassenwart-dues-${link.id}-${claims.map((c) => c.id).join('.')}-${totalCents}` },
    );
    if (!session.url) throw new Error('Stripe returned no checkout URL');
    return { url: session.url };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('unavailable', CARD_UNAVAILABLE);
  }
}
