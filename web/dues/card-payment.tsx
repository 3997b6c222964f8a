import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../api/http/context';
import type { AppError } from '../../api/http/errors';
import { visitorPage } from '../../api/http/middleware';
import { formatDate } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import { getAssociationName } from '../../api/settings/queries';
import { CARD_UNAVAILABLE, LINK_INVALID, showCardPayment, startCardPayment } from '../../api/dues/start-card-payment';
import { attempt } from '../forms';
import { say, texts } from '../i18n';
import { Csrf } from '../layout';
import { PublicLayout } from '../public-layout';

const T = {
  title: { de: 'Mitgliedsbeitrag bezahlen', en: 'Pay your membership fee', ar: 'دفع اشتراك العضوية', tr: 'Üyelik aidatını öde' },
  intro: {
    de: 'Diese Beiträge sind noch offen:',
    en: 'These fees are still open:',
    ar: 'هذه الاشتراكات ما زالت مستحقة:',
    tr: 'Bu aidatlar hâlâ açık:',
  },
  due: { de: 'fällig', en: 'due', ar: 'تاريخ الاستحقاق', tr: 'son ödeme' },
  total: { de: 'Zusammen', en: 'Total', ar: 'المجموع', tr: 'Toplam' },
  pay: { de: 'Mit Karte bezahlen', en: 'Pay by card', ar: 'ادفع بالبطاقة', tr: 'Kartla öde' },
  stripe: {
    de: 'Sie werden zu unserem Zahlungsdienst Stripe weitergeleitet. Ihre Kartendaten sieht nur Stripe, nicht der Verein.',
    en: 'You will be taken to our payment provider Stripe. Only Stripe sees your card details, not the association.',
    ar: 'سيتم تحويلك إلى مزوّد الدفع Stripe. بيانات بطاقتك يراها Stripe فقط، وليس الجمعية.',
    tr: 'Ödeme hizmetimiz Stripe’a yönlendirileceksiniz. Kart bilgilerinizi dernek değil, yalnızca Stripe görür.',
  },
  paid: { de: 'Vielen Dank!', en: 'Thank you!', ar: 'شكراً لك!', tr: 'Teşekkürler!' },
  paidText: {
    de: 'Ihre Kartenzahlung ist eingegangen. Wir verbuchen sie gleich auf Ihre Beiträge.',
    en: 'Your card payment has arrived. We are booking it on your fees right away.',
    ar: 'وصلت دفعتك بالبطاقة. سنسجّلها على اشتراكاتك فوراً.',
    tr: 'Kartla ödemeniz ulaştı. Hemen aidatlarınıza işliyoruz.',
  },
  pendingText: {
    de: 'Die Zahlung ist noch nicht abgeschlossen. Sobald Stripe sie bestätigt, verbuchen wir sie.',
    en: 'The payment is not complete yet. As soon as Stripe confirms it, we book it.',
    ar: 'لم تكتمل الدفعة بعد. سنسجّلها حالما يؤكدها Stripe.',
    tr: 'Ödeme henüz tamamlanmadı. Stripe onaylar onaylamaz işleyeceğiz.',
  },
  cancelled: { de: 'Zahlung abgebrochen', en: 'Payment cancelled', ar: 'أُلغي الدفع', tr: 'Ödeme iptal edildi' },
  cancelledText: {
    de: 'Es wurde nichts belastet. Sie können den Link aus der E-Mail jederzeit wieder öffnen oder den Betrag überweisen.',
    en: 'Nothing was charged. You can open the link in the e-mail again at any time, or pay by bank transfer.',
    ar: 'لم يتم خصم أي مبلغ. يمكنك فتح الرابط في الرسالة مجدداً في أي وقت، أو تحويل المبلغ.',
    tr: 'Hiçbir ücret alınmadı. E-postadaki bağlantıyı istediğiniz zaman yeniden açabilir ya da tutarı havale edebilirsiniz.',
  },
};

/**
 * The card payment link of a claim notice (api/dues/start-card-payment.ts), in the member's
 * language. Opening the link only shows the open claims; the button POSTs and goes to Stripe
 * Checkout — a mail scanner that fetches the link starts no payment.
 */
export function webCardPaymentRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/pay/dues/*', visitorPage);

  app.get('/pay/dues/done', async (c) => {
    const deps = c.get('deps');
    const t = texts(c, T);
    const association = await getAssociationName(deps.db);
    const sessionId = c.req.query('session_id') ?? '';
    let paid = false;
    if (deps.payments && /^cs_[A-Za-z0-9_]+$/.test(sessionId)) {
      // Only the state is shown: never who paid or how much, whoever holds the URL.
      const session = await deps.payments.checkout.sessions.retrieve(sessionId).catch(() => null);
      paid = session?.metadata?.kassenwart_dues_link !== undefined && session.payment_status === 'paid';
    }
    return c.html(
      <PublicLayout c={c} title={paid ? t.paid : t.title} association={association}>
        <p role="status">{paid ? t.paidText : t.pendingText}</p>
      </PublicLayout>,
    );
  });

  app.get('/pay/dues/cancelled', async (c) => {
    const t = texts(c, T);
    const association = await getAssociationName(c.get('deps').db);
    return c.html(
      <PublicLayout c={c} title={t.cancelled} association={association}>
        <p>{t.cancelledText}</p>
      </PublicLayout>,
    );
  });

  app.get('/pay/dues/:token', async (c) => showPage(c));

  app.post('/pay/dues/:token', async (c) => {
    const deps = c.get('deps');
    const result = await attempt(() => startCardPayment(deps.db, { token: c.req.param('token'), lang: c.get('publicLang') ?? 'de' }, deps));
    if (result.ok) return c.redirect(result.value.url, 303);
    return showPage(c, result.error);
  });

  return app;
}

async function showPage(c: AppContext, failure?: AppError) {
  const deps = c.get('deps');
  const t = texts(c, T);
  const association = await getAssociationName(deps.db);
  const shown = deps.payments ? await attempt(() => showCardPayment(deps.db, { token: c.req.param('token') ?? '' }, deps)) : null;
  if (!shown || !shown.ok) {
    return c.html(
      <PublicLayout c={c} title={t.title} association={association}>
        <p class="flash error" role="alert">
          {say(c, LINK_INVALID)}
        </p>
      </PublicLayout>,
      404,
    );
  }
  const { claims, totalCents } = shown.value;
  return c.html(
    <PublicLayout c={c} title={t.title} association={association}>
      {failure && (
        <p class="flash error" role="alert">
          {say(c, failure.detail ?? CARD_UNAVAILABLE)}
        </p>
      )}
      {totalCents <= 0 ? (
        <p role="status">{t.paidText}</p>
      ) : (
        <>
          <p>{t.intro}</p>
          <ul>
            {claims.map((claim) => (
              <li>
                {claim.label} ({t.due} {formatDate(claim.due_date)}): <span dir="ltr">{formatEuro(claim.open_cents)}</span>
              </li>
            ))}
          </ul>
          <p>
            <strong>
              {t.total}: <span dir="ltr">{formatEuro(totalCents)}</span>
            </strong>
          </p>
          <form method="post">
            <Csrf c={c} />
            <p class="hint">{t.stripe}</p>
            <button type="submit">{t.pay}</button>
          </form>
        </>
      )}
    </PublicLayout>
  );
}
