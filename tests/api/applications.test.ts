import { afterAll, beforeAll, expect, it } from 'vitest';
import { mandateReferenceFor } from '../../api/lib/sepa-text';
import { formatEuro } from '../../api/lib/money';
import { maskIban } from '../../api/lib/iban';
import { testApp, type TestApp } from '../helpers/app';
import { Client, postOk } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, signedIn } from '../helpers/factories';

/** What a person fills in on /apply (as the browser sends it). */
function applicationForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    first_name: 'Ayşe',
    last_name: 'Yılmaz',
    street: 'Kottbusser Damm 12',
    postal_code: '10967',
    city: 'Berlin',
    country: 'DE',
    email: 'ayse@example.org',
    phone: '',
    birth_date: '',
    membership_type_id: '',
    payment_method: 'sepa_debit',
    account_holder: 'Ayse Yilmaz',
    iban: 'DE89 3704 0044 0532 0130 00',
    bic: '',
    mandate_agreed: 'on',
    privacy_agreed: 'on',
    website: '',
    ...overrides,
  };
}

describeEachEngine('online membership application: apply → accept or decline', (database) => {
  let t: TestApp;
  let treasurer: Client;
  let yearly: number;
  let monthly: number;
  let submissions = 0;
  const countMembers = async () => Number((await t.db.selectFrom('members').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const outboxTo = (to: string) => t.db.selectFrom('outbox').selectAll().where('to_address', '=', to).orderBy('id').execute();

  /** A visitor's browser: its own cookies (CSRF, language) and a new form key per page load. */
  async function apply(overrides: Record<string, string>, lang = 'de', client = new Client(t.app)) {
    await client.get(`/apply?lang=${lang}`);
    return client.post('/apply', applicationForm({ membership_type_id: String(monthly), submission: `form-${++submissions}`, ...overrides }));
  }

  beforeAll(async () => {
    t = testApp(database());
    await createAssociation(t.db);
    t.clock.set('2026-03-10T09:00:00Z');
    treasurer = (await signedIn(t, 'treasurer')).client;
    yearly = (await postOk(treasurer, '/api/v1/membership-types', { name: 'Ordentliches Mitglied', fee_cents: 6000, reduced_fee_cents: 2400, interval: 'yearly' })).id;
    monthly = (await postOk(treasurer, '/api/v1/membership-types', { name: 'Fördermitglied', fee_cents: 500, interval: 'monthly' })).id;
  });
  afterAll(() => t.settle());

  it('shows the form in the visitor’s language: Arabic right to left, Turkish from the browser, German by default', async () => {
    const ar = await (await new Client(t.app).get('/apply?lang=ar')).text();
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    expect(ar).toContain('كن عضواً');
    // the binding German mandate text with the creditor, and a translation to understand it
    expect(ar).toContain('Ich ermächtige Laissez-passer e.V., Zahlungen von meinem Konto mittels Lastschrift einzuziehen.');
    expect(ar).toContain('Gläubiger-Identifikationsnummer: DE98ZZZ09999999999');
    expect(ar).toContain('أفوّض Laissez-passer e.V.');
    expect(ar).toContain(`Ordentliches Mitglied</strong>: ${formatEuro(6000)} سنويًا`);
    expect(ar).toContain('<script src="/assets/iban-check.js" defer="">');
    const tr = await (await new Client(t.app).get('/apply', { 'accept-language': 'tr-TR,tr;q=0.9,en;q=0.8' })).text();
    expect(tr).toContain('<html lang="tr" dir="ltr">');
    expect(tr).toContain('Üye olun');
    const de = await (await new Client(t.app).get('/apply', { 'accept-language': 'fr-FR' })).text();
    expect(de).toContain('Mitglied werden');
    // the IBAN check script carries no text of its own: the page gives it in its language
    expect(ar).toContain('data-bad="رقم IBAN هذا غير صحيح');
  });

  it('refuses wrong input in the visitor’s language, naming each field, and stores nothing', async () => {
    const before = await countMembers();
    const res = await apply({ iban: 'DE89 3704 0044 0532 0130 01', account_holder: 'محمد الأحمد', mandate_agreed: '', postal_code: '1096', email: 'kein-at' }, 'ar');
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('رقم IBAN هذا غير صحيح (الطول أو أرقام التحقق)');
    expect(page).toContain('الرمز البريدي: خمسة أرقام');
    expect(page).toContain('يرجى الموافقة على تفويض الخصم المباشر');
    expect(page).toContain('عنوان بريد إلكتروني غير صالح');
    // what was typed stays in the form
    expect(page).toContain('value="Kottbusser Damm 12"');
    // an account holder in Arabic script only: asked for the name as the bank writes it
    const holder = await apply({ account_holder: 'محمد الأحمد' }, 'tr');
    expect(holder.status).toBe(422);
    expect(await holder.text()).toContain('Lütfen hesap sahibinin adını bankanın yazdığı gibi');
    expect(await countMembers()).toBe(before);
  });

  it('records an applicant with the mandate waiting and confirms by mail; a double click is one application', async () => {
    const client = new Client(t.app);
    await client.get('/apply?lang=tr');
    const form = applicationForm({ membership_type_id: String(monthly), submission: 'double-click-1', reduced_fee: '' });
    const [first, second] = await Promise.all([client.post('/apply', form), client.post('/apply', form)]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(first.headers.get('location')).toBe('/apply/thanks');
    expect(await (await client.get('/apply/thanks')).text()).toContain('Başvurunuzu aldık');

    const members = await t.db.selectFrom('members').selectAll().where('email', '=', 'ayse@example.org').execute();
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ status: 'applicant', member_number: null, join_date: null, language: 'tr', payment_method: 'sepa_debit', membership_type_id: monthly });
    const application = await t.db.selectFrom('member_applications').selectAll().where('member_id', '=', members[0]!.id).executeTakeFirstOrThrow();
    expect(application).toMatchObject({ iban: 'DE89370400440532013000', account_holder: 'Ayse Yilmaz', accepted_at: null });
    expect(application.mandate_text).toContain('Ich ermächtige Laissez-passer e.V.');
    const mails = await outboxTo('ayse@example.org');
    expect(mails.map((m) => [m.template, m.language])).toEqual([['application-received', 'tr']]);
    expect(mails[0]!.text_body).toContain('SEPA otomatik ödeme talimatı');
    // the audit row names no personal data (a declined application leaves nothing behind)
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.applied').where('entity_id', '=', String(members[0]!.id)).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit)).not.toMatch(/Yılmaz|ayse@|DE89/);
  });

  it('lets a bot that fills the hidden field believe it succeeded, storing nothing', async () => {
    const before = await countMembers();
    const res = await apply({ website: 'http://spam.example', email: 'bot@example.org' });
    expect(res.status).toBe(303);
    expect(await countMembers()).toBe(before);
  });

  it('accepts: member number, active mandate from the online text, welcome mail with reference and first debit day', async () => {
    const list = await (await treasurer.get('/members/applications')).text();
    expect(list).toContain('Ayşe Yılmaz');
    expect(list).toContain(maskIban('DE89370400440532013000')); // masked, never the full IBAN
    expect(list).not.toContain('DE89370400440532013000');
    const application = await t.db.selectFrom('member_applications as a').innerJoin('members as m', 'm.id', 'a.member_id').select(['a.id', 'm.id as member_id']).where('m.email', '=', 'ayse@example.org').executeTakeFirstOrThrow();

    const res = await treasurer.post(`/members/applications/${application.id}/accept`, { join_date: '2026-03-10', membership_type_id: String(monthly), reduced_fee: 'off' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/members/${application.member_id}`);
    const member = await t.db.selectFrom('members').selectAll().where('id', '=', application.member_id).executeTakeFirstOrThrow();
    expect(member).toMatchObject({ status: 'active', join_date: '2026-03-10' });
    expect(member.member_number).toBeGreaterThan(0);
    const mandate = await t.db.selectFrom('sepa_mandates').selectAll().where('member_id', '=', member.id).executeTakeFirstOrThrow();
    expect(mandate).toMatchObject({ status: 'active', reference: mandateReferenceFor(member.member_number!, 1), signed_on: '2026-03-10', iban: 'DE89370400440532013000', account_holder: 'Ayse Yilmaz' });
    expect(mandate.signed_online_text).toContain('Ich ermächtige Laissez-passer e.V.');
    // the treasurer sees the agreed text with the mandate, as the evidence a signature would be
    const memberPage = await (await treasurer.get(`/members/${member.id}`)).text();
    expect(memberPage).toContain('online erteilt – Mandatstext');
    expect(memberPage).toContain('Zahlungsempfänger: Laissez-passer e.V.');
    // the account now lives in the mandate only
    const after = await t.db.selectFrom('member_applications').selectAll().where('id', '=', application.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ iban: null, account_holder: null, mandate_id: mandate.id });
    expect(after.accepted_at).not.toBeNull();

    const welcome = (await outboxTo('ayse@example.org')).find((m) => m.template === 'membership-welcome')!;
    expect(welcome.language).toBe('tr');
    expect(welcome.subject).toContain(`üye numarası ${member.member_number}`);
    expect(welcome.text_body).toContain(`Talimat referansı: ${mandate.reference}`);
    expect(welcome.text_body).toContain('alacaklı kimlik numarası: DE98ZZZ09999999999');
    // monthly, joined on the 10th, next period starts 01.04. (14 days of pre-notification fit before it)
    expect(welcome.text_body).toContain(`İlk aidatı (${formatEuro(500)}) en erken 01.04.2026 tarihinde çekeceğiz`);
    expect(welcome.text_body).toContain('http://localhost/portal/login');

    const again = await treasurer.post(`/members/applications/${application.id}/accept`, { join_date: '2026-03-10' });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('schon entschieden?');
    expect(await t.db.selectFrom('sepa_mandates').select('id').where('member_id', '=', member.id).execute()).toHaveLength(1);
  });

  it('a transfer payer’s welcome mail names the first due date and the bank details; applicants owe no dues', async () => {
    expect((await apply({ email: 'selin@example.org', first_name: 'Selin', last_name: 'Arslan', payment_method: 'transfer', membership_type_id: String(yearly), account_holder: '', iban: '' }, 'en')).status).toBe(303);
    const { applications } = await (await treasurer.get('/api/v1/applications')).json();
    const selin = applications.find((a: { email: string }) => a.email === 'selin@example.org');
    expect(selin).toMatchObject({ payment_method: 'transfer', iban_masked: null, type_name: 'Ordentliches Mitglied' });

    // a dues run before the decision claims nothing from the applicant
    await postOk(treasurer, '/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
    expect(await t.db.selectFrom('claims').select('id').where('member_id', '=', selin.member_id).execute()).toEqual([]);

    const accepted = await postOk(treasurer, `/api/v1/applications/${selin.id}/accept`, { join_date: '2026-03-10' });
    expect(accepted).toMatchObject({ mandate_reference: null, first_date: '2027-01-01', member: { status: 'active' } });
    const welcome = (await outboxTo('selin@example.org')).find((m) => m.template === 'membership-welcome')!;
    expect(welcome.language).toBe('en');
    expect(welcome.text_body).toContain(`The first fee of ${formatEuro(6000)} is due on 01.01.2027.`);
    expect(welcome.text_body).toContain('IBAN DE02 1203 0000 0000 2020 51');
    expect(welcome.text_body).not.toContain('mandate reference');
  });

  it('declines: tells the person in their language and deletes what the application held', async () => {
    expect((await apply({ email: 'omar@example.org', first_name: 'Omar', last_name: 'Khalil', account_holder: 'Omar Khalil' }, 'ar')).status).toBe(303);
    const application = await t.db.selectFrom('member_applications as a').innerJoin('members as m', 'm.id', 'a.member_id').select(['a.id', 'm.id as member_id']).where('m.email', '=', 'omar@example.org').executeTakeFirstOrThrow();
    const res = await treasurer.post(`/members/applications/${application.id}/decline`, { message: 'نعتذر، العضوية متاحة فقط لسكان برلين.' });
    expect(res.status).toBe(303);
    expect(await t.db.selectFrom('members').select('id').where('id', '=', application.member_id).execute()).toEqual([]);
    expect(await t.db.selectFrom('member_applications').select('id').where('id', '=', application.id).execute()).toEqual([]);
    const declined = (await outboxTo('omar@example.org')).find((m) => m.template === 'application-declined')!;
    expect(declined.language).toBe('ar');
    expect(declined.html_body).toContain('dir="rtl"');
    expect(declined.text_body).toContain('نعتذر، العضوية متاحة فقط لسكان برلين.');
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', String(application.member_id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['member.applied', 'member.application_declined']);
    expect(JSON.stringify(audit)).not.toMatch(/Omar|Khalil|omar@/);
  });

  it('limits one connection to ten applications an hour', async () => {
    const client = new Client(t.app);
    t.clock.set('2026-03-11T09:00:00Z');
    treasurer = (await signedIn(t, 'treasurer')).client;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await apply({ email: `many${i}@example.org` }, 'de', client)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(303));
    expect(statuses[10]).toBe(429);
    t.clock.set('2026-03-11T10:01:00Z');
    expect((await apply({ email: 'later@example.org' }, 'de', client)).status).toBe(303);
  });
});
