import type { AppContext } from '../../api/http/context';
import { formatDateTime } from '../../api/lib/dates';
import { tr } from '../i18n';
import { Csrf, Layout } from '../layout';

/**
 * The user's own iCal feed (grants deadlines): make a secret address, see it once, revoke it.
 * The address is shown only in the answer to its creation: only its hash is stored.
 */
export function CalendarFeedPage(props: { c: AppContext; feed: { created_at: Date; last_used_at: Date | null } | null; newUrl?: string }) {
  const { c, feed, newUrl } = props;
  const t = tr(c);
  const lang = c.get('lang');
  return (
    <Layout c={c} title={t('Fristen im eigenen Kalender', 'Deadlines in your own calendar')}>
      <p>
        {t(
          'Jede Person mit Zugang zu den Förderanträgen kann alle offenen Fristen als Kalender-Abonnement (iCal) in Google Kalender, Apple Kalender oder Outlook sehen. Die Adresse ist geheim und persönlich: Wer sie kennt, sieht die Fristen ohne Anmeldung. Sie wird nur einmal angezeigt.',
          'Everyone with access to the grant applications can see all open deadlines as a calendar subscription (iCal) in Google Calendar, Apple Calendar or Outlook. The address is secret and personal: whoever knows it sees the deadlines without logging in. It is shown only once.',
        )}
      </p>
      {newUrl && (
        <section class="feed-url" aria-labelledby="feed-url-heading">
          <h2 id="feed-url-heading">{t('Ihre neue Kalender-Adresse', 'Your new calendar address')}</h2>
          <p role="status">
            <strong>{t('Jetzt kopieren – diese Adresse wird nicht noch einmal angezeigt.', 'Copy it now – this address is not shown again.')}</strong>
          </p>
          <label for="feed-url">{t('Adresse (iCal)', 'Address (iCal)')}</label>
          <input id="feed-url" type="text" readonly value={newUrl} size={80} />
          <h3>{t('So abonnieren Sie die Fristen', 'How to subscribe')}</h3>
          <ul>
            <li>
              <strong>Google Kalender:</strong>{' '}
              {t(
                'am Computer links bei „Weitere Kalender“ auf „+“ → „Per URL“, die Adresse einfügen, „Kalender hinzufügen“. Google lädt Abonnements selten neu (bis zu einmal am Tag).',
                'on a computer, next to “Other calendars” click “+” → “From URL”, paste the address, “Add calendar”. Google refreshes subscriptions rarely (up to once a day).',
              )}
            </li>
            <li>
              <strong>Apple Kalender:</strong>{' '}
              {t(
                'am Mac „Ablage“ → „Neues Kalenderabonnement …“, die Adresse einfügen; am iPhone „Einstellungen“ → „Kalender“ → „Accounts“ → „Account hinzufügen“ → „Andere“ → „Kalenderabo hinzufügen“. Oder diesen Link öffnen:',
                'on a Mac “File” → “New Calendar Subscription…”, paste the address; on an iPhone “Settings” → “Calendar” → “Accounts” → “Add Account” → “Other” → “Add Subscribed Calendar”. Or open this link:',
              )}{' '}
              <a href={newUrl.replace(/^https?:/, 'webcal:')}>webcal</a>
            </li>
            <li>
              <strong>Outlook:</strong>{' '}
              {t(
                'im Kalender „Kalender hinzufügen“ → „Aus dem Internet abonnieren“, die Adresse einfügen, „Importieren“.',
                'in the calendar “Add calendar” → “Subscribe from web”, paste the address, “Import”.',
              )}
            </li>
          </ul>
        </section>
      )}
      <section aria-labelledby="feed-state-heading">
        <h2 id="feed-state-heading">{t('Stand', 'State')}</h2>
        {feed ? (
          <p>
            {t(`Es gibt eine gültige Adresse, erzeugt am ${formatDateTime(feed.created_at, lang)}.`, `There is a valid address, made on ${formatDateTime(feed.created_at, lang)}.`)}{' '}
            {feed.last_used_at
              ? t(`Zuletzt abgerufen: ${formatDateTime(feed.last_used_at, lang)}.`, `Last fetched: ${formatDateTime(feed.last_used_at, lang)}.`)
              : t('Noch nie abgerufen.', 'Never fetched yet.')}
          </p>
        ) : (
          <p class="empty">{t('Sie haben keine gültige Kalender-Adresse.', 'You have no valid calendar address.')}</p>
        )}
        <form method="post" action="/calendar/feed" class="inline">
          <Csrf c={c} />
          <button type="submit">{feed ? t('Neue Adresse erzeugen (die alte wird ungültig)', 'Make a new address (the old one stops working)') : t('Adresse erzeugen', 'Make an address')}</button>
        </form>{' '}
        {feed && (
          <form method="post" action="/calendar/feed/revoke" class="inline">
            <Csrf c={c} />
            <button type="submit" class="danger">
              {t('Adresse widerrufen', 'Revoke the address')}
            </button>
          </form>
        )}
      </section>
      <p>
        <a href="/grants/calendar">{t('Zum Fristenkalender', 'To the deadline calendar')}</a>
      </p>
    </Layout>
  );
}
