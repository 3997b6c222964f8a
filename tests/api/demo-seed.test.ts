import { beforeAll, expect, it } from 'vitest';
import { addDays, berlinToday } from '../../api/lib/dates';
import { APPROVED_STATUSES, canMove, deadlineState, GRANT_STATUSES } from '../../api/lib/grants';
import { previewAnnualRun } from '../../api/receipts/preview-annual-run';
import { associationSchema } from '../../api/settings/schemas';
import { ROLES } from '../../db/schema';
import { FIRST_NAMES } from '../../db/seed/names';
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_SEED, seedDemo } from '../../db/seed/index';
import { person } from '../../db/seed/people';
import { createRng } from '../../db/seed/random';
import { testApp, type TestApp } from '../helpers/app';
import { Client } from '../helpers/client';
import { fixedClock } from '../helpers/clock';
import { createTestDatabase, describeEachEngine } from '../helpers/db';

const users = (t: TestApp) => t.db.selectFrom('users').select(['name', 'email', 'role', 'status', 'language']).orderBy('id').execute();
const grantData = async (t: TestApp) => ({
  applications: await t.db.selectFrom('grant_applications').select(['title', 'status', 'status_since', 'requested_cents', 'approved_cents', 'period_from']).orderBy('id').execute(),
  expenses: await t.db.selectFrom('grant_expenses').select(['spent_on', 'amount_cents', 'receipt_ref']).orderBy('id').execute(),
});

describeEachEngine('demo data (npm run demo)', (database, engine) => {
  let t: TestApp;
  let seeded: Awaited<ReturnType<typeof seedDemo>>;
  beforeAll(async () => {
    t = testApp(database());
    seeded = await seedDemo(t.db, { clock: t.clock });
  });

  it('has an active account for every role and each printed login', async () => {
    const all = await users(t);
    for (const role of ROLES) expect(all.filter((u) => u.role === role && u.status === 'active').length, role).toBeGreaterThan(0);
    for (const login of DEMO_LOGINS) expect(all).toContainEqual(expect.objectContaining({ email: login.email, role: login.role, status: 'active' }));
    // Open invitations and a disabled account belong to a realistic user list too.
    expect(new Set(all.map((u) => u.status))).toEqual(new Set(['active', 'invited', 'disabled']));
  });

  it('names people with German, Arabic and Turkish names, on example domains only', async () => {
    const firstNames = (await users(t)).map((u) => u.name.split(' ')[0]!);
    for (const origin of ['german', 'arabic', 'turkish'] as const) {
      expect(firstNames.some((n) => (FIRST_NAMES[origin] as readonly string[]).includes(n)), origin).toBe(true);
    }
    const emails = (await users(t)).map((u) => u.email);
    expect(emails.filter((e) => !/@(example\.(org|com|net)|demo\.kassenwart\.de)$/.test(e))).toEqual([]);
  });

  it('writes a history in the audit log and the outbox, all of it in the past', async () => {
    expect(seeded.users).toBeGreaterThanOrEqual(15);
    expect(seeded.members).toBeGreaterThanOrEqual(200);
    expect(seeded.mandates).toBeGreaterThanOrEqual(100);
    expect(seeded.collections).toBeGreaterThanOrEqual(1);
    expect(seeded.reminders).toBeGreaterThanOrEqual(1);
    // online applications waiting for the treasurer, in Arabic, Turkish and German
    expect(seeded.applications).toBe(3);
    const applicants = await t.db.selectFrom('members').select('language').where('status', '=', 'applicant').orderBy('language').execute();
    expect(applicants.map((a) => a.language)).toEqual(['ar', 'de', 'tr']);
    expect(seeded.auditEntries).toBeGreaterThanOrEqual(30);
    expect(seeded.outboxMails).toBeGreaterThanOrEqual(15);
    const audit = await t.db.selectFrom('audit_log').select(['at', 'action', 'entity']).orderBy('id').execute();
    const foundation = audit.filter((a) => a.entity === 'user' || a.entity === 'association');
    expect(new Set(foundation.map((a) => a.action))).toEqual(
      new Set(['setup.completed', 'user.created', 'user.invited', 'user.invitation_accepted', 'settings.updated', 'user.updated', 'user.password_reset']),
    );
    // the members area's history: records, mandates, dues runs, collections, payments, a return, dunning
    for (const action of ['member.created', 'member.applied', 'mandate.created', 'dues_run.created', 'collection.booked', 'payment.recorded', 'debit.returned', 'dunning_run.completed']) {
      expect(audit.map((a) => a.action)).toContain(action);
    }
    const times = foundation.map((a) => a.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...audit.map((a) => a.at.getTime()))).toBeLessThanOrEqual(t.clock.now().getTime());
    const outbox = await t.db.selectFrom('outbox').select(['status', 'subject']).execute();
    expect(new Set(outbox.map((m) => m.status))).toEqual(new Set(['sent', 'pending', 'failed']));
    expect(outbox[0]!.subject).toBe('Einladung zu Kassenwart – Laissez-passer e.V.');
  });

  it('stores association master data that passes the settings validation', async () => {
    const { id: _id, updated_at: _at, ...row } = await t.db.selectFrom('association').selectAll().executeTakeFirstOrThrow();
    // Only the master-data fields the settings form edits (other areas add their own columns).
    const input = Object.fromEntries(Object.keys(associationSchema.shape).map((k) => [k, row[k as keyof typeof row] ?? undefined]));
    const parsed = associationSchema.safeParse(input);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(row).toMatchObject({ name: 'Laissez-passer e.V.', city: 'Berlin', iban: 'DE02120300000000202051', creditor_id: 'DE98ZZZ09999999999' });
    // Receipts may be issued only while the Freistellungsbescheid is at most five years old.
    const fiveYearsAgo = new Date(t.clock.now().getTime() - 5 * 365 * 86_400_000).toISOString().slice(0, 10);
    expect(row.notice_date > fiveYearsAgo && row.notice_date <= t.clock.now().toISOString().slice(0, 10)).toBe(true);
    expect(row.purposes.length).toBeGreaterThanOrEqual(2);
    for (const p of row.purposes) {
      expect(p.genitive).toMatch(/^der /);
      expect(p.accusative).toMatch(/^die /);
    }
  });

  it('fills the donations ledger: online and offline gifts, monthly, pending, refunded, in kind, an Aufwandsspende and a proposed match', async () => {
    expect(seeded.donations).toBeGreaterThanOrEqual(20);
    const gifts = await t.db.selectFrom('donations').select(['method', 'status', 'source', 'waiver', 'subscription_id', 'donated_on']).execute();
    for (const method of ['stripe_card', 'stripe_sepa', 'transfer', 'cash', 'in_kind']) expect(gifts.map((g) => g.method)).toContain(method);
    for (const status of ['pending', 'succeeded', 'failed', 'refunded', 'disputed']) expect(gifts.map((g) => g.status)).toContain(status);
    expect(gifts.filter((g) => g.waiver)).toHaveLength(1);
    expect(gifts.filter((g) => g.subscription_id !== null).length).toBeGreaterThanOrEqual(3);
    expect(gifts.every((g) => g.donated_on <= t.clock.now().toISOString().slice(0, 10))).toBe(true);
    expect(await t.db.selectFrom('donors').select('name').where('proposed_donor_id', 'is not', null).execute()).toHaveLength(1);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', 'in', ['donation', 'donor', 'donation_purpose']).execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['donation_purpose.created', 'donor.created', 'donation.recorded']));
  });

  it('has a year for the annual receipt run and one still running: mail and post, a member who also donates, and each reason to leave someone out', async () => {
    const today = t.clock.now().toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4)) - 1;
    expect(seeded.receiptYear).toBe(year);
    const association = await t.db.selectFrom('association').select(['machine_procedure_notified_on', 'simplified_proof']).executeTakeFirstOrThrow();
    expect(association.machine_procedure_notified_on! <= today).toBe(true);
    const last = await previewAnnualRun(t.db, { year, listLimit: 1000 }, t.deps);
    expect(last.gate).toBeNull();
    expect(last.receipts.count).toBeGreaterThanOrEqual(100);
    expect(last.receipts.gifts).toBeGreaterThanOrEqual(20);
    expect(last.receipts.byMail).toBeGreaterThan(0);
    expect(last.receipts.byPost).toBeGreaterThan(0);
    expect(last.people.filter((p) => p.gifts > 0 && p.fees > 0)).toHaveLength(1);
    expect(last.people.filter((p) => p.gifts >= 2 && p.fees === 0).length).toBeGreaterThanOrEqual(5);
    expect(last.withoutAddress.count).toBe(1);
    for (const reason of ['anonymous', 'refunded', 'inKind'] as const) expect(last.excluded[reason].count, reason).toBeGreaterThanOrEqual(1);
    const running = await previewAnnualRun(t.db, { year: year + 1 }, t.deps);
    expect(running.yearRunning).toBe(true);
    expect(running.receipts.gifts).toBeGreaterThanOrEqual(10);
  });

  it('has a grant pipeline with an application in every status, each moved only along the allowed steps', async () => {
    const today = berlinToday(t.clock.now());
    const apps = await t.db.selectFrom('grant_applications').selectAll().orderBy('id').execute();
    expect(seeded.grantApplications).toBe(apps.length);
    expect(apps.length).toBeGreaterThanOrEqual(12);
    for (const status of GRANT_STATUSES) expect(apps.map((a) => a.status), status).toContain(status);
    expect(apps.filter((a) => a.status === 'running').length).toBeGreaterThanOrEqual(2);
    expect(apps.filter((a) => a.status === 'submitted').length).toBeGreaterThanOrEqual(2);
    const funders = await t.db.selectFrom('funders').select(['id', 'kind']).execute();
    for (const kind of ['foundation', 'federal', 'state', 'municipal', 'eu', 'company']) expect(funders.map((f) => f.kind), kind).toContain(kind);

    const changes = await t.db.selectFrom('grant_status_changes').selectAll().orderBy('changed_at').orderBy('id').execute();
    for (const a of apps) {
      const history = changes.filter((c) => c.application_id === a.id);
      expect(history[0], a.title).toMatchObject({ from_status: null, to_status: 'idea' });
      for (let i = 1; i < history.length; i++) {
        const [before, move] = [history[i - 1]!, history[i]!];
        expect(move.from_status, a.title).toBe(before.to_status);
        expect(canMove(move.from_status!, move.to_status), `${a.title}: ${move.from_status} → ${move.to_status}`).toBe(true);
        expect(move.changed_on >= before.changed_on, a.title).toBe(true);
      }
      const last = history.at(-1)!;
      expect([last.to_status, last.changed_on], a.title).toEqual([a.status, a.status_since]);
      expect(last.changed_on < today && last.changed_at.getTime() <= t.clock.now().getTime(), a.title).toBe(true);
      expect(a.submitted_on, a.title).toBe(history.find((c) => c.to_status === 'submitted')?.changed_on ?? null);
      // approved at most what was asked for; a partial approval clearly less
      if (a.approved_cents !== null) expect(a.approved_cents, a.title).toBeLessThanOrEqual(a.requested_cents);
      if (a.status === 'partly_approved') expect(a.approved_cents!, a.title).toBeLessThan(a.requested_cents * 0.9);
      expect(APPROVED_STATUSES.includes(a.status) || a.status === 'withdrawn' || a.approved_cents === null, a.title).toBe(true);
    }
    // the demo logins of the board and the treasurer are responsible, some applications nobody yet
    const responsible = await t.db.selectFrom('grant_applications').leftJoin('users', 'users.id', 'grant_applications.responsible_user_id').select('users.email').execute();
    expect(new Set(responsible.map((r) => r.email))).toEqual(new Set(['vorstand@demo.kassenwart.de', 'kasse@demo.kassenwart.de', null]));
  });

  it('gives every grant application a balanced plan, payments within the approved amount and expenses on its own plan lines', async () => {
    const today = berlinToday(t.clock.now());
    const apps = await t.db.selectFrom('grant_applications').selectAll().execute();
    const lines = await t.db.selectFrom('grant_plan_lines').selectAll().execute();
    const sources = await t.db.selectFrom('grant_funding_sources').selectAll().execute();
    const payments = await t.db.selectFrom('grant_payments').selectAll().execute();
    const expenses = await t.db.selectFrom('grant_expenses').selectAll().execute();
    const sum = (rows: { amount_cents?: number; planned_cents?: number }[]) => rows.reduce((s, r) => s + (r.amount_cents ?? r.planned_cents ?? 0), 0);
    for (const a of apps) {
      const own = <T extends { application_id: number }>(rows: T[]) => rows.filter((r) => r.application_id === a.id);
      if (a.status === 'idea') {
        expect(own(lines), a.title).toEqual([]);
        continue;
      }
      expect(own(lines).length, a.title).toBeGreaterThanOrEqual(3);
      expect(sum(own(sources)), a.title).toBe(sum(own(lines)));
      expect(sum(own(sources).filter((s) => s.kind === 'this_grant')), a.title).toBe(a.approved_cents ?? a.requested_cents);
      expect(sum(own(sources).filter((s) => s.kind === 'own_means')), a.title).toBe(a.own_contribution_cents);
      expect(sum(own(payments)), a.title).toBeLessThanOrEqual(a.approved_cents ?? 0);
      if (['running', 'reporting', 'closed'].includes(a.status)) {
        expect(own(payments).length, a.title).toBeGreaterThan(0);
        expect(own(expenses).length, a.title).toBeGreaterThan(0);
      }
      if (a.status === 'closed') expect(sum(own(payments)), a.title).toBe(a.approved_cents);
      for (const p of own(payments)) expect(p.received_on < today && p.received_on > a.submitted_on!, a.title).toBe(true);
      for (const e of own(expenses)) {
        expect(lines.find((l) => l.id === e.plan_line_id)?.application_id, `${a.title}: ${e.description}`).toBe(a.id);
        expect(e.spent_on >= a.period_from! && e.spent_on <= a.period_to! && e.spent_on < today, `${a.title}: ${e.spent_on}`).toBe(true);
        expect(e.receipt_ref, a.title).toMatch(/^[A-Z0-9]+-\d{4}-\d{3}$/);
      }
    }
    expect(payments.length).toBeGreaterThanOrEqual(8);
    expect(expenses.length).toBe(seeded.grantExpenses);
    expect(new Set(expenses.map((e) => e.receipt_ref)).size).toBe(expenses.length);
    // links only, no stored files
    const documents = await t.db.selectFrom('grant_documents').select(['url', 'blob_key']).execute();
    expect(documents.length).toBeGreaterThanOrEqual(apps.length);
    expect(documents.every((d) => d.blob_key === null && /^https:\/\//.test(d.url!))).toBe(true);
  });

  it('has grant deadlines to act on: overdue ones and ones in the next 90 days, none before the submission', async () => {
    const today = berlinToday(t.clock.now());
    const deadlines = await t.db
      .selectFrom('grant_deadlines')
      .innerJoin('grant_applications as a', 'a.id', 'grant_deadlines.application_id')
      .select(['grant_deadlines.kind', 'due_on', 'done_on', 'done_by', 'a.status', 'a.submitted_on', 'a.period_to'])
      .execute();
    expect(seeded.grantDeadlines).toBe(deadlines.length);
    const overdue = deadlines.filter((d) => deadlineState(d, today) === 'overdue');
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    const soon = deadlines.filter((d) => deadlineState(d, today) === 'open' && d.due_on <= addDays(today, 90));
    expect(soon.length).toBeGreaterThanOrEqual(3);
    for (const kind of ['application', 'drawdown', 'interim_report', 'final_report', 'retention_end']) expect(deadlines.map((d) => d.kind), kind).toContain(kind);
    // ideas and applications in preparation have an application deadline ahead
    for (const status of ['idea', 'in_preparation']) {
      expect(deadlines.some((d) => d.status === status && d.kind === 'application' && d.due_on > today && !d.done_on), status).toBe(true);
    }
    for (const d of deadlines) {
      if (d.submitted_on) expect(d.due_on >= d.submitted_on, `${d.kind} ${d.due_on}`).toBe(true);
      if (d.done_on) expect(d.done_on <= today && d.done_by !== null, `${d.kind} ${d.due_on}`).toBe(true);
    }
    // a closed project's receipts are kept ten years after its end
    for (const d of deadlines.filter((x) => x.kind === 'retention_end')) {
      expect(d.status).toBe('closed');
      expect(Number(d.due_on.slice(0, 4))).toBe(Number(d.period_to!.slice(0, 4)) + 10);
    }
  });

  it('lets every printed demo login sign in with the printed password', async () => {
    for (const login of DEMO_LOGINS) {
      const client = new Client(t.app);
      const res = await client.post('/login', { email: login.email, password: DEMO_PASSWORD, next: '/' });
      expect(res.status, login.email).toBe(302);
      expect(client.cookies.has('kw_session')).toBe(true);
    }
  });

  it('makes the same data from the same seed, and other names from another seed', async () => {
    const again = await createTestDatabase(engine);
    try {
      await seedDemo(again.db, { seed: DEMO_SEED, clock: fixedClock() });
      expect(await users(testApp(again))).toEqual(await users(t));
      expect(await grantData(testApp(again))).toEqual(await grantData(t));
    } finally {
      await again.close();
    }
    // Another seed, checked on the generator alone: a third database would only cost time.
    const names = (seed: number) => {
      const rng = createRng(seed).fork('foundation');
      return Array.from({ length: 10 }, () => person(rng).name);
    };
    expect(names(DEMO_SEED)).toEqual(names(DEMO_SEED));
    expect(names(DEMO_SEED + 1)).not.toEqual(names(DEMO_SEED));
  });
});
