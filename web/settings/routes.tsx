import { Hono } from 'hono';
import { countUsers } from '../../api/auth/queries';
import { inTransaction } from '../../api/deps';
import { actorOf, type AppContext, type AppEnv } from '../../api/http/context';
import { msg, validationError, type AppError } from '../../api/http/errors';
import { setSessionCookie } from '../../api/http/middleware';
import { parseOrThrow } from '../../api/http/validate';
import { completeSetup } from '../../api/settings/complete-setup';
import { getAssociation } from '../../api/settings/queries';
import { associationSchema, setupSchema } from '../../api/settings/schemas';
import { updateSettings } from '../../api/settings/update-settings';
import { setFlash } from '../flash';
import { attempt, fieldErrorsOf, readForm } from '../forms';
import { say, tr } from '../i18n';
import { Csrf, ErrorSummary, Field, Layout } from '../layout';
import { AssociationFields, associationValues, withoutEmptyPurposes, type AssociationFormValues } from './association-fields';

export function webSettingsRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/setup', async (c) => {
    if ((await countUsers(c.get('deps').db)) > 0) return c.redirect('/login');
    return c.html(setupPage(c, {}, {}));
  });

  app.post('/setup', async (c) => {
    const deps = c.get('deps');
    if ((await countUsers(deps.db)) > 0) return c.redirect('/login');
    const form = await readForm(c);
    withoutEmptyPurposes((form.association ?? {}) as Record<string, unknown>);
    const { password_confirm: confirm, ...adminFields } = (form.admin ?? {}) as Record<string, string>;
    const result = await attempt(async () => {
      const input = parseOrThrow(setupSchema, { ...form, admin: adminFields });
      if (input.admin.password !== confirm) {
        throw validationError([
          { field: 'admin.password_confirm', message: msg('Die Passwörter stimmen nicht überein.', 'The passwords do not match.') },
        ]);
      }
      return inTransaction(deps.db, (trx) => completeSetup(trx, { ...input, requestId: c.get('requestId') }, deps));
    });
    if (!result.ok) {
      const admin = (form.admin ?? {}) as Record<string, string>;
      return c.html(setupPage(c, (form.association ?? {}) as AssociationFormValues, { name: admin.name, email: admin.email }, result.error), 422);
    }
    setSessionCookie(c, result.value.token, result.value.expiresAt);
    setFlash(c, 'success', msg('Kassenwart ist eingerichtet. Willkommen!', 'Kassenwart is set up. Welcome!'));
    return c.redirect('/');
  });

  app.get('/settings', async (c) => {
    const association = await getAssociation(c.get('deps').db);
    if (!association) return c.redirect('/setup');
    return c.html(settingsPage(c, associationValues(association)));
  });

  app.post('/settings', async (c) => {
    const deps = c.get('deps');
    const form = withoutEmptyPurposes(await readForm(c));
    const result = await attempt(() => {
      const association = parseOrThrow(associationSchema, form);
      return inTransaction(deps.db, (trx) => updateSettings(trx, { association, actor: actorOf(c) }, deps));
    });
    if (!result.ok) return c.html(settingsPage(c, form, result.error), 422);
    setFlash(c, 'success', msg('Die Einstellungen sind gespeichert.', 'The settings are saved.'));
    return c.redirect('/settings');
  });

  return app;
}

function setupPage(c: AppContext, association: AssociationFormValues, admin: { name?: string; email?: string }, error?: AppError) {
  const t = tr(c);
  const errors = fieldErrorsOf(error);
  return (
    <Layout c={c} title={t('Kassenwart einrichten', 'Set up Kassenwart')}>
      <p>
        {t(
          'Willkommen! Einmalig werden die Stammdaten des Vereins und das erste Admin-Konto angelegt. Alles ist später unter „Einstellungen“ änderbar.',
          'Welcome! Once, the association’s master data and the first admin account are created. Everything can be changed later under “Settings”.',
        )}
      </p>
      <ErrorSummary c={c} errors={errors} detail={error?.detail ? say(c, error.detail) : undefined} />
      <form method="post" action="/setup" novalidate>
        <Csrf c={c} />
        <AssociationFields c={c} prefix="association." values={association} errors={errors} />
        <fieldset>
          <legend>{t('Erstes Admin-Konto', 'First admin account')}</legend>
          <div class="grid">
            <Field c={c} name="admin.name" label={t('Name', 'Name')} value={admin.name} errors={errors} required autocomplete="name" />
            <Field c={c} name="admin.email" label={t('E-Mail-Adresse', 'E-mail address')} type="email" value={admin.email} errors={errors} required autocomplete="email" />
            <Field c={c} name="admin.password" label={t('Passwort', 'Password')} type="password" errors={errors} required autocomplete="new-password" hint={t('Mindestens 10 Zeichen', 'At least 10 characters')} />
            <Field c={c} name="admin.password_confirm" label={t('Passwort wiederholen', 'Repeat password')} type="password" errors={errors} required autocomplete="new-password" />
          </div>
          <input type="hidden" name="admin.language" value={c.get('lang')} />
        </fieldset>
        <button type="submit">{t('Einrichten', 'Set up')}</button>
      </form>
    </Layout>
  );
}

function settingsPage(c: AppContext, values: AssociationFormValues, error?: AppError) {
  const t = tr(c);
  const errors = fieldErrorsOf(error);
  return (
    <Layout c={c} title={t('Einstellungen', 'Settings')}>
      <ErrorSummary c={c} errors={errors} detail={error?.detail ? say(c, error.detail) : undefined} />
      <form method="post" action="/settings" novalidate>
        <Csrf c={c} />
        <AssociationFields c={c} prefix="" values={values} errors={errors} />
        <button type="submit">{t('Speichern', 'Save')}</button>
      </form>
    </Layout>
  );
}
