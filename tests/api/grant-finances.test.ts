import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseCsv } from '../../api/lib/csv-parse';
import { testApp, type TestApp } from '../helpers/app';
import { postOk, type Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, signedIn } from '../helpers/factories';
import { createFunder, createGrantApplication } from '../helpers/grant-factories';

/**
 * A grant's money through HTTP (grants money): cost and financing plan, payments against the
 * approved amount, expenses, plan vs actual, and the Verwendungsnachweis draft read back with
 * pdftotext and parsed as CSV; refusals store nothing; members reach none of it.
 */
const dir = mkdtempSync(join(tmpdir(), 'kw-grant-finances-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
/** Intl puts a no-break space before '€'; the tests write a plain one. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ');
const html = async (res: Response) => plain(await res.text());
const pdfText = (bytes: Uint8Array) => {
  const file = join(dir, `n${++files}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

describeEachEngine('grants money: plan vs actual, payments, expenses, Verwendungsnachweis', (database) => {
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

  const count = async (table: 'grant_plan_lines' | 'grant_funding_sources' | 'grant_payments' | 'grant_expenses' | 'audit_log') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => ({
    lines: await count('grant_plan_lines'),
    sources: await count('grant_funding_sources'),
    payments: await count('grant_payments'),
    expenses: await count('grant_expenses'),
    audit: await count('audit_log'),
  });

  async function runningGrant(overrides: Parameters<typeof createGrantApplication>[1] = {}) {
    const funder = await createFunder(t.db, { name: `Stiftung Menschenwürde ${++files}`, programme: 'Teilhabe 2026' });
    return createGrantApplication(t.db, {
      funder_id: Number(funder.id),
      title: 'Beratung für Geduldete',
      status: 'running',
      requested_cents: 2_500_000,
      approved_cents: 2_000_000,
      period_from: '2026-01-01',
      period_to: '2026-12-31',
      ...overrides,
    });
  }

  /** Three plan lines, two sources, two payments and four expenses through the JSON API. */
  async function filledGrant() {
    const g = await runningGrant();
    const base = `/api/v1/grants/${g.id}`;
    const staff = await postOk(treasurer, `${base}/plan-lines`, { category: 'staff', label: 'Beratung 0,5 Stelle', planned_cents: 1_800_000 });
    const rent = await postOk(treasurer, `${base}/plan-lines`, { category: 'rent', label: 'Raummiete', planned_cents: 300_000 });
    const material = await postOk(treasurer, `${base}/plan-lines`, { category: 'material', label: 'Dolmetschkosten', planned_cents: 400_000 });
    await postOk(treasurer, `${base}/funding-sources`, { kind: 'this_grant', label: 'Stiftung Menschenwürde', planned_cents: 2_000_000 });
    await postOk(treasurer, `${base}/funding-sources`, { kind: 'own_means', label: 'Spenden', planned_cents: 400_000 });
    await postOk(treasurer, `${base}/payments`, { received_on: '2026-02-01', amount_cents: 800_000, reference: '1. Rate' });
    await postOk(treasurer, `${base}/payments`, { received_on: '2026-07-01', amount_cents: 450_000, reference: '2. Rate' });
    await postOk(treasurer, `${base}/expenses`, { spent_on: '2026-03-31', amount_cents: 450_000, plan_line_id: staff.id, description: 'Gehalt März', receipt_ref: 'B-001' });
    await postOk(treasurer, `${base}/expenses`, { spent_on: '2026-04-30', amount_cents: 456_789, plan_line_id: staff.id, description: 'Gehalt April', receipt_ref: 'B-002' });
    await postOk(treasurer, `${base}/expenses`, { spent_on: '2026-04-01', amount_cents: 325_000, plan_line_id: rent.id, description: 'Miete Beratungsraum', receipt_ref: 'B-003' });
    await postOk(treasurer, `${base}/expenses`, { spent_on: '2026-05-12', amount_cents: 12_345, plan_line_id: material.id, description: 'Dolmetscherin Arabisch', receipt_ref: 'B-004' });
    return { g, staff, rent, material };
  }

  it('plan vs actual per line with totals and difference; payments against the approved amount; each change audited', async () => {
    const before = await count('audit_log');
    const { g, staff, rent, material } = await filledGrant();
    expect(await count('audit_log')).toBe(before + 11);

    const res = await board.get(`/api/v1/grants/${g.id}/finances`);
    expect(res.status).toBe(200);
    const f = await res.json();
    expect(f.plan_vs_actual.lines).toEqual([
      { plan_line_id: staff.id, category: 'staff', label: 'Beratung 0,5 Stelle', planned_cents: 1_800_000, actual_cents: 906_789, difference_cents: 893_211, percent_used: 50.4 },
      { plan_line_id: rent.id, category: 'rent', label: 'Raummiete', planned_cents: 300_000, actual_cents: 325_000, difference_cents: -25_000, percent_used: 108.3 },
      { plan_line_id: material.id, category: 'material', label: 'Dolmetschkosten', planned_cents: 400_000, actual_cents: 12_345, difference_cents: 387_655, percent_used: 3.1 },
    ]);
    expect(f.plan_vs_actual).toMatchObject({ planned_cents: 2_500_000, actual_cents: 1_244_134, difference_cents: 1_255_866, percent_used: 49.8 });
    expect(f).toMatchObject({ approved_cents: 2_000_000, received_cents: 1_250_000, to_draw_down_cents: 750_000, over_received_cents: 0 });
    expect(f.financing).toMatchObject({ planned_cents: 2_400_000, cost_planned_cents: 2_500_000, gap_cents: 100_000, covered: false });
    expect(f.financing.sources.map((s: { actual_cents: number | null }) => s.actual_cents)).toEqual([1_250_000, null]);
    expect(f.payments).toHaveLength(2);
    expect(f.expenses.map((e: { receipt_ref: string }) => e.receipt_ref)).toEqual(['B-001', 'B-003', 'B-002', 'B-004']);

    // the screens show the same numbers in German
    const page = await html(await board.get(`/grants/${g.id}/finances`));
    for (const text of ['9.067,89 €', '8.932,11 €', '-250,00 €', '108,3 %', '12.441,34 €', '12.558,66 €', '7.500,00 €', '12.500,00 €', 'Finanzierungslücke: Es fehlen 1.000,00 €', 'B-004']) {
      expect(page).toContain(text);
    }
  });

  it('the screens take German amounts, edit and delete lines and sources, and show clear empty states', async () => {
    const g = await runningGrant({ approved_cents: 100_000 });
    const page = await html(await board.get(`/grants/${g.id}/finances`));
    expect(page).toContain('Noch kein Kostenplan.');
    expect(page).toContain('Noch kein Finanzierungsplan.');
    expect(page).toContain('Noch keine Fördermittel eingegangen.');
    expect(page).toContain('Noch keine Ausgaben gebucht.');
    expect(page).toContain('bitte zuerst eine Position anlegen');

    const added = await board.post(`/grants/${g.id}/plan-lines`, { category: 'travel', label: 'Fahrtkosten', planned_cents: '1.234,56' });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(`/grants/${g.id}/finances`);
    const line = await t.db.selectFrom('grant_plan_lines').selectAll().where('application_id', '=', g.id).executeTakeFirstOrThrow();
    expect(line).toMatchObject({ category: 'travel', label: 'Fahrtkosten', planned_cents: 123_456 });
    expect(await html(await board.get(`/grants/${g.id}/finances`))).toContain('Position „Fahrtkosten“ angelegt.');

    expect((await board.post(`/grants/${g.id}/plan-lines/${line.id}`, { action: 'update', category: 'travel', label: 'Reisekosten Team', planned_cents: '2.000,00' })).status).toBe(303);
    expect(await t.db.selectFrom('grant_plan_lines').select(['label', 'planned_cents']).where('id', '=', line.id).executeTakeFirstOrThrow()).toEqual({ label: 'Reisekosten Team', planned_cents: 200_000 });

    await board.post(`/grants/${g.id}/funding-sources`, { kind: 'this_grant', label: 'Zuschuss', planned_cents: '2.000,00' });
    const covered = await html(await board.get(`/grants/${g.id}/finances`));
    expect(covered).toContain('Der Finanzierungsplan deckt den Kostenplan (2.000,00 €).');
    const source = await t.db.selectFrom('grant_funding_sources').select('id').where('application_id', '=', g.id).executeTakeFirstOrThrow();
    expect((await board.post(`/grants/${g.id}/funding-sources/${source.id}`, { action: 'delete' })).status).toBe(303);
    expect((await board.post(`/grants/${g.id}/plan-lines/${line.id}`, { action: 'delete' })).status).toBe(303);
    expect(await t.db.selectFrom('grant_plan_lines').select('id').where('application_id', '=', g.id).execute()).toEqual([]);

    // a payment and an expense recorded and deleted again from the screen
    await board.post(`/grants/${g.id}/plan-lines`, { category: 'fees', label: 'Honorar', planned_cents: '500' });
    const fees = await t.db.selectFrom('grant_plan_lines').select('id').where('application_id', '=', g.id).executeTakeFirstOrThrow();
    expect((await board.post(`/grants/${g.id}/payments`, { received_on: '2026-03-01', amount_cents: '250,00', reference: 'Abruf 1' })).status).toBe(303);
    expect((await board.post(`/grants/${g.id}/expenses`, { spent_on: '2026-03-02', amount_cents: '99,90', plan_line_id: String(fees.id), description: 'Workshop', receipt_ref: 'H-7' })).status).toBe(303);
    const shown = await html(await board.get(`/grants/${g.id}/finances`));
    expect(shown).toContain('Ausgabe gebucht.');
    expect(shown).toContain('99,90 €');
    const payment = await t.db.selectFrom('grant_payments').select(['id', 'amount_cents']).where('application_id', '=', g.id).executeTakeFirstOrThrow();
    expect(payment.amount_cents).toBe(25_000);
    const expense = await t.db.selectFrom('grant_expenses').select('id').where('application_id', '=', g.id).executeTakeFirstOrThrow();
    expect((await board.post(`/grants/${g.id}/payments/${payment.id}/delete`)).status).toBe(303);
    expect((await board.post(`/grants/${g.id}/expenses/${expense.id}/delete`)).status).toBe(303);
    expect(await t.db.selectFrom('grant_payments').select('id').where('application_id', '=', g.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('grant_expenses').select('id').where('application_id', '=', g.id).execute()).toEqual([]);
  });

  it('refuses bad input with clear messages and stores nothing', async () => {
    const { g, staff } = await filledGrant();
    const other = await runningGrant();
    const otherLine = await postOk(treasurer, `/api/v1/grants/${other.id}/plan-lines`, { category: 'other', label: 'Fremd', planned_cents: 1000 });
    const idea = await runningGrant({ status: 'idea', approved_cents: null });
    const before = await counts();

    const negative = await treasurer.json('POST', `/api/v1/grants/${g.id}/payments`, { received_on: '2026-03-01', amount_cents: -500 });
    expect(negative.status).toBe(422);
    expect(negative.headers.get('content-type')).toContain('application/problem+json');
    expect((await negative.json()).errors).toEqual([{ field: 'amount_cents', message: 'Betrag: ein Betrag über 0 wie 1.234,56' }]);
    expect((await treasurer.json('POST', `/api/v1/grants/${g.id}/expenses`, { spent_on: '2026-03-01', amount_cents: 0, plan_line_id: staff.id, description: 'x' })).status).toBe(422);
    expect((await treasurer.json('POST', `/api/v1/grants/${g.id}/plan-lines`, { category: 'staff', label: 'Minus', planned_cents: -1 })).status).toBe(422);
    expect((await treasurer.json('POST', `/api/v1/grants/${g.id}/payments`, { received_on: '2026-03-01', amount_cents: 12.5 })).status).toBe(422);

    const foreign = await treasurer.json('POST', `/api/v1/grants/${g.id}/expenses`, { spent_on: '2026-03-01', amount_cents: 1000, plan_line_id: otherLine.id, description: 'falsche Position' });
    expect(foreign.status).toBe(422);
    expect((await foreign.json()).errors).toEqual([{ field: 'plan_line_id', message: 'Kostenplanposition: bitte eine Position dieses Antrags wählen' }]);

    const early = await treasurer.json('POST', `/api/v1/grants/${idea.id}/payments`, { received_on: '2026-03-01', amount_cents: 1000 });
    expect(early.status).toBe(409);
    expect((await early.json()).detail).toBe('Zahlungen können erst nach der Bewilligung erfasst werden; dieser Antrag hat den Status „Idee“.');
    const ideaPage = await (await board.get(`/grants/${idea.id}/finances`)).text();
    expect(ideaPage).toContain('Zahlungen können erst nach der Bewilligung erfasst werden');
    const earlyForm = await board.post(`/grants/${idea.id}/payments`, { received_on: '2026-03-01', amount_cents: '10,00' });
    expect(earlyForm.status).toBe(409);

    // the screen: a typo in the amount comes back with the form and what was typed
    const typo = await board.post(`/grants/${g.id}/expenses`, { spent_on: '2026-03-01', amount_cents: '12,345', plan_line_id: String(staff.id), description: 'Tippfehler' });
    expect(typo.status).toBe(422);
    const typoHtml = await html(typo);
    expect(typoHtml).toContain('Betrag: ein Betrag über 0 wie 1.234,56');
    expect(typoHtml).toContain('value="Tippfehler"');

    // a line with expenses cannot be deleted
    const del = await board.post(`/grants/${g.id}/plan-lines/${staff.id}`, { action: 'delete' });
    expect(del.status).toBe(409);
    expect(await html(del)).toContain('Die Position „Beratung 0,5 Stelle“ kann nicht gelöscht werden: Es sind 2 Ausgaben darauf gebucht.');

    // another application's line or payment is not found through this one
    expect((await board.post(`/grants/${g.id}/plan-lines/${otherLine.id}`, { action: 'delete' })).status).toBe(404);
    expect((await treasurer.json('POST', `/api/v1/grants/999999/plan-lines`, { category: 'staff', label: 'X', planned_cents: 1 })).status).toBe(404);

    expect(await counts()).toEqual(before);
  });

  it('warns and stores: more received than approved, an expense outside the project period', async () => {
    const g = await runningGrant({ approved_cents: 100_000 });
    const line = await postOk(treasurer, `/api/v1/grants/${g.id}/plan-lines`, { category: 'material', label: 'Material', planned_cents: 50_000 });
    const fine = await postOk(treasurer, `/api/v1/grants/${g.id}/payments`, { received_on: '2026-02-01', amount_cents: 60_000 });
    expect(fine.warnings).toEqual([]);
    const over = await postOk(treasurer, `/api/v1/grants/${g.id}/payments`, { received_on: '2026-03-01', amount_cents: 50_000 });
    expect(over.received_cents).toBe(110_000);
    expect(over.warnings.map((w: { code: string; message: string }) => ({ ...w, message: plain(w.message) }))).toEqual([
      { code: 'received_above_approved', message: expect.stringContaining('Erhalten sind jetzt 1.100,00 €, 100,00 € mehr als die bewilligten 1.000,00 €.') },
    ]);
    const late = await postOk(treasurer, `/api/v1/grants/${g.id}/expenses`, { spent_on: '2027-01-15', amount_cents: 2_000, plan_line_id: line.id, description: 'Nachzügler' });
    expect(late.warnings).toEqual([{ code: 'outside_project_period', message: expect.stringContaining('15.01.2027 liegt außerhalb des Projektzeitraums (01.01.2026 – 31.12.2026)') }]);
    const inside = await postOk(treasurer, `/api/v1/grants/${g.id}/expenses`, { spent_on: '2026-12-31', amount_cents: 2_000, plan_line_id: line.id, description: 'Letzter Tag' });
    expect(inside.warnings).toEqual([]);

    const f = await (await board.get(`/api/v1/grants/${g.id}/finances`)).json();
    expect(f).toMatchObject({ received_cents: 110_000, to_draw_down_cents: 0, over_received_cents: 10_000 });

    // the screen says so after saving
    const viaForm = await board.post(`/grants/${g.id}/expenses`, { spent_on: '2025-12-31', amount_cents: '10', plan_line_id: String(line.id), description: 'Vorab' });
    expect(viaForm.status).toBe(303);
    const after = await html(await board.get(`/grants/${g.id}/finances`));
    expect(after).toContain('Ausgabe gebucht. Achtung: Das Ausgabedatum 31.12.2025 liegt außerhalb des Projektzeitraums');
    expect(after).toContain('Mehr erhalten als bewilligt');
    expect(await t.db.selectFrom('grant_expenses').select('id').where('application_id', '=', g.id).execute()).toHaveLength(3);
  });

  it('the Verwendungsnachweis draft as PDF: association, funder, period, income, expenses per line and every receipt with the totals', async () => {
    const { g } = await filledGrant();
    const res = await board.get(`/grants/${g.id}/verwendungsnachweis.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Verwendungsnachweis-Entwurf-${g.id}-Beratung-fuer-Geduldete.pdf"`);
    const text = pdfText(new Uint8Array(await res.arrayBuffer()));
    for (const s of [
      'ENTWURF',
      'Verwendungsnachweis – zahlenmäßiger Nachweis',
      'Laissez-passer e.V.',
      'Stiftung Menschenwürde',
      'Teilhabe 2026',
      'Beratung für Geduldete',
      '01.01.2026 – 31.12.2026',
      'Bewilligte Zuwendung 20.000,00 €',
      // income: plan vs actual, totals
      'Diese Förderung Stiftung Menschenwürde 20.000,00 € 12.500,00 €',
      'Eigenmittel Spenden 4.000,00 € nicht erfasst',
      'Summe 24.000,00 € 12.500,00 €',
      // expenses per line: plan, actual, difference; totals
      'Personal Beratung 0,5 Stelle 18.000,00 € 9.067,89 € 8.932,11 €',
      'Miete Raummiete 3.000,00 € 3.250,00 € -250,00 €',
      'Summe 25.000,00 € 12.441,34 € 12.558,66 €',
      // receipts
      '31.03.2026 B-001 Gehalt März',
      '12.05.2026 B-004 Dolmetscherin Arabisch Dolmetschkosten 123,45 €',
      '4 Belege Summe 12.441,34 €',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('the Verwendungsnachweis as CSV for the funder: BOM, semicolons, German numbers, the same sums', async () => {
    const { g } = await filledGrant();
    const res = await treasurer.get(`/grants/${g.id}/verwendungsnachweis.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const { records, problems } = parseCsv(text, ';');
    expect(problems).toEqual([]);
    const rows = records.map((r) => r.fields);
    expect(rows[0]).toEqual(['Abschnitt', 'Datum', 'Beleg-Nr.', 'Art/Kategorie', 'Position', 'Beschreibung', 'Soll', 'Ist', 'Differenz']);
    const find = (pred: (r: string[]) => boolean) => rows.find(pred);
    expect(find((r) => r[0] === 'Einnahmen' && r[4] === 'Stiftung Menschenwürde')).toEqual(['Einnahmen', '', '', 'Diese Förderung', 'Stiftung Menschenwürde', '', '20.000,00', '12.500,00', '7.500,00']);
    expect(find((r) => r[0] === 'Einnahmen Summe')!.slice(6, 8)).toEqual(['24.000,00', '12.500,00']);
    expect(find((r) => r[0] === 'Ausgaben' && r[4] === 'Raummiete')).toEqual(['Ausgaben', '', '', 'Miete', 'Raummiete', '', '3.000,00', '3.250,00', '-250,00']);
    expect(find((r) => r[0] === 'Ausgaben Summe')!.slice(6)).toEqual(['25.000,00', '12.441,34', '12.558,66']);
    const receipts = rows.filter((r) => r[0] === 'Beleg');
    expect(receipts).toHaveLength(4);
    expect(receipts[1]).toEqual(['Beleg', '01.04.2026', 'B-003', '', 'Raummiete', 'Miete Beratungsraum', '', '3.250,00', '']);
    expect(find((r) => r[0] === 'Belege Summe')!.slice(5, 8)).toEqual(['4 Belege', '', '12.441,34']);
    // the receipts add up to the expense total, read back from the German numbers
    const cents = (s: string) => Number(s.replace(/\./g, '').replace(',', ''));
    expect(receipts.reduce((a, r) => a + cents(r[7]!), 0)).toBe(1_244_134);
  });

  it('the application page section and the member role', async () => {
    const { g } = await filledGrant();
    for (const path of [`/grants/${g.id}/finances`, `/grants/${g.id}/verwendungsnachweis.pdf`, `/grants/${g.id}/verwendungsnachweis.csv`, `/api/v1/grants/${g.id}/finances`]) {
      expect((await member.get(path)).status).toBe(403);
    }
    const before = await counts();
    expect((await member.json('POST', `/api/v1/grants/${g.id}/payments`, { received_on: '2026-03-01', amount_cents: 1000 })).status).toBe(403);
    expect((await member.post(`/grants/${g.id}/plan-lines`, { category: 'staff', label: 'X', planned_cents: '1' })).status).toBe(403);
    expect(await counts()).toEqual(before);

    const { MoneySection } = await import('../../web/grants/money-section');
    const application = await t.db.selectFrom('grant_applications').selectAll().where('id', '=', g.id).executeTakeFirstOrThrow();
    const c = { get: (k: string) => (k === 'deps' ? t.deps : k === 'lang' ? 'de' : undefined) } as never;
    const section = plain(String(await MoneySection({ c, application })));
    for (const s of ['20.000,00 €', '12.500,00 €', '7.500,00 €', '12.441,34 €', `/grants/${g.id}/finances`]) expect(section).toContain(s);
  });
});
