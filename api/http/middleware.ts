import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { authenticateApiToken } from '../auth/api-tokens';
import { SESSION_COOKIE, validateSession } from '../auth/sessions';
import { newSecret, safeEqual } from '../auth/secrets';
import { isPortalPath, PORTAL_COOKIE, PORTAL_PATH, validatePortalSession } from '../portal/portal-sessions';
import { DONOR_COOKIE, DONOR_PATH, isDonorPortalPath, validateDonorSession } from '../donor-portal/donor-sessions';
import { accessFor, isAllowed } from './access';
import type { AppEnv, Identity } from './context';
import { roleOf, wantsHtml } from './context';
import { AppError, msg, VISITOR_LANGS, type VisitorLang } from './errors';

export const LANG_COOKIE = 'kw_lang';
export const CSRF_COOKIE = 'kw_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function secureCookies(baseUrl: string) {
  return baseUrl.startsWith('https:');
}

/**
 * Language: ?lang= (remembered in a cookie), the cookie, then Accept-Language; German by default.
 * A visitor may choose any of the four member languages; staff screens know German and English
 * only and show German for Arabic or Turkish (the board reads German).
 */
export const language: MiddlewareHandler<AppEnv> = async (c, next) => {
  const isVisitorLang = (v: string | undefined): v is VisitorLang => VISITOR_LANGS.includes(v as VisitorLang);
  const query = c.req.query('lang');
  let visitor: VisitorLang | undefined;
  if (isVisitorLang(query)) {
    visitor = query;
    setCookie(c, LANG_COOKIE, query, { path: '/', sameSite: 'Lax', httpOnly: true, maxAge: 365 * 86400 });
  } else {
    const cookie = getCookie(c, LANG_COOKIE);
    if (isVisitorLang(cookie)) visitor = cookie;
  }
  visitor ??= acceptedLanguage(c.req.header('accept-language'));
  c.set('visitorLang', visitor);
  c.set('lang', visitor === 'en' ? 'en' : 'de');
  await next();
};

/** The first of the browser's languages we speak (Accept-Language in its order, q ignored). */
function acceptedLanguage(header: string | undefined): VisitorLang {
  for (const part of header?.split(',') ?? []) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if (VISITOR_LANGS.includes(code as VisitorLang)) return code as VisitorLang;
  }
  return 'de';
}

/** Public pages and portals speak the visitor's language (German, English, Arabic, Turkish). */
export const visitorPage: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('publicLang', c.get('visitorLang'));
  await next();
};

/**
 * Who is asking: an API token (Authorization: Bearer), a session cookie, or nobody. Under
 * /portal only the portal's own cookie counts (a member, never staff); elsewhere it is ignored.
 * Under /donor likewise only the donor portal's cookie (a donor, never staff or a member).
 */
export const identify: MiddlewareHandler<AppEnv> = async (c, next) => {
  const deps = c.get('deps');
  let identity: Identity = { kind: 'anonymous' };
  const auth = c.req.header('authorization');
  if (auth) {
    if (!c.req.path.startsWith('/api/')) {
      throw new AppError('unauthenticated', msg('API-Tokens gelten nur für die JSON-API unter /api/.', 'API tokens are valid for the JSON API under /api/ only.'));
    }
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    const token = match ? await authenticateApiToken(deps.db, match[1]!, deps) : null;
    if (!token) throw new AppError('unauthenticated', msg('Das API-Token ist ungültig oder widerrufen.', 'The API token is invalid or revoked.'));
    identity = { kind: 'token', token };
  } else if (isDonorPortalPath(c.req.path)) {
    const cookie = getCookie(c, DONOR_COOKIE);
    if (cookie) {
      const session = await validateDonorSession(deps.db, cookie, deps);
      if (session) {
        identity = { kind: 'donor', donor: session.donor, sessionToken: cookie };
        if (session.renewed) setDonorCookie(c, cookie, session.expiresAt);
        // The donor portal speaks the donor's language unless they pick another one.
        if (!getCookie(c, LANG_COOKIE) && !c.req.query('lang')) c.set('visitorLang', session.donor.language);
      } else {
        deleteCookie(c, DONOR_COOKIE, { path: DONOR_PATH });
      }
    }
  } else if (isPortalPath(c.req.path)) {
    const cookie = getCookie(c, PORTAL_COOKIE);
    if (cookie) {
      const session = await validatePortalSession(deps.db, cookie, deps);
      if (session) {
        identity = { kind: 'member', member: session.member, sessionToken: cookie };
        if (session.renewed) setPortalCookie(c, cookie, session.expiresAt);
        // The portal speaks the member's language unless they pick another one.
        if (!getCookie(c, LANG_COOKIE) && !c.req.query('lang')) c.set('visitorLang', session.member.language);
      } else {
        deleteCookie(c, PORTAL_COOKIE, { path: PORTAL_PATH });
      }
    }
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) {
      const session = await validateSession(deps.db, cookie, deps);
      if (session) {
        identity = { kind: 'user', user: session.user, sessionToken: cookie };
        if (session.renewed) setSessionCookie(c, cookie, session.expiresAt);
        // Pages follow the account's language; the API follows Accept-Language.
        if (!getCookie(c, LANG_COOKIE) && !c.req.query('lang') && !c.req.path.startsWith('/api/')) c.set('lang', session.user.language);
      } else {
        setCookie(c, SESSION_COOKIE, '', { path: '/', maxAge: 0 });
      }
    }
  }
  c.set('identity', identity);
  await next();
};

export function setSessionCookie(c: Parameters<MiddlewareHandler<AppEnv>>[0], token: string, expiresAt: Date) {
  const deps = c.get('deps');
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies(deps.config.BASE_URL),
    expires: expiresAt,
  });
}

/** The portal's session cookie: sent to /portal only, HttpOnly, SameSite=Lax. */
export function setPortalCookie(c: Parameters<MiddlewareHandler<AppEnv>>[0], token: string, expiresAt: Date) {
  setCookie(c, PORTAL_COOKIE, token, {
    path: PORTAL_PATH,
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies(c.get('deps').config.BASE_URL),
    expires: expiresAt,
  });
}

/** The donor portal's session cookie: sent to /donor only, HttpOnly, SameSite=Lax. */
export function setDonorCookie(c: Parameters<MiddlewareHandler<AppEnv>>[0], token: string, expiresAt: Date) {
  setCookie(c, DONOR_COOKIE, token, {
    path: DONOR_PATH,
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies(c.get('deps').config.BASE_URL),
    expires: expiresAt,
  });
}

/** Applies the ACCESS table: unknown route 404, no login 401 (or the login page), wrong role 403. */
export const authorize: MiddlewareHandler<AppEnv> = async (c, next) => {
  const rule = accessFor(c.req.method, c.req.path);
  if (!rule) throw new AppError('not_found');
  const identity = c.get('identity');
  const role = roleOf(identity);
  if (!isAllowed(rule.access, role, identity.kind === 'member', identity.kind === 'donor')) {
    if (role === null) {
      if (wantsHtml(c) && c.req.method === 'GET') {
        const login = rule.access === 'portal' ? `${PORTAL_PATH}/login` : rule.access === 'donor' ? `${DONOR_PATH}/login` : `/login?next=${encodeURIComponent(c.req.path)}`;
        return c.redirect(login, 302);
      }
      throw new AppError('unauthenticated');
    }
    throw new AppError('forbidden');
  }
  await next();
};

/**
 * CSRF: every state-changing request made with cookies must (1) not come from another origin
 * (Origin / Sec-Fetch-Site) and (2) carry the token of the kw_csrf cookie, as the form field
 * _csrf or the X-CSRF-Token header (double submit). Bearer-token calls carry no cookies and
 * are exempt. The cookie is set on every page, so forms always have a token to echo.
 */
export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Stripe's webhook is called server to server: no browser, no cookies, so no session a forged
  // request could ride on, and no token it could echo. Its proof is the signature over the body
  // (checked in the handler). Exactly this one POST path is exempt, nothing under it.
  if (c.req.path === '/webhooks/stripe' && c.req.method === 'POST') return next();
  let token = getCookie(c, CSRF_COOKIE);
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
    token = newSecret();
    setCookie(c, CSRF_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: secureCookies(c.get('deps').config.BASE_URL),
    });
    c.set('csrfToken', token);
    if (isUnsafe(c.req.method) && c.get('identity').kind !== 'token') throw csrfError();
  }
  c.set('csrfToken', token);
  if (!isUnsafe(c.req.method) || c.get('identity').kind === 'token') return next();

  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') throw csrfError();
  const origin = c.req.header('origin');
  if (origin && origin !== new URL(c.req.url).origin && origin !== new URL(c.get('deps').config.BASE_URL).origin) {
    throw csrfError();
  }
  let sent = c.req.header(CSRF_HEADER);
  if (!sent) {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody();
      const field = body[CSRF_FIELD];
      if (typeof field === 'string') sent = field;
    }
  }
  if (!sent || !safeEqual(sent, token)) throw csrfError();
  await next();
};

function isUnsafe(method: string) {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

function csrfError() {
  return new AppError(
    'csrf',
    msg(
      'Das Formular ist abgelaufen oder kam von einer anderen Seite. Bitte die Seite neu laden und noch einmal absenden.',
      'The form has expired or came from another site. Please reload the page and submit again.',
      'انتهت صلاحية النموذج أو جاء من موقع آخر. يرجى إعادة تحميل الصفحة والإرسال مرة أخرى.',
      'Formun süresi doldu ya da başka bir siteden geldi. Lütfen sayfayı yeniden yükleyip tekrar gönderin.',
    ),
  );
}

/**
 * A form that posts to us and is answered with a redirect to Stripe's hosted pages (Checkout, the
 * customer portal): browsers check that redirect against the page's form-action, so these pages
 * (and only these) also allow that Stripe origin — the fake's, where STRIPE_API_URL points
 * elsewhere in tests. Mounted in api/app.ts before secureHeaders, so it sees the header that
 * middleware sets on the way out.
 */
export function allowStripeFormRedirect(stripeOrigin: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const csp = c.res.headers.get('content-security-policy');
    if (!csp) return;
    const api = c.get('deps').config.STRIPE_API_URL;
    const origin = api ? new URL(api).origin : stripeOrigin;
    c.res.headers.set('content-security-policy', csp.replace(/form-action [^;]*/, `form-action 'self' ${origin}`));
  };
}
