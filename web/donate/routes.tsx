import { Hono, type MiddlewareHandler } from 'hono';
import type Stripe from 'stripe';
import { hitRateLimit, type RateLimit } from '../../api/auth/rate-limit';
import { newSecret } from '../../api/auth/secrets';
import { findIntentBySession, listActivePurposes } from '../../api/donations/checkout-queries';
import { donationSchema, transferChoiceSchema } from '../../api/donations/schemas';
import { checkDonationChoice, purposeName, startCheckout } from '../../api/donations/start-checkout';
import { clientIp, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg, type FieldError, type VisitorLang } from '../../api/http/errors';
import { visitorPage } from '../../api/http/middleware';
import { parseOrThrow } from '../../api/http/validate';
import { formatIban } from '../../api/lib/iban';
import { formatAmount, formatEuro, parseAmount } from '../../api/lib/money';
import { getAssociation } from '../../api/settings/queries';
import type { Association, DonationPurpose } from '../../db/schema';
import { fieldErrorsOf, readForm } from '../forms';
import { say, texts } from '../i18n';
import { Checkbox, Csrf, ErrorSummary, Field, Select } from '../layout';
import { PublicLayout } from '../public-layout';
import { fill, T } from './texts';
import { transferQrDataUrl, transferText } from './transfer';

/** The script that shows the receipt address only when a receipt is wanted (the form works without it). */
export const DONATE_SCRIPT = '/assets/donate.js';

/**
 * Card testing runs a script through many small payments: ten checkout starts an hour from one
 * connection is more than any family gives, and Stripe never sees the rest.
 */
const CHECKOUT_LIMIT: RateLimit = {
  bucket: 'donation-checkout',
  limit: 10,
  windowMs: 3_600_000,
  message: msg(
    'Zu viele Spendenversuche von dieser Verbindung. Bitte in einer Stunde erneut versuchen.',
    'Too many donation attempts from this connection. Please try again in an hour.',
    'محاولات تبرع كثيرة جداً من هذا الاتصال. يرجى المحاولة مرة أخرى بعد ساعة.',
    'Bu bağlantıdan çok fazla bağış denemesi yapıldı. Lütfen bir saat sonra tekrar deneyin.',
  ),
};

type Form = Record<string, unknown>;
const str = (form: Form, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');

/** The amount as typed, or the preset's cents as "25,00": the free field wins when filled. */
function amountOf(form: Form): string {
  const typed = str(form, 'amount').trim();
  if (typed) return typed;
  const preset = Number(str(form, 'preset'));
  return Number.isSafeInteger(preset) && preset > 0 ? formatAmount(preset) : '';
}

function langOf(c: AppContext): VisitorLang {
  return (c.get('publicLang') ?? 'de') as VisitorLang;
}

async function pageData(c: AppContext) {
  const db = c.get('deps').db;
  const [association, purposes] = await Promise.all([getAssociation(db), listActivePurposes(db)]);
  return { association: association ?? null, purposes };
}

function Closed(props: { c: AppContext; association: Association | null }) {
  const t = texts(props.c, T);
  return (
    <PublicLayout c={props.c} title={t.title} association={props.association?.name ?? null}>
      <p class="flash info" role="status">
        {t.closed}
      </p>
    </PublicLayout>
  );
}

/** Amount presets and the free amount: radio buttons without JavaScript, the typed amount wins. */
function AmountFields(props: { c: AppContext; association: Association; form: Form; errors: FieldError[] }) {
  const { c, association, form, errors } = props;
  const t = texts(c, T);
  const typed = str(form, 'amount');
  const chosen = str(form, 'preset');
  const presets = association.donation_presets;
  // Nothing chosen yet: the second preset (a middle amount) is ticked, as people expect.
  const fallback = !typed && !chosen ? String(presets[Math.min(1, presets.length - 1)] ?? '') : chosen;
  const error = errors.some((e) => e.field === 'amount');
  return (
    <fieldset class={error ? 'invalid' : ''}>
      <legend>
        {t.amountLegend} <span aria-hidden="true">*</span>
      </legend>
      <div class="presets">
        {presets.map((cents) => (
          <label class="preset" for={`f-preset-${cents}`}>
            <input type="radio" id={`f-preset-${cents}`} name="preset" value={String(cents)} checked={!typed && fallback === String(cents)} /> <bdi dir="ltr">{formatEuro(cents)}</bdi>
          </label>
        ))}
      </div>
      <Field
        c={c}
        name="amount"
        label={t.otherAmount}
        value={typed}
        errors={errors}
        inputmode="decimal"
        autocomplete="off"
        dir="ltr"
        hint={fill(t.amountHint, { min: formatEuro(association.donation_min_cents), max: formatEuro(association.donation_max_cents) })}
      />
    </fieldset>
  );
}

function IntervalFields(props: { c: AppContext; form: Form }) {
  const t = texts(props.c, T);
  const interval = str(props.form, 'interval') === 'monthly' ? 'monthly' : 'once';
  return (
    <fieldset>
      <legend>{t.intervalLegend}</legend>
      <div class="field checkbox">
        <label for="f-interval">
          <input type="radio" id="f-interval" name="interval" value="once" checked={interval === 'once'} /> {t.once}
        </label>
      </div>
      <div class="field checkbox">
        <label for="f-interval-monthly">
          <input type="radio" id="f-interval-monthly" name="interval" value="monthly" checked={interval === 'monthly'} /> {t.monthly}
        </label>
      </div>
      <p class="hint">{t.monthlyHint}</p>
    </fieldset>
  );
}

function PurposeField(props: { c: AppContext; purposes: DonationPurpose[]; form: Form; errors: FieldError[] }) {
  const t = texts(props.c, T);
  const lang = langOf(props.c);
  if (!props.purposes.length && !props.errors.some((e) => e.field === 'purpose')) return null;
  return (
    <Select
      c={props.c}
      name="purpose"
      label={t.purpose}
      value={str(props.form, 'purpose')}
      blank={t.mostNeeded}
      options={props.purposes.map((p) => ({ value: p.slug, label: purposeName(p, lang) }))}
      errors={props.errors}
    />
  );
}

function Honeypot(props: { c: AppContext }) {
  const t = texts(props.c, T);
  return (
    <div class="hp" aria-hidden="true">
      <label for="f-website">{t.honeypot}</label>
      <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
    </div>
  );
}

/** The donation form with Stripe: amount, interval, purpose, e-mail, and name/address for a receipt. */
async function donatePage(c: AppContext, form: Form, error?: AppError) {
  const t = texts(c, T);
  const lang = langOf(c);
  const { association, purposes } = await pageData(c);
  if (!association) return <Closed c={c} association={null} />;
  const errors = fieldErrorsOf(error);
  const value = (name: string) => str(form, name);
  const checked = (name: string) => form[name] === 'on';
  const methods = association.donation_methods.map((m) => (m === 'card' || m === 'sepa_debit' ? t[m] : m)).join(', ');
  return (
    <PublicLayout c={c} title={t.title} association={association.name} scripts={[DONATE_SCRIPT]}>
      <p>
        <bdi>{association.name}</bdi>
        {fill(t.intro, { a: '' })}
      </p>
      <p class="hint">{t.required}</p>
      {error && <ErrorSummary c={c} errors={errors} detail={error.code === 'validation' ? t.fixErrors : say(c, error.detail ?? msg('', ''))} />}
      <form method="post" action="/donate" novalidate data-donate="">
        <Csrf c={c} />
        <input type="hidden" name="submission" value={value('submission') || newSecret()} />
        <input type="hidden" name="language" value={lang} />
        <Honeypot c={c} />
        <AmountFields c={c} association={association} form={form} errors={errors} />
        <IntervalFields c={c} form={form} />
        <PurposeField c={c} purposes={purposes} form={form} errors={errors} />
        <fieldset>
          <legend>{t.you}</legend>
          <Field c={c} name="email" label={t.email} type="email" value={value('email')} errors={errors} required autocomplete="email" dir="ltr" hint={t.emailHint} />
          <Field c={c} name="name" label={t.name} value={value('name')} errors={errors} autocomplete="name" hint={t.nameHint} />
          <Checkbox c={c} name="receipt_wanted" label={t.receipt} checked={checked('receipt_wanted')} errors={errors} />
          <fieldset id="receipt-address">
            <legend>{t.addressLegend}</legend>
            <p class="hint">{t.addressHint}</p>
            <Field c={c} name="street" label={t.street} value={value('street')} errors={errors} autocomplete="street-address" />
            <div class="grid">
              <Field c={c} name="postal_code" label={t.postal_code} value={value('postal_code')} errors={errors} autocomplete="postal-code" dir="ltr" />
              <Field c={c} name="city" label={t.city} value={value('city')} errors={errors} autocomplete="address-level2" />
              <Field c={c} name="country" label={t.country} value={value('country') || 'DE'} errors={errors} autocomplete="country" dir="ltr" />
            </div>
          </fieldset>
          <Checkbox c={c} name="anonymous" label={t.anonymous} checked={checked('anonymous')} errors={errors} />
        </fieldset>
        <p class="hint">{t.privacy}</p>
        <p class="hint">{fill(t.methods, { m: methods })}</p>
        <button type="submit">{t.submit}</button>
      </form>
    </PublicLayout>
  );
}

/**
 * Without Stripe keys: the association's account, the reference to write and an EPC-QR code
 * (GiroCode) — without an amount until the visitor chooses one, then with it.
 */
async function transferPage(c: AppContext, form: Form, choice: { amount: number; purpose: DonationPurpose | null } | null, error?: AppError) {
  const t = texts(c, T);
  const lang = langOf(c);
  const { association, purposes } = await pageData(c);
  if (!association) return <Closed c={c} association={null} />;
  const errors = fieldErrorsOf(error);
  const preselected = choice?.purpose ?? purposes.find((p) => p.slug === str(form, 'purpose')) ?? null;
  const text = transferText(preselected?.name_de ?? null);
  const qr = await transferQrDataUrl(association, choice?.amount ?? null, text);
  return (
    <PublicLayout c={c} title={t.title} association={association.name}>
      <p class="flash info" role="status">
        {t.noOnline}
      </p>
      {error && <ErrorSummary c={c} errors={errors} detail={error.code === 'validation' ? t.fixErrors : say(c, error.detail ?? msg('', ''))} />}
      <dl class="facts transfer">
        <dt>{t.recipient}</dt>
        <dd>
          <bdi>{association.name}</bdi>
        </dd>
        <dt>{t.iban}</dt>
        <dd dir="ltr" class="iban">
          {formatIban(association.iban)}
        </dd>
        {association.bic && (
          <>
            <dt>{t.bic}</dt>
            <dd dir="ltr">{association.bic}</dd>
          </>
        )}
        <dt>{t.amountLabel}</dt>
        <dd>{choice ? <bdi dir="ltr">{formatEuro(choice.amount)}</bdi> : t.anyAmount}</dd>
        <dt>{t.reference}</dt>
        <dd lang="de" class="reference">
          <bdi>{text}</bdi>
        </dd>
      </dl>
      {qr && (
        <figure class="qr">
          <img src={qr} alt={t.qrAlt} width="240" height="240" />
          <figcaption class="hint">{t.qrHint}</figcaption>
        </figure>
      )}
      <p>{t.transferReceipt}</p>
      <p>{t.transferMonthly}</p>
      <h2>{t.transferChoose}</h2>
      <form method="post" action="/donate" novalidate data-donate="">
        <Csrf c={c} />
        <input type="hidden" name="language" value={lang} />
        <AmountFields c={c} association={association} form={form} errors={errors} />
        <PurposeField c={c} purposes={purposes} form={form} errors={errors} />
        <button type="submit">{t.transferShow}</button>
      </form>
    </PublicLayout>
  );
}

/** The frame of the embedded form: no header, no language links, fits a narrow iframe. */
function EmbedLayout(props: { c: AppContext; title: string; children: unknown }) {
  const lang = langOf(props.c);
  return (
    <html lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body class="embed">
        <main id="main">{props.children as never}</main>
        <script src={DONATE_SCRIPT} defer></script>
      </body>
    </html>
  );
}

/**
 * The form for the association's own website, in an iframe: amount, interval and purpose, then
 * the full page opens in the whole window (target _top) with these choices. A third-party frame
 * gets no cookies (SameSite), so it cannot post the form itself (CSRF); e-mail and address are
 * asked on our own page, where Checkout then opens in the whole window as well.
 */
async function embedPage(c: AppContext, form: Form) {
  const t = texts(c, T);
  const lang = langOf(c);
  const { association, purposes } = await pageData(c);
  if (!association) return <Closed c={c} association={null} />;
  return (
    <EmbedLayout c={c} title={`${t.title} · ${association.name}`}>
      <h1>{fill(t.title, {})}</h1>
      <form method="get" action="/donate" target="_top" data-donate="">
        <input type="hidden" name="lang" value={lang} />
        <AmountFields c={c} association={association} form={form} errors={[]} />
        <IntervalFields c={c} form={form} />
        <PurposeField c={c} purposes={purposes} form={form} errors={[]} />
        <button type="submit">{t.continue}</button>
      </form>
    </EmbedLayout>
  );
}

/** ?amount=25,50&preset=2500&interval=monthly&purpose=slug: choices carried from the embed or the cancel page. */
function choicesFromQuery(c: AppContext): Form {
  const q = c.req.query();
  const form: Form = {};
  if (q.amount && parseAmount(q.amount) !== null) form.amount = q.amount;
  if (q.preset && /^\d{1,9}$/.test(q.preset)) form.preset = q.preset;
  if (q.interval === 'monthly' || q.interval === 'once') form.interval = q.interval;
  if (q.purpose && /^[a-z0-9-]{1,40}$/.test(q.purpose)) form.purpose = q.purpose;
  return form;
}

/** The amount typed as a preset one when it is one, so the page shows it ticked. */
function asPreset(form: Form, association: Association | null): Form {
  const cents = parseAmount(str(form, 'amount'));
  if (association && cents !== null && association.donation_presets.includes(cents)) return { ...form, amount: '', preset: String(cents) };
  return form;
}

/** What the Checkout Session says happened, without anything that names the donor. */
type Outcome = { kind: 'paid' | 'processing' | 'monthly_paid' | 'monthly_processing'; amount: number; purpose: string | null } | null;

async function checkoutOutcome(c: AppContext, sessionId: string): Promise<Outcome> {
  const deps = c.get('deps');
  if (!deps.payments || !/^cs_[A-Za-z0-9_]{1,200}$/.test(sessionId)) return null;
  const intent = await findIntentBySession(deps.db, sessionId);
  if (!intent) return null; // not a session this page started: say nothing about it
  let session: Stripe.Checkout.Session;
  try {
    session = await deps.payments.checkout.sessions.retrieve(sessionId);
  } catch (error) {
    deps.logger.warn({ error: String((error as Error).message) }, 'checkout session could not be read for the thanks page');
    return null;
  }
  if (session.metadata?.kassenwart_intent !== String(intent.id) || session.status !== 'complete') return null;
  const lang = langOf(c);
  const purpose = intent.name_de ? purposeName({ name_de: intent.name_de, name_en: intent.name_en, name_ar: intent.name_ar, name_tr: intent.name_tr }, lang) : null;
  const paid = session.payment_status !== 'unpaid';
  const amount = session.amount_total ?? intent.amount_cents;
  if (session.mode === 'subscription') return { kind: paid ? 'monthly_paid' : 'monthly_processing', amount, purpose };
  return { kind: paid ? 'paid' : 'processing', amount, purpose };
}

/**
 * Framing for the embed only: every other page keeps frame-ancestors 'none'. Runs outside the
 * global secureHeaders (registered before it in api/app.ts), so it sees and changes its headers.
 */
export const allowFraming: MiddlewareHandler = async (c, next) => {
  await next();
  const csp = c.res.headers.get('content-security-policy');
  if (csp) c.res.headers.set('content-security-policy', csp.replace(/frame-ancestors [^;]*/, 'frame-ancestors *'));
  c.res.headers.delete('x-frame-options');
};


/** The public donation page (api/donations/README.md, step 1), its results, and the embed. */
export function webDonateRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/donate', visitorPage);
  app.use('/donate/*', visitorPage);

  app.get('/donate', async (c) => {
    const deps = c.get('deps');
    const form = choicesFromQuery(c);
    if (!deps.payments) return c.html(await transferPage(c, form, null));
    return c.html(await donatePage(c, asPreset(form, await getAssociation(deps.db).then((a) => a ?? null))));
  });

  app.post('/donate', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const lang = langOf(c);
    if (!deps.payments) {
      try {
        const choice = parseOrThrow(transferChoiceSchema, { amount: amountOf(form), purpose: str(form, 'purpose') });
        const association = await getAssociation(deps.db);
        if (!association) return c.html(<Closed c={c} association={null} />, 409);
        const purpose = await checkDonationChoice(deps.db, association, choice);
        return c.html(await transferPage(c, form, { amount: choice.amount, purpose }));
      } catch (error) {
        if (error instanceof AppError && error.code === 'validation') return c.html(await transferPage(c, form, null, error), 422);
        throw error;
      }
    }
    // A filled honeypot is a bot: it lands on the neutral page, nothing is stored, Stripe never hears of it.
    if (str(form, 'website').trim() !== '') return c.redirect(`/donate/thanks?lang=${lang}`, 303);
    try {
      const donation = parseOrThrow(donationSchema, {
        amount: amountOf(form),
        interval: form.interval,
        purpose: form.purpose,
        email: form.email,
        receipt_wanted: form.receipt_wanted,
        anonymous: form.anonymous,
        name: form.name,
        street: form.street,
        postal_code: form.postal_code,
        city: form.city,
        country: form.country,
        language: lang,
        submission: form.submission,
      });
      await hitRateLimit(deps.db, CHECKOUT_LIMIT, clientIp(c), deps);
      const started = await startCheckout(deps.db, { donation }, deps);
      return c.redirect(started.url, 303);
    } catch (error) {
      if (error instanceof AppError && ['validation', 'conflict', 'rate_limited', 'unavailable'].includes(error.code)) {
        for (const [k, v] of Object.entries(error.headers)) c.header(k, v);
        return c.html(await donatePage(c, form, error), error.status as 422);
      }
      throw error;
    }
  });

  app.get('/donate/thanks', async (c) => {
    const t = texts(c, T);
    const association = await getAssociation(c.get('deps').db);
    const outcome = await checkoutOutcome(c, c.req.query('session_id') ?? '');
    if (!outcome) {
      return c.html(
        <PublicLayout c={c} title={t.neutralTitle} association={association?.name ?? null}>
          <p class="flash info" role="status">
            {t.neutral}
          </p>
          <p>
            <a href={`/donate?lang=${langOf(c)}`}>{t.backToForm}</a>
          </p>
        </PublicLayout>,
      );
    }
    const amount = formatEuro(outcome.amount);
    const text = { paid: t.paid, processing: t.processing, monthly_paid: t.monthlyPaid, monthly_processing: t.monthlyProcessing }[outcome.kind];
    return c.html(
      <PublicLayout c={c} title={t.thanksTitle} association={association?.name ?? null}>
        <p class="flash success" role="status" data-outcome={outcome.kind}>
          {fill(text, { amount })}
        </p>
        {outcome.purpose && <p>{fill(t.forPurpose, { p: outcome.purpose })}</p>}
        {outcome.kind.startsWith('monthly') && <p>{t.endMonthly}</p>}
        <p class="hint">{t.noMail}</p>
      </PublicLayout>,
    );
  });

  app.get('/donate/cancelled', async (c) => {
    const t = texts(c, T);
    const association = await getAssociation(c.get('deps').db);
    const choices = choicesFromQuery(c);
    const back = new URLSearchParams({ lang: langOf(c) });
    for (const k of ['amount', 'interval', 'purpose'] as const) if (typeof choices[k] === 'string') back.set(k, choices[k] as string);
    return c.html(
      <PublicLayout c={c} title={t.cancelledTitle} association={association?.name ?? null}>
        <p class="flash info" role="status">
          {t.cancelled}
        </p>
        <p>
          <a class="button" href={`/donate?${back}`}>
            {t.backToForm}
          </a>
        </p>
      </PublicLayout>,
    );
  });

  app.get('/donate/embed', async (c) => {
    const deps = c.get('deps');
    return c.html(await embedPage(c, asPreset(choicesFromQuery(c), (await getAssociation(deps.db)) ?? null)));
  });

  return app;
}
