import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../api/deps';
import { AppError } from '../../api/http/errors';
import { berlinToday } from '../../api/lib/dates';
import { commitMemberImport, memberRuleErrors, previewMemberImport, proposeMapping, type ImportPreview } from '../../api/members/import-members';
import { exportMembersCsv } from '../../api/members/export-members-csv';
import { checkMemberRules } from '../../api/members/member-rules';
import { memberSchema } from '../../api/members/schemas';
import { testApp, type TestApp } from '../helpers/app';
import type { Client } from '../helpers/client';
import { createTestDatabase, describeEachEngine } from '../helpers/db';
import { createAssociation, signedIn } from '../helpers/factories';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** What Excel writes with "CSV (Trennzeichen-getrennt)" on a German Windows: Windows-1252 bytes. */
const CP1252: Record<string, number> = { '€': 0x80, '„': 0x84, '“': 0x93, '”': 0x94, '–': 0x96 };
function cp1252(s: string): Uint8Array {
  return Uint8Array.from([...s], (ch) => {
    const b = CP1252[ch] ?? ch.charCodeAt(0);
    if (b > 0xff) throw new Error(`not in Windows-1252: ${ch}`);
    return b;
  });
}

/** "CSV UTF-8" from Excel: BOM, ';', CRLF; quoted fields with ';', quotes and a line break; German dates and amounts. */
const UTF8_FILE =
  '\uFEFF' +
  [
    'Mitgliedsnummer;Vorname;Nachname;Straße;PLZ;Ort;E-Mail;Geburtsdatum;Eintritt;Beitragsart;Beitrag;Zahlungsweise;Zahlt über;Notizen',
    '101;Leyla;Yılmaz;Weserstraße 5;12047;Berlin;Leyla@Example.org;03.04.1988;15.03.2026;Ordentliches Mitglied;60,00;Lastschrift;;"Sprechstunde dienstags; ruft zurück"',
    '102;Jürgen;Weiß;"Straße des 17. Juni 1";1067;Dresden;;1.2.1960;2026-01-01;ordentliches mitglied;30,00;Überweisung;;"Zeile eins\r\nZeile zwei"',
    '103;Can;Yılmaz;Weserstraße 5;12047;Berlin;;;15.03.2026;Ordentliches Mitglied;30,00;;101;',
    ';Amira;Haddad;;;;amira@example.org;;01.09.2025;Fördermitglied;5,00 €;Überweisung;;"sagt: ""gern"""',
    '',
  ].join('\r\n');

/** "CSV (Trennzeichen-getrennt)" from an older Excel: Windows-1252, ',' and LF, no member numbers. */
const CP1252_FILE = [
  'Nr.,Vorname,Name,Straße,PLZ,Ort,Geburtsdatum,Eintritt,Beitragsart,Ermäßigt,Bemerkung',
  ',Jörg,Müller-Lüdenscheidt,Hauptstraße 1,10115,Berlin,24.12.1970,01.01.2020,Fördermitglied,nein,"Spende 50 €, gern „Quittung“"',
  ',Özlem,Äksoy,"Am Bahnhof 3, Hinterhaus",10115,Berlin,02.02.1992,01.01.2021,Ordentliches Mitglied,ja,',
  ',Renée,Großmann,,,,,01.06.2022,Ordentliches Mitglied,,"Café ""Süß"" – Ecke"',
  '',
].join('\n');

/** One good row, one good row after a broken line, and one of each error. */
const ERROR_FILE = [
  'Vorname;Nachname;E-Mail;Eintritt;Beitragsart',
  'Omar;Haddad;omar@example.org;01.02.2026;Ordentliches Mitglied',
  'Sara;;sara@example.org;01.02.2026;Ordentliches Mitglied',
  'Yusuf;Demir;yusuf@example.org;31.02.2026;Ordentliches Mitglied',
  'Elif;Kaya;elif(at)example.org;01.02.2026;Ordentliches Mitglied',
  'Hans;Meier;hans@example.org;01.02.2026;Ehrenmitglied',
  '"Maria;Schulz;maria@example.org;01.02.2026;Ordentliches Mitglied',
  'Ali;Öztürk;ali@example.org;01.02.2026;Ordentliches Mitglied',
  'Lena;Vogel;lena@example.org;1.3.26;Ordentliches Mitglied',
  '',
].join('\n');

function errorsByLine(preview: ImportPreview) {
  return preview.rows.filter((r) => r.outcome === 'error').map((r) => ({ line: r.line, errors: r.errors.map((e) => `${e.field}: ${e.message.de}`) }));
}

describeEachEngine('member CSV import', (database, engine) => {
  let t: TestApp;
  let treasurer: Client;
  let actor: Actor;

  const countMembers = () => t.db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));
  const countAudit = (action: string) =>
    t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).executeTakeFirstOrThrow().then((r) => Number(r.n));
  const memberByName = (first: string, last: string) =>
    t.db.selectFrom('members').selectAll().where('first_name', '=', first).where('last_name', '=', last).executeTakeFirstOrThrow();
  const commit = (bytes: Uint8Array, preview: ImportPreview) =>
    t.db.transaction().execute((trx) => commitMemberImport(trx, { csvBytes: bytes, mapping: preview.mapping, actor }, t.deps));

  beforeAll(async () => {
    t = testApp(database());
    await createAssociation(t.db);
    const signed = await signedIn(t, 'treasurer');
    treasurer = signed.client;
    actor = { kind: 'user', id: signed.user.id, label: signed.user.name, role: 'treasurer' };
    const regular = await treasurer.json('POST', '/api/v1/membership-types', { name: 'Ordentliches Mitglied', fee_cents: '60,00', reduced_fee_cents: '30,00', interval: 'yearly' });
    expect(regular.status).toBe(201);
    const supporting = await treasurer.json('POST', '/api/v1/membership-types', { name: 'Fördermitglied', fee_cents: '5,00', interval: 'monthly' });
    expect(supporting.status).toBe(201);
  });

  it('proposes a mapping from German and English column names', () => {
    expect(proposeMapping(['Mitgliedsnummer', 'Vorname', 'Name', 'E-Mail-Adresse', 'Straße', 'Hausnr.', 'PLZ', 'Wohnort', 'Geb.-Datum', 'Eintrittsdatum', 'Austritt', 'Zahlt über Mitglied', 'Ermäßigt', 'Beitragsart', 'Zeitraum', 'Vorname'])).toEqual([
      'member_number',
      'first_name',
      'last_name',
      'email',
      'street',
      'house_number',
      'postal_code',
      'city',
      'birth_date',
      'join_date',
      'exit_date',
      'payer_member_number',
      'reduced_fee',
      'membership_type',
      null,
      null,
    ]);
    expect(proposeMapping(['First name', 'Last name', 'Date of birth', 'Membership type', 'Phone'])).toEqual(['first_name', 'last_name', 'birth_date', 'membership_type', 'phone']);
  });

  it('previews a UTF-8 file (BOM, ";", CRLF, quoted fields) without writing anything', async () => {
    const bytes = utf8(UTF8_FILE);
    const before = await countMembers();
    const auditBefore = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const preview = await previewMemberImport(t.db, { csvBytes: bytes }, t.deps);
    expect(preview.encoding).toBe('utf-8');
    expect(preview.delimiter).toBe(';');
    expect(preview.fileErrors).toEqual([]);
    expect(errorsByLine(preview)).toEqual([]);
    expect(preview.counts).toEqual({ rows: 4, new: 4, existing: 0, duplicate: 0, error: 0 });
    // Line numbers are the file's: the quoted line break makes Jürgen's row take lines 3 and 4.
    expect(preview.rows.map((r) => r.line)).toEqual([2, 3, 5, 6]);
    const [leyla, juergen, can, amira] = preview.rows.map((r) => r.member!);
    expect(leyla).toMatchObject({ first_name: 'Leyla', last_name: 'Yılmaz', email: 'leyla@example.org', birth_date: '1988-04-03', join_date: '2026-03-15', reduced_fee: false, payment_method: 'sepa_debit', notes: 'Sprechstunde dienstags; ruft zurück' });
    expect(juergen).toMatchObject({ first_name: 'Jürgen', last_name: 'Weiß', street: 'Straße des 17. Juni 1', postal_code: '01067', birth_date: '1960-02-01', join_date: '2026-01-01', reduced_fee: true, payment_method: 'transfer', notes: 'Zeile eins\nZeile zwei' });
    expect(can).toMatchObject({ reduced_fee: true, status: 'active' });
    expect(preview.rows[2]!.payerNumber).toBe(101);
    expect(amira).toMatchObject({ first_name: 'Amira', notes: 'sagt: "gern"', payment_method: 'transfer' });
    expect(preview.rows[3]!.memberNumber).toBeNull();
    expect(await countMembers()).toBe(before);
    expect(await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual(auditBefore);
  });

  it('imports the file in one transaction, keeps the file’s member numbers and moves the sequence past them', async () => {
    const bytes = utf8(UTF8_FILE);
    const preview = await previewMemberImport(t.db, { csvBytes: bytes }, t.deps);
    const result = await commit(bytes, preview);
    expect(result).toMatchObject({ created: 4, existing: 0, duplicate: 0, sha256: preview.sha256 });
    const leyla = await memberByName('Leyla', 'Yılmaz');
    const can = await memberByName('Can', 'Yılmaz');
    const amira = await memberByName('Amira', 'Haddad');
    expect(leyla.member_number).toBe(101);
    expect(can.member_number).toBe(103);
    expect(can.payer_member_id).toBe(leyla.id);
    // A fresh sequence: the member without a number in the file gets one after the highest imported.
    expect(amira.member_number).toBe(104);
    expect(await countAudit('member.imported')).toBe(4);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.imported').where('entity_id', '=', String(can.id)).executeTakeFirstOrThrow();
    expect(audit.actor).toBe(actor.label);
    const after = typeof audit.after === 'string' ? JSON.parse(audit.after) : audit.after;
    expect(after).toMatchObject({ first_name: 'Can', member_number: 103, import: { file_sha256: preview.sha256, line: 5 } });
    expect(await countAudit('member_import.committed')).toBe(1);
    // The next member created by hand continues after the imported numbers.
    const next = await treasurer.json('POST', '/api/v1/members', {
      first_name: 'Jonas',
      last_name: 'Weber',
      join_date: '2026-05-01',
      membership_type_id: leyla.membership_type_id,
      payment_method: 'transfer',
    });
    expect((await next.json()).member_number).toBe(105);
  });

  it('creates nothing when the same file is imported again, and says the rows are already there', async () => {
    const bytes = utf8(UTF8_FILE);
    const before = await countMembers();
    const preview = await previewMemberImport(t.db, { csvBytes: bytes }, t.deps);
    expect(preview.counts).toEqual({ rows: 4, new: 0, existing: 4, duplicate: 0, error: 0 });
    expect(preview.rows.map((r) => r.existing?.member_number)).toEqual([101, 102, 103, 104]);
    const result = await commit(bytes, preview);
    expect(result).toMatchObject({ created: 0, existing: 4 });
    expect(await countMembers()).toBe(before);
  });

  it('reads a Windows-1252 file with "," (umlauts, ß, é, €, „…“) and imports it with numbers from the sequence', async () => {
    const bytes = cp1252(CP1252_FILE);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const preview = await previewMemberImport(t.db, { csvBytes: bytes }, t.deps);
    expect(preview.encoding).toBe('windows-1252');
    expect(preview.delimiter).toBe(',');
    expect(preview.header).toContain('Straße');
    expect(errorsByLine(preview)).toEqual([]);
    expect(preview.counts).toMatchObject({ new: 3, error: 0 });
    const result = await commit(bytes, preview);
    expect(result.created).toBe(3);
    const joerg = await memberByName('Jörg', 'Müller-Lüdenscheidt');
    expect(joerg).toMatchObject({ notes: 'Spende 50 €, gern „Quittung“', birth_date: '1970-12-24', reduced_fee: false });
    expect(joerg.member_number).toBeGreaterThan(105);
    expect(await memberByName('Özlem', 'Äksoy')).toMatchObject({ street: 'Am Bahnhof 3, Hinterhaus', reduced_fee: true });
    expect(await memberByName('Renée', 'Großmann')).toMatchObject({ notes: 'Café "Süß" – Ecke' });
    // Without member numbers a row is recognised by its name (and birth date): again nothing is created.
    const again = await previewMemberImport(t.db, { csvBytes: bytes }, t.deps);
    expect(again.counts).toMatchObject({ new: 0, existing: 3 });
  });

  it('lists every row error in German with its line number, and writes nothing', async () => {
    const bytes = utf8(ERROR_FILE);
    const before = await countMembers();
    const preview = await previewMemberImport(t.db, { csvBytes: bytes }, t.deps);
    expect(errorsByLine(preview)).toEqual([
      { line: 3, errors: ['last_name: Pflichtfeld – bitte ausfüllen'] },
      { line: 4, errors: ['join_date: Dieses Datum gibt es nicht: „31.02.2026“'] },
      { line: 5, errors: ['email: Keine gültige E-Mail-Adresse'] },
      { line: 6, errors: ['membership_type: Beitragsart „Ehrenmitglied“ gibt es nicht (vorhanden: Fördermitglied, Ordentliches Mitglied).'] },
      { line: 7, errors: ['line: Die Zeile ist nicht lesbar: ein Anführungszeichen wird nicht geschlossen.'] },
      { line: 9, errors: ['join_date: Jahr bitte vierstellig angeben (TT.MM.JJJJ): „1.3.26“'] },
    ]);
    expect(preview.counts).toEqual({ rows: 8, new: 2, existing: 0, duplicate: 0, error: 6 });
    expect(preview.rows.filter((r) => r.outcome === 'new').map((r) => r.line)).toEqual([2, 8]);
    // No membership type is created on the way.
    expect((await t.db.selectFrom('membership_types').select('name').execute()).map((r) => r.name).sort()).toEqual(['Fördermitglied', 'Ordentliches Mitglied']);
    expect(await countMembers()).toBe(before);
  });

  it('refuses to commit a file with an error and writes nothing at all, not even its good rows', async () => {
    const bytes = utf8(ERROR_FILE);
    const before = await countMembers();
    const auditBefore = await countAudit('member.imported');
    const preview = await previewMemberImport(t.db, { csvBytes: bytes }, t.deps);
    const error = await commit(bytes, preview).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation');
    expect((error as AppError).detail?.de).toBe('Der Import enthält Fehler (6 Zeile(n)); es wurde nichts gespeichert.');
    expect((error as AppError).fieldErrors).toContainEqual({ field: 'rows.4.join_date', message: { de: 'Dieses Datum gibt es nicht: „31.02.2026“', en: 'No such date: “31.02.2026”' } });
    expect(await countMembers()).toBe(before);
    expect(await countAudit('member.imported')).toBe(auditBefore);
    expect(await t.db.selectFrom('members').select('id').where('first_name', '=', 'Omar').execute()).toEqual([]);
  });

  it('rolls the whole import back when the surrounding transaction fails', async () => {
    const bytes = utf8('Vorname;Nachname;Eintritt;Beitragsart\nRollback;Eins;01.01.2026;Fördermitglied\nRollback;Zwei;01.01.2026;Fördermitglied\n');
    const before = await countMembers();
    const preview = await previewMemberImport(t.db, { csvBytes: bytes }, t.deps);
    await expect(
      t.db.transaction().execute(async (trx) => {
        const result = await commitMemberImport(trx, { csvBytes: bytes, mapping: preview.mapping, actor }, t.deps);
        expect(result.created).toBe(2);
        throw new Error('crash after the inserts');
      }),
    ).rejects.toThrow('crash after the inserts');
    expect(await countMembers()).toBe(before);
  });

  it('skips a repeated row, refuses a contradicting one, a taken number and a wrong payer', async () => {
    const bytes = utf8(
      [
        'Nr;Vorname;Nachname;Geburtsdatum;Eintritt;Beitragsart;Zahlt über;Status',
        ';Deniz;Arslan;05.05.1990;01.01.2026;Fördermitglied;;',
        ';Deniz;Arslan;05.05.1990;01.01.2026;Fördermitglied;;',
        ';Deniz;Arslan;05.05.1990;01.02.2026;Fördermitglied;;',
        '101;Max;Mustermann;;01.01.2026;Fördermitglied;;',
        '300;Ana;Lima;;01.01.2026;Fördermitglied;999;',
        '301;Bo;Lima;;01.01.2026;Fördermitglied;103;',
        '302;Cem;Lima;;;Fördermitglied;;Antrag',
        '303;Dua;Lima;;01.01.2026;Fördermitglied;302;',
        '',
      ].join('\n'),
    );
    const preview = await previewMemberImport(t.db, { csvBytes: bytes }, t.deps);
    expect(preview.rows.map((r) => [r.line, r.outcome, r.duplicateOf])).toEqual([
      [2, 'new', null],
      [3, 'duplicate', 2],
      [4, 'error', null],
      [5, 'error', null],
      [6, 'error', null],
      [7, 'error', null],
      [8, 'new', null],
      [9, 'error', null],
    ]);
    expect(errorsByLine(preview)).toEqual([
      { line: 4, errors: ['last_name: Dieselbe Person wie in Zeile 2, aber mit anderen Angaben. Sind es zwei Personen, bitte Geburtsdatum oder E-Mail ergänzen.'] },
      { line: 5, errors: ['member_number: Die Nummer 101 hat schon Leyla Yılmaz.'] },
      { line: 6, errors: ['payer_member_number: Kein Mitglied mit der Nummer 999 (weder gespeichert noch in der Datei).'] },
      { line: 7, errors: ['payer_member_number: Das zahlende Mitglied wird selbst von jemand anderem bezahlt.'] },
      { line: 9, errors: ['payer_member_number: Das zahlende Mitglied ist nicht aktiv.'] },
    ]);
  });

  it('checks a record by the same rules as checkMemberRules (without its per-row queries)', async () => {
    const today = berlinToday(t.deps.clock.now());
    const types = await t.db.selectFrom('membership_types').selectAll().execute();
    const base = { first_name: 'R', last_name: 'S', join_date: '2026-01-01', payment_method: 'transfer' };
    for (const type of types) {
      for (const extra of [
        {},
        { reduced_fee: true },
        { birth_date: '2030-01-01' },
        { birth_date: '1899-12-31' },
        { join_date: '2027-01-01', consent_newsletter_on: '2027-01-01', consent_photos_on: '2026-11-24' },
        { reduced_fee: true, birth_date: '2026-11-25' },
      ]) {
        const input = memberSchema.parse({ ...base, ...extra, membership_type_id: type.id });
        const theirs = await checkMemberRules(t.db, input, today, null).then(
          () => [],
          (e: AppError) => e.fieldErrors,
        );
        expect(memberRuleErrors(input, type, today), `${type.name} ${JSON.stringify(extra)}`).toEqual(theirs);
      }
    }
  });

  it('explains what is wrong with a file that is no member list', async () => {
    const xlsx = await previewMemberImport(t.db, { csvBytes: Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0, 0) }, t.deps);
    expect(xlsx.fileErrors[0]!.message.de).toContain('Excel-Arbeitsmappe');
    const noType = await previewMemberImport(t.db, { csvBytes: utf8('Vorname;Nachname\nA;B\n') }, t.deps);
    expect(noType.fileErrors.map((e) => e.message.de)).toEqual(['Keine Spalte ist „Beitragsart“ zugeordnet.']);
    const twice = await previewMemberImport(t.db, { csvBytes: utf8('Vorname;Nachname;Beitragsart\nA;B;Fördermitglied\n'), mapping: ['first_name', 'first_name', 'membership_type'] }, t.deps);
    expect(twice.fileErrors.map((e) => e.message.de)).toEqual(['„Vorname“ ist mehreren Spalten zugeordnet: „Vorname“, „Nachname“.', 'Keine Spalte ist „Nachname“ zugeordnet.']);
    const headerOnly = await previewMemberImport(t.db, { csvBytes: utf8('Vorname;Nachname;Beitragsart\r\n') }, t.deps);
    expect(headerOnly.fileErrors.map((e) => e.message.de)).toEqual(['Die Datei enthält nur die Kopfzeile, keine Mitglieder.']);
  });

  it('reads back the member export: into a new database it recreates the same members', async () => {
    const exported = utf8(await exportMembersCsv(t.db, {}));
    const stored = await t.db.selectFrom('members').selectAll().orderBy('member_number').execute();
    const same = await previewMemberImport(t.db, { csvBytes: exported }, t.deps);
    expect(same.counts).toMatchObject({ rows: stored.length, existing: stored.length, new: 0, error: 0 });
    const other = await createTestDatabase(engine);
    try {
      for (const type of await t.db.selectFrom('membership_types').selectAll().execute()) {
        await other.db.insertInto('membership_types').values({ name: type.name, fee_cents: type.fee_cents, reduced_fee_cents: type.reduced_fee_cents, interval: type.interval, created_at: type.created_at }).execute();
      }
      const preview = await previewMemberImport(other.db, { csvBytes: exported }, t.deps);
      expect(errorsByLine(preview)).toEqual([]);
      expect(preview.counts).toMatchObject({ new: stored.length, error: 0 });
      await other.db.transaction().execute((trx) => commitMemberImport(trx, { csvBytes: exported, mapping: preview.mapping, actor: systemActor('test') }, t.deps));
      const copied = await other.db.selectFrom('members as m').leftJoin('members as p', 'p.id', 'm.payer_member_id').selectAll('m').select('p.member_number as payer_number').orderBy('m.member_number').execute();
      const payerNumber = new Map(stored.map((m) => [m.id, m.member_number]));
      // Everything the export holds comes back (notes and language stay in the app and are not exported).
      const comparable = (m: (typeof stored)[number], payer: number | null | undefined) => ({
        ...Object.fromEntries(['member_number', 'first_name', 'last_name', 'street', 'postal_code', 'city', 'country', 'email', 'phone', 'birth_date', 'join_date', 'exit_date', 'status', 'reduced_fee', 'payment_method', 'consent_newsletter_on', 'consent_photos_on'].map((k) => [k, m[k as keyof typeof m]])),
        payer: payer ?? null,
      });
      expect(copied.map((m) => comparable(m, m.payer_number))).toEqual(stored.map((m) => comparable(m, m.payer_member_id ? payerNumber.get(m.payer_member_id) : null)));
    } finally {
      await other.close();
    }
  });

  // ---- through the web screens ----

  /** A multipart upload as a browser sends it, with the client's cookies and CSRF token. */
  async function upload(client: Client, bytes: Uint8Array, name = 'mitglieder.csv') {
    if (!client.csrfToken) await client.get('/health');
    const form = new FormData();
    form.set('_csrf', client.csrfToken!);
    form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'text/csv' }), name);
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return t.app.request('/members/import/preview', { method: 'POST', headers: { cookie }, body: form });
  }
  /** The confirm form of a preview page, as the browser would submit it. */
  function confirmForm(html: string): Record<string, string> {
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
    const form: Record<string, string> = { data: hidden('data'), sha256: hidden('sha256'), previewed_mapping: hidden('previewed_mapping').replace(/&amp;/g, '&') };
    for (const m of html.matchAll(/<select id="[^"]*" name="(map_\d+)"[^>]*>([\s\S]*?)<\/select>/g)) {
      form[m[1]!] = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? '';
    }
    return form;
  }

  describe('web screens', () => {
    it('uploads, previews, imports, and imports the same file again without duplicates', async () => {
      const page = await treasurer.get('/members/import');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('enctype="multipart/form-data"');

      const file = utf8(UTF8_FILE.replace(/101|102|103/g, (n) => String(Number(n) + 400)).replace(/Leyla|Jürgen|Can|Amira/g, (s) => `${s}W`));
      const preview = await upload(treasurer, file);
      expect(preview.status).toBe(200);
      const html = await preview.text();
      expect(html).toContain('4 Zeile(n): 4 neu, 0 schon vorhanden, 0 doppelt in der Datei, 0 mit Fehlern.');
      expect(html).toContain('Noch ist nichts gespeichert.');
      const before = await countMembers();

      const form = confirmForm(html);
      expect(form.map_1).toBe('first_name');
      const done = await treasurer.post('/members/import', form);
      expect(done.status).toBe(302);
      expect(done.headers.get('location')).toBe('/members');
      expect(await countMembers()).toBe(before + 4);
      expect(await (await treasurer.get('/members')).text()).toContain('4 Mitglied(er) importiert.');

      const again = await treasurer.post('/members/import', form);
      expect(again.status).toBe(302);
      expect(await countMembers()).toBe(before + 4);
      expect(await (await treasurer.get('/members')).text()).toContain('Nichts importiert: alle 4 Zeilen sind schon vorhanden.');
    });

    it('shows row errors in German with line numbers and refuses the import', async () => {
      const preview = await upload(treasurer, utf8(ERROR_FILE));
      const html = await preview.text();
      expect(html).toContain('6 mit Fehlern');
      expect(html).toMatch(/<td class="num">4<\/td><td>Demir, Yusuf<\/td><td>„Eintritt“<\/td><td class="error">Dieses Datum gibt es nicht: „31.02.2026“<\/td>/);
      expect(html).toContain('Die Zeile ist nicht lesbar: ein Anführungszeichen wird nicht geschlossen.');
      expect(html).not.toContain('Mitglied(er) importieren</button>');
      const before = await countMembers();
      const refused = await treasurer.post('/members/import', confirmForm(html));
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain('Der Import enthält Fehler (6 Zeile(n)); es wurde nichts gespeichert.');
      expect(await countMembers()).toBe(before);
    });

    it('re-previews with a changed mapping instead of importing what was not shown', async () => {
      const html = await (await upload(treasurer, utf8('Vorname;Nachname;Eintritt;Beitragsart;Ort\nMapping;Test;01.01.2026;Fördermitglied;Köln\n'))).text();
      const form = confirmForm(html);
      expect(form.map_4).toBe('city');
      const before = await countMembers();
      const res = await treasurer.post('/members/import', { ...form, map_4: '' });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Die Zuordnung wurde geändert.');
      expect(await countMembers()).toBe(before);
    });

    it('refuses data that was changed between preview and import', async () => {
      const html = await (await upload(treasurer, utf8('Vorname;Nachname;Eintritt;Beitragsart\nTamper;Test;01.01.2026;Fördermitglied\n'))).text();
      const form = confirmForm(html);
      const res = await treasurer.post('/members/import', { ...form, sha256: '0'.repeat(64) });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Bitte die Datei neu hochladen.');
    });

    it('is for the treasurer only', async () => {
      const board = (await signedIn(t, 'board')).client;
      expect((await board.get('/members/import')).status).toBe(403);
      expect((await upload(board, utf8(UTF8_FILE))).status).toBe(403);
    });
  });

  it('keeps the sequence ahead on a database where numbers were already drawn', async () => {
    const { rows } = await sql<{ last_value: number }>`select last_value::int as last_value from member_number_seq`.execute(t.db);
    const maxRow = await t.db.selectFrom('members').select((eb) => eb.fn.max('member_number').as('m')).executeTakeFirstOrThrow();
    expect(Number(rows[0]!.last_value)).toBeGreaterThanOrEqual(Number(maxRow.m));
  });
});
