import { beforeAll, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app';
import { postOk, type Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createDonor, createGift } from '../helpers/donor-factories';
import { createAssociation, signedIn } from '../helpers/factories';
import { createFunder, createGrantApplication } from '../helpers/grant-factories';

/**
 * Every list exports to a CSV that Excel in a German locale opens by double click (issue #7):
 * UTF-8 with BOM, ';' between fields, German amounts and dates, quotes and line breaks kept in
 * one cell, formulas neutralised, the list's filter respected, and only for those who see the
 * list. Each export is parsed back here with a parser of its own (RFC 4180 with ';').
 */

/** RFC 4180 with ';': quoted cells may hold ';', '""' and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ';') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

interface Csv {
  header: string[];
  rows: Record<string, string>[];
  raw: string;
}

const EVIL = '=HYPERLINK("http://evil.example";"klick")';
const QUOTED = 'Anna "Nina"; Müller';
const TWO_LINES = 'Zeile eins\nZeile zwei';

describeEachEngine('CSV exports for Excel', (database) => {
  let t: TestApp;
  let treasurer: Client;
  let board: Client;
  let member: Client;

  /** GETs an export, checks the bytes and headers Excel needs, and parses it back. */
  async function csv(client: Client, path: string, filename: RegExp): Promise<Csv> {
    const res = await client.get(path);
    expect([path, res.status]).toEqual([path, 200]);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(filename);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const raw = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    expect(raw.endsWith('\r\n')).toBe(true);
    const [header, ...rest] = parseCsv(raw);
    expect(header!.length).toBeGreaterThan(5);
    for (const r of rest) expect(r.length).toBe(header!.length); // a ';' or line break inside a cell never splits it
    return { header: header!, rows: rest.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))), raw };
  }

  let typeId: number;
  let n = 0;
  async function memberRow(m: { first_name: string; last_name: string; status?: 'active' | 'left'; street?: string }) {
    const row = await t.db
      .insertInto('members')
      .values({
        member_number: ++n,
        first_name: m.first_name,
        last_name: m.last_name,
        email: `m${n}@example.org`,
        street: m.street ?? 'Weserstraße 5',
        postal_code: '12047',
        city: 'Berlin',
        status: m.status ?? 'active',
        join_date: '2026-11-24',
        exit_date: m.status === 'left' ? '2026-12-31' : null,
        membership_type_id: typeId,
        payment_method: 'transfer',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  async function claimRow(memberId: number, c: { due_date: string; amount_cents: number; paid_cents?: number; status: 'open' | 'paid' | 'partly_paid'; label?: string }) {
    await t.db
      .insertInto('claims')
      .values({
        member_id: memberId,
        debtor_member_id: memberId,
        membership_type_id: typeId,
        period_start: '2026-01-01',
        period_end: '2026-12-31',
        label: c.label ?? 'Mitgliedsbeitrag 2026',
        due_date: c.due_date,
        amount_cents: c.amount_cents,
        paid_cents: c.paid_cents ?? 0,
        status: c.status,
        created_at: new Date(),
      })
      .execute();
  }

  let evilMember = 0;
  let quotedMember = 0;

  beforeAll(async () => {
    t = testApp(database());
    await createAssociation(t.db);
    treasurer = (await signedIn(t, 'treasurer')).client;
    board = (await signedIn(t, 'board')).client;
    member = (await signedIn(t, 'member')).client;
    typeId = (await t.db.insertInto('membership_types').values({ name: 'Fördermitglied', fee_cents: 123456, interval: 'yearly', created_at: new Date() }).returning('id').executeTakeFirstOrThrow()).id;

    evilMember = await memberRow({ first_name: EVIL, last_name: 'Böse' });
    quotedMember = await memberRow({ first_name: QUOTED, last_name: 'Schulz', street: TWO_LINES });
    const left = await memberRow({ first_name: 'Lea', last_name: 'Gegangen', status: 'left' });
    await claimRow(evilMember, { due_date: '2026-11-24', amount_cents: 123456, status: 'open' });
    await claimRow(quotedMember, { due_date: '2026-03-01', amount_cents: 6000, paid_cents: 6000, status: 'paid', label: 'Beitrag "Q1"; 2026' });
    await claimRow(left, { due_date: '2026-02-01', amount_cents: 10000, paid_cents: 2550, status: 'partly_paid' });
  });

  it('members: BOM, ";", German dates and amounts, quotes and line breaks in one cell, formula neutralised, filter kept', async () => {
    const all = await csv(treasurer, '/members/export.csv', /filename="mitglieder-2026-11-24\.csv"/);
    expect(all.rows.length).toBe(3);
    const evil = all.rows.find((r) => r.Nachname === 'Böse')!;
    expect(evil.Vorname).toBe(`'${EVIL}`);
    expect(evil.Eintritt).toBe('24.11.2026');
    expect(evil.Beitrag).toBe('1.234,56');
    const quoted = all.rows.find((r) => r.Nachname === 'Schulz')!;
    expect(quoted.Vorname).toBe(QUOTED);
    expect(quoted['Straße']).toBe(TWO_LINES);
    expect(all.raw).toContain('"Anna ""Nina""; Müller"');

    const left = await csv(treasurer, '/members/export.csv?status=left', /mitglieder/);
    expect(left.rows.map((r) => [r.Nachname, r.Status, r.Austritt])).toEqual([['Gegangen', 'ausgetreten', '31.12.2026']]);
  });

  it('dues claims: the list has the link; the export keeps its status filter, amounts "1.234,56", dates "24.11.2026"', async () => {
    const page = await (await treasurer.get('/dues/claims?status=open')).text();
    expect(page).toContain('<a href="/dues/claims/export.csv?status=open">Als CSV (Excel)</a>');

    const all = await csv(treasurer, '/dues/claims/export.csv', /filename="forderungen-2026-11-24\.csv"/);
    expect(all.rows.map((r) => r['Fällig'])).toEqual(['24.11.2026', '01.03.2026', '01.02.2026']); // newest due first, as on screen
    const evil = all.rows[0]!;
    expect(evil).toMatchObject({ Vorname: `'${EVIL}`, Nachname: 'Böse', Betrag: '1.234,56', Bezahlt: '0,00', Offen: '1.234,56', Status: 'offen', Beitragsart: 'Fördermitglied', 'Zeitraum von': '01.01.2026', 'Zeitraum bis': '31.12.2026' });
    expect(evil.Zahler).toBe(`'${EVIL} Böse`);
    expect(all.rows[1]).toMatchObject({ Vorname: QUOTED, Forderung: 'Beitrag "Q1"; 2026', Status: 'bezahlt', Offen: '0,00' });
    expect(all.rows[2]).toMatchObject({ Betrag: '100,00', Bezahlt: '25,50', Offen: '74,50', Status: 'teilweise bezahlt' });

    const paid = await csv(treasurer, '/dues/claims/export.csv?status=paid', /forderungen/);
    expect(paid.rows.map((r) => r.Nachname)).toEqual(['Schulz']);
    // the list says why it is empty, and the export of an empty list is its header line
    const emptyList = await (await treasurer.get('/dues/claims?status=written_off')).text();
    expect(emptyList).toContain('<p class="empty">Keine Forderungen mit dem Status „ausgebucht“.</p>');
    const none = await csv(treasurer, '/dues/claims/export.csv?status=written_off', /forderungen/);
    expect(none.rows).toEqual([]);
    expect(none.header[0]).toBe('Nr.');
  });

  it('donations: German amounts and dates, the donor\'s name neutralised and quoted, the date filter kept', async () => {
    const evil = await createDonor(t.db, { name: EVIL, email: null });
    const quoted = await createDonor(t.db, { name: QUOTED, email: null, street: TWO_LINES });
    await createGift(t.db, { donorId: evil.id, donated_on: '2026-11-24', amount_cents: 123456, method: 'transfer' });
    await createGift(t.db, { donorId: quoted.id, donated_on: '2026-10-01', amount_cents: 500, method: 'cash' });

    const page = await (await treasurer.get('/donations?from=2026-11-01')).text();
    expect(page).toContain('<a href="/donations/export.csv?from=2026-11-01">Als CSV (Excel)</a>');
    const all = await csv(treasurer, '/donations/export.csv', /spenden-2026-11-24\.csv/);
    expect(all.rows.map((r) => [r.Datum, r.Spender, r.Betrag])).toEqual([
      ['01.10.2026', QUOTED, '5,00'],
      ['24.11.2026', `'${EVIL}`, '1.234,56'],
    ]);
    expect(all.rows[0]!['Straße']).toBe(TWO_LINES);
    const november = await csv(treasurer, '/donations/export.csv?from=2026-11-01&to=2026-11-30', /spenden/);
    expect(november.rows.map((r) => r.Spender)).toEqual([`'${EVIL}`]);
  });

  it('receipts: the list has the link; the export carries number, German date and sum, the address with its line break, and keeps the filter', async () => {
    const evil = await createDonor(t.db, { name: '=1+2 Stiftung', email: null });
    const quoted = await createDonor(t.db, { name: 'Dr. "Q"; Quast', email: null });
    const g1 = await createGift(t.db, { donorId: evil.id, donated_on: '2026-03-01', amount_cents: 123456, method: 'transfer' });
    const g2 = await createGift(t.db, { donorId: quoted.id, donated_on: '2026-04-01', amount_cents: 2000, method: 'transfer' });
    const first = (await postOk(treasurer, '/api/v1/receipts', { donationIds: [g1] })) as { id: number; number: string };
    const second = (await postOk(treasurer, '/api/v1/receipts', { donationIds: [g2] })) as { id: number; number: string };
    await postOk(treasurer, `/api/v1/receipts/${second.id}/cancel`, { reason: 'Anschrift falsch; neu' });

    const page = await (await treasurer.get('/receipts?state=cancelled')).text();
    expect(page).toContain('<a href="/receipts/export.csv?state=cancelled">Als CSV (Excel)</a>');

    const all = await csv(treasurer, '/receipts/export.csv', /filename="zuwendungsbestaetigungen-2026-11-24\.csv"/);
    expect(all.rows.map((r) => r.Nummer)).toEqual([second.number, first.number]);
    const row = all.rows[1]!;
    expect(row).toMatchObject({ 'Empfänger': "'=1+2 Stiftung", 'Ausgestellt am': '24.11.2026', Summe: '1.234,56', Art: 'Einzelbestätigung', Zustand: 'gültig', Jahr: '2026' });
    expect(row.Anschrift).toContain('\n'); // street and city on their own lines, in one cell
    expect(row.Anschrift).toContain('12043 Berlin');
    expect(all.rows[0]).toMatchObject({ 'Empfänger': 'Dr. "Q"; Quast', Zustand: 'storniert', Grund: 'Anschrift falsch; neu', Summe: '20,00' });

    const cancelled = await csv(treasurer, '/receipts/export.csv?state=cancelled', /zuwendungsbestaetigungen/);
    expect(cancelled.rows.map((r) => r.Nummer)).toEqual([second.number]);
    const byName = await csv(treasurer, '/receipts/export.csv?q=Stiftung', /zuwendungsbestaetigungen/);
    expect(byName.rows.map((r) => r.Nummer)).toEqual([first.number]);
    expect((await csv(treasurer, '/receipts/export.csv?year=2025', /zuwendungsbestaetigungen/)).rows).toEqual([]);
    expect((await treasurer.get('/receipts/export.csv?year=abc')).status).toBe(422);
  });

  it('grants: German amounts and dates, the title neutralised, the funder filter kept; the board may export', async () => {
    const funder = await createFunder(t.db, { name: 'Stiftung "Nachbarn"; Berlin' });
    const other = await createFunder(t.db, { name: 'Bezirksamt' });
    await createGrantApplication(t.db, { funder_id: Number(funder.id), title: EVIL, status: 'submitted', submitted_on: '2026-11-24', requested_cents: 123456, notes: TWO_LINES });
    await createGrantApplication(t.db, { funder_id: Number(other.id), title: '-2+3 Projekt', status: 'idea', requested_cents: 50000 });

    const all = await csv(board, '/grants/export.csv', /Foerderantraege-2026-11-24\.csv/);
    const evil = all.rows.find((r) => r.Titel === `'${EVIL}`)!;
    expect(evil).toMatchObject({ 'Fördermittelgeber': 'Stiftung "Nachbarn"; Berlin', 'Eingereicht am': '24.11.2026', Beantragt: '1.234,56', Notizen: TWO_LINES });
    expect(all.rows.find((r) => r.Titel === "'-2+3 Projekt")!.Beantragt).toBe('500,00');
    const one = await csv(treasurer, `/grants/export.csv?funder=${funder.id}`, /Foerderantraege/);
    expect(one.rows.map((r) => r.Titel)).toEqual([`'${EVIL}`]);
  });

  it('refuses the member role (and the board outside grants) every export', async () => {
    for (const path of ['/members/export.csv', '/dues/claims/export.csv', '/donations/export.csv', '/receipts/export.csv', '/grants/export.csv']) {
      expect([path, (await member.get(path)).status]).toEqual([path, 403]);
    }
    for (const path of ['/members/export.csv', '/dues/claims/export.csv', '/donations/export.csv', '/receipts/export.csv']) {
      expect([path, (await board.get(path)).status]).toEqual([path, 403]);
    }
  });
});
