import { beforeAll, expect, it } from 'vitest';
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
