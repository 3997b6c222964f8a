import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sendGrantReminders } from '../../api/grants/send-grant-reminders';
import { runScheduledJobs } from '../../api/jobs/scheduler';
import { smtpTransport } from '../../api/mail/smtp-transport';
import { testApp, type TestApp } from '../helpers/app';
import { Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { associationInput, createAssociation, createUser, signedIn } from '../helpers/factories';
import { createFunder, createGrantApplication, createGrantDeadline } from '../helpers/grant-factories';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

describeEachEngine('grant deadlines: reminders once, the calendar and the iCal feed', (database) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let board: Client;
  let funderId: number;
  let owner: Awaited<ReturnType<typeof createUser>>; // responsible for the applications, writes English
  const TODAY = '2026-11-24';

  const application = (title: string, extra: Parameters<typeof createGrantApplication>[1] = {}) =>
    createGrantApplication(t.db, { title, funder_id: funderId, status: 'submitted', submitted_on: '2026-10-01', responsible_user_id: owner.id, ...extra });
  const remindersOf = (deadlineId: number) =>
    t.db.selectFrom('grant_reminders').select(['days_before', 'user_id', 'outbox_id']).where('deadline_id', '=', deadlineId).orderBy('days_before', 'desc').orderBy('user_id').execute();
  const mailsAbout = (title: string) => t.db.selectFrom('outbox').selectAll().where('template', '=', 'grant-deadline-reminder').where('subject', 'like', `%– ${title} (%`).orderBy('id').execute();
  async function at(day: string) {
    t.clock.set(`${day}T10:00:00Z`);
    board = (await signedIn(t, 'board')).client;
  }
  async function feedUrl(client: Client) {
    const res = await client.post('/calendar/feed');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const url = /http:\/\/localhost\/ical\/[A-Za-z0-9_-]{43}\.ics/.exec(await res.text())?.[0];
    expect(url).toBeDefined();
    return url!.replace('http://localhost', '');
  }
  const anonymous = () => new Client(t.app);

  beforeAll(async () => {
    smtp = await startSmtp();
    t = testApp(database(), { mailer: smtpTransport(smtp.url) });
    await createAssociation(t.db);
    owner = await createUser(t.db, { role: 'treasurer', name: 'Olga Owner', email: 'olga@example.org', language: 'en' });
    funderId = Number((await createFunder(t.db, { name: 'Stiftung Brücke' })).id);
    await at(TODAY);
  });
  afterAll(async () => {
    await t.settle();
    await smtp.close();
  });

  it('shows a clear empty calendar, with the way to the feed page', async () => {
    const page = await (await board.get('/grants/calendar')).text();
    expect(page).toContain('Keine überfälligen Fristen.');
    expect(page).toContain('Keine offenen Fristen in den nächsten 90 Tagen.');
    expect(page).toContain('href="/calendar"');
  });

  it('refuses a deadline before the submission day with both dates named, and stores nothing', async () => {
    const app = await application('Vorher-Antrag');
    const res = await board.post(`/grants/${app.id}/deadlines`, { kind: 'interim_report', title: '', due_on: '2026-09-15', notes: 'x' });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('liegt vor dem Einreichungsdatum des Antrags (01.10.2026)');
    expect(page).toContain('Die Frist am 15.09.2026');
    expect(page).toContain('value="2026-09-15"'); // the form comes back with what was typed
    const api = await board.json('POST', `/api/v1/grants/${app.id}/deadlines`, { kind: 'final_report', due_on: '2026-09-30' });
    expect(api.status).toBe(422);
    const problem = await api.json();
    expect(problem.errors[0].field).toBe('due_on');
    expect(problem.errors[0].message).toContain('30.09.2026');
    expect(problem.errors[0].message).toContain('01.10.2026');
    // an impossible date is refused too
    expect((await board.post(`/grants/${app.id}/deadlines`, { kind: 'drawdown', due_on: '2026-02-30' })).status).toBe(422);
    expect(await t.db.selectFrom('grant_deadlines').select('id').where('application_id', '=', app.id).execute()).toEqual([]);
    // the application deadline itself may lie before (it is often noted afterwards)
    const ok = await board.post(`/grants/${app.id}/deadlines`, { kind: 'application', title: '', due_on: '2026-09-30', notes: '' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(`/grants/${app.id}#deadlines`);
    const row = await t.db.selectFrom('grant_deadlines').selectAll().where('application_id', '=', app.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'application', title: 'Antragsfrist', due_on: '2026-09-30', done_on: null });
  });

  it('adds, ticks off, reopens, changes and deletes a deadline from the application page, each audited', async () => {
    const app = await application('Formular-Antrag');
    await board.post(`/grants/${app.id}/deadlines`, { kind: 'drawdown', title: 'Erster Mittelabruf', due_on: '2026-12-15', notes: 'Formular B' });
    const d = await t.db.selectFrom('grant_deadlines').selectAll().where('application_id', '=', app.id).executeTakeFirstOrThrow();
    const path = `/grants/${app.id}/deadlines/${d.id}`;
    expect((await board.post(path, { action: 'done' })).status).toBe(302);
    expect(await t.db.selectFrom('grant_deadlines').select(['done_on', 'done_by']).where('id', '=', d.id).executeTakeFirstOrThrow()).toMatchObject({ done_on: TODAY });
    await board.post(path, { action: 'reopen' });
    expect((await t.db.selectFrom('grant_deadlines').select('done_on').where('id', '=', d.id).executeTakeFirstOrThrow()).done_on).toBeNull();
    const bad = await board.post(path, { action: 'update', kind: 'drawdown', title: 'Erster Mittelabruf', due_on: '2026-09-01', notes: '' });
    expect(bad.status).toBe(422);
    await board.post(path, { action: 'update', kind: 'drawdown', title: 'Erster Mittelabruf', due_on: '2026-12-20', notes: '' });
    expect(await t.db.selectFrom('grant_deadlines').select(['due_on', 'notes']).where('id', '=', d.id).executeTakeFirstOrThrow()).toEqual({ due_on: '2026-12-20', notes: null });
    // a deadline of another application is not reachable through this one's path
    const other = await application('Fremder Antrag');
    expect((await board.post(`/grants/${other.id}/deadlines/${d.id}`, { action: 'delete' })).status).toBe(404);
    await board.post(path, { action: 'delete' });
    expect(await t.db.selectFrom('grant_deadlines').select('id').where('id', '=', d.id).execute()).toEqual([]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'grant_deadline').where('entity_id', '=', String(d.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['grant_deadline.created', 'grant_deadline.done', 'grant_deadline.reopened', 'grant_deadline.updated', 'grant_deadline.deleted']);
  });

  it('shows the deadlines section on the application page: rows with state, and the forms', async () => {
    const app = await application('Seiten-Antrag');
    const empty = await (await board.get(`/grants/${app.id}`)).text();
    expect(empty).toContain('Noch keine Fristen.');
    await createGrantDeadline(t.db, { application_id: app.id, due_on: '2026-12-15', kind: 'interim_report', title: 'Zwischenbericht' });
    const done = await createGrantDeadline(t.db, { application_id: app.id, due_on: '2026-11-01', kind: 'drawdown', title: 'Mittelabruf', done_on: '2026-10-30' });
    const page = await (await board.get(`/grants/${app.id}`)).text();
    const section = page.slice(page.indexOf('<section id="deadlines"'));
    expect(section).toContain('<tr class="deadline open"');
    expect(section).toContain('noch 21 Tage');
    expect(section).toContain(`<tr class="deadline done" data-deadline-id="${done.id}">`);
    expect(section).toContain('value="reopen"');
    expect(section).toContain(`<form method="post" action="/grants/${app.id}/deadlines" class="add-deadline" novalidate="">`);
    for (const name of ['kind', 'title', 'due_on', 'notes']) expect(section).toContain(`name="${name}"`);
  });

  it('mails a reminder exactly once across two scheduler runs and two at the same time, in the person’s language, over SMTP', async () => {
    const app = await application('Einmal-Antrag');
    const d = await createGrantDeadline(t.db, { application_id: app.id, due_on: '2026-12-01', kind: 'interim_report', title: 'Zwischenbericht' });
    await runScheduledJobs(t.deps);
    await runScheduledJobs(t.deps);
    await Promise.all([sendGrantReminders(t.deps), sendGrantReminders(t.deps)]);
    // 7 days left: the 7-day reminder goes out; the 30-day one, whose day passed before the deadline existed, is recorded unsent
    const reminders = await remindersOf(d.id);
    expect(reminders.map((r) => [r.days_before, r.user_id, r.outbox_id === null])).toEqual([
      [30, owner.id, true],
      [7, owner.id, false],
    ]);
    const mails = await mailsAbout('Einmal-Antrag');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to_address: 'olga@example.org', language: 'en', status: 'sent' });
    const received = smtp.received.filter((m) => m.subject?.includes('Einmal-Antrag'));
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toBe('Deadline reminder: Zwischenbericht – Einmal-Antrag (01.12.2026)');
    expect(received[0]!.text).toContain('due in 7 days');
    expect(received[0]!.text).toContain('Funder: Stiftung Brücke');
    expect(received[0]!.text).toContain(`http://localhost/grants/${app.id}`);
    // the next offset follows on its day, once
    await at('2026-11-30');
    await runScheduledJobs(t.deps);
    await runScheduledJobs(t.deps);
    expect((await mailsAbout('Einmal-Antrag')).map((m) => m.subject)).toEqual([
      'Deadline reminder: Zwischenbericht – Einmal-Antrag (01.12.2026)',
      'Deadline reminder: Zwischenbericht – Einmal-Antrag (01.12.2026)',
    ]);
    expect((await remindersOf(d.id)).map((r) => r.days_before)).toEqual([30, 7, 1]);
    await at(TODAY);
  });

  it('on a late run sends only the nearest reminder and records the ones it passed over', async () => {
    const app = await application('Spät-Antrag');
    const d = await createGrantDeadline(t.db, { application_id: app.id, due_on: '2026-11-25', kind: 'drawdown', title: 'Mittelabruf' });
    await sendGrantReminders(t.deps);
    expect(await mailsAbout('Spät-Antrag')).toHaveLength(1);
    expect((await remindersOf(d.id)).map((r) => [r.days_before, r.outbox_id === null])).toEqual([
      [30, true],
      [7, true],
      [1, false],
    ]);
    // on the day itself nothing is due any more: every offset has had its mail or was passed over
    await at('2026-11-25');
    await sendGrantReminders(t.deps);
    expect(await mailsAbout('Spät-Antrag')).toHaveLength(1);
    await at(TODAY);
  });

  it('mails an overdue deadline once, then never again, and lists it on the calendar first', async () => {
    const app = await application('Überfällig-Antrag');
    const d = await createGrantDeadline(t.db, { application_id: app.id, due_on: '2026-11-20', kind: 'final_report', title: 'Verwendungsnachweis' });
    await sendGrantReminders(t.deps);
    await sendGrantReminders(t.deps);
    expect((await remindersOf(d.id)).map((r) => r.days_before)).toEqual([-1]);
    const [mail] = await mailsAbout('Überfällig-Antrag');
    expect(mail!.subject).toBe('Deadline overdue: Verwendungsnachweis – Überfällig-Antrag (20.11.2026)');
    expect(mail!.text_body).toContain('overdue for 4 days');
    await at('2026-12-10');
    await sendGrantReminders(t.deps);
    expect(await mailsAbout('Überfällig-Antrag')).toHaveLength(1);
    const page = await (await board.get('/grants/calendar')).text();
    const overdue = page.slice(page.indexOf('id="overdue-heading"'), page.indexOf('id="coming-heading"'));
    expect(overdue).toContain(`<tr class="deadline overdue" data-deadline-id="${d.id}">`);
    expect(overdue).toContain(`<a href="/grants/${app.id}">Überfällig-Antrag</a>`);
    expect(overdue).toContain('20 Tage überfällig');
    await at(TODAY);
  });

  it('sends nothing for a done deadline, a rejected application, or when nobody is responsible', async () => {
    const done = await createGrantDeadline(t.db, { application_id: (await application('Erledigt-Antrag')).id, due_on: '2026-11-25', done_on: '2026-11-20' });
    const rejected = await createGrantDeadline(t.db, { application_id: (await application('Abgelehnt-Antrag', { status: 'rejected' })).id, due_on: '2026-11-25' });
    const nobody = await createGrantDeadline(t.db, { application_id: (await application('Niemand-Antrag', { responsible_user_id: null })).id, due_on: '2026-11-25' });
    // ticked off through the API after a first reminder: no more mails
    const ticked = await createGrantDeadline(t.db, { application_id: (await application('Abgehakt-Antrag')).id, due_on: '2026-12-20' });
    await sendGrantReminders(t.deps);
    expect(await mailsAbout('Abgehakt-Antrag')).toHaveLength(1);
    const patched = await board.json('PATCH', `/api/v1/grant-deadlines/${ticked.id}`, { done_on: TODAY });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ state: 'done', done_on: TODAY });
    await at('2026-12-19');
    await sendGrantReminders(t.deps);
    for (const d of [done, rejected, nobody, ticked]) expect((await remindersOf(d.id)).filter((r) => r.outbox_id !== null).length).toBe(d === ticked ? 1 : 0);
    for (const title of ['Erledigt-Antrag', 'Abgelehnt-Antrag', 'Niemand-Antrag']) expect(await mailsAbout(title)).toEqual([]);
    await at(TODAY);
  });

  it('lists open deadlines in the JSON API, overdue first, within ?days', async () => {
    const res = await board.request('GET', '/api/v1/grant-deadlines?days=10');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.today).toBe(TODAY);
    const states = body.deadlines.map((d: { state: string }) => d.state);
    expect(states.indexOf('open')).toBeGreaterThan(states.lastIndexOf('overdue'));
    expect(body.deadlines.every((d: { due_on: string }) => d.due_on <= '2026-12-04')).toBe(true);
    expect(body.deadlines.find((d: { application_title: string }) => d.application_title === 'Überfällig-Antrag')).toMatchObject({ state: 'overdue', days_left: -4, kind_label: 'Verwendungsnachweis' });
    expect(body.deadlines.some((d: { application_title: string }) => d.application_title === 'Abgelehnt-Antrag')).toBe(false);
  });

  it('serves each user’s secret iCal feed: all-day events in Europe/Berlin, read by ical.js; done ones absent; revoked 404', async () => {
    const app = await application('Feed-Antrag; mit, Zeichen');
    const open = await createGrantDeadline(t.db, { application_id: app.id, due_on: '2027-01-15', kind: 'interim_report', title: 'Zwischenbericht' });
    const done = await createGrantDeadline(t.db, { application_id: app.id, due_on: '2027-01-20', kind: 'drawdown', title: 'Mittelabruf', done_on: TODAY });
    const path = await feedUrl(board);
    const res = await anonymous().get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('\r\n');
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('prodid')).toBeTruthy();
    expect(cal.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Berlin');
    expect(cal.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const event = events.find((e) => e.uid === `deadline-${open.id}@localhost`)!;
    expect(event).toBeDefined();
    expect(event.summary).toBe('Zwischenbericht: Feed-Antrag; mit, Zeichen');
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2027-01-15');
    expect(event.endDate.isDate).toBe(true);
    expect(event.endDate.toString()).toBe('2027-01-16');
    expect(event.description).toContain('Fördergeber: Stiftung Brücke');
    expect(event.component.getFirstPropertyValue('url')).toBe(`http://localhost/grants/${app.id}`);
    expect(event.component.getFirstProperty('dtstamp')!.getFirstValue()!.toString()).toBe('2026-11-24T10:00:00Z');
    expect(events.some((e) => e.uid === `deadline-${done.id}@localhost`)).toBe(false);
    // overdue ones stay in the feed; a rejected application's do not
    expect(events.some((e) => e.summary.endsWith('Überfällig-Antrag'))).toBe(true);
    expect(events.some((e) => e.summary.endsWith('Abgelehnt-Antrag'))).toBe(false);

    // only the hash is stored, the address is never shown again nor in the audit log, and use is noted
    const secret = /\/ical\/(.+)\.ics$/.exec(path)![1]!;
    const feeds = await t.db.selectFrom('calendar_feeds').selectAll().execute();
    expect(feeds.some((f) => f.token_hash === secret)).toBe(false);
    expect(feeds.find((f) => f.revoked_at === null && f.last_used_at !== null)).toBeDefined();
    expect(await (await board.get('/calendar')).text()).not.toContain(secret);
    const audit = await t.db.selectFrom('audit_log').select(['before', 'after']).where('entity', '=', 'calendar_feed').execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(secret);

    // a new address revokes the old; revoking ends the new one; unknown ones are 404 too
    const second = await feedUrl(board);
    expect((await anonymous().get(path)).status).toBe(404);
    expect((await anonymous().get(second)).status).toBe(200);
    expect((await board.post('/calendar/feed/revoke')).status).toBe(302);
    expect((await anonymous().get(second)).status).toBe(404);
    expect((await anonymous().get(`/ical/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await anonymous().get('/ical/nonsense')).status).toBe(404);
  });

  it('stops a feed whose user is disabled or loses the grant role', async () => {
    const { client, user } = await signedIn(t, 'board');
    const path = await feedUrl(client);
    expect((await anonymous().get(path)).status).toBe(200);
    await t.db.updateTable('users').set({ role: 'member' }).where('id', '=', user.id).execute();
    expect((await anonymous().get(path)).status).toBe(404);
    await t.db.updateTable('users').set({ role: 'board', status: 'disabled' }).where('id', '=', user.id).execute();
    expect((await anonymous().get(path)).status).toBe(404);
  });

  it('keeps members away from the calendar and the feed page', async () => {
    const { client } = await signedIn(t, 'member');
    for (const path of ['/grants/calendar', '/calendar']) {
      const res = await client.get(path);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('Überfällig-Antrag');
    }
    expect((await client.post('/calendar/feed')).status).toBe(403);
    expect((await anonymous().get('/grants/calendar')).status).not.toBe(200);
  });

  it('saves the reminder settings on the settings screen', async () => {
    const { client } = await signedIn(t, 'admin');
    const a = associationInput();
    const form: Record<string, string> = {
      name: a.name, street: a.street, postal_code: a.postal_code, city: a.city, finanzamt: a.finanzamt, steuernummer: a.steuernummer,
      notice_kind: a.notice_kind, notice_date: a.notice_date, notice_year_from: String(a.notice_year_from), notice_year_to: String(a.notice_year_to ?? ''),
      'purposes.0.genitive': a.purposes[0]!.genitive, 'purposes.0.accusative': a.purposes[0]!.accusative,
      iban: 'DE02 1203 0000 0000 2020 51', bic: '', creditor_id: 'DE98ZZZ09999999999', signature_place: 'Berlin',
      grant_reminder_days: '7, 14 ,3', grant_reminders_to_board: 'on',
    };
    const bad = await client.post('/settings', { ...form, grant_reminder_days: '7, x' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Erinnerungstage: ganze Zahlen');
    const res = await client.post('/settings', form);
    expect(res.status).toBe(302);
    const saved = await t.db.selectFrom('association').select(['grant_reminder_days', 'grant_reminders_to_board']).executeTakeFirstOrThrow();
    expect(saved).toEqual({ grant_reminder_days: [14, 7, 3], grant_reminders_to_board: true });
    const page = await (await client.get('/settings')).text();
    expect(page).toContain('value="14, 7, 3"');
    await t.db.updateTable('association').set({ grant_reminder_days: JSON.stringify([30, 7, 1]), grant_reminders_to_board: false }).execute();
  });

  it('with the board setting, copies go to every active board member, each person once, never to a disabled one', async () => {
    await t.db.updateTable('users').set({ status: 'disabled' }).where('role', '=', 'board').execute(); // the sessions' board users of earlier tests
    const chair = await createUser(t.db, { role: 'board', name: 'Chair', email: 'chair@example.org' });
    const alsoOwner = await createUser(t.db, { role: 'board', name: 'Board Owner', email: 'boardowner@example.org' });
    await createUser(t.db, { role: 'board', name: 'Gone', email: 'gone@example.org' }).then((u) => t.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', u.id).execute());
    await t.db.updateTable('association').set({ grant_reminders_to_board: true }).execute();
    const app = await application('Vorstand-Antrag', { responsible_user_id: alsoOwner.id });
    const d = await createGrantDeadline(t.db, { application_id: app.id, due_on: '2026-11-25' });
    const nobodyApp = await application('Nur-Vorstand-Antrag', { responsible_user_id: null });
    const n = await createGrantDeadline(t.db, { application_id: nobodyApp.id, due_on: '2026-11-25' });
    await runScheduledJobs(t.deps);
    await runScheduledJobs(t.deps);
    const sent = (await remindersOf(d.id)).filter((r) => r.outbox_id !== null);
    expect(sent.map((r) => r.user_id).sort()).toEqual([chair.id, alsoOwner.id].sort());
    expect((await mailsAbout('Vorstand-Antrag')).map((m) => m.to_address).sort()).toEqual(['boardowner@example.org', 'chair@example.org']);
    expect((await remindersOf(n.id)).filter((r) => r.outbox_id !== null).map((r) => r.user_id).sort()).toEqual([chair.id, alsoOwner.id].sort());
    const germanMail = smtp.received.find((m) => m.subject?.includes('– Vorstand-Antrag (') && JSON.stringify(m.to).includes('chair@'));
    expect(germanMail?.subject).toBe('Fristerinnerung: Zwischenbericht – Vorstand-Antrag (25.11.2026)');
    expect(germanMail?.text).toContain('morgen fällig');
    await t.db.updateTable('association').set({ grant_reminders_to_board: false }).execute();
  });
});
