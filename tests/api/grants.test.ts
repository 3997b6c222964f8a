import { beforeAll, beforeEach, expect, it } from 'vitest';
import { GRANT_DOCUMENT_MAX_BYTES } from '../../api/lib/grants';
import { testApp, type TestApp } from '../helpers/app';
import type { Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, createUser, signedIn } from '../helpers/factories';
import { createFunder, createGrantApplication, createGrantDeadline } from '../helpers/grant-factories';

/**
 * The grants core through HTTP as the board and the treasurer use it (screens and JSON API), on
 * real databases: funders, applications, the pipeline, documents, the board and its CSV.
 */

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const idFrom = (res: Response, prefix: string) => Number(new RegExp(`^/${prefix}/(\\d+)`).exec(res.headers.get('location') ?? '')?.[1]);

describeEachEngine('grants core: funders, applications, pipeline, documents', (database) => {
  let t: TestApp;
  let treasurer: Client;
  let board: Client;
  let boardUser: { id: number; name: string };
  let member: Client;

  beforeAll(async () => {
    t = testApp(database());
    await createAssociation(t.db);
    treasurer = (await signedIn(t, 'treasurer')).client;
    const b = await signedIn(t, 'board', { name: 'Berta Vorstand' });
    board = b.client;
    boardUser = b.user;
    member = (await signedIn(t, 'member')).client;
  });

  beforeEach(async () => {
    for (const table of ['grant_documents', 'grant_payments', 'grant_deadlines', 'grant_status_changes', 'grant_applications', 'funders'] as const) await t.db.deleteFrom(table).execute();
  });

  const count = async (table: 'funders' | 'grant_applications' | 'grant_status_changes' | 'grant_documents' | 'blobs' | 'audit_log') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const row = (id: number) => t.db.selectFrom('grant_applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const changesOf = (id: number) => t.db.selectFrom('grant_status_changes').select(['from_status', 'to_status', 'changed_on', 'changed_by']).where('application_id', '=', id).orderBy('id').execute();

  async function upload(client: Client, path: string, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type?: string }) {
    if (!client.csrfToken) await client.get('/health');
    const form = new FormData();
    form.set('_csrf', client.csrfToken!);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (file) form.set('file', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type ?? 'application/pdf' }));
    return t.app.request(path, { method: 'POST', body: form, headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }, redirect: 'manual' });
  }

  it('creates, edits and lists funders on the screens, refuses a duplicate name and programme in German, and shows the funder page with its applications', async () => {
    const created = await board.post('/funders', {
      name: 'Aktion Mensch',
      kind: 'foundation',
      programme: 'Inklusion',
      contact_name: 'Frau Weber',
      contact_email: 'Weber@Aktion-Mensch.example',
      contact_phone: '0228 2092-0',
      website: 'https://www.aktion-mensch.example',
      typical_deadlines: '31.03. und 30.09.',
      notes: 'bis 5.000 € ohne Eigenanteil',
    });
    expect(created.status).toBe(302);
    const id = idFrom(created, 'funders');
    const stored = await t.db.selectFrom('funders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ name: 'Aktion Mensch', programme: 'Inklusion', contact_email: 'weber@aktion-mensch.example', typical_deadlines: '31.03. und 30.09.' });

    const dup = await treasurer.post('/funders', { name: 'aktion mensch', kind: 'foundation', programme: 'INKLUSION' });
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain('gibt es schon');
    expect(await count('funders')).toBe(1);
    // another programme of the same foundation is another funder
    expect((await treasurer.post('/funders', { name: 'Aktion Mensch', kind: 'foundation', programme: 'Teilhabe' })).status).toBe(302);

    const invalid = await board.post('/funders', { name: '', kind: 'bank', website: 'aktion-mensch' });
    expect(invalid.status).toBe(422);
    const invalidHtml = await invalid.text();
    expect(invalidHtml).toContain('Name: bitte ausfüllen');
    expect(invalidHtml).toContain('Webseite: vollständige Adresse');

    const edited = await board.post(`/funders/${id}`, { name: 'Aktion Mensch', kind: 'foundation', programme: 'Inklusion', typical_deadlines: 'laufend' });
    expect(edited.status).toBe(302);
    expect((await t.db.selectFrom('funders').select(['typical_deadlines', 'contact_name']).where('id', '=', id).executeTakeFirstOrThrow())).toEqual({ typical_deadlines: 'laufend', contact_name: null });
    const renameToDup = await board.post(`/funders/${id}`, { name: 'Aktion Mensch', kind: 'foundation', programme: 'Teilhabe' });
    expect(renameToDup.status).toBe(409);

    await createGrantApplication(t.db, { funder_id: id, title: 'Beratungscafé', status: 'approved', requested_cents: 500_000, approved_cents: 450_000 });
    const page = await board.get(`/funders/${id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Beratungscafé');
    expect(html).toContain('Bewilligt');
    expect(html).toContain('4.500,00');
    const list = await board.get('/funders');
    expect(await list.text()).toContain('Teilhabe');
    expect(await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'funder').orderBy('id').execute()).toEqual([
      { action: 'funder.created' },
      { action: 'funder.created' },
      { action: 'funder.updated' },
    ]);
  });

  it('funders in the JSON API: create, duplicate as problem+json, read with applications, patch', async () => {
    const created = await treasurer.json('POST', '/api/v1/funders', { name: 'Stiftung Nord', kind: 'foundation' });
    expect(created.status).toBe(201);
    const f = await created.json();
    const dup = await treasurer.json('POST', '/api/v1/funders', { name: 'STIFTUNG NORD', kind: 'state' });
    expect(dup.status).toBe(409);
    expect(dup.headers.get('content-type')).toContain('application/problem+json');
    expect((await dup.json()).detail).toContain('Stiftung Nord');
    const patched = await board.json('PATCH', `/api/v1/funders/${f.id}`, { programme: 'Kleinprojekte', contact_email: null });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: 'Stiftung Nord', programme: 'Kleinprojekte' });
    const bad = await board.json('PATCH', `/api/v1/funders/${f.id}`, { kind: 'bank' });
    expect(bad.status).toBe(422);
    await createGrantApplication(t.db, { funder_id: f.id, title: 'Sprachkurs' });
    const read = await board.get(`/api/v1/funders/${f.id}`);
    expect((await read.json()).applications.map((a: { title: string }) => a.title)).toEqual(['Sprachkurs']);
    expect((await (await board.get('/api/v1/funders')).json()).funders).toHaveLength(1);
  });

  it('creates and edits an application with German amounts, refuses bad input with field errors and nothing stored, and warns (but saves) when approved exceeds requested', async () => {
    const funder = await createFunder(t.db, { name: 'Land Berlin', kind: 'state', programme: 'Integrationsfonds' });
    const form = await board.get(`/grants/new?funder=${funder.id}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(boardUser.name);

    const bad = await board.post('/grants', { title: '', funder_id: String(funder.id), requested_cents: '12,345', period_from: '2027-06-01', period_to: '2027-01-31' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Titel: bitte ausfüllen');
    expect(badHtml).toContain('Beantragter Betrag: als Betrag wie 12.345,67 angeben');
    expect(await count('grant_applications')).toBe(0);

    const period = await board.post('/grants', { title: 'Beratung', funder_id: String(funder.id), requested_cents: '10.000,00', period_from: '2027-06-01', period_to: '2027-01-31' });
    expect(period.status).toBe(422);
    expect(await period.text()).toContain('Projektende: liegt vor dem Projektbeginn (01.06.2027)');
    const memberUser = await createUser(t.db, { role: 'member' });
    const notResponsible = await board.post('/grants', { title: 'Beratung', funder_id: String(funder.id), requested_cents: '10.000,00', responsible_user_id: String(memberUser.id) });
    expect(notResponsible.status).toBe(422);
    expect(await notResponsible.text()).toContain('Verantwortlich: nur aktive Benutzer');
    expect(await count('grant_applications')).toBe(0);

    const created = await board.post('/grants', {
      title: 'Beratung für Geduldete',
      project: 'Bleiberecht konkret',
      funder_id: String(funder.id),
      responsible_user_id: String(boardUser.id),
      requested_cents: '12.345,67',
      own_contribution_cents: '1.500,00',
      period_from: '2027-01-01',
      period_to: '2027-12-31',
    });
    expect(created.status).toBe(302);
    const id = idFrom(created, 'grants');
    expect(await row(id)).toMatchObject({ status: 'idea', status_since: '2026-11-24', requested_cents: 1_234_567, own_contribution_cents: 150_000, approved_cents: null, responsible_user_id: boardUser.id });
    expect(await changesOf(id)).toEqual([{ from_status: null, to_status: 'idea', changed_on: '2026-11-24', changed_by: expect.stringContaining('Berta Vorstand') }]);

    const edit = await treasurer.get(`/grants/${id}/edit`);
    expect(await edit.text()).toContain('value="12.345,67"');
    const warned = await treasurer.post(`/grants/${id}`, {
      title: 'Beratung für Geduldete',
      funder_id: String(funder.id),
      responsible_user_id: String(boardUser.id),
      requested_cents: '12.345,67',
      approved_cents: '13.000,00',
      period_from: '2027-01-01',
      period_to: '2027-12-31',
      conditions: 'Zwischenbericht zum 30.06.',
    });
    expect(warned.status).toBe(302);
    expect(await row(id)).toMatchObject({ approved_cents: 1_300_000, conditions: 'Zwischenbericht zum 30.06.', project: null });
    const page = await treasurer.get(`/grants/${id}`);
    const html = await page.text();
    expect(html).toContain('Achtung: bewilligt sind 13.000,00');
    expect(html).toContain('Zwischenbericht zum 30.06.');

    // the API says the same with a warnings array
    const api = await board.json('PATCH', `/api/v1/grants/${id}`, { approved_cents: 1_400_000 });
    expect(api.status).toBe(200);
    const body = await api.json();
    expect(body.approved_cents).toBe(1_400_000);
    expect(body.warnings).toEqual([{ code: 'approved_above_requested', message: expect.stringContaining('14.000,00') }]);
    const apiBad = await board.json('PATCH', `/api/v1/grants/${id}`, { period_to: '2026-12-31' });
    expect(apiBad.status).toBe(422);
    expect((await apiBad.json()).errors).toEqual([{ field: 'period_to', message: expect.stringContaining('Projektende') }]);
    expect((await row(id)).period_to).toBe('2027-12-31');

    const viaApi = await treasurer.json('POST', '/api/v1/grants', { title: 'Sommerschule', funder_id: funder.id, requested_cents: '5.000,00', approved_cents: 100 });
    expect(viaApi.status).toBe(201);
    expect(await viaApi.json()).toMatchObject({ status: 'idea', requested_cents: 500_000, warnings: [], next_statuses: ['in_preparation', 'withdrawn'] });
    expect(await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'grant_application').orderBy('id').execute()).toEqual([
      { action: 'grant_application.created' },
      { action: 'grant_application.updated' },
      { action: 'grant_application.updated' },
      { action: 'grant_application.created' },
    ]);
  });

  it('walks every allowed path through the pipeline, each move with its day and who', async () => {
    const paths: [string, string][][] = [
      [['idea', 'in_preparation'], ['in_preparation', 'submitted'], ['submitted', 'approved'], ['approved', 'running'], ['running', 'reporting'], ['reporting', 'closed']],
      [['idea', 'in_preparation'], ['in_preparation', 'idea'], ['idea', 'withdrawn']],
      [['idea', 'in_preparation'], ['in_preparation', 'withdrawn']],
      [['idea', 'in_preparation'], ['in_preparation', 'submitted'], ['submitted', 'partly_approved'], ['partly_approved', 'running']],
      [['idea', 'in_preparation'], ['in_preparation', 'submitted'], ['submitted', 'rejected']],
      [['idea', 'in_preparation'], ['in_preparation', 'submitted'], ['submitted', 'withdrawn']],
      [['idea', 'in_preparation'], ['in_preparation', 'submitted'], ['submitted', 'approved'], ['approved', 'withdrawn']],
      [['idea', 'in_preparation'], ['in_preparation', 'submitted'], ['submitted', 'partly_approved'], ['partly_approved', 'withdrawn']],
    ];
    for (const path of paths) {
      const a = await createGrantApplication(t.db, { status: 'idea', status_since: '2026-10-01', requested_cents: 1_000_000 });
      for (const [i, [from, to]] of path.entries()) {
        const body: Record<string, string> = { to, on: `2026-11-${String(10 + i).padStart(2, '0')}` };
        if (to === 'approved' || to === 'partly_approved') body.approved_cents = to === 'approved' ? '10.000,00' : '7.500,50';
        const res = await board.post(`/grants/${a.id}/status`, body);
        expect([from, to, res.status]).toEqual([from, to, 302]);
      }
      const final = await row(a.id);
      expect(final.status).toBe(path.at(-1)![1]);
      expect(final.status_since).toBe(`2026-11-${String(10 + path.length - 1).padStart(2, '0')}`);
      expect((await changesOf(a.id)).map((c) => [c.from_status, c.to_status])).toEqual(path);
      if (path.some(([, to]) => to === 'partly_approved')) expect(final.approved_cents).toBe(750_050);
    }
    const moves = paths.reduce((n, p) => n + p.length, 0);
    expect(Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'grant_application.moved').executeTakeFirstOrThrow()).n)).toBe(moves);
  });

  it('refuses a jump that is not allowed, an unknown status, a future day and a missing approved amount, naming the allowed moves, with nothing stored', async () => {
    const idea = await createGrantApplication(t.db, { status: 'idea', status_since: '2026-10-01' });
    const rejected = await createGrantApplication(t.db, { status: 'rejected', status_since: '2026-10-01' });
    const submitted = await createGrantApplication(t.db, { status: 'submitted', status_since: '2026-10-01' });
    const auditBefore = await count('audit_log');
    const changesBefore = await count('grant_status_changes');

    const jump = await board.json('POST', `/api/v1/grants/${idea.id}/status`, { to: 'approved', approved_cents: 100 });
    expect(jump.status).toBe(422);
    const jumpBody = await jump.json();
    expect(jumpBody.detail).toBe('Von „Idee“ nach „Bewilligt“ geht es nicht. Erlaubt von „Idee“ aus: „In Vorbereitung“, „Zurückgezogen“.');

    const fromEnd = await board.post(`/grants/${rejected.id}/status`, { to: 'running' });
    expect(fromEnd.status).toBe(422);
    expect(await fromEnd.text()).toContain('Von „Abgelehnt“ nach „Laufend“ geht es nicht. Erlaubt von „Abgelehnt“ aus: keiner – das ist ein Endstand.');

    const unknown = await board.json('POST', `/api/v1/grants/${idea.id}/status`, { to: 'funded' });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).detail).toBe('Unbekannter Status „funded“: von „Idee“ aus geht es nur nach „In Vorbereitung“, „Zurückgezogen“.');

    const future = await board.post(`/grants/${idea.id}/status`, { to: 'in_preparation', on: '2026-11-25' });
    expect(future.status).toBe(422);
    expect(await future.text()).toContain('liegt in der Zukunft');
    const beforeLast = await board.post(`/grants/${idea.id}/status`, { to: 'in_preparation', on: '2026-09-30' });
    expect(beforeLast.status).toBe(422);
    expect(await beforeLast.text()).toContain('vor dem letzten Statuswechsel');

    const noAmount = await board.json('POST', `/api/v1/grants/${submitted.id}/status`, { to: 'approved' });
    expect(noAmount.status).toBe(422);
    expect((await noAmount.json()).errors).toEqual([{ field: 'approved_cents', message: expect.stringContaining('Bewilligter Betrag') }]);

    expect(await row(idea.id)).toMatchObject({ status: 'idea', status_since: '2026-10-01' });
    expect(await row(rejected.id)).toMatchObject({ status: 'rejected' });
    expect(await row(submitted.id)).toMatchObject({ status: 'submitted', approved_cents: null });
    expect(await count('grant_status_changes')).toBe(changesBefore);
    expect(await count('audit_log')).toBe(auditBefore);
  });

  it('the move to submitted sets the submission day and ticks off the open application deadline that day; approving above requested warns', async () => {
    const a = await createGrantApplication(t.db, { status: 'in_preparation', status_since: '2026-10-01', requested_cents: 1_000_000 });
    const deadline = await createGrantDeadline(t.db, { application_id: a.id, kind: 'application', title: 'Antragsfrist', due_on: '2026-11-30' });
    const report = await createGrantDeadline(t.db, { application_id: a.id, kind: 'interim_report', title: 'Zwischenbericht', due_on: '2027-06-30' });
    const res = await board.json('POST', `/api/v1/grants/${a.id}/status`, { to: 'submitted', note: 'per Post und online' });
    const body = await res.json();
    expect([res.status, body]).toEqual([200, expect.anything()]);
    expect(body).toMatchObject({ status: 'submitted', submitted_on: '2026-11-24', deadlines_done: [deadline.id] });
    const deadlines = await t.db.selectFrom('grant_deadlines').select(['id', 'done_on', 'done_by']).where('application_id', '=', a.id).orderBy('id').execute();
    expect(deadlines).toEqual([
      { id: deadline.id, done_on: '2026-11-24', done_by: expect.stringContaining('Berta Vorstand') },
      { id: report.id, done_on: null, done_by: null },
    ]);
    const page = await (await board.get(`/grants/${a.id}`)).text();
    expect(page).toContain('Frist erledigt: Antragsfrist');
    expect(page).toContain('Status: In Vorbereitung → Eingereicht');
    expect(page).toContain('per Post und online');

    const approved = await board.post(`/grants/${a.id}/status`, { to: 'approved', approved_cents: '12.000,00' });
    expect(approved.status).toBe(302);
    expect(await (await board.get(`/grants/${a.id}`)).text()).toContain('Achtung: bewilligt sind 12.000,00');
    expect(await row(a.id)).toMatchObject({ status: 'approved', approved_cents: 1_200_000, submitted_on: '2026-11-24' });
  });

  it('keeps documents: a PDF read back byte for byte, a link, and refuses oversize and disguised files with nothing stored', async () => {
    const a = await createGrantApplication(t.db, {});
    const up = await upload(board, `/grants/${a.id}/documents`, { title: 'Antrag (unterschrieben)' }, { name: 'Antrag Förderung.pdf', bytes: PDF, type: 'application/octet-stream' });
    expect(up.status).toBe(302);
    const doc = await t.db.selectFrom('grant_documents').selectAll().where('application_id', '=', a.id).executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ title: 'Antrag (unterschrieben)', filename: 'Antrag Förderung.pdf', content_type: 'application/pdf', byte_size: PDF.byteLength, url: null });
    const down = await board.get(`/grants/${a.id}/documents/${doc.id}`);
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe('application/pdf');
    expect(down.headers.get('x-content-type-options')).toBe('nosniff');
    expect(down.headers.get('content-disposition')).toContain('attachment');
    expect(down.headers.get('content-disposition')).toContain("filename*=UTF-8''Antrag%20F%C3%B6rderung.pdf");
    expect(new Uint8Array(await down.arrayBuffer())).toEqual(PDF);

    const link = await board.post(`/grants/${a.id}/documents`, { title: 'Bescheid in der Cloud', url: 'https://cloud.example/bescheid.pdf' });
    expect(link.status).toBe(302);
    const notHttps = await board.post(`/grants/${a.id}/documents`, { title: 'Bescheid', url: 'javascript:alert(1)' });
    expect(notHttps.status).toBe(422);
    expect(await notHttps.text()).toContain('Link: nur vollständige https-Adressen');

    const blobs = await count('blobs');
    const docs = await count('grant_documents');
    const big = new Uint8Array(GRANT_DOCUMENT_MAX_BYTES + 1);
    big.set(PDF);
    const oversize = await upload(board, `/grants/${a.id}/documents`, { title: 'Zu groß' }, { name: 'gross.pdf', bytes: big });
    expect(oversize.status).toBe(422);
    expect(await oversize.text()).toContain('erlaubt sind höchstens 10 MB');
    // far beyond the limit: stopped while the body arrives, with the same message about the file
    const huge = await upload(board, `/grants/${a.id}/documents`, { title: 'Viel zu groß' }, { name: 'riesig.pdf', bytes: new Uint8Array(GRANT_DOCUMENT_MAX_BYTES + 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('ein Dokument darf höchstens 10 MB haben');
    const html = await upload(board, `/grants/${a.id}/documents`, { title: 'Falsch' }, { name: 'antrag.pdf', bytes: new TextEncoder().encode('<!doctype html><script>alert(1)</script>') });
    expect(html.status).toBe(422);
    expect(await html.text()).toContain('ist dem Inhalt nach keine PDF-Datei');
    const exe = await upload(board, `/grants/${a.id}/documents`, { title: 'Programm' }, { name: 'setup.exe', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0x00]), type: 'application/pdf' });
    expect(exe.status).toBe(422);
    expect(await exe.text()).toContain('keinen erlaubten Dateityp');
    const csvBinary = await upload(board, `/grants/${a.id}/documents`, { title: 'Tabelle' }, { name: 'plan.csv', bytes: new Uint8Array([0x4d, 0x5a, 0x00, 0x01]), type: 'text/csv' });
    expect(csvBinary.status).toBe(422);
    const csv = await upload(board, `/grants/${a.id}/documents`, { title: 'Finanzplan' }, { name: 'plan.csv', bytes: new TextEncoder().encode('Posten;Betrag\r\nMiete;1.200,00\r\n'), type: 'application/vnd.ms-excel' });
    expect(csv.status).toBe(302);
    expect(await count('blobs')).toBe(blobs + 1);
    expect(await count('grant_documents')).toBe(docs + 1);

    const page = await (await board.get(`/grants/${a.id}`)).text();
    expect(page).toContain('Dokument hinzugefügt: Antrag (unterschrieben)');
    expect(page).toContain('href="https://cloud.example/bescheid.pdf"');

    const removed = await board.post(`/grants/${a.id}/documents/${doc.id}/delete`);
    expect(removed.status).toBe(302);
    expect(await t.db.selectFrom('grant_documents').select('id').where('id', '=', doc.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('blobs').select('key').where('key', '=', doc.blob_key!).execute()).toHaveLength(1);
    expect((await board.get(`/grants/${a.id}/documents/${doc.id}`)).status).toBe(404);
  });

  it('the board groups applications by status with counts and sums, totals requested, approved and received this year, filters, and exports CSV for Excel', async () => {
    const funder = await createFunder(t.db, { name: 'Bürgerstiftung', programme: null });
    const other = await createFunder(t.db, { name: 'Bezirksamt Neukölln', kind: 'municipal' });
    await createGrantApplication(t.db, { funder_id: funder.id, title: 'Idee A', status: 'idea', requested_cents: 100_000 });
    await createGrantApplication(t.db, { funder_id: funder.id, title: 'Eingereicht B', status: 'submitted', requested_cents: 250_000, responsible_user_id: boardUser.id });
    const running = await createGrantApplication(t.db, { funder_id: other.id, title: 'Laufend C', status: 'running', requested_cents: 1_000_000, approved_cents: 900_000 });
    await createGrantApplication(t.db, { funder_id: other.id, title: 'Abgelehnt D', status: 'rejected', requested_cents: 50_000 });
    await t.db
      .insertInto('grant_payments')
      .values([
        { application_id: running.id, received_on: '2026-03-01', amount_cents: 300_000, created_at: new Date(), created_by: 'test' },
        { application_id: running.id, received_on: '2025-12-31', amount_cents: 111_100, created_at: new Date(), created_by: 'test' },
      ])
      .execute();

    const res = await board.get('/grants');
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/\u00a0/g, ' ');
    expect(html).toMatch(/id="total-requested">3\.500,00 €/);
    expect(html).toMatch(/id="total-approved">9\.000,00 €/);
    expect(html).toMatch(/id="total-received">3\.000,00 €/);
    expect(html).toContain('Eingereicht <small class="hint">(1 Antrag, 2.500,00 €)');
    expect(html).toContain('Laufend <small class="hint">(1 Antrag, 9.000,00 €)');
    expect(html.indexOf('id="status-idea"')).toBeLessThan(html.indexOf('id="status-closed"'));
    expect(html).toContain(`href="/grants/${running.id}"`);

    const filtered = (await (await board.get(`/grants?responsible=${boardUser.id}`)).text()).replace(/\u00a0/g, ' ');
    expect(filtered).toContain('Eingereicht B');
    expect(filtered).not.toContain('Idee A');
    expect(filtered).toMatch(/id="total-received">0,00 €/);

    const csv = await board.get('/grants/export.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[0]).toBe('Nr.;Titel;Projekt;Fördermittelgeber;Programm;Verantwortlich;Status;Status seit;Eingereicht am;Beantragt;Bewilligt;Eigenanteil;Projektbeginn;Projektende;Auflagen;Notizen');
    expect(lines.slice(1, 5).map((l) => l.split(';').slice(1, 2)[0])).toEqual(['Idee A', 'Eingereicht B', 'Abgelehnt D', 'Laufend C']);
    expect(lines[4]).toContain(';Laufend;01.01.2026;01.01.2026;10.000,00;9.000,00;0,00;');

    const empty = await board.get(`/grants?funder=999999`);
    expect(await empty.text()).toContain('Keine Anträge passen zu diesem Filter.');
  });

  it('members never reach grants, on the screens or the API; the board and the treasurer do', async () => {
    const a = await createGrantApplication(t.db, {});
    for (const path of ['/grants', `/grants/${a.id}`, '/funders', '/grants/export.csv', '/api/v1/grants', `/api/v1/grants/${a.id}`, '/api/v1/funders']) {
      const res = await member.get(path);
      expect([path, res.status]).toEqual([path, 403]);
    }
    const post = await member.json('POST', `/api/v1/grants/${a.id}/status`, { to: 'in_preparation' });
    expect([403, 404]).toContain(post.status);
    expect((await row(a.id)).status).toBe('idea');
    expect((await board.get('/grants')).status).toBe(200);
    expect((await treasurer.get(`/grants/${a.id}`)).status).toBe(200);
    expect((await board.json('PATCH', `/api/v1/grants/${a.id}`, { title: 'Neuer Titel' })).status).toBe(200);
    expect((await row(a.id)).title).toBe('Neuer Titel');
  });
});
