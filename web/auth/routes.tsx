import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { changeOwnPassword } from '../../api/auth/change-own-password';
import { login } from '../../api/auth/login';
import { countUsers } from '../../api/auth/queries';
import { requestPasswordReset } from '../../api/auth/request-password-reset';
import { emailSchema, newPasswordSchema } from '../../api/auth/schemas';
import { SESSION_COOKIE, endSession } from '../../api/auth/sessions';
import { checkUserToken, setPasswordWithToken } from '../../api/auth/set-password-with-token';
import { inTransaction } from '../../api/deps';
import { kickOutbox } from '../../api/jobs/deliver-outbox';
import { actorOf, clientIp, currentUser, type AppContext, type AppEnv } from '../../api/http/context';
import { msg, validationError, type AppError } from '../../api/http/errors';
import { setSessionCookie } from '../../api/http/middleware';
import { parseOrThrow } from '../../api/http/validate';
import { z } from 'zod';
import { setFlash } from '../flash';
import { attempt, fieldErrorsOf, readForm } from '../forms';
import { ROLE_LABELS, say, tr } from '../i18n';
import { Csrf, ErrorSummary, Field, Layout } from '../layout';

/** Only local paths after login: never an open redirect to another site. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[\w\-/.?=&%]*$/.test(next) ? next : '/';
}

export function webAuthRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/login', async (c) => {
    if ((await countUsers(c.get('deps').db)) === 0) return c.redirect('/setup');
    if (c.get('identity').kind === 'user') return c.redirect('/');
    return c.html(loginPage(c, { next: safeNext(c.req.query('next')) }));
  });

  app.post('/login', async (c) => {
    const deps = c.get('deps');
    const form = (await readForm(c)) as Record<string, string>;
    const result = await attempt(async () => {
      const input = parseOrThrow(z.object({ email: z.string().trim().min(1), password: z.string().min(1) }), form);
      return login(deps.db, { ...input, ip: clientIp(c) }, deps);
    });
    if (!result.ok) {
      const status = result.error.code === 'rate_limited' ? 429 : result.error.code === 'validation' ? 422 : 401;
      return c.html(loginPage(c, { email: form.email, next: safeNext(form.next), error: result.error }), status);
    }
    setSessionCookie(c, result.value.token, result.value.expiresAt);
    return c.redirect(safeNext(form.next));
  });

  app.post('/logout', async (c) => {
    const identity = c.get('identity');
    if (identity.kind === 'user') await endSession(c.get('deps').db, identity.sessionToken);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    setFlash(c, 'info', msg('Sie sind abgemeldet.', 'You are logged out.'));
    return c.redirect('/login');
  });

  app.get('/password/forgot', (c) => c.html(forgotPage(c, {})));

  app.post('/password/forgot', async (c) => {
    const deps = c.get('deps');
    const form = (await readForm(c)) as Record<string, string>;
    const result = await attempt(async () => {
      const { email } = parseOrThrow(z.object({ email: emailSchema }), form);
      return inTransaction(deps.db, (trx) => requestPasswordReset(trx, { email }, deps));
    });
    if (!result.ok) return c.html(forgotPage(c, { email: form.email, error: result.error }), 422);
    kickOutbox(deps);
    setFlash(
      c,
      'info',
      msg(
        'Wenn es ein Konto mit dieser Adresse gibt, ist eine E-Mail mit einem Link unterwegs. Der Link gilt eine Stunde.',
        'If an account with this address exists, an e-mail with a link is on its way. The link is valid for one hour.',
      ),
    );
    return c.redirect('/login');
  });

  for (const kind of ['reset', 'invite'] as const) {
    const path = kind === 'reset' ? '/password/reset' : '/invite/accept';
    app.get(path, async (c) => {
      const token = c.req.query('token') ?? '';
      const check = await attempt(() => checkUserToken(c.get('deps').db, token, c.get('deps')));
      if (!check.ok) return c.html(linkInvalidPage(c), 404);
      return c.html(setPasswordPage(c, { kind, token, name: check.value.name, email: check.value.email }));
    });
    app.post(path, async (c) => {
      const deps = c.get('deps');
      const form = (await readForm(c)) as Record<string, string>;
      const token = form.token ?? '';
      const result = await attempt(async () => {
        const { password } = parseOrThrow(z.object({ password: newPasswordSchema }), form);
        if (password !== form.password_confirm) {
          throw validationError([{ field: 'password_confirm', message: msg('Die Passwörter stimmen nicht überein.', 'The passwords do not match.') }]);
        }
        return inTransaction(deps.db, (trx) => setPasswordWithToken(trx, { token, password, requestId: c.get('requestId') }, deps));
      });
      if (!result.ok) {
        if (result.error.code === 'not_found') return c.html(linkInvalidPage(c), 404);
        return c.html(setPasswordPage(c, { kind, token, error: result.error }), 422);
      }
      setSessionCookie(c, result.value.token, result.value.expiresAt);
      setFlash(c, 'success', msg('Ihr Passwort ist gesetzt. Sie sind angemeldet.', 'Your password is set. You are logged in.'));
      return c.redirect('/');
    });
  }

  app.get('/account', (c) => c.html(accountPage(c, {})));

  app.post('/account/password', async (c) => {
    const deps = c.get('deps');
    const user = currentUser(c);
    const form = (await readForm(c)) as Record<string, string>;
    const result = await attempt(async () => {
      const input = parseOrThrow(z.object({ current_password: z.string().min(1), new_password: newPasswordSchema }), form);
      if (input.new_password !== form.new_password_confirm) {
        throw validationError([{ field: 'new_password_confirm', message: msg('Die Passwörter stimmen nicht überein.', 'The passwords do not match.') }]);
      }
      return inTransaction(deps.db, (trx) =>
        changeOwnPassword(trx, { email: user.email, currentPassword: input.current_password, newPassword: input.new_password, actor: actorOf(c) }, deps),
      );
    });
    if (!result.ok) return c.html(accountPage(c, { error: result.error }), 422);
    setFlash(c, 'success', msg('Ihr Passwort ist geändert.', 'Your password is changed.'));
    return c.redirect('/account');
  });

  return app;
}

function loginPage(c: AppContext, v: { email?: string; next: string; error?: AppError }) {
  const t = tr(c);
  return (
    <Layout c={c} title={t('Anmelden', 'Log in')} narrow>
      <ErrorSummary c={c} errors={v.error?.code === 'validation' ? fieldErrorsOf(v.error) : []} detail={v.error?.detail ? say(c, v.error.detail) : undefined} />
      <form method="post" action="/login">
        <Csrf c={c} />
        <input type="hidden" name="next" value={v.next} />
        <Field c={c} name="email" label={t('E-Mail-Adresse', 'E-mail address')} type="email" value={v.email} required autocomplete="username" errors={fieldErrorsOf(v.error)} />
        <Field c={c} name="password" label={t('Passwort', 'Password')} type="password" required autocomplete="current-password" errors={fieldErrorsOf(v.error)} />
        <button type="submit">{t('Anmelden', 'Log in')}</button>
      </form>
      <p>
        <a href="/password/forgot">{t('Passwort vergessen?', 'Forgot your password?')}</a>
      </p>
    </Layout>
  );
}

function forgotPage(c: AppContext, v: { email?: string; error?: AppError }) {
  const t = tr(c);
  return (
    <Layout c={c} title={t('Passwort vergessen', 'Forgot password')} narrow>
      <p>{t('Geben Sie die Adresse Ihres Kontos ein. Sie bekommen einen Link, mit dem Sie ein neues Passwort festlegen.', 'Enter your account’s address. You will get a link to set a new password.')}</p>
      <ErrorSummary c={c} errors={fieldErrorsOf(v.error)} />
      <form method="post" action="/password/forgot">
        <Csrf c={c} />
        <Field c={c} name="email" label={t('E-Mail-Adresse', 'E-mail address')} type="email" value={v.email} required autocomplete="email" errors={fieldErrorsOf(v.error)} />
        <button type="submit">{t('Link anfordern', 'Send link')}</button>
      </form>
    </Layout>
  );
}

function setPasswordPage(c: AppContext, v: { kind: 'reset' | 'invite'; token: string; name?: string; email?: string; error?: AppError }) {
  const t = tr(c);
  const action = v.kind === 'reset' ? '/password/reset' : '/invite/accept';
  return (
    <Layout c={c} title={v.kind === 'reset' ? t('Neues Passwort festlegen', 'Set a new password') : t('Einladung annehmen', 'Accept the invitation')} narrow>
      {v.name && (
        <p>
          {t('Konto', 'Account')}: <strong>{v.name}</strong> ({v.email})
        </p>
      )}
      <ErrorSummary c={c} errors={fieldErrorsOf(v.error)} detail={v.error?.detail ? say(c, v.error.detail) : undefined} />
      <form method="post" action={action}>
        <Csrf c={c} />
        <input type="hidden" name="token" value={v.token} />
        <Field c={c} name="password" label={t('Neues Passwort', 'New password')} type="password" required autocomplete="new-password" hint={t('Mindestens 10 Zeichen', 'At least 10 characters')} errors={fieldErrorsOf(v.error)} />
        <Field c={c} name="password_confirm" label={t('Passwort wiederholen', 'Repeat password')} type="password" required autocomplete="new-password" errors={fieldErrorsOf(v.error)} />
        <button type="submit">{t('Passwort speichern', 'Save password')}</button>
      </form>
    </Layout>
  );
}

function linkInvalidPage(c: AppContext) {
  const t = tr(c);
  return (
    <Layout c={c} title={t('Link ungültig', 'Link not valid')} narrow>
      <p>{t('Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt.', 'This link is invalid, has expired or was already used.')}</p>
      <p>
        <a href="/password/forgot">{t('Neuen Link anfordern', 'Request a new link')}</a>
      </p>
    </Layout>
  );
}

function accountPage(c: AppContext, v: { error?: AppError }) {
  const t = tr(c);
  const user = currentUser(c);
  const errors = fieldErrorsOf(v.error);
  return (
    <Layout c={c} title={t('Mein Konto', 'My account')} narrow>
      <dl class="facts">
        <dt>{t('Name', 'Name')}</dt>
        <dd>{user.name}</dd>
        <dt>{t('E-Mail-Adresse', 'E-mail address')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('Rolle', 'Role')}</dt>
        <dd>{say(c, ROLE_LABELS[user.role])}</dd>
      </dl>
      <h2>{t('Passwort ändern', 'Change password')}</h2>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action="/account/password">
        <Csrf c={c} />
        <Field c={c} name="current_password" label={t('Bisheriges Passwort', 'Current password')} type="password" required autocomplete="current-password" errors={errors} />
        <Field c={c} name="new_password" label={t('Neues Passwort', 'New password')} type="password" required autocomplete="new-password" hint={t('Mindestens 10 Zeichen', 'At least 10 characters')} errors={errors} />
        <Field c={c} name="new_password_confirm" label={t('Neues Passwort wiederholen', 'Repeat new password')} type="password" required autocomplete="new-password" errors={errors} />
        <button type="submit">{t('Passwort ändern', 'Change password')}</button>
      </form>
    </Layout>
  );
}
