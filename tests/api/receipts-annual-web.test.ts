import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { AppError, msg } from '../../api/http/errors';
import { useReceiptRenderer } from '../../api/receipts/renderer';
import { testApp, type TestApp } from '../helpers/app';
import { Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { resetReceiptTables } from '../helpers/receipt-factories';
import { createDonor, createGift } from '../helpers/donor-factories';
import { createAssociation, signedIn } from '../helpers/factories';

/**
 * The annual run in the treasurer's browser (web/receipts/annual.tsx, api/receipts/annual-routes.ts):
 * the preview of a year with who is left out and why, the start (a double click starts one run),
 * the progress page and its JSON, a stopped run shown with its German reason and continued, the
 * § 63 Abs. 5 AO gate, and nobody but admin and treasurer getting in.
 */

/** The page's text as a reader sees it: tags gone, entities and no-break spaces plain. */
function text(html: string) {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ');
}
/** The text of the element with this id (the first tag that carries it up to its closing tag). */
function byId(html: string, id: string) {
  const m = new RegExp(`<(\\w+)[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return m ? text(m[2]!).trim() : null;
}

describeEachEngine('receipts: the annual run in the browser', (database) => {
  let t: TestApp;
  let treasurer: Client;
  let board: Client;
  let donors: { ayse: number; nguyen: number; noAddress: number; laptop: number };
  let laptopGift: number;

  beforeAll(async () => {
    t = testApp(database());
    await createAssociation(t.db);
    treasurer = (await signedIn(t, 'treasurer')).client;
    board = (await signedIn(t, 'board')).client;
  });

  beforeEach(async () => {
    t.clock.set('2026-11-24T10:00:00Z');
    await resetReceiptTables(t.db);
    await t.db.deleteFrom('donations').execute();
    await t.db.deleteFrom('donors').execute();
    await t.db.updateTable('association').set({ machine_procedure_notified_on: '2025-01-10', simplified_proof: false, notice_date: '2025-06-30' }).execute();

    // 2025, the year before the clock's: what the run confirms and what it leaves out
    const ayse = await createDonor(t.db, { name: 'Ayşe Yılmaz', email: 'ayse@example.org' });
    const nguyen = await createDonor(t.db, { name: 'Nguyễn Văn An', email: null });
    const noAddress = await createDonor(t.db, { name: 'Ohne Anschrift', email: 'ohne@example.org', street: '' });
    const laptop = await createDonor(t.db, { name: 'Ingrid Hoffmann', email: 'ingrid@example.org' });
    for (const [day, cents] of [['2025-02-01', 5000], ['2025-05-01', 7000], ['2025-11-01', 2500]] as const) await createGift(t.db, { donorId: ayse.id, donated_on: day, amount_cents: cents, method: 'transfer' });
    await createGift(t.db, { donorId: nguyen.id, donated_on: '2025-03-03', amount_cents: 40000, method: 'transfer' });
    await createGift(t.db, { donorId: noAddress.id, donated_on: '2025-03-03', amount_cents: 1000, method: 'transfer' });
    await createGift(t.db, { donorId: null, donated_on: '2025-04-04', amount_cents: 2000, method: 'cash' });
    await createGift(t.db, { donorId: nguyen.id, donated_on: '2025-04-04', amount_cents: 9900, status: 'refunded', refunded_cents: 9900 });
    await createGift(t.db, { donorId: ayse.id, donated_on: '2025-12-20', amount_cents: 3000, status: 'pending', method: 'stripe_sepa' });
    laptopGift = await t.db
      .insertInto('donations')
      .values({
        donor_id: laptop.id,
        donated_on: '2025-09-09',
        amount_cents: 45000,
        method: 'in_kind',
        status: 'succeeded',
        source: 'offline',
        in_kind_description: 'Notebook, gebraucht, mit Netzteil',
        in_kind_origin: 'private',
        in_kind_value_basis: 'Gebrauchtpreis nach drei Vergleichsangeboten',
        created_by: 'test',
        created_at: new Date('2025-09-10T10:00:00Z'),
        updated_at: new Date('2025-09-10T10:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
    donors = { ayse: ayse.id, nguyen: nguyen.id, noAddress: noAddress.id, laptop: laptop.id };
  });
  afterEach(() => useReceiptRenderer(null));

  const runs = () => t.db.selectFrom('receipt_runs').selectAll().orderBy('id').execute();
  const progress = async (path: string) => {
    const res = await treasurer.get(`${path}.json`);
    expect(res.status).toBe(200);
    return res.json();
  };

  it('preview: last year by default, with the counts, the deliveries and who is left out and why, each with the way to fix it', async () => {
    const res = await treasurer.get('/receipts/annual');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<option value="2025" selected/);
    expect(byId(html, 'preview-title')).toBe('Vorschau 2025');
    expect(byId(html, 'annual-count')).toBe('2');
    expect(byId(html, 'annual-total')).toBe('545,00 €');
    expect(byId(html, 'annual-by-mail')).toBe('1');
    expect(byId(html, 'annual-by-post')).toBe('1');
    expect(text(html)).toContain('4 Geldzuwendungen, 0 Mitgliedsbeiträge');
    expect(html).not.toContain('id="annual-year-running"');
    expect(html).not.toContain('id="annual-gate"');
    // who gets what, by name, and how it travels
    expect(text(html)).toMatch(/Ayşe Yılmaz 3 0 145,00 € Mail/);
    expect(text(html)).toMatch(/Nguyễn Văn An 1 0 400,00 € Post/);
    // left out: each reason with its count and sum
    const row = (id: string) => text(html.match(new RegExp(`<tr id="left-out-${id}">([\\s\\S]*?)</tr>`))![1]!).trim();
    expect(row('without-address')).toMatch(/^Ohne vollständige Anschrift 1 Person 10,00 €/);
    expect(row('anonymous')).toMatch(/^Anonym 1 Zuwendung 20,00 €/);
    expect(row('refunded')).toMatch(/^Erstattet oder zurückgebucht 1 Zuwendung 99,00 €/);
    expect(row('pending')).toMatch(/^Noch nicht eingegangen 1 Zuwendung 30,00 €/);
    expect(row('in-kind')).toMatch(/^Sachzuwendungen 1 Zuwendung 450,00 €/);
    expect(row('receipted')).toMatch(/^Schon bestätigt 0 Zuwendungen 0,00 €/);
    expect(html).not.toContain('left-out-simplified-proof');
    // the ways to fix it: the donor's page for the address, a single Sach receipt for the laptop
    expect(html).toContain(`<a href="/donors/${donors.noAddress}">Ohne Anschrift</a>`);
    expect(html).toContain(`href="/receipts/new?donor=${donors.laptop}&amp;donation=${laptopGift}"`);
    expect(html).toMatch(/<button type="submit">Jahreslauf 2025 starten: 2 Bestätigungen ausstellen<\/button>/);
    expect(byId(html, 'annual-runs')).toBeNull();
    expect(text(html)).toContain('Noch kein Jahreslauf.');

    // the simplified proof (setting): gifts up to 300 € nobody asked a receipt for drop out (Ayşe's three, the 10 € without address)
    await t.db.updateTable('association').set({ simplified_proof: true }).execute();
    const simplified = await (await treasurer.get('/receipts/annual?year=2025')).text();
    expect(byId(simplified, 'annual-count')).toBe('1');
    expect(text(simplified.match(/<tr id="left-out-simplified-proof">([\s\S]*?)<\/tr>/)![1]!)).toMatch(/Bis 300 € ohne Wunsch nach Bestätigung 4 Zuwendungen 155,00 €/);
    await t.db.updateTable('association').set({ simplified_proof: false }).execute();

    // this year: still running, nothing to receipt yet, no start
    const now = await (await treasurer.get('/receipts/annual?year=2026')).text();
    expect(byId(now, 'annual-count')).toBe('0');
    expect(byId(now, 'annual-year-running')).toContain('Das Jahr 2026 läuft noch: bestätigt wird, was bis heute (24.11.2026) eingegangen ist.');
    expect(now).toMatch(/<button type="submit" disabled="">Jahreslauf 2026 starten: 0 Bestätigungen ausstellen<\/button>/);

    // a year that cannot be: the field's message, not a crash
    for (const bad of ['2027', 'zwanzig']) {
      const refused = await treasurer.get(`/receipts/annual?year=${bad}`);
      expect(refused.status).toBe(422);
      expect(text(await refused.text())).toContain('Jahr: bitte ein Jahr von 2000 bis 2026 angeben.');
    }
    // English for English-speaking staff
    const { client: englishTreasurer } = await signedIn(t, 'treasurer', { language: 'en' });
    const english = text(await (await englishTreasurer.get('/receipts/annual?year=2025')).text());
    expect(english).toContain('Left out – and why');
    expect(english).toContain('Start the annual run 2025: issue 2 receipts');
  });

  it('start: a double click makes one run; the page reloads itself while it runs; the JSON reaches finished; starting again has nothing left', async () => {
    // hold the background work, so the run is still under way for the second click and the page
    const original = t.deps.background;
    const held: (() => Promise<unknown>)[] = [];
    t.deps.background = (task) => void held.push(task);
    try {
      const first = await treasurer.post('/receipts/annual', { year: '2025' });
      expect(first.status).toBe(303);
      const location = first.headers.get('location')!;
      expect(location).toMatch(/^\/receipts\/annual\/\d+$/);
      const second = await treasurer.post('/receipts/annual', { year: '2025' });
      expect(second.status).toBe(303);
      expect(second.headers.get('location')).toBe(location);
      expect(held).toHaveLength(1);
      expect((await runs()).map((r) => [r.year, r.status, r.donors_total])).toEqual([[2025, 'running', 2]]);

      const page = await treasurer.get(location);
      const html = await page.text();
      expect(html).toContain('Der Jahreslauf 2025 läuft schon – hier ist sein Fortschritt.');
      expect(html).toContain('<meta http-equiv="refresh" content="2"/>');
      expect(html).toMatch(/<progress id="run-progress" max="2" value="0">/);
      expect(byId(html, 'run-status')).toBe('Läuft …');
      // the preview knows the run under way and offers no second start
      const preview = await (await treasurer.get('/receipts/annual?year=2025')).text();
      expect(preview).toContain(`<a href="${location}">Fortschritt ansehen</a>`);
      expect(preview).not.toContain('Jahreslauf 2025 starten');
      expect(await progress(location)).toMatchObject({ status: 'running', donors_total: 2, donors_done: 0, percent: 0, stalled: false });

      for (const task of held) original(task);
    } finally {
      t.deps.background = original;
    }
    await t.settle();

    const location = `/receipts/annual/${(await runs())[0]!.id}`;
    expect(await progress(location)).toMatchObject({ status: 'finished', donors_total: 2, donors_done: 2, percent: 100, receipts_issued: 2, mails_queued: 1, for_post: 1, last_error: null });
    const done = await (await treasurer.get(location)).text();
    expect(done).not.toContain('http-equiv="refresh"');
    expect(done).toMatch(/<progress id="run-progress" max="2" value="2">/);
    expect(byId(done, 'run-status')).toBe('Fertig: 2 Bestätigungen ausgestellt, 1 per Mail, 1 für die Post.');
    // numbered in the year they are issued: 2026-…
    expect(done).toContain('<a class="button" href="/receipts?year=2026">Bestätigungen ansehen (Nummern 2026-…)</a>');
    expect(done).toContain('href="/receipts/print.pdf"');
    const receipts = await t.db.selectFrom('receipts').select(['recipient_name', 'kind', 'delivery', 'run_id']).orderBy('seq').execute();
    expect(receipts.map((r) => [r.recipient_name, r.kind, r.delivery])).toEqual([
      ['Ayşe Yılmaz', 'sammel', 'email'],
      ['Nguyễn Văn An', 'single', 'post'],
    ]);

    // the history lists it; the preview counts the gifts as receipted now
    const after = await (await treasurer.get('/receipts/annual?year=2025')).text();
    expect(text(byId(after, 'annual-runs') ?? '')).toMatch(/#\d+ 2025 fertig .* 2 \/ 2 2 1 1/);
    expect(byId(after, 'annual-count')).toBe('0');
    expect(text(after.match(/<tr id="left-out-receipted">([\s\S]*?)<\/tr>/)![1]!)).toMatch(/Schon bestätigt 4 Zuwendungen 545,00 €/);

    // starting again: nothing left, said on the page, no new run
    const again = await treasurer.post('/receipts/annual', { year: '2025' });
    expect(again.status).toBe(409);
    expect(text(await again.text())).toContain('Für 2025 gibt es nichts mehr zu bestätigen');
    expect(await runs()).toHaveLength(1);
  });

  it('a stopped run shows its reason in German and continues with what is still missing', async () => {
    useReceiptRenderer(async () => {
      throw new AppError('unavailable', msg('Der Drucker-Dienst antwortet nicht.', 'The print service does not answer.'));
    });
    const first = await treasurer.post('/receipts/annual', { year: '2025' });
    await t.settle();
    const location = first.headers.get('location')!;
    expect(await progress(location)).toMatchObject({ status: 'failed', receipts_issued: 0, last_error: 'Der Drucker-Dienst antwortet nicht.' });
    const page = await (await treasurer.get(location)).text();
    expect(page).not.toContain('http-equiv="refresh"');
    expect(byId(page, 'run-error')).toContain('Der Lauf ist abgebrochen: Der Drucker-Dienst antwortet nicht.');
    expect(page).toMatch(/<button type="submit">Jahreslauf fortsetzen<\/button>/);
    expect(await t.db.selectFrom('receipts').select('id').execute()).toEqual([]);

    useReceiptRenderer(null);
    const resumed = await treasurer.post('/receipts/annual', { year: '2025' });
    expect(resumed.status).toBe(303);
    expect(resumed.headers.get('location')).not.toBe(location);
    await t.settle();
    expect(await progress(resumed.headers.get('location')!)).toMatchObject({ status: 'finished', receipts_issued: 2 });
    expect((await runs()).map((r) => r.status)).toEqual(['failed', 'finished']);
  });

  it('a run whose worker died shows as stalled and the next start takes it over', async () => {
    const original = t.deps.background;
    t.deps.background = () => undefined; // the process dies before it starts working
    const first = await treasurer.post('/receipts/annual', { year: '2025' });
    t.deps.background = original;
    const location = first.headers.get('location')!;
    t.clock.advance(2 * 60_000);
    const page = await (await treasurer.get(location)).text();
    expect(page).toContain('meldet sich seit über einer Minute nicht mehr');
    expect(page).toMatch(/<button type="submit">Jahreslauf fortsetzen<\/button>/);
    expect(await progress(location)).toMatchObject({ status: 'running', stalled: true });

    const again = await treasurer.post('/receipts/annual', { year: '2025' });
    expect(again.headers.get('location')).toBe(location);
    await t.settle();
    expect(await progress(location)).toMatchObject({ status: 'finished', receipts_issued: 2 });
  });

  it('§ 63 Abs. 5 AO: with a notice over five years old the page says why, and a start issues nothing', async () => {
    await t.db.updateTable('association').set({ notice_date: '2019-01-15' }).execute();
    const html = await (await treasurer.get('/receipts/annual?year=2025')).text();
    expect(byId(html, 'annual-gate')).toMatch(/Freistellungsbescheid/);
    expect(html).toMatch(/<button type="submit" disabled="">Jahreslauf 2025 starten/);
    const refused = await treasurer.post('/receipts/annual', { year: '2025' });
    expect(refused.status).toBe(409);
    expect(byId(await refused.text(), 'annual-gate')).toMatch(/Freistellungsbescheid/);
    expect(await runs()).toEqual([]);
  });

  it('only admin and treasurer: the board gets 403, nobody logged in goes to the login, an unknown run is 404', async () => {
    const { client: admin } = await signedIn(t, 'admin');
    expect((await admin.get('/receipts/annual')).status).toBe(200);
    expect((await board.get('/receipts/annual')).status).toBe(403);
    expect((await board.post('/receipts/annual', { year: '2025' })).status).toBe(403);
    expect(await runs()).toEqual([]);
    await treasurer.post('/receipts/annual', { year: '2025' });
    await t.settle();
    const id = (await runs())[0]!.id;
    expect((await board.get(`/receipts/annual/${id}`)).status).toBe(403);
    expect((await board.get(`/receipts/annual/${id}.json`)).status).toBe(403);
    const { client: member } = await signedIn(t, 'member');
    expect((await member.get(`/receipts/annual/${id}.json`)).status).toBe(403);
    const anonymous = await new Client(t.app).get('/receipts/annual');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Freceipts%2Fannual');
    for (const missing of ['999999', '999999.json', 'abc', '1.pdf']) expect((await treasurer.get(`/receipts/annual/${missing}`)).status, missing).toBe(404);
  });
});
