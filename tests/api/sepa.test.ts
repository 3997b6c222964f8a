import { beforeAll, expect, it } from 'vitest';
import { deliverOutbox } from '../../api/jobs/deliver-outbox';
import { testApp, type TestApp } from '../helpers/app';
import { postOk, type Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, signedIn } from '../helpers/factories';
import { validateWithXsd } from '../helpers/xsd';

describeEachEngine('SEPA mandates and direct-debit collections', (database) => {
  let t: TestApp;
  let treasurer: Client;
  const ids: Record<string, number> = {};

  const post = (path: string, body: unknown) => postOk(treasurer, path, body);
  const collectionOf = (id: number) => t.db.selectFrom('sepa_collections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const latestCollection = () => t.db.selectFrom('sepa_collections').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = testApp(database());
    t.clock.set('2026-01-05T09:00:00Z');
    await createAssociation(t.db);
    treasurer = (await signedIn(t, 'treasurer')).client;
    const type = (await post('/api/v1/membership-types', { name: 'Ordentlich', fee_cents: 6000, reduced_fee_cents: 3000, interval: 'yearly' })).id;
    const base = { status: 'active', payment_method: 'sepa_debit', membership_type_id: type, join_date: '2020-01-01' };
    ids.juergen = (await post('/api/v1/members', { ...base, first_name: 'Jürgen', last_name: 'Müller-Groß', email: 'juergen@example.org' })).id;
    ids.sukru = (await post('/api/v1/members', { ...base, first_name: 'Şükrü', last_name: 'Çağlayan', email: 'sukru@example.org' })).id;
    ids.mohammed = (await post('/api/v1/members', { ...base, first_name: 'محمد', last_name: 'الأحمد', email: 'mohammed@example.org' })).id;
    ids.nomandate = (await post('/api/v1/members', { ...base, first_name: 'Ohne', last_name: 'Mandat', email: 'ohne@example.org' })).id;
    ids.transfer = (await post('/api/v1/members', { ...base, payment_method: 'transfer', first_name: 'Per', last_name: 'Überweisung', email: 'ueb@example.org' })).id;
    await post('/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
  });

  it('records mandates with automatic references, checks IBAN and the account holder name', async () => {
    const bad = await treasurer.post(`/members/${ids.juergen}/mandates`, { signed_on: '2025-12-01', iban: 'DE89370400440532013001', account_holder: 'Jürgen Müller-Groß' });
    expect(bad.status).toBe(302);
    expect(await (await treasurer.get(`/members/${ids.juergen}`)).text()).toContain('Keine gültige IBAN eines SEPA-Landes');

    await treasurer.post(`/members/${ids.juergen}/mandates`, { signed_on: '2025-12-01', iban: 'DE89 3704 0044 0532 0130 00', account_holder: 'Jürgen Müller-Groß' });
    await treasurer.post(`/members/${ids.sukru}/mandates`, { signed_on: '2025-12-02', iban: 'DE75512108001245126199', account_holder: 'Şükrü Çağlayan', reference: 'ALT-4711' });
    const mandates = await t.db.selectFrom('sepa_mandates').selectAll().orderBy('id').execute();
    expect(mandates.map((m) => [m.member_id, m.status])).toEqual([
      [ids.juergen, 'active'],
      [ids.sukru, 'active'],
    ]);
    expect(mandates[0]!.reference).toMatch(/^KW-\d+-\d+$/);
    expect(mandates[1]!.reference).toBe('ALT-4711');

    // an Arabic-script-only holder name transliterates to nothing: refused, asking for the name as the bank writes it
    await treasurer.post(`/members/${ids.mohammed}/mandates`, { signed_on: '2025-12-03', iban: 'DE02120300000000202051', account_holder: 'محمد الأحمد' });
    const page = await (await treasurer.get(`/members/${ids.mohammed}`)).text();
    expect(page).toContain('so angeben, wie die Bank ihn schreibt');
    const spaced = await treasurer.post(`/members/${ids.mohammed}/mandates`, { signed_on: '2025-12-03', iban: 'DE02120300000000202051', account_holder: 'Mohammed Al-Ahmad', reference: 'KW 1' });
    expect(spaced.status).toBe(302);
    expect(await (await treasurer.get(`/members/${ids.mohammed}`)).text()).toContain('ohne Leerzeichen');
    await treasurer.post(`/members/${ids.mohammed}/mandates`, { signed_on: '2025-12-03', iban: 'DE02120300000000202051', account_holder: 'Mohammed Al-Ahmad' });
    expect(await t.db.selectFrom('sepa_mandates').select('id').where('member_id', '=', ids.mohammed).execute()).toHaveLength(1);
  });

  it('refuses a due date closer than the pre-notification period', async () => {
    const res = await treasurer.post('/sepa/collections', { due_date: '2026-01-10' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Frühestens am 19.01.2026: die Vorabankündigung muss 14 Tage vorher beim Mitglied sein.');
  });

  it('prepares a collection: pre-notifies each payer and leaves out those without a mandate', async () => {
    const res = await treasurer.post('/sepa/collections', { due_date: '2026-01-20' });
    expect(res.status).toBe(302);
    const collection = await latestCollection();
    expect(collection).toMatchObject({ status: 'prenotified', debits: 3, total_cents: 18000 });
    const page = await (await treasurer.get(`/sepa/collections/${collection.id}`)).text();
    expect(page).toContain('Nicht dabei: Ohne Mandat (kein Mandat)');
    const mails = await t.db.selectFrom('outbox').selectAll().where('template', '=', 'sepa-prenotification').execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual(['juergen@example.org', 'mohammed@example.org', 'sukru@example.org']);
    const sukru = mails.find((m) => m.to_address === 'sukru@example.org')!;
    expect(sukru.subject).toBe('Vorabankündigung: Lastschrift am 20.01.2026 – Laissez-passer e.V.');
    expect(sukru.text_body).toContain('Mandatsreferenz: ALT-4711');
    expect(sukru.text_body).toContain('Gläubiger-Identifikationsnummer: DE98ZZZ09999999999');
    expect(sukru.text_body).toContain('60,00');
    const claims = await t.db.selectFrom('claims').select(['member_id', 'status']).execute();
    expect(claims.filter((c) => c.status === 'submitted').map((c) => c.member_id).sort()).toEqual([ids.juergen, ids.sukru, ids.mohammed].sort());
    // a second collection finds nothing left to collect
    const again = await treasurer.post('/sepa/collections', { due_date: '2026-01-21' });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('ist nichts per Lastschrift einzuziehen');
    void deliverOutbox;
  });

  it('writes a pain.008.001.08 file that validates against the official XSD, with names transliterated', async () => {
    const collection = await latestCollection();
    await treasurer.post(`/sepa/collections/${collection.id}/export`);
    const exported = await collectionOf(collection.id);
    expect(exported.status).toBe('exported');
    const download = await treasurer.get(`/sepa/collections/${collection.id}/pain.008.xml`);
    expect(download.headers.get('content-disposition')).toContain(`${exported.message_id}.xml`);
    const xml = await download.text();
    expect(xml).toBe(exported.xml);
    const result = validateWithXsd(xml, 'pain.008.001.08.xsd');
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
    expect(xml).toContain('<NbOfTxs>3</NbOfTxs>');
    expect(xml).toContain('<CtrlSum>180.00</CtrlSum>');
    expect(xml).toContain('<SeqTp>FRST</SeqTp>');
    expect(xml).toContain('Juergen Mueller-Gross');
    expect(xml).toContain('Suekrue Caglayan'); // ü → ue, ş → s, ğ → g (spec §4.2)
    expect(xml).toContain('Mohammed Al-Ahmad');
    expect(xml).not.toMatch(/[äöüßşğı]/);
    // a second export returns the same file
    await treasurer.post(`/sepa/collections/${collection.id}/export`);
    expect((await collectionOf(collection.id)).xml).toBe(xml);
  });

  it('writes pain.008.001.02 when the association chose it', async () => {
    await t.db.updateTable('association').set({ sepa_version: '001.02' }).execute();
    // a new claim to collect: a member joining with the reduced fee, paid by pro rata
    const type = (await t.db.selectFrom('membership_types').select('id').executeTakeFirstOrThrow()).id;
    const late = await post('/api/v1/members', { status: 'active', payment_method: 'sepa_debit', membership_type_id: type, join_date: '2025-06-01', reduced_fee: true, first_name: 'Işıl', last_name: 'Yıldız', email: 'isil@example.org' });
    await treasurer.post(`/members/${late.id}/mandates`, { signed_on: '2025-06-01', iban: 'AT611904300234573201', account_holder: 'Isil Yildiz' });
    await post('/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
    await treasurer.post('/sepa/collections', { due_date: '2026-02-02' });
    const collection = await latestCollection();
    await treasurer.post(`/sepa/collections/${collection.id}/export`);
    const xml = (await collectionOf(collection.id)).xml!;
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.008.001.02');
    const result = validateWithXsd(xml, 'pain.008.001.02.xsd');
    expect(result.output).toBe('');
    expect(xml).toContain('<CtrlSum>30.00</CtrlSum>');
    // cancelling before the due date reopens the claim
    await treasurer.post(`/sepa/collections/${collection.id}/cancel`);
    expect((await collectionOf(collection.id)).status).toBe('cancelled');
    expect((await t.db.selectFrom('claims').select('status').where('member_id', '=', late.id).executeTakeFirstOrThrow()).status).toBe('open');
    await t.db.updateTable('association').set({ sepa_version: '001.08' }).execute();
  });

  it('books a collection on its due date: claims paid, mandates used (next debit RCUR)', async () => {
    const first = (await t.db.selectFrom('sepa_collections').selectAll().where('status', '=', 'exported').executeTakeFirstOrThrow()).id;
    const early = await treasurer.post(`/sepa/collections/${first}/book`);
    expect(early.status).toBe(302);
    expect((await collectionOf(first)).status).toBe('exported');
    t.clock.set('2026-01-20T08:00:00Z');
    treasurer = (await signedIn(t, 'treasurer')).client; // two weeks later: a new session
    await treasurer.post(`/sepa/collections/${first}/book`);
    expect((await collectionOf(first)).status).toBe('booked');
    const juergen = await t.db.selectFrom('claims').selectAll().where('member_id', '=', ids.juergen).executeTakeFirstOrThrow();
    expect(juergen).toMatchObject({ status: 'paid', paid_cents: 6000 });
    const payment = await t.db.selectFrom('payments').selectAll().where('claim_id', '=', juergen.id).executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ method: 'sepa_debit', paid_on: '2026-01-20', amount_cents: 6000 });
    const mandate = await t.db.selectFrom('sepa_mandates').selectAll().where('member_id', '=', ids.juergen).executeTakeFirstOrThrow();
    expect(mandate.last_collected_on).toBe('2026-01-20');

    // the member changes banks under the same mandate: the next debit is RCUR and flags the amendment
    await treasurer.post(`/mandates/${mandate.id}/account`, { iban: 'DE68210501700012345678', account_holder: 'Juergen Mueller-Gross' });
    await post('/api/v1/dues/runs', { period_from: '2027-01-01', period_to: '2027-12-31' });
    t.clock.set('2027-01-02T08:00:00Z');
    treasurer = (await signedIn(t, 'treasurer')).client;
    await treasurer.post('/sepa/collections', { due_date: '2027-01-20' });
    const next = await latestCollection();
    await treasurer.post(`/sepa/collections/${next.id}/export`);
    const xml = (await collectionOf(next.id)).xml!;
    expect(validateWithXsd(xml, 'pain.008.001.08.xsd').output).toBe('');
    expect(xml).toContain('<SeqTp>RCUR</SeqTp>');
    expect(xml).toContain('<AmdmntInd>true</AmdmntInd>');
    expect(xml).toContain('DE89370400440532013000'); // the original IBAN, in OrgnlDbtrAcct
  });

  it('records a returned debit: claim owed again, fee charged, mandate ended for AC04, member told, only once', async () => {
    const first = (await t.db.selectFrom('sepa_collections').select('id').where('status', '=', 'booked').executeTakeFirstOrThrow()).id;
    const debits = await t.db.selectFrom('sepa_debits').selectAll().where('collection_id', '=', first).orderBy('id').execute();
    const debit = debits[0]!;
    const link = await t.db.selectFrom('sepa_debit_claims').selectAll().where('debit_id', '=', debit.id).executeTakeFirstOrThrow();
    const returnedClaim = await t.db.selectFrom('claims').selectAll().where('id', '=', link.claim_id).executeTakeFirstOrThrow();
    const res = await treasurer.post(`/sepa/debits/${debit.id}/return`, { reason: 'AC04', fee_cents: '3,50', back: `/sepa/collections/${first}` });
    expect(res.headers.get('location')).toBe(`/sepa/collections/${first}`);
    const claim = await t.db.selectFrom('claims').selectAll().where('id', '=', returnedClaim.id).executeTakeFirstOrThrow();
    expect(claim).toMatchObject({ status: 'returned', paid_cents: 0 });
    const payment = await t.db.selectFrom('payments').selectAll().where('claim_id', '=', claim.id).executeTakeFirstOrThrow();
    expect(payment.reversed_on).toBe('2027-01-02');
    const fee = await t.db.selectFrom('claims').selectAll().where('kind', '=', 'fee').executeTakeFirstOrThrow();
    expect(fee).toMatchObject({ amount_cents: 350, debtor_member_id: claim.debtor_member_id, status: 'open' });
    const mandate = await t.db.selectFrom('sepa_mandates').selectAll().where('member_id', '=', claim.debtor_member_id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(mandate.status).toBe('revoked');
    expect(mandate.revoked_reason).toBe('Rücklastschrift AC04: Konto aufgelöst');
    const mail = await t.db.selectFrom('outbox').selectAll().where('template', '=', 'sepa-return').executeTakeFirstOrThrow();
    expect(mail.text_body).toContain('Grund: Konto aufgelöst (AC04)');
    expect(mail.text_body).toContain('3,50');
    const again = await treasurer.post(`/sepa/debits/${debit.id}/return`, { reason: 'AC04', fee_cents: '3,50', back: `/sepa/collections/${first}` });
    expect(again.status).toBe(302);
    expect(await t.db.selectFrom('claims').select('id').where('kind', '=', 'fee').execute()).toHaveLength(1);
    const arrears = (await (await treasurer.get('/api/v1/dues/arrears')).json()).arrears;
    // the returned fee is overdue again; the bank fee is due from today, so not yet in arrears
    expect(arrears.find((a: { member_id: number }) => a.member_id === claim.debtor_member_id).open_cents).toBe(6000);
    expect(await (await treasurer.get(`/members/${claim.debtor_member_id}`)).text()).toContain('Offen: <strong>63,50');
  });
});

describeEachEngine('SEPA: one debit per mandate and due date, for all the payer’s claims', (database) => {
  let t: TestApp;
  let treasurer: Client;
  const ids: Record<string, number> = {};
  const post = (path: string, body: unknown) => postOk(treasurer, path, body);
  const claimsOf = (memberId: number) => t.db.selectFrom('claims').selectAll().where('debtor_member_id', '=', memberId).where('kind', '=', 'dues').orderBy('id').execute();
  const numberOf = async (memberId: number) => (await t.db.selectFrom('members').select('member_number').where('id', '=', memberId).executeTakeFirstOrThrow()).member_number;

  beforeAll(async () => {
    t = testApp(database());
    t.clock.set('2026-03-09T09:00:00Z');
    await createAssociation(t.db);
    treasurer = (await signedIn(t, 'treasurer')).client;
    const monthly = (await post('/api/v1/membership-types', { name: 'Monatlich', fee_cents: 500, reduced_fee_cents: 250, interval: 'monthly' })).id;
    const yearly = (await post('/api/v1/membership-types', { name: 'Jährlich', fee_cents: 6000, interval: 'yearly' })).id;
    const base = { status: 'active', payment_method: 'sepa_debit', join_date: '2020-01-01' };
    ids.aylin = (await post('/api/v1/members', { ...base, membership_type_id: monthly, first_name: 'Aylin', last_name: 'Demir', email: 'aylin@example.org' })).id;
    ids.can = (await post('/api/v1/members', { ...base, membership_type_id: monthly, reduced_fee: true, payer_member_id: ids.aylin, first_name: 'Can', last_name: 'Demir' })).id;
    ids.fatma = (await post('/api/v1/members', { ...base, membership_type_id: yearly, first_name: 'Fatma', last_name: 'Aydın', email: 'fatma@example.org' })).id;
    await treasurer.post(`/members/${ids.aylin}/mandates`, { signed_on: '2025-12-01', iban: 'DE89370400440532013000', account_holder: 'Aylin Demir' });
    await treasurer.post(`/members/${ids.fatma}/mandates`, { signed_on: '2025-12-01', iban: 'DE75512108001245126199', account_holder: 'Fatma Aydin' });
    await post('/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
  });

  it('collects a payer’s claims of January to March, her own and her son’s, in one debit, named compactly', async () => {
    const res = await treasurer.post('/sepa/collections', { due_date: '2026-03-25' });
    expect(res.status).toBe(302);
    const collection = await t.db.selectFrom('sepa_collections').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    // Aylin: 3 × 5,00 € own + 3 × 2,50 € for Can; Fatma: 60,00 € — two debits, not seven
    expect(collection).toMatchObject({ debits: 2, total_cents: 3 * 500 + 3 * 250 + 6000 });
    const debits = await t.db.selectFrom('sepa_debits').selectAll().where('collection_id', '=', collection.id).orderBy('id').execute();
    expect(debits).toHaveLength(2);
    const aylin = debits.find((d) => d.amount_cents === 2250)!;
    const links = await t.db.selectFrom('sepa_debit_claims').selectAll().where('debit_id', '=', aylin.id).execute();
    expect(links.map((l) => l.amount_cents).sort()).toEqual([250, 250, 250, 500, 500, 500]);
    expect(aylin.remittance).toBe(`Mitgliedsbeitrag 01-03/2026 Mitgl. ${await numberOf(ids.aylin)}, 01-03/2026 Mitgl. ${await numberOf(ids.can)}`);
    expect(new Set(debits.map((d) => d.end_to_end_id)).size).toBe(2);
    // April's claims are not due yet; the six collected are submitted
    const claims = await claimsOf(ids.aylin);
    expect(claims.filter((c) => c.status === 'submitted')).toHaveLength(6);
    expect(claims.filter((c) => c.status === 'open')).toHaveLength(18);

    // one pre-notification for the payer, listing each claim and whose it is
    const mail = await t.db.selectFrom('outbox').selectAll().where('to_address', '=', 'aylin@example.org').executeTakeFirstOrThrow();
    expect(mail.text_body).toContain('insgesamt 22,50');
    expect(mail.text_body).toContain('Mitgliedsbeitrag 03/2026 – Can Demir');
    expect(mail.text_body.match(/Mitgliedsbeitrag 0\d\/2026/g)).toHaveLength(6);

    // the treasurer sees the debit with its claims
    const page = await (await treasurer.get(`/sepa/collections/${collection.id}`)).text();
    expect(page).toContain('Mitgliedsbeitrag 02/2026 – Can Demir');
    expect(page).toContain(aylin.remittance);
    expect(page).toContain('22,50');
  });

  it('writes one DrctDbtTxInf per debit, valid against the official XSDs', async () => {
    const collection = await t.db.selectFrom('sepa_collections').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    await treasurer.post(`/sepa/collections/${collection.id}/export`);
    const xml = (await t.db.selectFrom('sepa_collections').select('xml').where('id', '=', collection.id).executeTakeFirstOrThrow()).xml!;
    expect(validateWithXsd(xml, 'pain.008.001.08.xsd')).toEqual({ ok: true, output: '' });
    expect(xml.match(/<DrctDbtTxInf>/g)).toHaveLength(2);
    expect(xml).toContain('<NbOfTxs>2</NbOfTxs>');
    expect(xml).toContain('<CtrlSum>82.50</CtrlSum>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">22.50</InstdAmt>');
    expect(xml).toContain(`<Ustrd>Mitgliedsbeitrag 01-03/2026 Mitgl. ${await numberOf(ids.aylin)}, 01-03/2026 Mitgl. ${await numberOf(ids.can)}</Ustrd>`);
    expect(xml).toContain('<Nm>Fatma Aydin</Nm>');
  });

  it('books the debit as paid on all its claims, and a return reopens all of them with one bank fee and one mail', async () => {
    const collection = await t.db.selectFrom('sepa_collections').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    t.clock.set('2026-03-25T08:00:00Z');
    treasurer = (await signedIn(t, 'treasurer')).client;
    await treasurer.post(`/sepa/collections/${collection.id}/book`);
    expect((await t.db.selectFrom('sepa_collections').select('status').where('id', '=', collection.id).executeTakeFirstOrThrow()).status).toBe('booked');
    const debit = await t.db.selectFrom('sepa_debits').selectAll().where('collection_id', '=', collection.id).where('amount_cents', '=', 2250).executeTakeFirstOrThrow();
    const paid = (await claimsOf(ids.aylin)).filter((c) => c.status === 'paid');
    expect(paid).toHaveLength(6);
    const payments = await t.db.selectFrom('payments').selectAll().where('reference', '=', debit.end_to_end_id).execute();
    expect(payments).toHaveLength(6);
    expect(payments.reduce((s, p) => s + p.amount_cents, 0)).toBe(2250);

    t.clock.set('2026-03-30T08:00:00Z');
    treasurer = (await signedIn(t, 'treasurer')).client;
    const res = await treasurer.post(`/sepa/debits/${debit.id}/return`, { reason: 'AM04', fee_cents: '3,00', back: `/sepa/collections/${collection.id}` });
    expect(res.status).toBe(302);
    const claims = await claimsOf(ids.aylin);
    expect(claims.filter((c) => c.status === 'returned').map((c) => c.paid_cents)).toEqual([0, 0, 0, 0, 0, 0]);
    const reversed = await t.db.selectFrom('payments').selectAll().where('reference', '=', debit.end_to_end_id).execute();
    expect(reversed.every((p) => p.reversed_on === '2026-03-30')).toBe(true);
    const fees = await t.db.selectFrom('claims').selectAll().where('kind', '=', 'fee').execute();
    expect(fees).toHaveLength(1);
    expect(fees[0]).toMatchObject({ amount_cents: 300, debtor_member_id: ids.aylin, status: 'open' });
    expect((await t.db.selectFrom('sepa_debits').selectAll().where('id', '=', debit.id).executeTakeFirstOrThrow()).status).toBe('returned');
    // AM04 (no funds) does not end the mandate
    expect((await t.db.selectFrom('sepa_mandates').select('status').where('member_id', '=', ids.aylin).executeTakeFirstOrThrow()).status).toBe('active');
    const mails = await t.db.selectFrom('outbox').selectAll().where('template', '=', 'sepa-return').execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text_body).toContain('22,50');
    expect(mails[0]!.text_body).toContain('01-03/2026');
    // only once
    await treasurer.post(`/sepa/debits/${debit.id}/return`, { reason: 'AM04', fee_cents: '3,00', back: `/sepa/collections/${collection.id}` });
    expect(await t.db.selectFrom('claims').select('id').where('kind', '=', 'fee').execute()).toHaveLength(1);
    // the Fatma debit stays collected
    expect((await t.db.selectFrom('sepa_debits').select('status').where('collection_id', '=', collection.id).where('amount_cents', '=', 6000).executeTakeFirstOrThrow()).status).toBe('collected');
  });

  it('collects the returned claims again in one debit, with the fee, in a file that validates', async () => {
    await treasurer.post('/sepa/collections', { due_date: '2026-04-14' });
    const collection = await t.db.selectFrom('sepa_collections').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    // the six returned claims, April's two and the fee: one debit of nine claims
    expect(collection).toMatchObject({ debits: 1, total_cents: 2250 + 500 + 250 + 300 });
    const [debit] = await t.db.selectFrom('sepa_debits').selectAll().where('collection_id', '=', collection.id).execute();
    expect(await t.db.selectFrom('sepa_debit_claims').select('claim_id').where('debit_id', '=', debit!.id).execute()).toHaveLength(9);
    expect(debit!.remittance).toMatch(/^Mitgliedsbeitrag 01-04\/2026 Mitgl\. \d+, 01-04\/2026 Mitgl\. \d+, Rücklastschriftgebühr AM04 \(Lastschrift KW-\d+-\d+ vom 25\.03\.2026\)$/);
    await treasurer.post(`/sepa/collections/${collection.id}/export`);
    const xml = (await t.db.selectFrom('sepa_collections').select('xml').where('id', '=', collection.id).executeTakeFirstOrThrow()).xml!;
    expect(validateWithXsd(xml, 'pain.008.001.08.xsd')).toEqual({ ok: true, output: '' });
    expect(xml).toContain('Ruecklastschriftgebuehr AM04');
    expect(xml).toContain('<SeqTp>RCUR</SeqTp>');
  });
});
