import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliverOutbox } from '../../api/jobs/deliver-outbox';
import { smtpTransport } from '../../api/mail/smtp-transport';
import { testApp, type TestApp } from '../helpers/app';
import { postOk, type Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, signedIn } from '../helpers/factories';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

describeEachEngine('dunning: reminder levels 1–3, each once, with fees and a GiroCode', (database) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let treasurer: Client;
  const ids: Record<string, number> = {};

  const post = (path: string, body: unknown) => postOk(treasurer, path, body);
  async function at(day: string) {
    t.clock.set(`${day}T09:00:00Z`);
    treasurer = (await signedIn(t, 'treasurer')).client;
  }
  const remindersOf = (memberId: number) =>
    t.db.selectFrom('reminders as r').innerJoin('claims as c', 'c.id', 'r.claim_id').select(['r.level', 'r.sent_on']).where('c.debtor_member_id', '=', memberId).orderBy('r.level').execute();

  beforeAll(async () => {
    smtp = await startSmtp();
    t = testApp(database(), { mailer: smtpTransport(smtp.url) });
    await createAssociation(t.db);
    await at('2026-01-02');
    const type = (await post('/api/v1/membership-types', { name: 'Ordentlich', fee_cents: 6000, interval: 'yearly' })).id;
    const base = { status: 'active', membership_type_id: type, join_date: '2020-01-01' };
    ids.transfer = (await post('/api/v1/members', { ...base, payment_method: 'transfer', first_name: 'Selin', last_name: 'Arslan', email: 'selin@example.org', language: 'en' })).id;
    ids.debit = (await post('/api/v1/members', { ...base, payment_method: 'sepa_debit', first_name: 'Tarek', last_name: 'Haddad', email: 'tarek@example.org' })).id;
    ids.noEmail = (await post('/api/v1/members', { ...base, payment_method: 'transfer', first_name: 'Ohne', last_name: 'Mail' })).id;
    ids.payer = (await post('/api/v1/members', { ...base, payment_method: 'transfer', first_name: 'Zahlt', last_name: 'Pünktlich', email: 'puenktlich@example.org' })).id;
    await post('/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
  });
  afterAll(async () => {
    await t.settle(); // outbox deliveries kicked by the last run finish before the SMTP server stops
    await smtp.close();
  });

  it('sends nothing before the first delay has passed', async () => {
    await at('2026-01-10');
    expect(await post('/api/v1/dues/dunning-runs', {})).toMatchObject({ mails: 0, reminders: 0 });
  });

  it('reminds transfer payers once per level, never debit payers whose debit has not failed', async () => {
    await at('2026-01-15');
    const page = await (await treasurer.get('/dues/dunning')).text();
    expect(page).toContain('Selin Arslan');
    expect(page).toContain('keine E-Mail – bitte per Brief');
    expect(page).not.toContain('Tarek Haddad');
    // one pays in time: no reminder for them
    const claim = await t.db.selectFrom('claims').select('id').where('member_id', '=', ids.payer).executeTakeFirstOrThrow();
    await post(`/api/v1/dues/claims/${claim.id}/payments`, { amount_cents: 6000, paid_on: '2026-01-14', method: 'transfer' });

    const first = await post('/api/v1/dues/dunning-runs', {});
    expect(first).toMatchObject({ mails: 1, reminders: 1, fees: 0, withoutEmail: ['Ohne Mail'] });
    const again = await post('/api/v1/dues/dunning-runs', {});
    expect(again).toMatchObject({ mails: 0, reminders: 0 });
    expect(await remindersOf(ids.transfer)).toEqual([{ level: 1, sent_on: '2026-01-15' }]);
    expect(await remindersOf(ids.debit)).toEqual([]);
    expect(await remindersOf(ids.payer)).toEqual([]);
  });

  it('delivers the reminder in the member’s language with the GiroCode as an inline image', async () => {
    await t.settle(); // the run kicked the outbox right away
    await deliverOutbox(t.deps);
    const row = await t.db.selectFrom('outbox').selectAll().where('to_address', '=', 'selin@example.org').where('template', '=', 'dunning-reminder').executeTakeFirstOrThrow();
    expect([row.status, row.last_error]).toEqual(['sent', null]);
    const mail = smtp.received.find((m) => JSON.stringify(m.to).includes('selin@example.org') && m.subject?.includes('reminder'))!;
    expect(mail.subject).toBe('Payment reminder: open membership fees – Laissez-passer e.V.');
    expect(mail.text).toContain('Mitgliedsbeitrag 2026 (due 01.01.2026): 60,00');
    // the HTML refers to the attached image by content id (mailparser resolves it to a data URI)
    expect(mail.html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="GiroCode/);
    const image = mail.attachments.find((a) => a.cid === 'girocode')!;
    expect(image.contentType).toBe('image/png');
    expect([...image.content.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('climbs to the second and third level after their delays, the third with its fee', async () => {
    await at('2026-01-28'); // level 2 is due 14 days after the first reminder, not before
    expect((await post('/api/v1/dues/dunning-runs', {})).reminders).toBe(0);
    await at('2026-01-29');
    expect(await post('/api/v1/dues/dunning-runs', {})).toMatchObject({ mails: 1, reminders: 1, fees: 0 });
    await at('2026-02-12');
    expect(await post('/api/v1/dues/dunning-runs', {})).toMatchObject({ mails: 1, reminders: 1, fees: 1 });
    expect((await remindersOf(ids.transfer)).map((r) => r.level)).toEqual([1, 2, 3]);
    const fee = await t.db.selectFrom('claims').selectAll().where('kind', '=', 'fee').executeTakeFirstOrThrow();
    expect(fee).toMatchObject({ debtor_member_id: ids.transfer, amount_cents: 500, label: 'Mahngebühr (3. Mahnung)' });
    const third = await t.db.selectFrom('outbox').selectAll().where('template', '=', 'dunning-reminder').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(third.subject).toBe('Final reminder: open membership fees – Laissez-passer e.V.');
    expect(third.text_body).toContain('Reminder fee: 5,00');
    expect(third.text_body).toContain('To pay: 65,00');
    // three levels is all; the fee itself is not dunned on its own
    await at('2026-03-30');
    const after = await post('/api/v1/dues/dunning-runs', {});
    expect(after.reminders).toBe(0);
  });
});
