import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app';
import type { Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, signedIn } from '../helpers/factories';
import { ledgerDonor, monthlyGift, onlineGift } from '../helpers/ledger-factories';

const newDonor = { name: 'Hannah Schulz', street: 'Weserstraße 5', postal_code: '12047', city: 'Berlin', email: 'hannah@example.org' };

describeEachEngine('donations ledger', (database) => {
  let t: TestApp;
  let treasurer: Client;
  let board: Client;
  let member: Client;
  let purposeId: number;

  const audit = (entity: string, id: number) =>
    t.db.selectFrom('audit_log').select(['action', 'before', 'after', 'actor']).where('entity', '=', entity).where('entity_id', '=', String(id)).orderBy('id').execute();
  const post = async (body: unknown) => {
    const res = await treasurer.json('POST', '/api/v1/donations', body);
    return { status: res.status, body: await res.json() };
  };
  const fieldsOf = (body: { errors?: { field: string; message: string }[] }) => Object.fromEntries((body.errors ?? []).map((e) => [e.field, e.message]));

  beforeAll(async () => {
    t = testApp(database());
    await createAssociation(t.db);
    treasurer = (await signedIn(t, 'treasurer')).client;
    board = (await signedIn(t, 'board')).client;
    member = (await signedIn(t, 'member')).client;
  });

  describe('purposes and the donation page settings', () => {
    it('creates purposes with a unique slug, renames and deactivates them, audited', async () => {
      const res = await treasurer.post('/donations/purposes', { slug: 'Winterhilfe', name_de: 'Winterhilfe', name_en: 'Winter aid', name_ar: 'مساعدة الشتاء', name_tr: 'Kış yardımı' });
      expect(res.status).toBe(302);
      const row = await t.db.selectFrom('donation_purposes').selectAll().where('slug', '=', 'winterhilfe').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ name_de: 'Winterhilfe', name_ar: 'مساعدة الشتاء', active: true });
      purposeId = row.id;
      const dup = await treasurer.post('/donations/purposes', { slug: 'winterhilfe', name_de: 'Noch einmal' });
      expect(dup.status).toBe(422);
      expect(await dup.text()).toContain('Kürzel: gibt es schon');
      const badSlug = await treasurer.post('/donations/purposes', { slug: 'mit leerzeichen', name_de: '' });
      const html = await badSlug.text();
      expect(html).toContain('Kürzel: 1–40 Zeichen');
      expect(html).toContain('Name (deutsch): bitte ausfüllen');

      const closed = await treasurer.post('/donations/purposes', { slug: 'sommerfest-2025', name_de: 'Sommerfest 2025' });
      expect(closed.status).toBe(302);
      const closedId = (await t.db.selectFrom('donation_purposes').select('id').where('slug', '=', 'sommerfest-2025').executeTakeFirstOrThrow()).id;
      // deactivating: the box is not ticked
      expect((await treasurer.post(`/donations/purposes/${closedId}`, { name_de: 'Sommerfest 2025 (vorbei)' })).status).toBe(302);
      expect(await t.db.selectFrom('donation_purposes').select(['name_de', 'active', 'slug']).where('id', '=', closedId).executeTakeFirstOrThrow()).toEqual({
        name_de: 'Sommerfest 2025 (vorbei)',
        active: false,
        slug: 'sommerfest-2025',
      });
      expect((await audit('donation_purpose', closedId)).map((a) => [a.action, a.after])).toEqual([
        ['donation_purpose.created', expect.objectContaining({ slug: 'sommerfest-2025' })],
        ['donation_purpose.updated', { name_de: 'Sommerfest 2025 (vorbei)', active: false }],
      ]);
      // a closed purpose is no choice for a new gift, and there is no way to delete one
      const form = await (await treasurer.get('/donations/new')).text();
      expect(form).toMatch(/<option value="\d+">Winterhilfe<\/option>/);
      expect(form).not.toMatch(/<option[^>]*>Sommerfest/);
      const gift = await post({ donor_kind: 'anonymous', donated_on: '2026-11-20', amount_cents: 1000, method: 'cash', purpose_id: closedId });
      expect(fieldsOf(gift.body)).toEqual({ purpose_id: 'Zweck: „Sommerfest 2025 (vorbei)“ ist geschlossen' });
      expect((await treasurer.get(`/donations/purposes/${closedId}`)).status).toBe(404);
    });

    it('checks the page settings: min at least 1 €, min below max, presets within, one method at least', async () => {
      const page = await treasurer.get('/donations/settings');
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('value="5,00"');
      expect(html).toContain('/donate?purpose=winterhilfe');

      const bad = await treasurer.post('/donations/settings', { min_cents: '0,50', max_cents: '1000', 'presets.0': '25', 'presets.1': 'viel', method_card: 'on' });
      expect(bad.status).toBe(422);
      const text = await bad.text();
      expect(text).toContain('Mindestbetrag: wie 12,50 angeben (1,00 bis');
      expect(text).toContain('Vorschlag: Betrag wie 25 oder 25,00 angeben');
      const crossed = await treasurer.post('/donations/settings', { min_cents: '100', max_cents: '50', 'presets.0': '10', 'presets.1': '200' });
      const crossedText = await crossed.text();
      expect(crossedText).toContain('Höchstbetrag: muss größer als der Mindestbetrag sein');
      expect(crossedText).toContain('Vorschläge: 10 € liegt nicht zwischen Mindest- und Höchstbetrag');
      expect(crossedText).toContain('Zahlungsarten: mindestens eine anbieten');
      expect(await t.db.selectFrom('association').select(['donation_min_cents', 'donation_presets']).executeTakeFirstOrThrow()).toEqual({ donation_min_cents: 500, donation_presets: [1000, 2500, 5000, 10000] });

      const ok = await treasurer.post('/donations/settings', { min_cents: '3', max_cents: '2.000,00', 'presets.0': '50', 'presets.1': '15', 'presets.2': '', 'presets.3': '15,00', method_sepa_debit: 'on', method_card: 'on' });
      expect(ok.status).toBe(302);
      expect(await t.db.selectFrom('association').select(['donation_min_cents', 'donation_max_cents', 'donation_presets', 'donation_methods']).executeTakeFirstOrThrow()).toEqual({
        donation_min_cents: 300,
        donation_max_cents: 200_000,
        donation_presets: [1500, 5000],
        donation_methods: ['card', 'sepa_debit'],
      });
      const row = await t.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'donation_settings.updated').executeTakeFirstOrThrow();
      expect(row.before).toMatchObject({ min_cents: 500, presets: [1000, 2500, 5000, 10000] });
      expect(row.after).toMatchObject({ min_cents: 300, presets: [1500, 5000] });
    });
  });

  describe('offline gifts', () => {
    it('records a transfer from a new donor with the address a receipt needs, both audited', async () => {
      const { status, body } = await post({ donor_kind: 'new', donor: newDonor, donated_on: '2026-11-10', amount_cents: '150,00', method: 'transfer', purpose_id: purposeId, receipt_wanted: true, note: 'Kontoauszug 11/2026' });
      expect(status).toBe(201);
      expect(body).toMatchObject({ amount_cents: 15000, method: 'transfer', status: 'succeeded', source: 'offline', receipt_wanted: true, purpose_id: purposeId, waiver: false });
      const donor = await t.db.selectFrom('donors').selectAll().where('id', '=', body.donor_id).executeTakeFirstOrThrow();
      expect(donor).toMatchObject({ name: 'Hannah Schulz', street: 'Weserstraße 5', email: 'hannah@example.org' });
      expect((await audit('donation', body.id)).map((a) => a.action)).toEqual(['donation.recorded']);
      expect((await audit('donor', donor.id)).map((a) => a.action)).toEqual(['donor.created']);

      // the second gift of a known donor, chosen by id
      const again = await post({ donor_id: donor.id, donated_on: '2026-11-12', amount_cents: 2000, method: 'cash' });
      expect(again.status).toBe(201);
      expect(again.body.donor_id).toBe(donor.id);
    });

    it('says what is missing, naming each field, and records nothing', async () => {
      const before = await t.db.selectFrom('donations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const noAddress = await post({ donor_kind: 'new', donor: { name: 'Ohne Adresse' }, donated_on: '2026-11-10', amount_cents: 'zwölf', method: 'transfer', receipt_wanted: true });
      expect(noAddress.status).toBe(422);
      // every problem at once: the amount does not stop the other checks
      expect(fieldsOf(noAddress.body)).toEqual({
        amount_cents: 'Betrag: wie 12,50 angeben (0,01 bis 1.000.000 €)',
        'donor.street': 'Zuwendungsbestätigung gewünscht: bitte Straße, PLZ und Ort des Spenders angeben',
      });
      const noAddress2 = await post({ donor_kind: 'new', donor: { name: 'Ohne Adresse', postal_code: '123' }, donated_on: '2026-11-10', amount_cents: '12', method: 'transfer', receipt_wanted: true });
      expect(fieldsOf(noAddress2.body)).toEqual({ 'donor.postal_code': 'PLZ: fünf Ziffern' });
      const noStreet = await post({ donor_kind: 'new', donor: { name: 'Ohne Adresse' }, donated_on: '2026-11-10', amount_cents: '12', method: 'transfer', receipt_wanted: true });
      expect(fieldsOf(noStreet.body)).toEqual({ 'donor.street': 'Zuwendungsbestätigung gewünscht: bitte Straße, PLZ und Ort des Spenders angeben' });
      const anonymous = await post({ donor_kind: 'anonymous', donated_on: '2026-11-10', amount_cents: 1000, method: 'cash', receipt_wanted: true });
      expect(fieldsOf(anonymous.body)).toEqual({ receipt_wanted: 'Zuwendungsbestätigung: nicht für eine anonyme Spende – bitte einen Spender angeben' });
      const future = await post({ donor_kind: 'anonymous', donated_on: '2026-12-24', amount_cents: 1000, method: 'cash' });
      expect(fieldsOf(future.body)).toEqual({ donated_on: 'Tag der Zuwendung: liegt in der Zukunft' });
      const noneChosen = await post({ donor_kind: 'existing', donated_on: '2026-11-10', amount_cents: 1000, method: 'cash' });
      expect(fieldsOf(noneChosen.body)).toEqual({ donor_id: 'Spender: bitte einen vorhandenen Spender wählen (oder „neu“ / „anonym“)' });
      const english = await treasurer.json('POST', '/api/v1/donations', { donor_kind: 'anonymous', donated_on: '2026-11-10', amount_cents: 1000, method: 'card' }, { headers: { 'accept-language': 'en' } });
      expect(fieldsOf(await english.json())).toEqual({ method: 'Method: choose transfer, cash or in kind' });
      expect(await t.db.selectFrom('donations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual(before);
    });

    it('records an Aufwandsspende only with the claim waived, when it was agreed and the basis, and only as transfer or cash', async () => {
      const donor = await ledgerDonor(t.db, { name: 'Ehrenamtliche Ayşe Demir', email: 'ayse@example.org' });
      const bare = await post({ donor_id: donor.id, donated_on: '2026-11-15', amount_cents: '123,60', method: 'transfer', waiver: true, receipt_wanted: true });
      expect(fieldsOf(bare.body)).toEqual({
        waived_claim: 'Verzicht: bitte angeben, auf welchen Erstattungsanspruch verzichtet wird (z. B. Fahrtkosten vom …)',
        waiver_agreed_on: 'Verzicht: bitte angeben, wann der Anspruch vereinbart wurde (vor der Tätigkeit)',
        waiver_basis: 'Verzicht: bitte die Grundlage des Betrags angeben (z. B. 0,30 €/km laut Vorstandsbeschluss)',
      });
      const late = await post({ donor_id: donor.id, donated_on: '2026-11-15', amount_cents: '123,60', method: 'in_kind', waiver: true, waived_claim: 'Fahrtkosten', waiver_agreed_on: '2026-11-16', waiver_basis: '0,30 €/km' });
      expect(fieldsOf(late.body)).toMatchObject({
        waiver: 'Verzicht auf Erstattung von Aufwendungen: nur bei Überweisung oder bar, nicht bei einer Sachspende',
        waiver_agreed_on: 'Verzicht: der Anspruch muss vor dem Verzicht vereinbart sein',
      });
      const ok = await post({
        donor_id: donor.id,
        donated_on: '2026-11-15',
        amount_cents: '123,60',
        method: 'transfer',
        receipt_wanted: true,
        waiver: true,
        waived_claim: 'Fahrtkosten Beratungstermine Oktober 2026, 412 km',
        waiver_agreed_on: '2026-01-20',
        waiver_basis: '0,30 €/km laut Vorstandsbeschluss vom 20.01.2026',
        // fields of a gift in kind are dropped for a money gift
        in_kind_description: 'wird nicht gespeichert',
      });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ waiver: true, waived_claim: 'Fahrtkosten Beratungstermine Oktober 2026, 412 km', waiver_agreed_on: '2026-01-20', waiver_basis: '0,30 €/km laut Vorstandsbeschluss vom 20.01.2026', in_kind_description: null });
      const detail = await (await treasurer.get(`/donations/${ok.body.id}`)).text();
      expect(detail).toContain('Aufwandsspende');
      expect(detail).toContain('20.01.2026');
    });

    it('records a gift in kind only with description, origin, value basis and whether documents exist', async () => {
      const bare = await post({ donor_kind: 'anonymous', donated_on: '2026-11-18', amount_cents: '250', method: 'in_kind' });
      expect(Object.keys(fieldsOf(bare.body)).sort()).toEqual(['in_kind_description', 'in_kind_documents', 'in_kind_origin', 'in_kind_value_basis']);
      expect(fieldsOf(bare.body).in_kind_origin).toBe('Sachspende: bitte die Herkunft wählen (Betriebsvermögen, Privatvermögen, keine Angaben)');
      const wrongOrigin = await post({ donor_kind: 'anonymous', donated_on: '2026-11-18', amount_cents: '250', method: 'in_kind', in_kind_description: 'x', in_kind_origin: 'geschenkt', in_kind_value_basis: 'x', in_kind_documents: true });
      expect(fieldsOf(wrongOrigin.body)).toEqual({ in_kind_origin: 'Sachspende: Herkunft Betriebsvermögen, Privatvermögen oder keine Angaben wählen' });

      // the web form, as the treasurer sends it
      const res = await treasurer.post('/donations', {
        donor_kind: 'new',
        'donor.name': 'Mehmet Kaya',
        'donor.street': 'Hermannstraße 40',
        'donor.postal_code': '12049',
        'donor.city': 'Berlin',
        'donor.country': 'DE',
        'donor.email': '',
        'donor.language': 'tr',
        donor_id: '',
        donated_on: '2026-11-18',
        amount_cents: '250,00',
        method: 'in_kind',
        purpose_id: '',
        receipt_wanted: 'on',
        in_kind_description: 'Notebook Lenovo T14, gekauft 03/2023 für 1.199,00 €, sehr guter Zustand',
        in_kind_origin: 'private',
        in_kind_value_basis: 'Gebrauchtpreis laut Vergleichsangeboten',
        in_kind_documents: 'yes',
        note: '',
      });
      expect(res.status).toBe(302);
      const id = Number(res.headers.get('location')!.split('/').pop());
      const row = await t.db.selectFrom('donations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ method: 'in_kind', amount_cents: 25000, in_kind_origin: 'private', in_kind_documents: true, receipt_wanted: true, purpose_id: null, language: 'tr', waiver: false });
      const page = await (await treasurer.get(`/donations/${id}`)).text();
      expect(page).toContain('Notebook Lenovo T14');
      expect(page).toContain('Privatvermögen');

      const invalid = await treasurer.post('/donations', { donor_kind: 'anonymous', donated_on: '2026-11-18', amount_cents: '250,00', method: 'in_kind', in_kind_description: 'Stühle' });
      expect(invalid.status).toBe(422);
      const html = await invalid.text();
      expect(html).toContain('Sachspende: bitte angeben, wie der Wert ermittelt wurde');
      expect(html).toContain('Stühle'); // what was typed stays
    });
  });

  describe('lists, sums and the CSV export', () => {
    let donorId: number;
    beforeAll(async () => {
      const donor = await ledgerDonor(t.db, { name: 'Lea Online', email: 'lea@example.org' });
      donorId = donor.id;
      const sub = await monthlyGift(t.db, { donorId, amount_cents: 1000 });
      await onlineGift(t.db, { donorId, donated_on: '2026-10-01', amount_cents: 1000, subscriptionId: sub.id });
      await onlineGift(t.db, { donorId, donated_on: '2026-11-01', amount_cents: 1000, subscriptionId: sub.id });
      await onlineGift(t.db, { donorId, donated_on: '2026-11-05', amount_cents: 5000, method: 'stripe_sepa', status: 'pending' });
      await onlineGift(t.db, { donorId, donated_on: '2026-11-06', amount_cents: 7000, status: 'refunded', refunded_cents: 7000 });
      await onlineGift(t.db, { donorId: null, donated_on: '2026-11-07', amount_cents: 3000, status: 'disputed', purposeId });
      await onlineGift(t.db, { donorId: null, donated_on: '2026-11-08', amount_cents: 4000, purposeId, refunded_cents: 1000 });
    });

    const list = async (query: string) => (await treasurer.get(`/api/v1/donations${query}`)).json();

    it('filters by period, purpose, method, status and donor, newest first, and sums only what arrived', async () => {
      const online = await list('?method=stripe_card&from=2026-11-01&to=2026-11-30');
      // card gifts in November: 1000 (monthly), 7000 refunded, 3000 disputed, 4000 less 1000 refunded
      expect(online.total).toBe(4);
      expect(online.succeeded_cents).toBe(1000 + 3000);
      expect(online.donations.map((d: { donated_on: string }) => d.donated_on)).toEqual(['2026-11-08', '2026-11-07', '2026-11-06', '2026-11-01']);
      expect(await list(`?purpose=${purposeId}&method=stripe_card`)).toMatchObject({ total: 2, succeeded_cents: 3000 });
      expect(await list('?status=pending')).toMatchObject({ total: 1, succeeded_cents: 0 });
      expect(await list('?q=LEA@example')).toMatchObject({ total: 4, succeeded_cents: 2000 });
      expect(await list(`?donor=${donorId}&from=2026-10-01&to=2026-10-31`)).toMatchObject({ total: 1, succeeded_cents: 1000 });
      const none = await list('?purpose=none&method=stripe_sepa');
      expect(none).toMatchObject({ total: 1, succeeded_cents: 0 });
      const bad = await treasurer.get('/api/v1/donations?from=gestern');
      expect(bad.status).toBe(422);
    });

    it('shows the list with donor or "anonym", monthly or once, and refunded and disputed gifts flagged as never receipted', async () => {
      const res = await treasurer.get('/donations?from=2026-11-06&to=2026-11-08');
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('3 Spende(n)');
      // 40 € less a 10 € partial refund: the only one that arrived
      expect(html).toMatch(/Summe eingegangen: <strong>30,00\s€<\/strong>/);
      expect(html).toContain('Die Summe zählt nur eingegangene Spenden');
      expect(html).toContain('<em>anonym</em>');
      expect(html).toContain('erstattet');
      expect(html).toContain('angefochten');
      expect(html.match(/nie bestätigbar/g)?.length).toBe(2);
      const monthly = await (await treasurer.get(`/donations?donor=${donorId}&from=2026-10-01&to=2026-10-31`)).text();
      expect(monthly).toContain('monatlich');
      const en = await (await treasurer.get('/donations?from=2026-11-06&to=2026-11-08&lang=en')).text();
      expect(en).toContain('can never be receipted');
      await treasurer.get('/donations?lang=de'); // the choice of language sticks: back to German
    });

    it('exports the filtered gifts as a German Excel CSV', async () => {
      const res = await treasurer.get('/donations/export.csv?from=2026-11-06&to=2026-11-30');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="spenden-2026-11-24.csv"');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      expect(text.startsWith('\uFEFFNr.;Datum;Spender;')).toBe(true);
      const lines = text.trim().split('\r\n');
      const rows = lines.slice(1).map((l) => l.split(';'));
      const header = lines[0]!.replace('\uFEFF', '').split(';');
      const col = (name: string) => header.indexOf(name);
      const byDate = (d: string) => rows.filter((r) => r[col('Datum')] === d);
      expect(byDate('06.11.2026')[0]![col('Status')]).toBe('erstattet');
      expect(byDate('06.11.2026')[0]![col('Erstattet')]).toBe('70,00');
      expect(byDate('07.11.2026')[0]![col('Spender')]).toBe('anonym');
      expect(byDate('07.11.2026')[0]![col('Zweck')]).toBe('Winterhilfe');
      expect(byDate('10.11.2026')[0]).toEqual(expect.arrayContaining(['Hannah Schulz', 'Weserstraße 5', '150,00', 'Überweisung', 'eingegangen', 'einmalig', 'von Hand', 'ja']));
      expect(byDate('15.11.2026')[0]![col('Verzicht auf Aufwendungen')]).toBe('ja');
      expect(byDate('18.11.2026').some((r) => r[col('Art')] === 'Sachspende' && r[col('Betrag')] === '250,00')).toBe(true);
      // oldest first, every gift of the period
      expect(rows.map((r) => r[col('Datum')])).toEqual([...rows.map((r) => r[col('Datum')])].sort((a, b) => a!.split('.').reverse().join().localeCompare(b!.split('.').reverse().join())));
      expect(rows.length).toBe((await list('?from=2026-11-06&to=2026-11-30')).total);
    });
  });

  describe('corrections', () => {
    it('corrects every field of an offline gift, with before and after in the audit log and on the page', async () => {
      const { body } = await post({ donor_kind: 'anonymous', donated_on: '2026-11-19', amount_cents: 5000, method: 'cash' });
      const res = await treasurer.json('PATCH', `/api/v1/donations/${body.id}`, { amount_cents: '55,00', donated_on: '2026-11-18', note: 'Spendendose Sommerfest' });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ amount_cents: 5500, donated_on: '2026-11-18', method: 'cash' });
      const rows = await audit('donation', body.id);
      expect(rows.map((r) => r.action)).toEqual(['donation.recorded', 'donation.corrected']);
      expect(rows[1]!.before).toEqual({ amount_cents: 5000, donated_on: '2026-11-19', note: null });
      expect(rows[1]!.after).toEqual({ amount_cents: 5500, donated_on: '2026-11-18', note: 'Spendendose Sommerfest' });
      // the web form: the gift becomes an Aufwandsspende of a known donor
      const donor = await ledgerDonor(t.db, { name: 'Karim Haddad' });
      const form = await treasurer.post(`/donations/${body.id}`, {
        donor_kind: 'existing',
        donor_id: String(donor.id),
        donated_on: '2026-11-18',
        amount_cents: '55,00',
        method: 'transfer',
        purpose_id: '',
        waiver: 'on',
        waived_claim: 'Auslagen Material Deutschkurs',
        waiver_agreed_on: '2026-02-01',
        waiver_basis: 'Belege über 55,00 €',
        in_kind_description: '',
        in_kind_origin: '',
        in_kind_value_basis: '',
        in_kind_documents: '',
        note: 'Spendendose Sommerfest',
      });
      expect(form.status).toBe(302);
      const page = await (await treasurer.get(`/donations/${body.id}`)).text();
      expect(page).toContain('Karim Haddad');
      expect(page).toContain('korrigiert');
      expect(page).toContain('amount_cents: 5000 → 5500');
      expect(page).toContain('method: &quot;cash&quot; → &quot;transfer&quot;');
      // unticking a box is a change too
      const edit = await (await treasurer.get(`/donations/${body.id}/edit`)).text();
      expect(edit).toContain('name="amount_cents"');
      expect(edit).toContain('value="55,00"');
      await treasurer.post(`/donations/${body.id}`, { donor_kind: 'existing', donor_id: String(donor.id), donated_on: '2026-11-18', amount_cents: '55,00', method: 'transfer', note: 'x' });
      expect(await t.db.selectFrom('donations').select(['waiver', 'waived_claim', 'note']).where('id', '=', body.id).executeTakeFirstOrThrow()).toEqual({ waiver: false, waived_claim: null, note: 'x' });
    });

    it('keeps amount, date, method and status of an online gift as Stripe says; purpose, note, donor and receipt can change', async () => {
      const donor = await ledgerDonor(t.db, { name: 'Sara Online', email: 'sara@example.org' });
      const gift = await onlineGift(t.db, { donorId: null, donated_on: '2026-11-02', amount_cents: 2500 });
      const refused = await treasurer.json('PATCH', `/api/v1/donations/${gift.id}`, { amount_cents: 3000, donated_on: '2026-11-03', status: 'succeeded', method: 'stripe_card' });
      expect(refused.status).toBe(422);
      expect(fieldsOf(await refused.json())).toEqual({
        amount_cents: 'Betrag: kommt von Stripe und ist nicht änderbar',
        donated_on: 'Tag der Zuwendung: kommt von Stripe und ist nicht änderbar',
      });
      const ok = await treasurer.json('PATCH', `/api/v1/donations/${gift.id}`, { amount_cents: 2500, donor_id: donor.id, purpose_id: purposeId, receipt_wanted: true, note: 'Spender rief an' });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ amount_cents: 2500, donor_id: donor.id, purpose_id: purposeId, receipt_wanted: true, note: 'Spender rief an', stripe_payment_intent_id: gift.stripe_payment_intent_id });
      const [row] = (await audit('donation', gift.id)).filter((a) => a.action === 'donation.corrected');
      expect(row!.before).toEqual({ donor_id: null, purpose_id: null, receipt_wanted: false, note: null });
      // the edit page offers only what may change
      const edit = await (await treasurer.get(`/donations/${gift.id}/edit`)).text();
      expect(edit).not.toContain('name="amount_cents"');
      expect(edit).not.toContain('name="donated_on"');
      expect(edit).toContain('kommen von Stripe und sind nicht änderbar');
      expect(edit).toContain('name="purpose_id"');
      // a web post with an amount changes nothing of Stripe's
      await treasurer.post(`/donations/${gift.id}`, { donor_kind: 'anonymous', amount_cents: '1,00', purpose_id: '', note: '' });
      expect(await t.db.selectFrom('donations').select(['amount_cents', 'donor_id', 'receipt_wanted']).where('id', '=', gift.id).executeTakeFirstOrThrow()).toEqual({ amount_cents: 2500, donor_id: null, receipt_wanted: false });
      const detail = await (await treasurer.get(`/donations/${gift.id}`)).text();
      expect(detail).toContain(gift.stripe_payment_intent_id!);
      expect(detail).toContain(gift.stripe_checkout_session_id!);
    });

    it('lets a refunded or disputed gift take a note only', async () => {
      const gift = await onlineGift(t.db, { donorId: null, donated_on: '2026-11-03', amount_cents: 9900, status: 'disputed' });
      const refused = await treasurer.json('PATCH', `/api/v1/donations/${gift.id}`, { purpose_id: purposeId, receipt_wanted: true });
      expect(fieldsOf(await refused.json())).toEqual({
        purpose_id: 'Zweck: bei einer erstatteten, angefochtenen oder fehlgeschlagenen Spende ist nur die Notiz änderbar',
        receipt_wanted: 'Zuwendungsbestätigung gewünscht: bei einer erstatteten, angefochtenen oder fehlgeschlagenen Spende ist nur die Notiz änderbar',
      });
      expect((await treasurer.json('PATCH', `/api/v1/donations/${gift.id}`, { note: 'Rückbuchung durch die Bank am 20.11.' })).status).toBe(200);
      const page = await (await treasurer.get(`/donations/${gift.id}`)).text();
      expect(page).toContain('Angefochten: Der Spender hat die Zahlung bei seiner Bank angefochten');
      expect(page).toContain('Rückbuchung durch die Bank am 20.11.');
      const edit = await (await treasurer.get(`/donations/${gift.id}/edit`)).text();
      expect(edit).not.toContain('name="purpose_id"');
      expect(edit).toContain('name="note"');
      expect((await treasurer.json('PATCH', '/api/v1/donations/999999', { note: 'x' })).status).toBe(404);
    });
  });

  describe('donors and proposed matches', () => {
    it('lists donors with gift count and total, shows one with all gifts, and corrects the address, audited', async () => {
      const res = await treasurer.get('/api/v1/donors?q=lea%20online');
      const { donors, total } = await res.json();
      expect(total).toBe(1);
      expect(donors[0]).toMatchObject({ name: 'Lea Online', gift_count: 4, succeeded_cents: 2000 });
      const one = await (await treasurer.get(`/api/v1/donors/${donors[0].id}`)).json();
      expect(one.donations).toHaveLength(4);
      expect(one.subscriptions).toEqual([expect.objectContaining({ amount_cents: 1000, status: 'active' })]);
      const page = await (await treasurer.get(`/donors/${donors[0].id}`)).text();
      expect(page).toContain('Monatliche Spenden');
      expect(page).toContain('aktiv');
      const bad = await treasurer.post(`/donors/${donors[0].id}`, { name: '', postal_code: '1', country: 'DE', language: 'de' });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('Name des Spenders: bitte ausfüllen');
      const ok = await treasurer.post(`/donors/${donors[0].id}`, { name: 'Lea Online-Meier', street: 'Sonnenallee 12', postal_code: '12045', city: 'Berlin', country: 'DE', email: 'lea@example.org', language: 'en', notes: '' });
      expect(ok.status).toBe(302);
      const [row] = (await audit('donor', donors[0].id)).filter((a) => a.action === 'donor.updated');
      expect(row).toMatchObject({ before: { name: 'Lea Online', language: 'de' }, after: { name: 'Lea Online-Meier', language: 'en' } });
      expect((await treasurer.get('/api/v1/donors/999999')).status).toBe(404);
    });

    it('merges a proposed duplicate into the known donor: gifts and monthly gifts move, the duplicate goes, audited', async () => {
      const known = await ledgerDonor(t.db, { name: 'Familie Yılmaz', email: 'yilmaz@example.org', street: 'Karl-Marx-Straße 9', postal_code: '12043' });
      await onlineGift(t.db, { donorId: known.id, donated_on: '2026-06-01', amount_cents: 5000 });
      const dup = await ledgerDonor(t.db, { name: 'Elif Yılmaz', email: 'yilmaz@example.org', street: 'Karl-Marx-Straße 9', postal_code: '12043', proposed_donor_id: known.id, stripe_customer_id: 'cus_test_elif' });
      const sub = await monthlyGift(t.db, { donorId: dup.id, amount_cents: 1500 });
      const g1 = await onlineGift(t.db, { donorId: dup.id, donated_on: '2026-11-01', amount_cents: 1500, subscriptionId: sub.id });

      const list = await (await treasurer.get('/donations')).text();
      expect(list).toMatch(/Zusammenführung prüfen \(\d+ offen\)/);
      const review = await (await treasurer.get('/donors/review')).text();
      expect(review).toContain('Elif Yılmaz');
      expect(review).toContain('Familie Yılmaz');
      expect(review).toContain('Familien teilen sich Adressen und E-Mails');
      expect(review).toMatch(/1 Spende\(n\), 50,00\s€ eingegangen/);

      const res = await treasurer.post(`/donors/${dup.id}/merge`, { into: 'donor' });
      expect(res.status).toBe(302);
      expect(await t.db.selectFrom('donors').select('id').where('id', '=', dup.id).executeTakeFirst()).toBeUndefined();
      expect(await t.db.selectFrom('donations').select('donor_id').where('id', '=', g1.id).executeTakeFirstOrThrow()).toEqual({ donor_id: known.id });
      expect(await t.db.selectFrom('donation_subscriptions').select('donor_id').where('id', '=', sub.id).executeTakeFirstOrThrow()).toEqual({ donor_id: known.id });
      expect(await t.db.selectFrom('donors').select(['name', 'stripe_customer_id']).where('id', '=', known.id).executeTakeFirstOrThrow()).toEqual({ name: 'Familie Yılmaz', stripe_customer_id: 'cus_test_elif' });
      const merged = (await audit('donor', known.id)).find((a) => a.action === 'donor.merged')!;
      expect(merged.before).toMatchObject({ merged_donor: { name: 'Elif Yılmaz', email: 'yilmaz@example.org' } });
      expect(merged.after).toMatchObject({ donations: [g1.id], subscriptions: [sub.id] });
      // a second merge of the same donor finds nothing
      expect((await treasurer.post(`/donors/${dup.id}/merge`, {})).status).toBe(404);
    });

    it('keeps a proposed donor apart on the treasurer’s word, and links a donor to a proposed member', async () => {
      const mother = await ledgerDonor(t.db, { name: 'Fatma Aydın', email: 'aydin@example.org' });
      const daughter = await ledgerDonor(t.db, { name: 'Zeynep Aydın', email: 'aydin@example.org', proposed_donor_id: mother.id });
      expect((await treasurer.post(`/donors/${daughter.id}/keep-apart`)).status).toBe(302);
      expect(await t.db.selectFrom('donors').select(['proposed_donor_id', 'proposed_member_id']).where('id', '=', daughter.id).executeTakeFirstOrThrow()).toEqual({ proposed_donor_id: null, proposed_member_id: null });
      expect((await audit('donor', daughter.id)).map((a) => [a.action, a.before])).toEqual([['donor.kept_apart', { proposed_donor_id: mother.id, proposed_member_id: null }]]);
      const again = await treasurer.post(`/donors/${daughter.id}/keep-apart`);
      expect(again.status).toBe(302);
      expect((await audit('donor', daughter.id)).length).toBe(1);

      const type = await t.db.insertInto('membership_types').values({ name: 'Ordentlich', fee_cents: 6000, interval: 'yearly', created_at: new Date() }).returning('id').executeTakeFirstOrThrow();
      const m = await t.db
        .insertInto('members')
        .values({ member_number: 7, first_name: 'Jonas', last_name: 'Weber', email: 'jonas@example.org', status: 'active', join_date: '2025-01-01', membership_type_id: type.id, payment_method: 'transfer', created_at: new Date(), updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      const donor = await ledgerDonor(t.db, { name: 'J. Weber', email: 'jonas@example.org', proposed_member_id: m.id });
      const review = await (await treasurer.get('/donors/review')).text();
      expect(review).toContain('Mitglied Nr. 7');
      expect((await treasurer.post(`/donors/${donor.id}/merge`, { into: 'member' })).status).toBe(302);
      expect(await t.db.selectFrom('donors').select(['member_id', 'proposed_member_id']).where('id', '=', donor.id).executeTakeFirstOrThrow()).toEqual({ member_id: m.id, proposed_member_id: null });
      expect((await audit('donor', donor.id)).map((a) => a.action)).toEqual(['donor.linked_to_member']);
      expect(await (await treasurer.get(`/donors/${donor.id}`)).text()).toContain('Jonas Weber');
      expect(await (await treasurer.get('/donors/review')).text()).toContain('Keine offenen Vorschläge.');
    });
  });

  describe('who may', () => {
    it('keeps the board and members out of gifts, donors and settings', async () => {
      for (const client of [board, member]) {
        for (const path of ['/donations', '/donations/new', '/donations/settings', '/donations/export.csv', '/donors', '/donors/review', '/api/v1/donations', '/api/v1/donors']) {
          expect([path, (await client.get(path)).status]).toEqual([path, 403]);
        }
        expect((await client.json('POST', '/api/v1/donations', { donor_kind: 'anonymous', donated_on: '2026-11-10', amount_cents: 100, method: 'cash' })).status).toBe(403);
        expect((await client.post('/donations/settings', { min_cents: '1', max_cents: '2', 'presets.0': '1', method_card: 'on' })).status).toBe(403);
      }
      const nav = await (await treasurer.get('/donations')).text();
      expect(nav).toContain('<a href="/donations" aria-current="page">Spenden</a>');
      expect(await (await board.get('/')).text()).not.toContain('href="/donations"');
    });
  });
});
