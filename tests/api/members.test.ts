import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app';
import type { Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, signedIn } from '../helpers/factories';

function member(overrides: Record<string, unknown> = {}) {
  return {
    first_name: 'Leyla',
    last_name: 'Yılmaz',
    street: 'Weserstraße 5',
    postal_code: '12047',
    city: 'Berlin',
    email: 'leyla@example.org',
    join_date: '2026-03-15',
    status: 'active',
    membership_type_id: 1,
    payment_method: 'sepa_debit',
    language: 'tr',
    ...overrides,
  };
}

describeEachEngine('members and membership types', (database) => {
  let t: TestApp;
  let treasurer: Client;
  let regular: number;
  let reduced: number;

  beforeAll(async () => {
    t = testApp(database());
    await createAssociation(t.db);
    treasurer = (await signedIn(t, 'treasurer')).client;
  });

  it('creates membership types from cents or German amounts, unique by name', async () => {
    const a = await treasurer.json('POST', '/api/v1/membership-types', { name: 'Ordentliches Mitglied', fee_cents: 6000, reduced_fee_cents: '30,00', interval: 'yearly' });
    expect(a.status).toBe(201);
    const typeA = await a.json();
    expect(typeA).toMatchObject({ fee_cents: 6000, reduced_fee_cents: 3000, interval: 'yearly', active: true });
    regular = typeA.id;
    const b = await treasurer.json('POST', '/api/v1/membership-types', { name: 'Fördermitglied', fee_cents: '5', interval: 'monthly' });
    reduced = (await b.json()).id;
    const dup = await treasurer.json('POST', '/api/v1/membership-types', { name: 'ordentliches mitglied', fee_cents: 100, interval: 'yearly' });
    expect(dup.status).toBe(409);
    const upside = await treasurer.json('POST', '/api/v1/membership-types', { name: 'X', fee_cents: 100, reduced_fee_cents: 200, interval: 'yearly' });
    expect((await upside.json()).errors).toEqual([{ field: 'reduced_fee_cents', message: 'Der ermäßigte Beitrag ist höher als der volle.' }]);
    const bad = await treasurer.json('POST', '/api/v1/membership-types', { name: 'Y', fee_cents: '12,345', interval: 'weekly' });
    expect((await bad.json()).errors).toEqual(
      expect.arrayContaining([
        { field: 'fee_cents', message: 'Betrag wie 12,50 angeben (0 bis 100.000 €)' },
        { field: 'interval', message: 'Muss einer dieser Werte sein: monthly, quarterly, half_yearly, yearly' },
      ]),
    );
  });

  it('gives every member but applicants a unique, increasing member number that is never reused', async () => {
    const first = await (await treasurer.json('POST', '/api/v1/members', member({ membership_type_id: regular }))).json();
    const applicant = await (await treasurer.json('POST', '/api/v1/members', member({ membership_type_id: regular, status: 'applicant', join_date: undefined, first_name: 'Omar', last_name: 'Haddad', email: 'omar@example.org' }))).json();
    expect(applicant.member_number).toBeNull();
    // a create that fails after drawing its number leaves a gap, never a duplicate
    await expect(
      t.db.transaction().execute(async (trx) => {
        await sql`select nextval('member_number_seq')`.execute(trx);
        throw new Error('crash');
      }),
    ).rejects.toThrow('crash');
    const third = await (await treasurer.json('POST', '/api/v1/members', member({ membership_type_id: regular, first_name: 'Jonas', last_name: 'Weber', email: null }))).json();
    expect(third.member_number).toBeGreaterThan(first.member_number + 1);
    const accepted = await treasurer.json('PUT', `/api/v1/members/${applicant.id}`, member({ membership_type_id: regular, status: 'active', join_date: '2026-04-01', first_name: 'Omar', last_name: 'Haddad', email: 'omar@example.org' }));
    expect((await accepted.json()).member_number).toBeGreaterThan(third.member_number);
  });

  it('checks the rules of a record and names each field in German', async () => {
    const res = await treasurer.json(
      'POST',
      '/api/v1/members',
      member({ membership_type_id: regular, join_date: undefined, birth_date: '2030-01-01', postal_code: '1234', email: 'kein-at', exit_date: '2026-01-01', status: 'left' }),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual(
      expect.arrayContaining([
        { field: 'join_date', message: 'Eintrittsdatum fehlt' },
        { field: 'postal_code', message: 'Postleitzahl: fünf Ziffern' },
        { field: 'email', message: 'Keine gültige E-Mail-Adresse' },
      ]),
    );
    const future = await treasurer.json('POST', '/api/v1/members', member({ membership_type_id: regular, birth_date: '2030-01-01' }));
    expect((await future.json()).errors).toEqual([{ field: 'birth_date', message: 'Das Datum liegt in der Zukunft.' }]);
    const noReduced = await treasurer.json('POST', '/api/v1/members', member({ membership_type_id: reduced, reduced_fee: true }));
    expect((await noReduced.json()).errors[0].message).toBe('„Fördermitglied“ hat keinen ermäßigten Beitrag.');
  });

  it('lets one member pay for a family, without chains', async () => {
    const parent = await (await treasurer.json('POST', '/api/v1/members', member({ membership_type_id: regular, first_name: 'Aylin', last_name: 'Demir', email: 'familie.demir@example.org' }))).json();
    const child = await treasurer.json('POST', '/api/v1/members', member({ membership_type_id: regular, reduced_fee: true, first_name: 'Can', last_name: 'Demir', email: 'familie.demir@example.org', payer_member_id: parent.id }));
    expect(child.status).toBe(201);
    const childRow = await child.json();
    const grandchild = await treasurer.json('POST', '/api/v1/members', member({ membership_type_id: regular, first_name: 'Ela', last_name: 'Demir', payer_member_id: childRow.id }));
    expect((await grandchild.json()).errors).toEqual([{ field: 'payer_member_id', message: 'Das zahlende Mitglied wird selbst von jemand anderem bezahlt.' }]);
    const parentPaidFor = await treasurer.json('PUT', `/api/v1/members/${parent.id}`, member({ membership_type_id: regular, first_name: 'Aylin', last_name: 'Demir', payer_member_id: childRow.id }));
    expect(parentPaidFor.status).toBe(422);
    const page = await (await treasurer.get(`/members/${parent.id}`)).text();
    expect(page).toContain('Zahlt auch für');
    expect(page).toContain('Can Demir');
  });

  it('keeps the history of a member: who changed what, before and after', async () => {
    const created = await (await treasurer.json('POST', '/api/v1/members', member({ membership_type_id: regular, first_name: 'Mehmet', last_name: 'Kaya', email: 'mehmet@example.org' }))).json();
    t.clock.advance(60_000);
    await treasurer.json('PUT', `/api/v1/members/${created.id}`, member({ membership_type_id: regular, first_name: 'Mehmet', last_name: 'Kaya', email: 'mehmet.kaya@example.org', city: 'Potsdam', postal_code: '14467' }));
    const history = await (await treasurer.get(`/api/v1/members/${created.id}/history`)).json();
    expect(history.entries.map((e: { action: string }) => e.action)).toEqual(['member.updated', 'member.created']);
    expect(history.entries[0].before).toEqual({ email: 'mehmet@example.org', city: 'Berlin', postal_code: '12047' });
    expect(history.entries[0].after).toEqual({ email: 'mehmet.kaya@example.org', city: 'Potsdam', postal_code: '14467' });
    const page = await (await treasurer.get(`/members/${created.id}`)).text();
    expect(page).toContain('Verlauf');
    expect(page).toContain('mehmet.kaya@example.org');
  });

  it('searches and filters the list', async () => {
    const byName = await (await treasurer.get('/api/v1/members?q=demir')).json();
    expect(byName.members.map((m: { first_name: string }) => m.first_name).sort()).toEqual(['Aylin', 'Can']);
    const byCity = await (await treasurer.get('/api/v1/members?q=potsdam')).json();
    expect(byCity.total).toBe(1);
    const applicants = await (await treasurer.get('/api/v1/members?status=applicant')).json();
    expect(applicants.total).toBe(0);
    const monthly = await (await treasurer.get(`/api/v1/members?type=${reduced}`)).json();
    expect(monthly.total).toBe(0);
    const first = await (await treasurer.get('/api/v1/members?q=1')).json();
    expect(first.members.some((m: { member_number: number }) => m.member_number === 1)).toBe(true);
    const page = await (await treasurer.get('/members?q=yilmaz-gibt-es-nicht')).text();
    expect(page).toContain('Keine Mitglieder passen zu diesem Filter.');
  });

  it('exports a CSV that Excel opens: BOM, semicolons, German dates and amounts, no notes, no formulas', async () => {
    await treasurer.json('POST', '/api/v1/members', member({ membership_type_id: regular, first_name: '=HYPERLINK("x")', last_name: 'Test; "Quote"', notes: 'vertraulich', join_date: '2026-01-02' }));
    const res = await treasurer.get('/members/export.csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="mitglieder-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Mitgliedsnummer;Nachname;Vorname;Straße;PLZ;Ort;Land;E-Mail;Telefon;Geburtsdatum;Eintritt;Austritt;Status;Beitragsart;Beitrag;Zeitraum;Ermäßigt;Zahlungsweise;Zahlt über Mitglied;Newsletter seit;Fotos seit');
    const row = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(row).toContain(`"Test; ""Quote""";"'=HYPERLINK(""x"")"`);
    expect(row).toContain(';02.01.2026;');
    expect(row).toContain(';60,00;jährlich;nein;SEPA-Lastschrift;');
    expect(text).not.toContain('vertraulich');
    const child = lines.find((l) => l.includes(';Can;'))!;
    expect(child).toContain(';30,00;jährlich;ja;');
  });

  it('creates a member through the web form, naming the payer by member number', async () => {
    const parent = await t.db.selectFrom('members').select(['id', 'member_number']).where('first_name', '=', 'Aylin').executeTakeFirstOrThrow();
    const form = {
      first_name: 'Deniz',
      last_name: 'Demir',
      status: 'active',
      join_date: '2026-05-01',
      membership_type_id: String(regular),
      payment_method: 'transfer',
      payer_member_number: String(parent.member_number),
      language: 'de',
      country: 'DE',
    };
    const wrong = await treasurer.post('/members', { ...form, payer_member_number: '99999' });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('Kein Mitglied mit der Nummer 99999.');
    const ok = await treasurer.post('/members', form);
    expect(ok.status).toBe(302);
    const created = await t.db.selectFrom('members').selectAll().where('first_name', '=', 'Deniz').executeTakeFirstOrThrow();
    expect(created.payer_member_id).toBe(parent.id);
    expect(ok.headers.get('location')).toBe(`/members/${created.id}`);
    const edit = await (await treasurer.get(`/members/${created.id}/edit`)).text();
    expect(edit).toContain(`value="${parent.member_number}"`);
  });
});

describe('data kept about members', () => {
  it('has no column for residence status, nationality, origin or religion', async () => {
    const { createTestDatabase } = await import('../helpers/db');
    const database = await createTestDatabase('pglite');
    const { rows } = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'members'`.execute(database.db);
    await database.close();
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.column_name).filter((c) => /residen|aufenthalt|duldung|national|citizen|origin|herkunft|relig|ethni/i.test(c))).toEqual([]);
  });
});
