import { Hono } from 'hono';
import { roleOf, type AppEnv } from '../../api/http/context';
import { countOutboxByStatus } from '../../api/mail/queries';
import { getAssociation } from '../../api/settings/queries';
import { berlinToday, formatDate } from '../../api/lib/dates';
import { receiptsAllowedUntil } from '../../api/lib/exemption';
import { countUsers } from '../../api/auth/queries';
import { tr } from '../i18n';
import { Layout } from '../layout';

export function webHomeRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const deps = c.get('deps');
    const t = tr(c);
    const role = roleOf(c.get('identity'));
    const association = await getAssociation(deps.db);
    if (!association && (await countUsers(deps.db)) === 0) return c.redirect('/setup');
    const outbox = role === 'admin' ? await countOutboxByStatus(deps.db) : null;
    const until = association ? receiptsAllowedUntil(association.notice_kind, association.notice_date) : null;
    return c.html(
      <Layout c={c} title={association?.name ?? 'Kassenwart'}>
        {association && role !== 'member' && (
          <section aria-labelledby="assoc">
            <h2 id="assoc">{t('Verein', 'Association')}</h2>
            <dl class="facts">
              <dt>{t('Anschrift', 'Address')}</dt>
              <dd>
                {association.street}, {association.postal_code} {association.city}
              </dd>
              <dt>{t('Finanzamt / StNr.', 'Tax office / no.')}</dt>
              <dd>
                {association.finanzamt}, {association.steuernummer}
              </dd>
              <dt>{t('Bescheid', 'Notice')}</dt>
              <dd>
                {association.notice_kind === 'feststellung_60a'
                  ? t('Feststellung nach § 60a AO', 'Feststellung under § 60a AO')
                  : t('Freistellungsbescheid', 'Freistellungsbescheid')}{' '}
                {t('vom', 'of')} {formatDate(association.notice_date)}
              </dd>
              <dt>{t('Zuwendungsbestätigungen', 'Donation receipts')}</dt>
              <dd>
                {until! < berlinToday(deps.clock.now()) ? (
                  <strong class="error">
                    {t('Der Bescheid ist zu alt (§ 63 Abs. 5 AO) – keine Bestätigungen möglich, bis ein neuer eingetragen ist.', 'The notice is too old (§ 63 (5) AO) – no receipts until a new one is entered.')}
                  </strong>
                ) : (
                  <>
                    {t('dürfen bis', 'may be issued until')} {formatDate(until!)} {t('ausgestellt werden (§ 63 Abs. 5 AO)', '(§ 63 (5) AO)')}
                  </>
                )}
              </dd>
            </dl>
          </section>
        )}
        {outbox && (
          <section aria-labelledby="mail">
            <h2 id="mail">{t('Postausgang', 'Outbox')}</h2>
            <p>
              {deps.mailer
                ? t(`Versand über ${deps.mailer.name.toUpperCase()} ist eingerichtet.`, `Delivery through ${deps.mailer.name.toUpperCase()} is configured.`)
                : t('Kein Mailversand eingerichtet (SMTP_URL): Mails bleiben im Postausgang und sind dort lesbar.', 'No mail delivery configured (SMTP_URL): mails stay in the outbox, readable there.')}{' '}
              <a href="/outbox">
                {t(`${outbox.pending ?? 0} wartend, ${outbox.failed ?? 0} fehlgeschlagen, ${outbox.sent ?? 0} versandt`, `${outbox.pending ?? 0} waiting, ${outbox.failed ?? 0} failed, ${outbox.sent ?? 0} sent`)}
              </a>
            </p>
          </section>
        )}
        {(role === 'board' || role === 'treasurer' || role === 'admin') && (
          <section aria-labelledby="finances">
            <h2 id="finances">{t('Finanzen', 'Finances')}</h2>
            <p>
              <a href="/dashboard" id="home-dashboard">
                {t('Finanzübersicht: Einnahmen, Beiträge, Mitglieder, Spenden und Fördermittel des Jahres', "Finance dashboard: the year's income, dues, members, donations and grants")}
              </a>
            </p>
          </section>
        )}
        <section aria-labelledby="next">
          <h2 id="next">{t('Ihr Zugang', 'Your access')}</h2>
          <p>
            <a href="/account">{t('Mein Konto und Passwort', 'My account and password')}</a>
            {role === 'admin' && (
              <>
                {' · '}
                <a href="/users">{t('Benutzer einladen', 'Invite users')}</a>
                {' · '}
                <a href="/api/docs">{t('API-Dokumentation', 'API documentation')}</a>
              </>
            )}
          </p>
        </section>
      </Layout>,
    );
  });

  return app;
}
