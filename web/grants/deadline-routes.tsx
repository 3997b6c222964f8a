import { Hono } from 'hono';
import { createCalendarFeed, calendarFeedOf, calendarFeedText, resolveCalendarFeed, revokeCalendarFeed } from '../../api/grants/calendar-feed';
import { completeGrantDeadline } from '../../api/grants/complete-grant-deadline';
import { findApplicationForDeadlines, findDeadline, openDeadlines } from '../../api/grants/deadline-queries';
import { deadlineActionSchema, deadlinePatchSchema, newDeadlineSchema } from '../../api/grants/deadline-schemas';
import { removeGrantDeadline } from '../../api/grants/remove-grant-deadline';
import { APPLICATION_NOT_FOUND, createGrantDeadline, DEADLINE_NOT_FOUND, updateGrantDeadline } from '../../api/grants/save-grant-deadline';
import { inTransaction } from '../../api/deps';
import { actorOf, currentUser, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg } from '../../api/http/errors';
import { parseOrThrow } from '../../api/http/validate';
import { addDays, berlinToday, formatDate } from '../../api/lib/dates';
import { DEADLINE_KIND_LABELS } from '../../api/lib/grants';
import type { GrantDeadlineKind } from '../../db/schema';
import { setFlash } from '../flash';
import { attempt, fieldErrorsOf, readForm } from '../forms';
import { say, tr } from '../i18n';
import { ErrorSummary, Layout } from '../layout';
import { CalendarPage, CALENDAR_DAYS } from './calendar';
import { CalendarFeedPage } from './calendar-feed';
import { AddDeadlineForm, EditDeadlineForm, type DeadlineFormValues } from './deadlines-section';

/** Deadlines, the calendar of the next 90 days, and each user's iCal feed (grants deadlines). */

function positiveId(raw: string | undefined): number | null {
  const id = Number(raw ?? '');
  return /^\d+$/.test(raw ?? '') && Number.isSafeInteger(id) && id > 0 ? id : null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The form's fields as the schema wants them (the action button and unknown fields left out). */
function deadlineFields(form: Record<string, unknown>): DeadlineFormValues {
  return { kind: str(form.kind), title: str(form.title), due_on: str(form.due_on), notes: str(form.notes) };
}

/** A form that failed, again with its values and errors, beside a way back to the application. */
function FormAgainPage(props: { c: AppContext; title: string; applicationId: number; applicationTitle: string; error: AppError; children: unknown }) {
  const { c } = props;
  const t = tr(c);
  return (
    <Layout c={c} title={props.title}>
      <p>
        {t('Förderantrag', 'Grant application')}: <a href={`/grants/${props.applicationId}#deadlines`}>{props.applicationTitle}</a>
      </p>
      <ErrorSummary c={c} errors={fieldErrorsOf(props.error)} detail={props.error.detail ? say(c, props.error.detail) : undefined} />
      {props.children as never}
    </Layout>
  );
}

export function webGrantDeadlineRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/grants/calendar', async (c) => {
    const deps = c.get('deps');
    const today = berlinToday(deps.clock.now());
    const rows = await openDeadlines(deps.db, addDays(today, CALENDAR_DAYS));
    return c.html(<CalendarPage c={c} today={today} rows={rows} />);
  });

  app.post('/grants/:id/deadlines', async (c) => {
    const deps = c.get('deps');
    const applicationId = positiveId(c.req.param('id'));
    const application = applicationId ? await findApplicationForDeadlines(deps.db, applicationId) : undefined;
    if (!applicationId || !application) throw new AppError('not_found', APPLICATION_NOT_FOUND);
    const values = deadlineFields(await readForm(c));
    const result = await attempt(() =>
      inTransaction(deps.db, (trx) => createGrantDeadline(trx, { applicationId, deadline: parseOrThrow(newDeadlineSchema, values), actor: actorOf(c) }, deps)),
    );
    if (result.ok) {
      const d = result.value;
      setFlash(c, 'success', msg(`Frist „${d.title}“ am ${formatDate(d.due_on)} ist eingetragen.`, `Deadline “${d.title}” on ${formatDate(d.due_on)} is added.`));
      return c.redirect(`/grants/${applicationId}#deadlines`);
    }
    const t = tr(c);
    return c.html(
      <FormAgainPage c={c} title={t('Frist hinzufügen', 'Add a deadline')} applicationId={applicationId} applicationTitle={application.title} error={result.error}>
        <AddDeadlineForm c={c} applicationId={applicationId} values={values} errors={fieldErrorsOf(result.error)} />
      </FormAgainPage>,
      result.error.status as 422,
    );
  });

  app.post('/grants/:id/deadlines/:deadlineId', async (c) => {
    const deps = c.get('deps');
    const applicationId = positiveId(c.req.param('id'));
    const deadlineId = positiveId(c.req.param('deadlineId'));
    const deadline = deadlineId ? await findDeadline(deps.db, deadlineId) : undefined;
    if (!applicationId || !deadlineId || !deadline || Number(deadline.application_id) !== applicationId) throw new AppError('not_found', DEADLINE_NOT_FOUND);
    const form = await readForm(c);
    const action = parseOrThrow(deadlineActionSchema, form.action);
    const actor = actorOf(c);
    const back = `/grants/${applicationId}#deadlines`;

    if (action === 'update') {
      const values = deadlineFields(form);
      const kind = (values.kind ?? deadline.kind) as GrantDeadlineKind;
      const patch = {
        kind: values.kind,
        // an emptied title falls back to the kind's name, as when adding
        title: values.title?.trim() ? values.title : (DEADLINE_KIND_LABELS[kind]?.de ?? deadline.title),
        due_on: values.due_on,
        notes: values.notes ?? null,
      };
      const result = await attempt(() =>
        inTransaction(deps.db, (trx) => updateGrantDeadline(trx, { deadlineId, applicationId, patch: parseOrThrow(deadlinePatchSchema, patch), actor }, deps)),
      );
      if (result.ok) {
        setFlash(c, 'success', msg(`Frist „${result.value.title}“ ist geändert.`, `Deadline “${result.value.title}” is changed.`));
        return c.redirect(back);
      }
      const application = await findApplicationForDeadlines(deps.db, applicationId);
      const t = tr(c);
      return c.html(
        <FormAgainPage c={c} title={t('Frist ändern', 'Change a deadline')} applicationId={applicationId} applicationTitle={application?.title ?? ''} error={result.error}>
          <EditDeadlineForm c={c} deadline={deadline} values={values} errors={fieldErrorsOf(result.error)} />
        </FormAgainPage>,
        result.error.status as 422,
      );
    }

    if (action === 'delete') {
      const removed = await inTransaction(deps.db, (trx) => removeGrantDeadline(trx, { deadlineId, applicationId, actor }, deps));
      setFlash(c, 'success', msg(`Frist „${removed.title}“ ist gelöscht.`, `Deadline “${removed.title}” is deleted.`));
      return c.redirect(back);
    }

    const done = action === 'done';
    const row = await inTransaction(deps.db, (trx) => completeGrantDeadline(trx, { deadlineId, applicationId, done, actor }, deps));
    setFlash(
      c,
      'success',
      done
        ? msg(`Frist „${row.title}“ ist erledigt – keine Erinnerungen mehr.`, `Deadline “${row.title}” is done – no more reminders.`)
        : msg(`Frist „${row.title}“ ist wieder offen.`, `Deadline “${row.title}” is open again.`),
    );
    return c.redirect(back);
  });

  app.get('/calendar', async (c) => {
    const user = currentUser(c);
    const feed = await calendarFeedOf(c.get('deps').db, user.id);
    return c.html(<CalendarFeedPage c={c} feed={feed ?? null} />);
  });

  app.post('/calendar/feed', async (c) => {
    const deps = c.get('deps');
    const user = currentUser(c);
    const created = await inTransaction(deps.db, (trx) => createCalendarFeed(trx, { userId: user.id, actor: actorOf(c) }, deps));
    const feed = await calendarFeedOf(deps.db, user.id);
    // the one time the address is shown: never cached, never in a redirect or cookie
    c.header('cache-control', 'no-store');
    return c.html(<CalendarFeedPage c={c} feed={feed ?? null} newUrl={`${deps.config.BASE_URL}/ical/${created.secret}.ics`} />);
  });

  app.post('/calendar/feed/revoke', async (c) => {
    const deps = c.get('deps');
    const user = currentUser(c);
    const { revoked } = await inTransaction(deps.db, (trx) => revokeCalendarFeed(trx, { userId: user.id, actor: actorOf(c) }, deps));
    setFlash(
      c,
      revoked ? 'success' : 'info',
      revoked
        ? msg('Die Kalender-Adresse ist widerrufen: Kalender-Apps erhalten darüber keine Fristen mehr.', 'The calendar address is revoked: calendar apps get no more deadlines through it.')
        : msg('Es gab keine gültige Kalender-Adresse.', 'There was no valid calendar address.'),
    );
    return c.redirect('/calendar');
  });

  // the feed: calendar apps call it without a login; the secret in the path is the key
  app.get('/ical/:token', async (c) => {
    const deps = c.get('deps');
    const feed = await resolveCalendarFeed(deps.db, c.req.param('token'), deps);
    if (!feed) throw new AppError('not_found', msg('Diese Kalender-Adresse gibt es nicht (mehr).', 'This calendar address does not exist (any more).'));
    const body = await calendarFeedText(deps.db, { language: feed.language }, deps);
    return c.body(body, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="foerderfristen.ics"',
      'cache-control': 'private, no-store',
      'x-robots-tag': 'noindex',
    });
  });

  return app;
}
