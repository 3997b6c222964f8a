import { Hono } from 'hono';
import { inTransaction } from '../../api/deps';
import { processStripeInbox } from '../../api/donations/process-stripe-inbox';
import { retryStripeEvent } from '../../api/donations/retry-stripe-event';
import { findStripeEvent, listStripeEvents, type StripeEventListRow } from '../../api/donations/webhook-queries';
import { STRIPE_WEBHOOK_PATH } from '../../api/donations/webhook-routes';
import { actorOf, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg, type Msg } from '../../api/http/errors';
import { formatDateTime } from '../../api/lib/dates';
import { setFlash } from '../flash';
import { attempt } from '../forms';
import { say, tr } from '../i18n';
import { Csrf, EmptyState, Layout } from '../layout';

const EVENT_STATUS: Record<StripeEventListRow['status'], Msg> = {
  pending: msg('wartet', 'waiting'),
  processed: msg('verarbeitet', 'processed'),
  ignored: msg('ignoriert (nichts zu tun)', 'ignored (nothing to do)'),
};

/** How many processed or ignored events the screen shows (the newest). */
const DONE_SHOWN = 50;

/**
 * The admin's view of the Stripe inbox (api/donations/README.md): what is still waiting, with
 * its error and next try, and what was done lately. Waiting events can be retried at once.
 */
export function webStripeEventRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/stripe-events', async (c) => {
    const t = tr(c);
    const deps = c.get('deps');
    const lang = c.get('lang');
    const { pending, done } = await listStripeEvents(deps.db, { doneLimit: DONE_SHOWN });
    const webhookUrl = `${deps.config.BASE_URL}${STRIPE_WEBHOOK_PATH}`;
    return c.html(
      <Layout c={c} title={t('Stripe-Ereignisse', 'Stripe events')}>
        <p>
          {deps.payments
            ? t(
                'Stripe meldet Zahlungen, Erstattungen und Rückbuchungen an den Webhook. Jedes Ereignis wird zuerst gespeichert und dann verbucht; schlägt das Verbuchen fehl, wird es mit wachsendem Abstand wiederholt (1 Minute, 2, 4 … höchstens alle 6 Stunden), bis es gelingt.',
                'Stripe reports payments, refunds and disputes to the webhook. Every event is stored first and booked after; when booking fails it is retried with growing pauses (1 minute, 2, 4 … at most every 6 hours) until it succeeds.',
              )
            : t(
                'Stripe ist nicht eingerichtet (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET): der Webhook nimmt nichts an. Hier stehen nur Ereignisse aus der Zeit, als Stripe eingerichtet war.',
                'Stripe is not set up (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET): the webhook accepts nothing. Only events from when Stripe was set up are listed.',
              )}
        </p>
        <p>
          {t('Webhook-Adresse für das Stripe-Dashboard', 'Webhook address for the Stripe dashboard')}: <code>{webhookUrl}</code>
        </p>

        <h2>{t(`Noch nicht verarbeitet (${pending.length})`, `Not yet processed (${pending.length})`)}</h2>
        {pending.length === 0 ? (
          <EmptyState>{t('Nichts wartet: jedes empfangene Ereignis ist verarbeitet.', 'Nothing is waiting: every event received is processed.')}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Ereignis', 'Event')}</th>
                  <th scope="col">{t('Bei Stripe erstellt / empfangen', 'Created at Stripe / received')}</th>
                  <th scope="col">{t('Versuche', 'Attempts')}</th>
                  <th scope="col">{t('Letzter Fehler', 'Last error')}</th>
                  <th scope="col">{t('Nächster Versuch', 'Next attempt')}</th>
                  <th scope="col">{t('Aktion', 'Action')}</th>
                </tr>
              </thead>
              <tbody>
                {pending.map((e) => (
                  <tr>
                    <td>
                      <code>{e.type}</code>
                      <div>
                        <small>{e.id}</small>
                      </div>
                    </td>
                    <td>
                      {formatDateTime(e.stripe_created_at, lang)}
                      <div>
                        <small>{formatDateTime(e.received_at, lang)}</small>
                      </div>
                    </td>
                    <td>{e.attempts}</td>
                    <td>{e.last_error ? <span class="error">{e.last_error}</span> : t('– (noch nicht versucht)', '– (not tried yet)')}</td>
                    <td>{formatDateTime(e.next_attempt_at, lang)}</td>
                    <td>
                      <form method="post" action={`/stripe-events/${encodeURIComponent(e.id)}/retry`}>
                        <Csrf c={c} />
                        <button type="submit" class="secondary">
                          {t('Jetzt erneut versuchen', 'Retry now')}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h2>{t('Zuletzt verarbeitet', 'Latest processed')}</h2>
        {done.length === 0 ? (
          <EmptyState>{t('Noch keine Ereignisse verarbeitet.', 'No events processed yet.')}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Ereignis', 'Event')}</th>
                  <th scope="col">{t('Ergebnis', 'Outcome')}</th>
                  <th scope="col">{t('Verarbeitet', 'Processed')}</th>
                  <th scope="col">{t('Versuche', 'Attempts')}</th>
                </tr>
              </thead>
              <tbody>
                {done.map((e) => (
                  <tr>
                    <td>
                      <code>{e.type}</code>
                      <div>
                        <small>{e.id}</small>
                      </div>
                    </td>
                    <td>
                      <span class={`badge ${e.status === 'processed' ? 'sent' : ''}`}>{say(c, EVENT_STATUS[e.status])}</span>
                    </td>
                    <td>{e.processed_at ? formatDateTime(e.processed_at, lang) : ''}</td>
                    <td>{e.attempts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <small>
            {t(
              'Verarbeitete und ignorierte Ereignisse werden nach 90 Tagen gelöscht; wartende nie.',
              'Processed and ignored events are deleted after 90 days; waiting ones never.',
            )}
          </small>
        </p>
      </Layout>,
    );
  });

  app.post('/stripe-events/:id/retry', async (c) => {
    const deps = c.get('deps');
    const id = eventIdOf(c);
    const result = await attempt(() => inTransaction(deps.db, (trx) => retryStripeEvent(trx, { id, actor: actorOf(c) }, deps)));
    if (!result.ok) {
      setFlash(c, 'error', result.error.detail ?? msg('Nicht gefunden.', 'Not found.'));
      return c.redirect('/stripe-events');
    }
    // The admin waits for the outcome: processed here, not in the background.
    await processStripeInbox(deps, { eventId: id });
    const after = await findStripeEvent(deps.db, id);
    if (after?.status === 'pending') {
      setFlash(c, 'error', msg(`${after.type}: wieder fehlgeschlagen – ${after.last_error ?? ''}`, `${after.type}: failed again – ${after.last_error ?? ''}`));
    } else {
      setFlash(c, 'success', msg(`${result.value.type}: verarbeitet.`, `${result.value.type}: processed.`));
    }
    return c.redirect('/stripe-events');
  });

  return app;
}

function eventIdOf(c: AppContext): string {
  const id = c.req.param('id') ?? '';
  if (!/^evt_\w{1,250}$/.test(id)) throw new AppError('not_found');
  return id;
}
