import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { inTransaction } from '../../api/deps';
import { actorOf, clientIp, currentMember, type AppContext, type AppEnv } from '../../api/http/context';
import type { AppError, VisitorLang } from '../../api/http/errors';
import { setPortalCookie, visitorPage } from '../../api/http/middleware';
import { parseOrThrow } from '../../api/http/validate';
import { kickOutbox } from '../../api/jobs/deliver-outbox';
import { formatDate } from '../../api/lib/dates';
import { maskIban } from '../../api/lib/iban';
import { mandateTranslation } from '../../api/lib/mandate-text';
import { formatEuro } from '../../api/lib/money';
import { changeContact } from '../../api/portal/change-contact';
import { confirmEmailChange } from '../../api/portal/confirm-email-change';
import { exportMemberData } from '../../api/portal/export-member-data';
import { giveMandate, mandateOffer } from '../../api/portal/give-mandate';
import { ownReceiptPdf, ownReceipts } from '../../api/portal/own-receipts';
import { checkPortalLink, LINK_INVALID, openPortalSession } from '../../api/portal/open-portal-session';
import { endPortalSession, PORTAL_COOKIE, PORTAL_PATH } from '../../api/portal/portal-sessions';
import { activeMandateOfMember, claimsOfPortalMember, familyPaidBy, memberOverview, paymentsOfPortalMember } from '../../api/portal/queries';
import { limitLoginLinkRequests, requestLoginLink } from '../../api/portal/request-login-link';
import { requestEmailChange } from '../../api/portal/request-email-change';
import { contactSchema, emailChangeSchema, loginRequestSchema, portalMandateSchema } from '../../api/portal/schemas';
import { getAssociationName } from '../../api/settings/queries';
import { CLAIM_STATUS, INTERVAL, MANDATE_STATUS, PAYMENT_METHOD } from '../../templates/pdf/words';
import { setFlash } from '../flash';
import { attempt, fieldErrorsOf, readForm } from '../forms';
import { say, texts } from '../i18n';
import { Checkbox, Csrf, EmptyState, ErrorSummary, Field } from '../layout';
import { IBAN_CHECK_SCRIPT, IbanField, PublicLayout } from '../public-layout';
import { ReceiptsTable, receiptPdfResponse } from './receipts';
import { T } from './texts';

/**
 * The member portal (api/portal/README.md). Every page shows the logged-in member's own data:
 * the member comes from the portal session, never from the URL, so no page can be pointed at
 * another member. Pages speak the member's language (de/en/ar right to left/tr).
 */
export function webPortalRoutes() {
  const app = new Hono<AppEnv>();
  app.use(`${PORTAL_PATH}/*`, visitorPage);
  app.use(PORTAL_PATH, visitorPage);

  app.get('/portal/login', async (c) => {
    if (c.get('identity').kind === 'member') return c.redirect('/portal');
    return c.html(loginPage(c, await getAssociationName(c.get('deps').db), {}));
  });

  app.post('/portal/login', async (c) => {
    const deps = c.get('deps');
    const form = (await readForm(c)) as Record<string, string>;
    const result = await attempt(async () => {
      const { email } = parseOrThrow(loginRequestSchema, form);
      await limitLoginLinkRequests(deps.db, { email, ip: clientIp(c) }, deps);
      return inTransaction(deps.db, (trx) => requestLoginLink(trx, { email }, deps));
    });
    if (!result.ok) {
      for (const [name, value] of Object.entries(result.error.headers)) c.header(name, value);
      const page = loginPage(c, await getAssociationName(deps.db), { email: form.email, error: result.error });
      return c.html(page, result.error.code === 'rate_limited' ? 429 : 422);
    }
    kickOutbox(deps);
    // The same answer whether or not the address belongs to a member.
    setFlash(c, 'info', T.linkSent);
    return c.redirect('/portal/login');
  });

  // A GET only shows a button: mail scanners open links to check them and would spend a single-use link.
  app.get('/portal/link', async (c) => {
    const deps = c.get('deps');
    const token = c.req.query('token') ?? '';
    const check = await attempt(() => checkPortalLink(deps.db, { token, purpose: 'login' }, deps));
    const association = await getAssociationName(deps.db);
    if (!check.ok) return c.html(linkInvalidPage(c, association), 404);
    const t = texts(c, T);
    return c.html(
      <PublicLayout c={c} title={t.linkTitle} association={association}>
        <p>{t.linkIntro}</p>
        <form method="post" action="/portal/link">
          <Csrf c={c} />
          <input type="hidden" name="token" value={token} />
          <button type="submit">{t.linkButton}</button>
        </form>
      </PublicLayout>,
    );
  });

  app.post('/portal/link', async (c) => {
    const deps = c.get('deps');
    const form = (await readForm(c)) as Record<string, string>;
    const identity = c.get('identity');
    const result = await attempt(() => inTransaction(deps.db, (trx) => openPortalSession(trx, { token: form.token ?? '' }, deps)));
    if (!result.ok) return c.html(linkInvalidPage(c, await getAssociationName(deps.db)), 404);
    if (identity.kind === 'member') await endPortalSession(deps.db, identity.sessionToken);
    setPortalCookie(c, result.value.token, result.value.expiresAt);
    return c.redirect('/portal');
  });

  app.post('/portal/logout', async (c) => {
    const identity = c.get('identity');
    if (identity.kind === 'member') await endPortalSession(c.get('deps').db, identity.sessionToken);
    deleteCookie(c, PORTAL_COOKIE, { path: PORTAL_PATH });
    setFlash(c, 'info', T.loggedOut);
    return c.redirect('/portal/login');
  });

  app.get('/portal', async (c) => {
    const deps = c.get('deps');
    const t = texts(c, T);
    const lang = visitorLangOf(c);
    const me = currentMember(c);
    const [m, mandate, paysFor] = await Promise.all([memberOverview(deps.db, me.id), activeMandateOfMember(deps.db, me.id), familyPaidBy(deps.db, me.id)]);
    if (!m) return c.redirect('/portal/login');
    const fee = m.reduced_fee && m.reduced_fee_cents !== null ? m.reduced_fee_cents : m.fee_cents;
    return c.html(
      <PortalPage c={c} title={`${t.hello} ${m.first_name} ${m.last_name}`}>
        <dl class="facts">
          <dt>{t.memberNumber}</dt>
          <dd>{m.member_number ?? t.none}</dd>
          <dt>{t.name}</dt>
          <dd>
            {m.first_name} {m.last_name}
          </dd>
          <dt>{t.address}</dt>
          <dd>{[m.street, [m.postal_code, m.city].filter(Boolean).join(' '), m.country !== 'DE' ? m.country : null].filter(Boolean).join(', ') || t.none}</dd>
          <dt>{t.email}</dt>
          <dd>
            <bdi>{m.email ?? t.none}</bdi>
          </dd>
          <dt>{t.phone}</dt>
          <dd>
            <bdi>{m.phone ?? t.none}</bdi>
          </dd>
          <dt>{t.membership}</dt>
          <dd>
            {m.type_name}
            {m.join_date ? t.since.replace('{date}', formatDate(m.join_date)) : ''}
          </dd>
          <dt>{t.fee}</dt>
          <dd>
            {formatEuro(fee)} {INTERVAL[m.interval][lang]}
            {m.reduced_fee ? ` (${t.reduced})` : ''}
          </dd>
          {m.payer_member_id ? (
            <>
              <dt>{t.paidBy}</dt>
              <dd>
                {m.payer_first_name} {m.payer_last_name}
              </dd>
            </>
          ) : (
            <>
              <dt>{t.payment}</dt>
              <dd>{PAYMENT_METHOD[m.payment_method][lang]}</dd>
              <dt>{t.mandate}</dt>
              <dd>
                {mandate ? (
                  <>
                    <span dir="ltr">{maskIban(mandate.iban)}</span>, {t.reference} <span dir="ltr">{mandate.reference}</span>
                  </>
                ) : (
                  t.noMandate
                )}
              </dd>
            </>
          )}
          {paysFor.length > 0 && (
            <>
              <dt>{t.paysFor}</dt>
              <dd>{paysFor.map((p) => `${p.first_name} ${p.last_name}`).join(', ')}</dd>
            </>
          )}
        </dl>
        <ul class="actions">
          <li>
            <a href="/portal/contact">{t.changeContact}</a>
          </li>
          <li>
            <a href="/portal/email">{t.changeEmail}</a>
          </li>
          {!m.payer_member_id && (
            <li>
              <a href="/portal/mandate">{mandate ? t.changeAccount : t.giveMandate}</a>
            </li>
          )}
          <li>
            <a href="/portal/payments">{t.dues}</a>
          </li>
          <li>
            <a href="/portal/receipts">{t.receipts}</a>
          </li>
          <li>
            <a href="/portal/data">{t.myData}</a>
          </li>
        </ul>
      </PortalPage>,
    );
  });

  app.get('/portal/payments', async (c) => {
    const deps = c.get('deps');
    const t = texts(c, T);
    const lang = visitorLangOf(c);
    const me = currentMember(c);
    const [claims, payments] = await Promise.all([claimsOfPortalMember(deps.db, me.id), paymentsOfPortalMember(deps.db, me.id)]);
    return c.html(
      <PortalPage c={c} title={t.dues}>
        <h2>{t.claims}</h2>
        {claims.length === 0 ? (
          <EmptyState>{t.noClaims}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.due}</th>
                  <th scope="col">{t.what}</th>
                  <th scope="col" class="num">
                    {t.amount}
                  </th>
                  <th scope="col" class="num">
                    {t.paid}
                  </th>
                  <th scope="col">{t.status}</th>
                </tr>
              </thead>
              <tbody>
                {claims.map((claim) => (
                  <tr>
                    <td>{formatDate(claim.due_date)}</td>
                    <td>
                      {claim.label}
                      {claim.member_id !== me.id ? ` (${t.forMember} ${claim.first_name} ${claim.last_name})` : ''}
                    </td>
                    <td class="num">{formatEuro(claim.amount_cents)}</td>
                    <td class="num">{formatEuro(claim.paid_cents)}</td>
                    <td>{CLAIM_STATUS[claim.status][lang]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h2>{t.payments}</h2>
        {payments.length === 0 ? (
          <EmptyState>{t.noPayments}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.date}</th>
                  <th scope="col">{t.what}</th>
                  <th scope="col" class="num">
                    {t.amount}
                  </th>
                  <th scope="col">{t.method}</th>
                </tr>
              </thead>
              <tbody>
                {payments.map((p) => (
                  <tr>
                    <td>{formatDate(p.paid_on)}</td>
                    <td>{p.label}</td>
                    <td class="num">{formatEuro(p.amount_cents)}</td>
                    <td>
                      {PAYMENT_METHOD[p.method][lang]}
                      {p.reversed_on ? ` – ${t.reversed} ${formatDate(p.reversed_on)}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PortalPage>,
    );
  });

  app.get('/portal/receipts', async (c) => {
    const t = texts(c, T);
    const receipts = await ownReceipts(c.get('deps').db, { memberId: currentMember(c).id });
    return c.html(
      <PortalPage c={c} title={t.receipts}>
        <p>{t.receiptsIntro}</p>
        <ReceiptsTable c={c} receipts={receipts} pdfBase="/portal/receipts" />
      </PortalPage>,
    );
  });

  // The Doppel as issued: only the member's own machine-made receipts; anything else is the same 404.
  app.get('/portal/receipts/:id/pdf', async (c) => {
    const pdf = await ownReceiptPdf(c.get('deps').db, { memberId: currentMember(c).id, receiptId: c.req.param('id') });
    return receiptPdfResponse(c, pdf);
  });

  app.get('/portal/contact', async (c) => {
    const m = await memberOverview(c.get('deps').db, currentMember(c).id);
    return c.html(contactPage(c, { street: m?.street, postal_code: m?.postal_code, city: m?.city, country: m?.country, phone: m?.phone }));
  });

  app.post('/portal/contact', async (c) => {
    const deps = c.get('deps');
    const form = (await readForm(c)) as Record<string, string>;
    const result = await attempt(async () => {
      const contact = parseOrThrow(contactSchema, form);
      return inTransaction(deps.db, (trx) => changeContact(trx, { memberId: currentMember(c).id, contact, actor: actorOf(c) }, deps));
    });
    if (!result.ok) return c.html(contactPage(c, form, result.error), 422);
    setFlash(c, 'success', T.contactSaved);
    return c.redirect('/portal');
  });

  app.get('/portal/email', (c) => c.html(emailPage(c, {})));

  app.post('/portal/email', async (c) => {
    const deps = c.get('deps');
    const form = (await readForm(c)) as Record<string, string>;
    const result = await attempt(async () => {
      const { email } = parseOrThrow(emailChangeSchema, form);
      return inTransaction(deps.db, (trx) => requestEmailChange(trx, { memberId: currentMember(c).id, email, actor: actorOf(c) }, deps));
    });
    if (!result.ok) return c.html(emailPage(c, { email: form.email, error: result.error }), 422);
    kickOutbox(deps);
    setFlash(c, 'info', T.confirmSent);
    return c.redirect('/portal');
  });

  app.get('/portal/email/confirm', async (c) => {
    const deps = c.get('deps');
    const token = c.req.query('token') ?? '';
    const check = await attempt(() => checkPortalLink(deps.db, { token, purpose: 'email_change' }, deps));
    const association = await getAssociationName(deps.db);
    if (!check.ok) return c.html(linkInvalidPage(c, association), 404);
    const t = texts(c, T);
    return c.html(
      <PublicLayout c={c} title={t.confirmTitle} association={association}>
        <p>
          {t.newEmail}: <strong dir="ltr">{check.value.new_email}</strong>
        </p>
        <form method="post" action="/portal/email/confirm">
          <Csrf c={c} />
          <input type="hidden" name="token" value={token} />
          <button type="submit">{t.confirmButton}</button>
        </form>
      </PublicLayout>,
    );
  });

  app.post('/portal/email/confirm', async (c) => {
    const deps = c.get('deps');
    const form = (await readForm(c)) as Record<string, string>;
    const result = await attempt(() => inTransaction(deps.db, (trx) => confirmEmailChange(trx, { token: form.token ?? '', requestId: c.get('requestId') }, deps)));
    const association = await getAssociationName(deps.db);
    if (!result.ok) return c.html(linkInvalidPage(c, association), 404);
    kickOutbox(deps);
    const t = texts(c, T);
    return c.html(
      <PublicLayout c={c} title={t.confirmTitle} association={association}>
        <p class="flash success" role="status">
          {t.confirmDone} <strong dir="ltr">{result.value.email}</strong>
        </p>
        <p>
          <a href="/portal">{t.toPortal}</a>
        </p>
      </PublicLayout>,
    );
  });

  app.get('/portal/mandate', async (c) => c.html(await mandatePage(c, {})));

  app.post('/portal/mandate', async (c) => {
    const deps = c.get('deps');
    const form = (await readForm(c)) as Record<string, string>;
    const result = await attempt(async () => {
      const mandate = parseOrThrow(portalMandateSchema, form);
      return inTransaction(deps.db, (trx) => giveMandate(trx, { memberId: currentMember(c).id, mandate, actor: actorOf(c) }, deps));
    });
    if (!result.ok) return c.html(await mandatePage(c, { values: form, error: result.error }), result.error.status as ContentfulStatusCode);
    setFlash(c, 'success', T.mandateSaved);
    return c.redirect('/portal');
  });

  app.get('/portal/data', (c) => {
    const t = texts(c, T);
    return c.html(
      <PortalPage c={c} title={t.myData}>
        <p>{t.dataIntro}</p>
        <ul class="actions">
          <li>
            <a href="/portal/data.pdf">{t.downloadPdf}</a>
          </li>
          <li>
            <a href="/portal/data.json">{t.downloadJson}</a>
          </li>
        </ul>
        <p class="hint">{t.dataHint}</p>
      </PortalPage>,
    );
  });

  app.get('/portal/data.json', async (c) => {
    const data = await exportMemberData(c.get('deps').db, { memberId: currentMember(c).id }, c.get('deps'));
    return c.body(JSON.stringify(data, null, 2), 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${exportName(data.member.member_number)}.json"`,
      'cache-control': 'no-store',
    });
  });

  app.get('/portal/data.pdf', async (c) => {
    const data = await exportMemberData(c.get('deps').db, { memberId: currentMember(c).id }, c.get('deps'));
    // Loaded when asked for: pdfkit's module start needs a file URL that a Worker does not have (shared/STACK.md).
    const { renderMemberDataPdf } = await import('../../templates/pdf/member-data');
    const pdf = await renderMemberDataPdf(data, visitorLangOf(c));
    return c.body(new Uint8Array(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${exportName(data.member.member_number)}.pdf"`,
      'cache-control': 'no-store',
    });
  });

  return app;
}

function visitorLangOf(c: AppContext): VisitorLang {
  return c.get('publicLang') ?? c.get('visitorLang') ?? 'de';
}

function exportName(memberNumber: number | null) {
  return `meine-daten-${memberNumber ?? 'mitglied'}`;
}

function PortalNav(props: { c: AppContext }) {
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
        {link('/portal', t.overview)}
        {link('/portal/payments', t.dues)}
        {link('/portal/receipts', t.receipts)}
        {link('/portal/data', t.myData)}
        <li>
          <form method="post" action="/portal/logout" class="inline">
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
async function PortalPage(props: { c: AppContext; title: string; children: Child; scripts?: string[] }) {
  return (
    <PublicLayout c={props.c} title={props.title} association={await getAssociationName(props.c.get('deps').db)} nav={<PortalNav c={props.c} />} scripts={props.scripts}>
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
      <form method="post" action="/portal/login">
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
        <a href="/portal/login">{t.newLink}</a>
      </p>
    </PublicLayout>
  );
}

function contactPage(c: AppContext, values: Record<string, string | null | undefined>, error?: AppError) {
  const t = texts(c, T);
  const errors = fieldErrorsOf(error);
  return (
    <PortalPage c={c} title={t.changeContact}>
      <Errors c={c} error={error} />
      <form method="post" action="/portal/contact">
        <Csrf c={c} />
        <Field c={c} name="street" label={t.street} value={values.street} required autocomplete="street-address" errors={errors} />
        <div class="grid">
          <Field c={c} name="postal_code" label={t.postal_code} value={values.postal_code} required autocomplete="postal-code" dir="ltr" errors={errors} />
          <Field c={c} name="city" label={t.city} value={values.city} required autocomplete="address-level2" errors={errors} />
          <Field c={c} name="country" label={t.country} value={values.country ?? 'DE'} autocomplete="country" dir="ltr" errors={errors} />
        </div>
        <Field c={c} name="phone" label={t.phone} type="tel" value={values.phone} autocomplete="tel" dir="ltr" errors={errors} />
        <button type="submit">{t.save}</button> <a href="/portal">{t.back}</a>
      </form>
    </PortalPage>
  );
}

function emailPage(c: AppContext, v: { email?: string; error?: AppError }) {
  const t = texts(c, T);
  const me = currentMember(c);
  return (
    <PortalPage c={c} title={t.changeEmail}>
      <p>{t.emailIntro}</p>
      <p>
        {t.currentEmail}: <strong dir="ltr">{me.email ?? t.none}</strong>
      </p>
      <Errors c={c} error={v.error} />
      <form method="post" action="/portal/email">
        <Csrf c={c} />
        <Field c={c} name="email" label={t.newEmail} type="email" value={v.email} required autocomplete="email" dir="ltr" errors={fieldErrorsOf(v.error)} />
        <button type="submit">{t.sendConfirmation}</button> <a href="/portal">{t.back}</a>
      </form>
    </PortalPage>
  );
}

async function mandatePage(c: AppContext, v: { values?: Record<string, string>; error?: AppError }) {
  const deps = c.get('deps');
  const t = texts(c, T);
  const lang = visitorLangOf(c);
  const me = currentMember(c);
  const [m, current] = await Promise.all([memberOverview(deps.db, me.id), activeMandateOfMember(deps.db, me.id)]);
  const offer = await mandateOffer(deps.db, { id: me.id, member_number: me.member_number, payer_member_id: m?.payer_member_id ?? null });
  const errors = fieldErrorsOf(v.error);
  const values = v.values ?? { account_holder: `${me.first_name} ${me.last_name}` };
  const title = current ? t.changeAccount : t.giveMandate;
  if (!offer.ok) {
    return (
      <PortalPage c={c} title={title}>
        <p>{say(c, offer.reason)}</p>
        <p>
          <a href="/portal">{t.back}</a>
        </p>
      </PortalPage>
    );
  }
  const translation = mandateTranslation(lang, offer.creditor);
  return (
    <PortalPage c={c} title={title} scripts={[IBAN_CHECK_SCRIPT]}>
      <p>{t.mandateIntro}</p>
      {current && (
        <dl class="facts">
          <dt>{t.currentMandate}</dt>
          <dd>
            <span dir="ltr">{maskIban(current.iban)}</span>, {t.reference} <span dir="ltr">{current.reference}</span> ({MANDATE_STATUS.active[lang]})
          </dd>
        </dl>
      )}
      <h2>{t.mandateTextTitle}</h2>
      <div class="legal" lang="de" dir="ltr">
        {offer.text.split('\n').map((line) => (
          <p>{line}</p>
        ))}
      </div>
      <p>{t.bindingGerman}</p>
      {translation && (
        <div class="legal">
          <p>{translation}</p>
        </div>
      )}
      <Errors c={c} error={v.error} />
      <form method="post" action="/portal/mandate">
        <Csrf c={c} />
        <Field c={c} name="account_holder" label={t.account_holder} value={values.account_holder} required autocomplete="name" dir="ltr" errors={errors} />
        <IbanField c={c} label="IBAN" value={values.iban} errors={errors} required />
        <Field c={c} name="bic" label={t.bic} value={values.bic} autocomplete="off" dir="ltr" errors={errors} />
        <Checkbox c={c} name="agreed" label={t.mandate_agreed} checked={values.agreed === 'on'} errors={errors} />
        <button type="submit">{t.submitMandate}</button> <a href="/portal">{t.back}</a>
      </form>
    </PortalPage>
  );
}
