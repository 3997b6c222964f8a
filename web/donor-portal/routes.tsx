import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { inTransaction } from '../../api/deps';
import { cancelMonthlyGift } from '../../api/donor-portal/cancel-monthly-gift';
import { changeDonorAddress } from '../../api/donor-portal/change-donor-address';
import { changeMonthlyAmount } from '../../api/donor-portal/change-monthly-amount';
import { DONOR_COOKIE, DONOR_PATH, endDonorSession } from '../../api/donor-portal/donor-sessions';
import { donorOverview, purposeName } from '../../api/donor-portal/donor-overview';
import { MONTHLY_NOT_FOUND } from '../../api/donor-portal/monthly-gift';
import { donorReceiptPdf, donorReceipts } from '../../api/donor-portal/own-receipts';
import { openBillingPortal, stripeCustomerOf } from '../../api/donor-portal/open-billing-portal';
import { checkDonorLink, openDonorSession } from '../../api/donor-portal/open-donor-session';
import { pauseMonthlyGift } from '../../api/donor-portal/pause-monthly-gift';
import { donationLimits, donorRecord, monthlyGiftsOfDonor, ownMonthlyGift } from '../../api/donor-portal/queries';
import { limitDonorLinkRequests, requestDonorLoginLink } from '../../api/donor-portal/request-login-link';
import { resumeMonthlyGift } from '../../api/donor-portal/resume-monthly-gift';
import { donorAddressSchema, donorLoginSchema, monthlyAmountSchema, monthlyGiftIdSchema } from '../../api/donor-portal/schemas';
import { actorOf, clientIp, currentDonor, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, VISITOR_LANGS, type VisitorLang } from '../../api/http/errors';
import { setDonorCookie, visitorPage } from '../../api/http/middleware';
import { parseOrThrow } from '../../api/http/validate';
import { kickOutbox } from '../../api/jobs/deliver-outbox';
import { formatDate } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import { LINK_INVALID } from '../../api/portal/open-portal-session';
import { getAssociationName } from '../../api/settings/queries';
import { setFlash } from '../flash';
import { fieldErrorsOf, readForm } from '../forms';
import { LANGUAGE_NAMES, say, texts } from '../i18n';
import { Csrf, EmptyState, ErrorSummary, Field, Select } from '../layout';
import { PublicLayout } from '../public-layout';
import { ReceiptsTable, receiptPdfResponse } from '../portal/receipts';
import { DONATION_METHOD, DONATION_STATUS, DONATION_STATUS_NOTE, MONTHLY_STATUS, T } from './texts';

/**
 * The donor portal (api/donor-portal/README.md). Every page shows the logged-in donor's own
 * gifts: the donor comes from the session, never from the URL; a monthly gift named in a form
 * is checked against the session's donor by the operation. Pages speak the donor's language
 * (de/en/ar right to left/tr) unless the visitor picks another.
 */
export function webDonorPortalRoutes() {
  const app = new Hono<AppEnv>();
  app.use(`${DONOR_PATH}/*`, visitorPage);
  app.use(DONOR_PATH, visitorPage);

  app.get('/donor/login', async (c) => {
    if (c.get('identity').kind === 'donor') return c.redirect('/donor');
    return c.html(loginPage(c, await getAssociationName(c.get('deps').db), {}));
  });

  app.post('/donor/login', async (c) => {
    const deps = c.get('deps');
    const form = (await readForm(c)) as Record<string, string>;
    const result = await attempt(async () => {
      const { email } = parseOrThrow(donorLoginSchema, form);
      await limitDonorLinkRequests(deps.db, { email, ip: clientIp(c) }, deps);
      return inTransaction(deps.db, (trx) => requestDonorLoginLink(trx, { email }, deps));
    });
    if (!result.ok) {
      for (const [name, value] of Object.entries(result.error.headers)) c.header(name, value);
      const page = loginPage(c, await getAssociationName(deps.db), { email: form.email, error: result.error });
      return c.html(page, result.error.code === 'rate_limited' ? 429 : 422);
    }
    kickOutbox(deps);
    // The same answer whether or not the address belongs to a donor.
    setFlash(c, 'info', T.linkSent);
    return c.redirect('/donor/login');
  });

  // A GET only shows a button: mail scanners open links to check them and would spend a single-use link.
  app.get('/donor/link', async (c) => {
    const deps = c.get('deps');
    const token = c.req.query('token') ?? '';
    const check = await attempt(() => checkDonorLink(deps.db, { token }, deps));
    const association = await getAssociationName(deps.db);
    if (!check.ok) return c.html(linkInvalidPage(c, association), 404);
    const t = texts(c, T);
    return c.html(
      <PublicLayout c={c} title={t.linkTitle} association={association}>
        <p>{t.linkIntro}</p>
        <form method="post" action="/donor/link">
          <Csrf c={c} />
          <input type="hidden" name="token" value={token} />
          <button type="submit">{t.linkButton}</button>
        </form>
      </PublicLayout>,
    );
  });

  app.post('/donor/link', async (c) => {
    const deps = c.get('deps');
    const form = (await readForm(c)) as Record<string, string>;
    const identity = c.get('identity');
    const result = await attempt(() => inTransaction(deps.db, (trx) => openDonorSession(trx, { token: form.token ?? '' }, deps)));
    if (!result.ok) return c.html(linkInvalidPage(c, await getAssociationName(deps.db)), 404);
    if (identity.kind === 'donor') await endDonorSession(deps.db, identity.sessionToken);
    setDonorCookie(c, result.value.token, result.value.expiresAt);
    return c.redirect('/donor');
  });

  app.post('/donor/logout', async (c) => {
    const identity = c.get('identity');
    if (identity.kind === 'donor') await endDonorSession(c.get('deps').db, identity.sessionToken);
    deleteCookie(c, DONOR_COOKIE, { path: DONOR_PATH });
    setFlash(c, 'info', T.loggedOut);
    return c.redirect('/donor/login');
  });

  app.get('/donor', async (c) => {
    const deps = c.get('deps');
    const t = texts(c, T);
    const lang = visitorLangOf(c);
    const me = currentDonor(c);
    const [{ gifts, years, monthly }, { receipts, numberByGift }] = await Promise.all([donorOverview(deps.db, { donorId: me.id, lang }), donorReceipts(deps.db, { donorId: me.id })]);
    const running = monthly.filter((s) => s.status !== 'canceled');
    return c.html(
      <DonorPage c={c} title={`${t.hello} ${me.name}`}>
        <p>{t.thanks}</p>
        {running.length > 0 && (
          <>
            <h2>{t.monthlyNav}</h2>
            <ul>
              {running.map((s) => (
                <li>
                  {formatEuro(s.amount_cents)} {t.perMonth} – {s.purpose ?? t.whereNeeded} – {MONTHLY_STATUS[s.status][lang]}
                </li>
              ))}
            </ul>
            <p>
              <a href="/donor/monthly">{t.monthlyTitle}</a>
            </p>
          </>
        )}
        <h2>{t.perYear}</h2>
        {years.length === 0 ? (
          <EmptyState>{t.noGifts}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.year}</th>
                  <th scope="col" class="num">
                    {t.total}
                  </th>
                  <th scope="col" class="num">
                    {t.gifts}
                  </th>
                </tr>
              </thead>
              <tbody>
                {years.map((y) => (
                  <tr>
                    <td>{y.year}</td>
                    <td class="num">
                      {formatEuro(y.total_cents)}
                      {y.pending_cents > 0 ? ` (+ ${formatEuro(y.pending_cents)} ${t.stillPending})` : ''}
                    </td>
                    <td class="num">{y.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {gifts.length > 0 && (
          <>
            <h2>{t.allGifts}</h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.date}</th>
                    <th scope="col" class="num">
                      {t.amount}
                    </th>
                    <th scope="col">{t.purpose}</th>
                    <th scope="col">{t.method}</th>
                    <th scope="col">{t.status}</th>
                  </tr>
                </thead>
                <tbody>
                  {gifts.map((g) => {
                    const note = DONATION_STATUS_NOTE[g.status];
                    const receipt = numberByGift.get(Number(g.id));
                    return (
                      <tr>
                        <td>{formatDate(g.donated_on)}</td>
                        <td class="num">{formatEuro(g.amount_cents)}</td>
                        <td>
                          {g.purpose ?? t.whereNeeded}
                          {g.subscription_id ? ` ${t.monthlyMark}` : ''}
                          {g.in_kind_description ? `: ${g.in_kind_description}` : ''}
                        </td>
                        <td>{DONATION_METHOD[g.method][lang]}</td>
                        <td>
                          {DONATION_STATUS[g.status][lang]}
                          {g.status === 'succeeded' && g.refunded_cents > 0 ? ` (${t.partlyRefunded.replace('{amount}', formatEuro(g.refunded_cents))})` : ''}
                          {note && (
                            <>
                              <br />
                              <small class="hint">{note[lang]}</small>
                            </>
                          )}
                          {receipt && (
                            <>
                              <br />
                              <small>
                                {t.onReceipt} <bdi>{receipt}</bdi>
                              </small>
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
        <h2>{t.receipts}</h2>
        <ReceiptsTable c={c} receipts={receipts} pdfBase="/donor/receipts" />
      </DonorPage>,
    );
  });

  // The Doppel as issued: only the donor's own machine-made receipts; anything else is the same 404.
  app.get('/donor/receipts/:id/pdf', async (c) => {
    const pdf = await donorReceiptPdf(c.get('deps').db, { donorId: currentDonor(c).id, receiptId: c.req.param('id') });
    return receiptPdfResponse(c, pdf);
  });

  app.get('/donor/monthly', async (c) => c.html(await monthlyPage(c, {})));

  /** A monthly-gift action: the operation checks the gift is the donor's; failures re-render the page. */
  const monthlyAction = (path: string, work: (c: AppContext, form: Record<string, string>) => Promise<unknown>, done: (typeof T)[keyof typeof T]) =>
    app.post(path, async (c) => {
      const form = (await readForm(c)) as Record<string, string>;
      const result = await attempt(() => work(c, form));
      if (!result.ok) return c.html(await monthlyPage(c, { error: result.error, values: form }), result.error.status as ContentfulStatusCode);
      setFlash(c, 'success', done);
      return c.redirect('/donor/monthly');
    });

  const giftInput = (c: AppContext, form: Record<string, string>) => ({ donorId: currentDonor(c).id, subscriptionId: parseOrThrow(monthlyGiftIdSchema, form).subscription, actor: actorOf(c) });

  monthlyAction(
    '/donor/monthly/amount',
    (c, form) => {
      const deps = c.get('deps');
      const { subscription, amount } = parseOrThrow(monthlyAmountSchema, form);
      return inTransaction(deps.db, (trx) => changeMonthlyAmount(trx, { donorId: currentDonor(c).id, subscriptionId: subscription, amountCents: amount, actor: actorOf(c) }, deps));
    },
    T.amountChanged,
  );
  monthlyAction('/donor/monthly/pause', (c, form) => inTransaction(c.get('deps').db, (trx) => pauseMonthlyGift(trx, giftInput(c, form), c.get('deps'))), T.paused);
  monthlyAction('/donor/monthly/resume', (c, form) => inTransaction(c.get('deps').db, (trx) => resumeMonthlyGift(trx, giftInput(c, form), c.get('deps'))), T.resumed);
  monthlyAction('/donor/monthly/cancel', (c, form) => inTransaction(c.get('deps').db, (trx) => cancelMonthlyGift(trx, giftInput(c, form), c.get('deps'))), T.canceled);

  // The second step before a cancellation: a donor must not end a monthly gift by one mis-tap.
  app.get('/donor/monthly/cancel', async (c) => {
    const deps = c.get('deps');
    const t = texts(c, T);
    const lang = visitorLangOf(c);
    const id = Number(c.req.query('subscription'));
    const gift = Number.isSafeInteger(id) && id > 0 ? await ownMonthlyGift(deps.db, currentDonor(c).id, id) : undefined;
    if (!gift || gift.status === 'canceled') {
      return c.html(
        <DonorPage c={c} title={t.cancelTitle}>
          <p>{say(c, MONTHLY_NOT_FOUND)}</p>
          <p>
            <a href="/donor/monthly">{t.toMonthly}</a>
          </p>
        </DonorPage>,
        404,
      );
    }
    return c.html(
      <DonorPage c={c} title={t.cancelTitle}>
        <p>{t.cancelQuestion.replace('{amount}', `${formatEuro(gift.amount_cents)} ${t.perMonth} (${purposeName(gift, lang) ?? t.whereNeeded})`)}</p>
        {gift.status === 'active' && (
          <p>
            {t.pauseInstead} {t.pauseHint}
          </p>
        )}
        <div class="actions">
          <form method="post" action="/donor/monthly/cancel" class="inline">
            <Csrf c={c} />
            <input type="hidden" name="subscription" value={String(gift.id)} />
            <button type="submit" class="danger">
              {t.cancelConfirm}
            </button>
          </form>
          {gift.status === 'active' && (
            <form method="post" action="/donor/monthly/pause" class="inline">
              <Csrf c={c} />
              <input type="hidden" name="subscription" value={String(gift.id)} />
              <button type="submit" class="secondary">
                {t.pause}
              </button>
            </form>
          )}
          <a href="/donor/monthly">{t.keepIt}</a>
        </div>
      </DonorPage>,
    );
  });

  app.post('/donor/monthly/stripe-portal', async (c) => {
    const deps = c.get('deps');
    const result = await attempt(() => openBillingPortal(deps.db, { donorId: currentDonor(c).id, language: visitorLangOf(c) }, deps));
    if (!result.ok) return c.html(await monthlyPage(c, { error: result.error }), result.error.status as ContentfulStatusCode);
    return c.redirect(result.value.url, 303);
  });

  app.get('/donor/address', async (c) => {
    const d = await donorRecord(c.get('deps').db, currentDonor(c).id);
    return c.html(addressPage(c, { name: d?.name, street: d?.street, postal_code: d?.postal_code, city: d?.city, country: d?.country, language: d?.language }));
  });

  app.post('/donor/address', async (c) => {
    const deps = c.get('deps');
    const form = (await readForm(c)) as Record<string, string>;
    const result = await attempt(async () => {
      const address = parseOrThrow(donorAddressSchema, form);
      return inTransaction(deps.db, (trx) => changeDonorAddress(trx, { donorId: currentDonor(c).id, address, actor: actorOf(c) }, deps));
    });
    if (!result.ok) return c.html(addressPage(c, form, result.error), 422);
    setFlash(c, 'success', result.value.changed ? T.addressSaved : T.noChange);
    // The next page follows the language just chosen, unless the visitor picked one by hand.
    const lang = form.language as VisitorLang;
    return c.redirect(VISITOR_LANGS.includes(lang) && lang !== visitorLangOf(c) ? `/donor?lang=${lang}` : '/donor');
  });

  return app;
}


/**
 * Runs a form action; validation, business and payment-service errors come back to re-render
 * the form in the donor's language (web/forms.ts' `attempt`, plus 'unavailable': Stripe down).
 */
async function attempt<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof AppError && ['validation', 'conflict', 'not_found', 'rate_limited', 'unavailable'].includes(error.code)) return { ok: false, error };
    throw error;
  }
}

function visitorLangOf(c: AppContext): VisitorLang {
  return c.get('publicLang') ?? c.get('visitorLang') ?? 'de';
}

function DonorNav(props: { c: AppContext }) {
  const t = texts(props.c, T);
  const path = props.c.req.path;
  const link = (href: string, label: string) => (
    <li>
      <a href={href} aria-current={path === href ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <nav aria-label={t.portalNav}>
      <ul>
        {link('/donor', t.overview)}
        {link('/donor/monthly', t.monthlyNav)}
        {link('/donor/address', t.addressNav)}
        <li>
          <form method="post" action="/donor/logout" class="inline">
            <Csrf c={props.c} />
            <button type="submit" class="link">
              {t.logout}
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}

/** The frame of the pages behind the login: the portal's own navigation and a logout button. */
async function DonorPage(props: { c: AppContext; title: string; children: Child }) {
  return (
    <PublicLayout c={props.c} title={props.title} association={await getAssociationName(props.c.get('deps').db)} nav={<DonorNav c={props.c} />}>
      {props.children}
    </PublicLayout>
  );
}

function Errors(props: { c: AppContext; error?: AppError }) {
  if (!props.error) return null;
  const fields = fieldErrorsOf(props.error);
  const detail = props.error.detail ? say(props.c, props.error.detail) : texts(props.c, T).fixErrors;
  return <ErrorSummary c={props.c} errors={fields} detail={detail} />;
}

function loginPage(c: AppContext, association: string, v: { email?: string; error?: AppError }) {
  const t = texts(c, T);
  return (
    <PublicLayout c={c} title={t.portal} association={association}>
      <p>{t.loginIntro}</p>
      <Errors c={c} error={v.error} />
      <form method="post" action="/donor/login">
        <Csrf c={c} />
        <Field c={c} name="email" label={t.email} type="email" value={v.email} required autocomplete="email" dir="ltr" errors={fieldErrorsOf(v.error)} />
        <button type="submit">{t.sendLink}</button>
      </form>
    </PublicLayout>
  );
}

function linkInvalidPage(c: AppContext, association: string) {
  const t = texts(c, T);
  return (
    <PublicLayout c={c} title={t.linkInvalidTitle} association={association}>
      <p>{say(c, LINK_INVALID)}</p>
      <p>
        <a href="/donor/login">{t.newLink}</a>
      </p>
    </PublicLayout>
  );
}

async function monthlyPage(c: AppContext, v: { error?: AppError; values?: Record<string, string> }) {
  const deps = c.get('deps');
  const t = texts(c, T);
  const lang = visitorLangOf(c);
  const me = currentDonor(c);
  const [gifts, limits, customer] = await Promise.all([monthlyGiftsOfDonor(deps.db, me.id), donationLimits(deps.db), stripeCustomerOf(deps.db, me.id)]);
  const hint = t.amountHint.replace('{min}', formatEuro(limits?.donation_min_cents ?? 500)).replace('{max}', formatEuro(limits?.donation_max_cents ?? 500_000));
  const failedOn = v.values?.subscription;
  const hidden = (id: number) => (
    <>
      <Csrf c={c} />
      <input type="hidden" name="subscription" value={String(id)} />
    </>
  );
  return (
    <DonorPage c={c} title={t.monthlyTitle}>
      <Errors c={c} error={v.error} />
      {gifts.length === 0 && <EmptyState>{t.noMonthly}</EmptyState>}
      {gifts.map((s) => (
        <section class="card">
          <h2>
            {formatEuro(s.amount_cents)} {t.perMonth} – {purposeName(s, lang) ?? t.whereNeeded}
          </h2>
          <dl class="facts">
            <dt>{t.status}</dt>
            <dd>{MONTHLY_STATUS[s.status][lang]}</dd>
            <dt>{t.since}</dt>
            <dd>{formatDate(s.started_on)}</dd>
            {s.canceled_at && (
              <>
                <dt>{t.endedOn}</dt>
                <dd>{formatDate(s.canceled_at.toISOString().slice(0, 10))}</dd>
              </>
            )}
          </dl>
          {s.status !== 'canceled' && (
            <>
              <form method="post" action="/donor/monthly/amount">
                {hidden(s.id)}
                <Field
                  c={c}
                  idPrefix={`s${s.id}-`}
                  name="amount"
                  label={t.newAmount}
                  hint={hint}
                  inputmode="decimal"
                  dir="ltr"
                  value={failedOn === String(s.id) ? v.values?.amount : (s.amount_cents / 100).toFixed(2).replace('.', ',')}
                  errors={failedOn === String(s.id) ? fieldErrorsOf(v.error) : []}
                  required
                />
                <button type="submit">{t.changeAmount}</button>
              </form>
              <div class="actions">
                {s.status === 'paused' ? (
                  <form method="post" action="/donor/monthly/resume" class="inline">
                    {hidden(s.id)}
                    <button type="submit">{t.resume}</button>
                  </form>
                ) : (
                  s.status === 'active' && (
                    <form method="post" action="/donor/monthly/pause" class="inline">
                      {hidden(s.id)}
                      <button type="submit" class="secondary" aria-describedby={`pause-${s.id}`}>
                        {t.pause}
                      </button>
                    </form>
                  )
                )}
                <a href={`/donor/monthly/cancel?subscription=${s.id}`}>{t.cancel}</a>
              </div>
              {s.status === 'active' && (
                <p class="hint" id={`pause-${s.id}`}>
                  {t.pauseHint}
                </p>
              )}
            </>
          )}
        </section>
      ))}
      {customer && deps.payments && (
        <form method="post" action="/donor/monthly/stripe-portal">
          <Csrf c={c} />
          <button type="submit" class="secondary">
            {t.stripePortal}
          </button>
        </form>
      )}
    </DonorPage>
  );
}

function addressPage(c: AppContext, values: Record<string, string | null | undefined>, error?: AppError) {
  const t = texts(c, T);
  const errors = fieldErrorsOf(error);
  return (
    <DonorPage c={c} title={t.addressNav}>
      <p>{t.addressIntro}</p>
      <Errors c={c} error={error} />
      <form method="post" action="/donor/address">
        <Csrf c={c} />
        <Field c={c} name="name" label={t.name} value={values.name} required autocomplete="name" errors={errors} />
        <Field c={c} name="street" label={t.street} value={values.street} required autocomplete="street-address" errors={errors} />
        <div class="grid">
          <Field c={c} name="postal_code" label={t.postal_code} value={values.postal_code} required autocomplete="postal-code" dir="ltr" errors={errors} />
          <Field c={c} name="city" label={t.city} value={values.city} required autocomplete="address-level2" errors={errors} />
          <Field c={c} name="country" label={t.country} value={values.country ?? 'DE'} autocomplete="country" dir="ltr" errors={errors} />
        </div>
        <Select c={c} name="language" label={t.language} value={values.language ?? visitorLangOf(c)} options={VISITOR_LANGS.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))} errors={errors} required />
        <button type="submit">{t.save}</button> <a href="/donor">{t.back}</a>
      </form>
    </DonorPage>
  );
}
