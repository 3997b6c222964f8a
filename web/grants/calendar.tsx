import type { AppContext } from '../../api/http/context';
import type { OpenDeadline } from '../../api/grants/deadline-queries';
import { daysBetween } from '../../api/grants/send-grant-reminders';
import { addDays, formatDate } from '../../api/lib/dates';
import { deadlineState, DEADLINE_KIND_LABELS } from '../../api/lib/grants';
import { tr } from '../i18n';
import { EmptyState, Layout } from '../layout';
import { daysLeftText, StateBadge } from './deadlines-section';

/** The deadline calendar (grants deadlines): overdue first, then the next days week by week. */

export const CALENDAR_DAYS = 90;

/** ISO 8601 week number of a 'YYYY-MM-DD' day. */
function isoWeek(day: string): number {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7)); // the Thursday of its week
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

function mondayOf(day: string): string {
  const dow = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -dow);
}

export function DeadlineRows(props: { c: AppContext; rows: OpenDeadline[]; today: string }) {
  const { c, today } = props;
  const t = tr(c);
  const lang = c.get('lang');
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('Fällig am', 'Due on')}</th>
            <th scope="col">{t('Antrag', 'Application')}</th>
            <th scope="col">{t('Fördergeber', 'Funder')}</th>
            <th scope="col">{t('Frist', 'Deadline')}</th>
            <th scope="col">{t('Stand', 'State')}</th>
            <th scope="col">{t('Verbleibend', 'Left')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((d) => {
            const state = deadlineState(d, today);
            const kind = DEADLINE_KIND_LABELS[d.kind][lang];
            return (
              <tr class={`deadline ${state}`} data-deadline-id={String(d.id)}>
                <td>{formatDate(d.due_on)}</td>
                <td>
                  <a href={`/grants/${d.application_id}`}>{d.application_title}</a>
                </td>
                <td>{d.funder_name}</td>
                <td>
                  {kind}
                  {d.title !== kind && <small> · {d.title}</small>}
                </td>
                <td>
                  <StateBadge c={c} state={state} />
                </td>
                <td>{daysLeftText(c, daysBetween(today, d.due_on), state)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function CalendarPage(props: { c: AppContext; today: string; rows: OpenDeadline[] }) {
  const { c, today } = props;
  const t = tr(c);
  const overdue = props.rows.filter((d) => d.due_on < today);
  const coming = props.rows.filter((d) => d.due_on >= today);
  const weeks = new Map<string, OpenDeadline[]>();
  for (const d of coming) {
    const monday = mondayOf(d.due_on);
    weeks.set(monday, [...(weeks.get(monday) ?? []), d]);
  }
  const until = addDays(today, CALENDAR_DAYS);
  return (
    <Layout c={c} title={t('Fristenkalender', 'Deadline calendar')}>
      <p class="actions">
        <a href="/grants">{t('Zu den Förderanträgen', 'To the grant applications')}</a> ·{' '}
        <a href="/calendar">{t('Fristen im eigenen Kalender abonnieren (iCal)', 'Subscribe to the deadlines in your own calendar (iCal)')}</a>
      </p>
      <section aria-labelledby="overdue-heading" class="overdue">
        <h2 id="overdue-heading">{t(`Überfällig (${overdue.length})`, `Overdue (${overdue.length})`)}</h2>
        {overdue.length ? (
          <DeadlineRows c={c} rows={overdue} today={today} />
        ) : (
          <EmptyState>{t('Keine überfälligen Fristen.', 'No overdue deadlines.')}</EmptyState>
        )}
      </section>
      <section aria-labelledby="coming-heading">
        <h2 id="coming-heading">{t(`Die nächsten ${CALENDAR_DAYS} Tage (bis ${formatDate(until)})`, `The next ${CALENDAR_DAYS} days (until ${formatDate(until)})`)}</h2>
        {coming.length === 0 ? (
          <EmptyState>
            {t(
              'Keine offenen Fristen in den nächsten 90 Tagen. Fristen werden auf der Seite des jeweiligen Förderantrags eingetragen.',
              'No open deadlines in the next 90 days. Deadlines are added on the page of each grant application.',
            )}
          </EmptyState>
        ) : (
          [...weeks].map(([monday, rows]) => (
            <section class="week" aria-label={t(`KW ${isoWeek(monday)}`, `Week ${isoWeek(monday)}`)}>
              <h3>
                {monday === mondayOf(today) ? t('Diese Woche', 'This week') : t(`KW ${isoWeek(monday)}`, `Week ${isoWeek(monday)}`)}
                <small>
                  {' '}
                  {formatDate(monday)} – {formatDate(addDays(monday, 6))}
                </small>
              </h3>
              <DeadlineRows c={c} rows={rows} today={today} />
            </section>
          ))
        )}
      </section>
    </Layout>
  );
}
