import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app';
import type { Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createDonor, createGift, createPurpose } from '../helpers/donor-factories';
import { createAssociation, signedIn } from '../helpers/factories';
import { createFunder, createGrantApplication, createGrantDeadline } from '../helpers/grant-factories';

/**
 * The Kassenbericht PDF (issue #7) on both engines: downloaded as the board, read back with
 * pdftotext, its totals must be the dashboard's figures of the same period, formatted the same
 * way (the page's data-value figures and the JSON API's numbers). An empty database gives zeros and
 * "keine" lines; a period that is no period gives the dashboard's German message and no PDF;
 * members get nothing. Test clock: 2026-11-24 (Berlin).
 */
const dir = mkdtempSync(join(tmpdir(), 'kw-kassenbericht-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
/** The PDF's text on one line: layout columns and Intl's no-break spaces become single spaces. */
const pdfText = (bytes: Uint8Array) => {
  const file = join(dir, `k${++files}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};
/** As the dashboard formats an amount, with the no-break space a plain one (as pdfText gives it). */
const euro = (cents: number) => new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/\s/g, ' ');

function figuresOf(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(/data-figure="([^"]+)" data-value="(-?\d+)"/g)) out[m[1]!] = Number(m[2]);
  return out;
}

const IBAN = 'DE89370400440532013000';
const SECRET_NOTE = 'GEHEIME-NOTIZ-4711';
const at = new Date('2026-01-01T00:00:00Z');

describeEachEngine('the Kassenbericht PDF', (database) => {
  let t: TestApp;
  let treasurer: Client;
  let board: Client;
  let member: Client;

  beforeAll(async () => {
    t = testApp(database());
    await createAssociation(t.db);
    treasurer = (await signedIn(t, 'treasurer')).client;
    board = (await signedIn(t, 'board')).client;
    member = (await signedIn(t, 'member')).client;
  });

  async function download(client: Client, query: string) {
    const res = await client.get(`/dashboard/kassenbericht.pdf${query ? `?${query}` : ''}`);
    expect([query, res.status]).toEqual([query, 200]);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    return { res, text: pdfText(bytes) };
  }

  it('prints zeros and "keine" lines for a period with no data, as a valid German PDF', async () => {
    const { res, text } = await download(board, 'period=2025');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="Kassenbericht-2025.pdf"');
    expect(text).toContain('Laissez-passer e.V. Oranienstraße 12, 10997 Berlin');
    expect(text).toContain('Kassenbericht 2025');
    expect(text).toContain('Zeitraum 01.01.2025 – 31.12.2025');
    expect(text).toContain('Vergleich (Vorjahreszeitraum) 01.01.2024 – 31.12.2024');
    expect(text).toContain('Erstellt am 24.11.2026');
    for (const heading of ['1. Einnahmen nach Quelle', '2. Mitgliedsbeiträge', '3. Spenden nach Zweck', '4. Fördermittel']) expect(text).toContain(heading);
    expect(text).toContain('Einnahmen gesamt 0,00 € 0,00 € unverändert');
    expect(text).toContain('Mitgliedsbeiträge 0,00 € 0,00 € unverändert');
    expect(text).toContain('Keine Einnahmen: in diesem Zeitraum und im Vorjahreszeitraum ist nichts eingegangen.');
    expect(text).toContain('Erwartet (im Zeitraum fällig) 0,00 € (0 Forderungen)');
    expect(text).toContain('Rücklastschriften keine');
    expect(text).toContain('Rückstände zusammen 0,00 €');
    expect(text).toContain('Keine Rückstände.');
    expect(text).toContain('Eingegangen im Zeitraum 0,00 € (0 Spenden)');
    expect(text).toContain('Keine Spenden in diesem Zeitraum.');
    expect(text).toContain('Laufende Monatsspenden am 31.12.2025 keine');
    expect(text).toContain('Im Zeitraum eingegangen 0,00 €');
    expect(text).toContain('Keine Förderanträge.');
    expect(text).toContain('Keine überfälligen Fristen.');
    expect(text).toContain('Keine offenen Fristen.');
    expect(text).toMatch(/Seite 1 von \d/);

    // no period: the year to date, named by its dates
    const ytd = await download(board, '');
    expect(ytd.res.headers.get('content-disposition')).toBe('attachment; filename="Kassenbericht-2026-01-01_2026-11-24.pdf"');
    expect(ytd.text).toContain('Kassenbericht 2026 bis heute');
  });

  // ---- a world with something in every part

  async function buildWorld() {
    const type = Number((await t.db.insertInto('membership_types').values({ name: 'Ordentlich', fee_cents: 6000, interval: 'yearly', created_at: at }).returning('id').executeTakeFirstOrThrow()).id);
    const memberIds: number[] = [];
    for (let i = 0; i < 3; i++) {
      const row = await t.db
        .insertInto('members')
        .values({
          member_number: 100 + i,
          first_name: `Vorname${i}`,
          last_name: `Nachname${i}`,
          street: 'Geheimstraße 9',
          postal_code: '10999',
          city: 'Berlin',
          join_date: '2019-05-01',
          exit_date: null,
          status: 'active',
          membership_type_id: type,
          payment_method: 'sepa_debit',
          notes: SECRET_NOTE,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      memberIds.push(Number(row.id));
    }
    // [member, due, amount, paid, status, paid_on]
    const claims: [number, string, number, number, 'paid' | 'partly_paid' | 'open' | 'written_off' | 'returned', string | null][] = [
      [0, '2026-01-01', 6000, 6000, 'paid', '2026-01-15'],
      [1, '2026-03-10', 6000, 2000, 'partly_paid', '2026-04-02'],
      [2, '2026-07-20', 3000, 0, 'open', null],
      [0, '2026-10-30', 1500, 0, 'open', null],
      [2, '2026-01-01', 3000, 0, 'written_off', null],
      [1, '2025-02-01', 6000, 0, 'returned', null],
      [0, '2025-01-01', 6000, 6000, 'paid', '2025-01-20'],
    ];
    for (const [m, due, amount, paid, status, paidOn] of claims) {
      const claim = await t.db
        .insertInto('claims')
        .values({ member_id: memberIds[m]!, debtor_member_id: memberIds[m]!, membership_type_id: type, period_start: due, period_end: due, label: `Beitrag ${due}`, due_date: due, amount_cents: amount, paid_cents: paid, status, kind: 'fee', created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (paidOn) {
        await t.db
          .insertInto('payments')
          .values({ claim_id: Number(claim.id), debtor_member_id: memberIds[m]!, amount_cents: paid, paid_on: paidOn, method: 'transfer', reference: null, created_at: at, created_by: 'test', reversed_on: null, reversal_reason: null })
          .execute();
      }
    }
    const mandate = await t.db
      .insertInto('sepa_mandates')
      .values({ member_id: memberIds[0]!, reference: 'KW-1', signed_on: '2019-05-01', iban: IBAN, account_holder: 'Vorname0 Nachname0', status: 'active', created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const collection = await t.db
      .insertInto('sepa_collections')
      .values({ due_date: '2026-06-01', status: 'booked', message_id: 'MSG-1', version: '001.08', xml: null, total_cents: 0, debits: 0, created_at: at, created_by: 'test', exported_at: at, cancelled_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('sepa_debits')
      .values({ collection_id: Number(collection.id), mandate_id: Number(mandate.id), amount_cents: 4000, sequence_type: 'RCUR', end_to_end_id: 'E2E-1', remittance: 'Beitrag', prenotified_on: '2026-06-01', status: 'returned', return_reason: 'MD06', return_fee_cents: null })
      .execute();

    const beratung = Number(await createPurpose(t.db, { slug: 'beratung', name_de: 'Beratung', name_en: 'Counselling' }));
    const d1 = Number((await createDonor(t.db, { name: 'Spenderin Geheim', email: 'd1@example.org' })).id);
    const d2 = Number((await createDonor(t.db, { name: 'Spender Verborgen', email: 'd2@example.org' })).id);
    const sub = await t.db
      .insertInto('donation_subscriptions')
      .values({ donor_id: d1, stripe_subscription_id: 'sub_k_1', stripe_customer_id: 'cus_k_1', amount_cents: 1000, purpose_id: null, receipt_wanted: false, language: 'de', status: 'active', started_on: '2026-02-01', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const m of ['02', '03', '04']) await createGift(t.db, { donorId: d1, donated_on: `2026-${m}-01`, amount_cents: 1000, status: 'succeeded', refunded_cents: 0, purposeId: beratung, subscriptionId: Number(sub.id) });
    await createGift(t.db, { donorId: d2, donated_on: '2026-03-05', amount_cents: 5000, status: 'succeeded', refunded_cents: 0, purposeId: null, subscriptionId: null });
    await createGift(t.db, { donorId: null, donated_on: '2026-06-01', amount_cents: 3333, status: 'succeeded', refunded_cents: 0, purposeId: beratung, subscriptionId: null });
    await createGift(t.db, { donorId: d2, donated_on: '2025-03-01', amount_cents: 4000, status: 'succeeded', refunded_cents: 0, purposeId: null, subscriptionId: null });

    const funder = await createFunder(t.db, { name: 'Stiftung Brücke' });
    const a1 = (await createGrantApplication(t.db, { funder_id: Number(funder.id), title: 'Beratung 2026', status: 'running', requested_cents: 2_000_000, approved_cents: 1_500_000, notes: SECRET_NOTE })).id;
    const a2 = (await createGrantApplication(t.db, { funder_id: Number(funder.id), title: 'Sprachcafé', status: 'submitted', requested_cents: 800_000, approved_cents: null, notes: SECRET_NOTE })).id;
    for (const [on, amount] of [
      ['2026-02-15', 500_000],
      ['2025-04-01', 100_000],
    ] as const) {
      await t.db.insertInto('grant_payments').values({ application_id: a1, received_on: on, amount_cents: amount, reference: null, created_at: at, created_by: 'test' }).execute();
    }
    await createGrantDeadline(t.db, { application_id: a1, due_on: '2026-10-01', title: 'Zwischenbericht überfällig', kind: 'interim_report' });
    await createGrantDeadline(t.db, { application_id: a2, due_on: '2027-01-10', title: 'Mittelabruf Januar', kind: 'drawdown' });
  }

  const SOURCES: [string, string][] = [
    ['dues', 'Mitgliedsbeiträge'],
    ['donations_once', 'Einzelspenden'],
    ['donations_monthly', 'Monatliche Spenden'],
    ['grants', 'Fördermittel'],
  ];

  it('prints the dashboard’s totals of each period, formatted as the dashboard shows them', async () => {
    await buildWorld();
    for (const query of ['', 'period=2026', 'period=2026-Q1', 'from=2026-03-01&to=2026-06-30', 'period=2025']) {
      const page = await board.get(`/dashboard${query ? `?${query}` : ''}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const f = figuresOf(html);
      const json = await (await treasurer.get(`/api/v1/dashboard${query ? `?${query}` : ''}`)).json();
      // the page and the API agree (the same operation), so comparing with either is comparing with both
      expect([f['income.total'], f['dues.arrears.total'], f['donations.sum'], f['grants.received']]).toEqual([json.income.totals.total, json.dues.arrears.total_cents, json.donations.cents, json.grants.received_cents]);
      // the dashboard links to the report of the period it shows
      const link = /<a href="([^"]*)" id="kassenbericht-pdf" download="">Kassenbericht \(PDF\)<\/a>/.exec(html);
      expect(link?.[1]).toBe(`/dashboard/kassenbericht.pdf${query ? `?${query.replaceAll('&', '&amp;')}` : ''}`);

      const { text } = await download(board, query);
      const expectIn = (needle: string) => expect(text, `${query}: ${needle}`).toContain(needle);
      expectIn(`Kassenbericht ${json.period.label.de}`);
      expectIn(`Einnahmen gesamt ${euro(f['income.total']!)} ${euro(f['income.previous.total']!)}`);
      for (const [key, label] of SOURCES) expectIn(`${label} ${euro(f[`income.${key}`]!)} ${euro(f[`income.previous.${key}`]!)}`);
      expectIn(`Erwartet (im Zeitraum fällig) ${euro(f['dues.expected']!)}`);
      expectIn(`Davon bezahlt ${euro(f['dues.received']!)}`);
      expectIn(`Davon offen ${euro(f['dues.open']!)}`);
      expectIn(`Davon ausgebucht ${euro(f['dues.written_off']!)}`);
      expectIn(`Rückstände zusammen ${euro(f['dues.arrears.total']!)} (${json.dues.arrears.claims} Forderungen von ${f['dues.arrears.debtors']} Zahlenden)`);
      expectIn(`Eingegangen im Zeitraum ${euro(f['donations.sum']!)} (${f['donations.gifts']} Spenden)`);
      expectIn(`Durchschnittliche Spende ${euro(f['donations.average']!)}`);
      expectIn(`Im Zeitraum eingegangen ${euro(f['income.grants']!)}`);
      expectIn(`Bewilligt (alle bewilligten Anträge) ${euro(f['grants.approved']!)}`);
      expectIn(`Davon eingegangen ${euro(f['grants.received']!)}`);
      expectIn(`Noch zu erwarten ${euro(f['grants.outstanding']!)}`);
      for (const b of json.dues.arrears.buckets.filter((x: { claims: number }) => x.claims > 0)) expectIn(`${euro(f[`dues.arrears.${b.key}`]!)}`);
      for (const p of json.donations.by_purpose) expectIn(`${p.purpose_id === null ? 'Wo am nötigsten' : p.name_de} ${p.gifts} ${euro(p.cents)}`);
      // aggregates and titles only
      for (const secret of [IBAN, 'Geheimstraße', SECRET_NOTE, 'Nachname', 'Vorname', 'Spenderin Geheim', 'Spender Verborgen', 'example.org']) expect(text).not.toContain(secret);
    }

    // the year to date in detail: every source has money in it, and the numbers are the world's
    const { text } = await download(board, '');
    if (process.env.KASSENBERICHT_PDF_OUT) writeFileSync(process.env.KASSENBERICHT_PDF_OUT, new Uint8Array(await (await board.get('/dashboard/kassenbericht.pdf')).arrayBuffer()));
    expect(text).toContain(`Mitgliedsbeiträge ${euro(8000)} ${euro(6000)}`);
    expect(text).toContain(`Einzelspenden ${euro(5000 + 3333)} ${euro(4000)}`);
    expect(text).toContain(`Monatliche Spenden ${euro(3000)} ${euro(0)} Vorjahr: nichts`);
    expect(text).toContain(`Fördermittel ${euro(500_000)} ${euro(100_000)} +400 %`);
    expect(text).toContain(`Einnahmen gesamt ${euro(8000 + 8333 + 3000 + 500_000)} ${euro(110_000)}`);
    expect(text).toContain('Rücklastschriften 1 über 40,00 €');
    expect(text).toContain('Beratung 4 63,33 €');
    expect(text).toContain('Wo am nötigsten 1 50,00 €');
    expect(text).toContain('Laufende Monatsspenden am 24.11.2026 1 von 1 Dauerspendern, zusammen 10,00 € im Monat');
    // open obligations: the overdue deadline and the next one, with date, kind and application
    expect(text).toMatch(/01\.10\.2026 Zwischenbericht überfällig Zwischenbericht Beratung 2026 Stiftung Brücke/);
    expect(text).toMatch(/10\.01\.2027 Mittelabruf Januar Mittelabruf Sprachcafé Stiftung Brücke/);
    expect(text).toContain('Offene Verpflichtungen: überfällige Fristen (1)');
    expect(text).toContain('Laufend 1 20.000,00 € 15.000,00 € 6.000,00 €');
  });

  it('refuses a period that is no period with the dashboard’s German message, and no PDF', async () => {
    const cases: [string, string][] = [
      ['period=2027', 'Das Jahr 2027 liegt in der Zukunft. Gezeigt wird das laufende Jahr bis heute.'],
      ['period=Sommer', '„Sommer“ ist kein Zeitraum.'],
      ['from=2026-06-30&to=2026-03-01', 'Das Ende (01.03.2026) liegt vor dem Anfang (30.06.2026).'],
      ['from=2026-01-01', 'Bis: bitte ein Datum angeben.'],
    ];
    for (const [query, message] of cases) {
      const page = await board.get(`/dashboard?${query}`);
      expect(page.status).toBe(422);
      expect((await page.text()).replaceAll('&quot;', '"')).toContain(message);
      const res = await board.get(`/dashboard/kassenbericht.pdf?${query}`);
      expect([query, res.status]).toEqual([query, 422]);
      expect(res.headers.get('content-type')).not.toContain('pdf');
      expect(res.headers.get('content-disposition')).toBeNull();
      expect((await res.text()).replaceAll('&quot;', '"')).toContain(message);
      // a machine asking for JSON gets the problem document with the field error, as from the API
      const problem = await board.get(`/dashboard/kassenbericht.pdf?${query}`, { accept: 'application/json' });
      expect(problem.status).toBe(422);
      expect(problem.headers.get('content-type')).toContain('application/problem+json');
      expect((await problem.json()).errors[0].message).toContain(message);
    }
  });

  it('is for the board, the treasurer and the admin: members and anonymous visitors get no report', async () => {
    const res = await member.get('/dashboard/kassenbericht.pdf?period=2026');
    expect([403, 404]).toContain(res.status);
    expect(res.headers.get('content-type')).not.toContain('pdf');
    const anonymous = await t.app.request('/dashboard/kassenbericht.pdf?period=2026', { redirect: 'manual' });
    expect([302, 303, 401]).toContain(anonymous.status);
    expect(anonymous.headers.get('content-type') ?? '').not.toContain('pdf');
    await download(treasurer, 'period=2026');
  });
});
