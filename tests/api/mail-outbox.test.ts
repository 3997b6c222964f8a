import { afterAll, beforeAll, expect, it } from 'vitest';
import { inviteUser } from '../../api/auth/invite-user';
import { systemActor, inTransaction } from '../../api/deps';
import { deliverOutbox, MAX_ATTEMPTS } from '../../api/jobs/deliver-outbox';
import { runScheduledJobs } from '../../api/jobs/scheduler';
import { smtpTransport } from '../../api/mail/smtp-transport';
import { testApp, type TestApp } from '../helpers/app';
import { Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, createUser, PASSWORD, signedIn } from '../helpers/factories';
import { linkIn, startSmtp, type TestSmtp } from '../helpers/smtp';

describeEachEngine('mail outbox delivered over real SMTP', (database) => {
  let t: TestApp;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = testApp(database(), { mailer: smtpTransport(smtp.url) });
    await createAssociation(t.db);
  });
  afterAll(() => smtp.close());

  it('writes an invitation as an outbox row in the inviting transaction, and delivers it once', async () => {
    const { client } = await signedIn(t, 'admin');
    const res = await client.json('POST', '/api/v1/users', { email: 'Zeynep.Kaya@example.org', name: 'Zeynep Kaya', role: 'treasurer', language: 'de' });
    expect(res.status).toBe(201);
    await t.settle(); // the kick after the request
    await deliverOutbox(t.deps); // a second worker run finds nothing to send
    const mails = smtp.received.filter((m) => m.to && JSON.stringify(m.to).includes('zeynep.kaya@example.org'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Einladung zu Kassenwart – Laissez-passer e.V.');
    expect(mails[0]!.text).toContain('Rolle: Kassenwart/in');
    const row = await t.db.selectFrom('outbox').selectAll().where('to_address', '=', 'zeynep.kaya@example.org').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, template: 'invite', sensitive: true });
    expect(row.message_id).toBeTruthy();
  });

  it('lets the invited person set a password through the mailed link, once', async () => {
    const mail = smtp.received.find((m) => JSON.stringify(m.to).includes('zeynep.kaya@example.org'))!;
    const link = new URL(linkIn(mail));
    expect(link.pathname).toBe('/invite/accept');
    const browser = new Client(t.app);
    const form = await browser.get(link.pathname + link.search);
    expect(form.status).toBe(200);
    const token = link.searchParams.get('token')!;
    const formHtml = await form.text();
    expect(formHtml).toContain('Zeynep Kaya');
    // switching the language keeps the link's token
    expect(formHtml).toContain(`/invite/accept?token=${token}&amp;lang=en`);
    const tooShort = await browser.post('/invite/accept', { token, password: 'kurz', password_confirm: 'kurz' });
    expect(tooShort.status).toBe(422);
    expect(await tooShort.text()).toContain('Mindestens 10 Zeichen');
    const ok = await browser.post('/invite/accept', { token, password: PASSWORD, password_confirm: PASSWORD });
    expect(ok.status).toBe(302);
    expect((await browser.get('/account')).status).toBe(200);
    const user = await t.db.selectFrom('users').selectAll().where('email', '=', 'zeynep.kaya@example.org').executeTakeFirstOrThrow();
    expect(user.status).toBe('active');
    // the link is spent: a second use (double click, or someone else later) fails
    const again = await new Client(t.app).post('/invite/accept', { token, password: PASSWORD, password_confirm: PASSWORD });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('ungültig, abgelaufen oder wurde schon benutzt');
  });

  it('resets a forgotten password by mail, without telling strangers whether an account exists', async () => {
    const user = await createUser(t.db, { role: 'board', email: 'emre.demir@example.org' });
    const browser = new Client(t.app);
    const unknown = await browser.post('/password/forgot', { email: 'niemand@example.org' });
    const known = await browser.post('/password/forgot', { email: 'Emre.Demir@example.org' });
    expect(unknown.status).toBe(302);
    expect(known.status).toBe(302);
    await t.settle();
    const mails = smtp.received.filter((m) => JSON.stringify(m.to).includes(user.email));
    expect(mails).toHaveLength(1);
    expect(smtp.received.some((m) => JSON.stringify(m.to).includes('niemand@example.org'))).toBe(false);
    const link = new URL(linkIn(mails[0]!));
    const token = link.searchParams.get('token')!;
    const res = await browser.post('/password/reset', { token, password: 'ein-neues-passwort-123', password_confirm: 'ein-neues-passwort-123' });
    expect(res.status).toBe(302);
    const login = await new Client(t.app).post('/login', { email: user.email, password: 'ein-neues-passwort-123' });
    expect(login.status).toBe(302);
    const old = await new Client(t.app).post('/login', { email: user.email, password: PASSWORD });
    expect(old.status).toBe(401);
    // an expired link: one hour
    await browser.post('/password/forgot', { email: user.email });
    await t.settle();
    const second = new URL(linkIn(smtp.received.filter((m) => JSON.stringify(m.to).includes(user.email)).at(-1)!));
    t.clock.advance(61 * 60_000);
    expect((await browser.get(second.pathname + second.search)).status).toBe(404);
  });

  it('keeps a failed delivery with its error, retries with backoff, and gives up visibly', async () => {
    smtp.state.reject = true;
    try {
      await inTransaction(t.db, (trx) =>
        inviteUser(trx, { email: 'kemal@example.org', name: 'Kemal Arslan', role: 'board', language: 'en', actor: systemActor() }, t.deps),
      );
      const row = () => t.db.selectFrom('outbox').selectAll().where('to_address', '=', 'kemal@example.org').executeTakeFirstOrThrow();
      expect((await deliverOutbox(t.deps)).retried).toBe(1);
      let mail = await row();
      expect(mail.status).toBe('pending');
      expect(mail.attempts).toBe(1);
      expect(mail.last_error).toMatch(/550|mailbox unavailable/);
      expect(mail.next_attempt_at.getTime() - t.clock.now().getTime()).toBe(60_000);
      // not due yet: nothing happens
      expect(await deliverOutbox(t.deps)).toEqual({ sent: 0, retried: 0, failed: 0 });
      for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
        t.clock.set((await row()).next_attempt_at);
        await deliverOutbox(t.deps);
      }
      mail = await row();
      expect(mail.status).toBe('failed');
      expect(mail.attempts).toBe(MAX_ATTEMPTS);

      // the admin sees it and puts it back in line; the next run delivers it
      const { client } = await signedIn(t, 'admin');
      const page = await (await client.get('/outbox?status=failed')).text();
      expect(page).toContain('kemal@example.org');
      expect(page).toContain('mailbox unavailable');
      smtp.state.reject = false;
      const retry = await client.post(`/outbox/${mail.id}/retry`);
      expect(retry.status).toBe(302);
      await t.settle();
      await runScheduledJobs(t.deps);
      expect((await row()).status).toBe('sent');
      expect(smtp.received.some((m) => m.subject === 'Invitation to Kassenwart – Laissez-passer e.V.')).toBe(true);
    } finally {
      smtp.state.reject = false;
    }
  });
});

describeEachEngine('mail outbox without SMTP', (database) => {
  it('keeps mails in the outbox, readable by an admin, with login links shown only to their addressee', async () => {
    const t = testApp(database());
    await createAssociation(t.db);
    const { client, user: admin } = await signedIn(t, 'admin');
    await client.post('/users', { name: 'Nour Khalil', email: 'nour@example.org', role: 'board', language: 'de' });
    await client.post('/password/forgot', { email: admin.email });
    await t.settle();
    const rows = await t.db.selectFrom('outbox').selectAll().execute();
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
    const page = await (await client.get('/outbox')).text();
    expect(page).toContain('Es ist kein Mailversand eingerichtet');
    expect(page).toContain('nour@example.org');
    expect(page).toContain('[Link nur für die Empfängerin sichtbar');
    expect(page).not.toMatch(/invite\/accept\?token=/);
    // the admin's own reset mail keeps its link for the admin
    expect(page).toMatch(/password\/reset\?token=[\w-]{43}/);
    const api = await (await client.get('/api/v1/outbox')).json();
    expect(api.counts).toEqual({ pending: 2 });
    expect(JSON.stringify(api)).not.toMatch(/invite\/accept\?token=/);
  });
});
