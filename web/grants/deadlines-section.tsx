import type { AppContext } from '../../api/http/context';
import type { FieldError } from '../../api/http/errors';
import { deadlinesOfApplication } from '../../api/grants/deadline-queries';
import { DEADLINE_KINDS } from '../../api/grants/deadline-schemas';
import { daysBetween } from '../../api/grants/send-grant-reminders';
import { berlinToday, formatDate } from '../../api/lib/dates';
import { deadlineState, DEADLINE_KIND_LABELS, DEADLINE_STATE_LABELS, type DeadlineState } from '../../api/lib/grants';
import type { GrantApplication, GrantDeadline } from '../../db/schema';
import { tr } from '../i18n';
import { Csrf, EmptyState, Field, Select } from '../layout';

/** The deadlines of one application and their forms (grants deadlines). */

export type DeadlineFormValues = { kind?: string; title?: string; due_on?: string; notes?: string | null };

/** "noch 7 Tage", "heute", "3 Tage überfällig" */
export function daysLeftText(c: AppContext, days: number, state: DeadlineState) {
  const t = tr(c);
  if (state === 'done') return '';
  if (days === 0) return t('heute', 'today');
  if (days < 0) return days === -1 ? t('1 Tag überfällig', '1 day overdue') : t(`${-days} Tage überfällig`, `${-days} days overdue`);
  return days === 1 ? t('noch 1 Tag', '1 day left') : t(`noch ${days} Tage`, `${days} days left`);
}

export function StateBadge(props: { c: AppContext; state: DeadlineState }) {
  return <span class={`badge deadline-state ${props.state}`}>{DEADLINE_STATE_LABELS[props.state][props.c.get('lang')]}</span>;
}

/** Kind, title, date and notes: the add form and each deadline's change form. */
export function DeadlineFields(props: { c: AppContext; values: DeadlineFormValues; errors: FieldError[]; idPrefix: string }) {
  const { c, values, errors, idPrefix } = props;
  const t = tr(c);
  const lang = c.get('lang');
  return (
    <div class="grid">
      <Select
        c={c}
        name="kind"
        label={t('Art', 'Kind')}
        value={values.kind ?? 'interim_report'}
        options={DEADLINE_KINDS.map((k) => ({ value: k, label: DEADLINE_KIND_LABELS[k][lang] }))}
        errors={errors}
        required
        idPrefix={idPrefix}
      />
      <Field c={c} name="title" label={t('Bezeichnung', 'Title')} value={values.title} errors={errors} hint={t('Leer = Name der Art', 'Empty = the kind’s name')} idPrefix={idPrefix} />
      <Field c={c} name="due_on" label={t('Fällig am', 'Due on')} type="date" value={values.due_on} errors={errors} required idPrefix={idPrefix} />
      <Field c={c} name="notes" label={t('Notiz', 'Notes')} value={values.notes ?? ''} errors={errors} idPrefix={idPrefix} />
    </div>
  );
}

/** The form to add a deadline; posts to /grants/:id/deadlines. */
export function AddDeadlineForm(props: { c: AppContext; applicationId: number; values?: DeadlineFormValues; errors?: FieldError[] }) {
  const t = tr(props.c);
  return (
    <form method="post" action={`/grants/${props.applicationId}/deadlines`} class="add-deadline" novalidate>
      <Csrf c={props.c} />
      <fieldset>
        <legend>{t('Frist hinzufügen', 'Add a deadline')}</legend>
        <DeadlineFields c={props.c} values={props.values ?? {}} errors={props.errors ?? []} idPrefix="new-deadline-" />
        <button type="submit">{t('Frist hinzufügen', 'Add deadline')}</button>
      </fieldset>
    </form>
  );
}

/** One deadline's change form (behind a disclosure on the application page). */
export function EditDeadlineForm(props: { c: AppContext; deadline: GrantDeadline; values?: DeadlineFormValues; errors?: FieldError[]; open?: boolean }) {
  const { c, deadline: d } = props;
  const t = tr(c);
  return (
    <form method="post" action={`/grants/${d.application_id}/deadlines/${d.id}`} novalidate>
      <Csrf c={c} />
      <input type="hidden" name="action" value="update" />
      <DeadlineFields c={c} values={props.values ?? { kind: d.kind, title: d.title, due_on: d.due_on, notes: d.notes }} errors={props.errors ?? []} idPrefix={`deadline-${d.id}-`} />
      <button type="submit" class="secondary">
        {t('Änderung speichern', 'Save change')}
      </button>
    </form>
  );
}

function ActionButton(props: { c: AppContext; deadline: GrantDeadline; action: 'done' | 'reopen' | 'delete'; label: string; kind?: string }) {
  const d = props.deadline;
  return (
    <form method="post" action={`/grants/${d.application_id}/deadlines/${d.id}`} class="inline">
      <Csrf c={props.c} />
      <input type="hidden" name="action" value={props.action} />
      <button type="submit" class={props.kind ?? 'secondary'}>
        {props.label}
      </button>
    </form>
  );
}

/** On the application page: its deadlines with their state, and the forms to add and tick them off (grants deadlines). */
export async function DeadlinesSection(props: { c: AppContext; application: GrantApplication }) {
  const { c, application } = props;
  const t = tr(c);
  const lang = c.get('lang');
  const deps = c.get('deps');
  const today = berlinToday(deps.clock.now());
  const applicationId = Number(application.id);
  const deadlines = await deadlinesOfApplication(deps.db, applicationId);
  return (
    <section id="deadlines" class="deadlines" aria-labelledby="deadlines-heading">
      <h2 id="deadlines-heading">{t('Fristen', 'Deadlines')}</h2>
      {deadlines.length === 0 ? (
        <EmptyState>{t('Noch keine Fristen. Antragsfrist, Mittelabrufe, Berichte und Aufbewahrungsende unten eintragen – dann kommen Erinnerungen.', 'No deadlines yet. Add the application deadline, draw-downs, reports and end of retention below – reminders follow.')}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Fällig am', 'Due on')}</th>
                <th scope="col">{t('Frist', 'Deadline')}</th>
                <th scope="col">{t('Stand', 'State')}</th>
                <th scope="col">{t('Aktionen', 'Actions')}</th>
              </tr>
            </thead>
            <tbody>
              {deadlines.map((d) => {
                const state = deadlineState(d, today);
                const kind = DEADLINE_KIND_LABELS[d.kind][lang];
                return (
                  <tr class={`deadline ${state}`} data-deadline-id={String(d.id)}>
                    <td>{formatDate(d.due_on)}</td>
                    <td>
                      <strong>{d.title}</strong>
                      {d.title !== kind && <small> ({kind})</small>}
                      {d.notes && (
                        <>
                          <br />
                          <small>{d.notes}</small>
                        </>
                      )}
                    </td>
                    <td>
                      <StateBadge c={c} state={state} /> {daysLeftText(c, daysBetween(today, d.due_on), state)}
                      {d.done_on && (
                        <small>
                          {' '}
                          {t(`am ${formatDate(d.done_on)}`, `on ${formatDate(d.done_on)}`)}
                          {d.done_by ? ` · ${d.done_by}` : ''}
                        </small>
                      )}
                    </td>
                    <td>
                      {d.done_on ? (
                        <ActionButton c={c} deadline={d} action="reopen" label={t('Wieder öffnen', 'Reopen')} />
                      ) : (
                        <ActionButton c={c} deadline={d} action="done" label={t('Erledigt', 'Done')} kind="" />
                      )}{' '}
                      <ActionButton c={c} deadline={d} action="delete" label={t('Löschen', 'Delete')} kind="danger" />
                      <details>
                        <summary>{t('Ändern', 'Change')}</summary>
                        <EditDeadlineForm c={c} deadline={d} />
                      </details>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <AddDeadlineForm c={c} applicationId={applicationId} />
      <p>
        <a href="/grants/calendar">{t('Alle Fristen im Kalender', 'All deadlines in the calendar')}</a>
      </p>
    </section>
  );
}
