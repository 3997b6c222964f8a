import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../api/auth/api-tokens';
import { createSession } from '../../api/auth/sessions';
import { createPortalSession } from '../../api/portal/portal-sessions';
import { createDonorSession } from '../../api/donor-portal/donor-sessions';
import { systemActor } from '../../api/deps';
import { ACCESS, isAllowed, type Access } from '../../api/http/access';
import { ROLES, type Role } from '../../db/schema';
import { testApp, type TestApp } from '../helpers/app';
import { Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, createUser } from '../helpers/factories';

/**
 * 'portal': a member logged in to the member portal, who is no staff user and has no role;
 * 'donor': a donor logged in to the donor portal, likewise.
 */
type Who = { label: string; role: Role | null; via: 'anonymous' | 'session' | 'token' | 'portal' | 'donor' };
const WHO: Who[] = [
  { label: 'anonymous', role: null, via: 'anonymous' },
  ...ROLES.map((role): Who => ({ label: role, role, via: 'session' })),
  ...ROLES.map((role): Who => ({ label: `token:${role}`, role, via: 'token' })),
  { label: 'member in the portal', role: null, via: 'portal' },
  { label: 'donor in the donor portal', role: null, via: 'donor' },
];

function routesOf(t: TestApp) {
  const seen = new Set<string>();
  return t.app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path}`)
    .filter((key) => !seen.has(key) && seen.add(key));
}

describe('the ACCESS table', () => {
  it('has exactly one line for every route of the app, and no line without a route', async () => {
    const { createTestDatabase } = await import('../helpers/db');
    const database = await createTestDatabase('pglite');
    const routes = routesOf(testApp(database));
    await database.close();
    expect(routes.filter((key) => !(key in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((key) => !routes.includes(key))).toEqual([]);
  });
});

describe('the policy itself', () => {
  const reach = (role: Role) =>
    Object.entries(ACCESS)
      .filter(([, access]) => access !== 'public' && isAllowed(access, role))
      .map(([key]) => key)
      .sort();

  const grantKeys = Object.keys(ACCESS).filter((key) => /^[A-Z]+ \/(api\/v1\/)?(grants|funders|grant-deadlines|calendar)(\/|$)/.test(key));
  // the finance dashboard: aggregates for the board and the treasurer
  const dashboardKeys = ['GET /dashboard', 'GET /dashboard/kassenbericht.pdf', 'GET /api/v1/dashboard'];

  it('keeps members and the board away from member records; the board has the grants, members never', () => {
    const own = ['GET /', 'GET /account', 'GET /api/v1/me', 'POST /account/password', 'POST /logout'];
    expect(grantKeys.length).toBeGreaterThan(30);
    expect(reach('member')).toEqual(own);
    expect(reach('board')).toEqual([...own, ...grantKeys, ...dashboardKeys].sort());
  });

  it('gives the treasurer the members and dues, and the master data to read, but nothing of the admin', () => {
    const memberKeys = Object.keys(ACCESS).filter((key) => /\/members|\/membership-types|\/applications|\/dues|\/sepa|\/mandates|\/donations|\/donors|^[A-Z]+ \/(api\/v1\/)?receipts/.test(key) && ACCESS[key] !== 'public');
    expect(memberKeys.length).toBeGreaterThan(10);
    expect(reach('treasurer')).toEqual(
      ['GET /', 'GET /account', 'GET /api/v1/me', 'GET /api/v1/settings', 'POST /account/password', 'POST /logout', ...memberKeys, ...grantKeys, ...dashboardKeys].sort(),
    );
  });

  it('gives the portal to members in the portal only, and them nothing else', () => {
    const portal = Object.keys(ACCESS).filter((key) => ACCESS[key] === 'portal');
    expect(portal.length).toBeGreaterThan(5);
    for (const key of portal) expect([key, key.split(' ')[1]!.startsWith('/portal')]).toEqual([key, true]);
    for (const role of ROLES) expect(portal.filter((key) => isAllowed(ACCESS[key]!, role))).toEqual([]);
    const memberReach = Object.entries(ACCESS)
      .filter(([, access]) => access !== 'public' && isAllowed(access, null, true))
      .map(([key]) => key);
    expect(memberReach.sort()).toEqual(portal.sort());
  });

  it('gives the donor portal to donors in it only, and them nothing else', () => {
    const donor = Object.keys(ACCESS).filter((key) => ACCESS[key] === 'donor');
    expect(donor.length).toBeGreaterThan(5);
    for (const key of donor) expect([key, key.split(' ')[1]!.startsWith('/donor')]).toEqual([key, true]);
    for (const role of ROLES) expect(donor.filter((key) => isAllowed(ACCESS[key]!, role))).toEqual([]);
    expect(donor.filter((key) => isAllowed(ACCESS[key]!, null, true))).toEqual([]);
    const donorReach = Object.entries(ACCESS)
      .filter(([, access]) => access !== 'public' && isAllowed(access, null, false, true))
      .map(([key]) => key);
    expect(donorReach.sort()).toEqual(donor.sort());
  });

  it('gives settings, users, tokens, audit log, outbox and the Stripe inbox to admins only', () => {
    const adminOnly = Object.keys(ACCESS).filter((key) => /settings|users|api-tokens|audit|outbox|stripe-events/.test(key) && key !== 'GET /api/v1/settings' && !key.includes('/donations/settings'));
    for (const key of adminOnly) expect([key, ACCESS[key]]).toEqual([key, ['admin']]);
  });
});

describeEachEngine('every route with every role and anonymously', (database) => {
  let t: TestApp;
  const users = new Map<Role, number>();
  const tokens = new Map<Role, string>();
  let memberId: number;
  let donorId: number;

  beforeAll(async () => {
    t = testApp(database());
    await createAssociation(t.db);
    for (const role of ROLES) {
      users.set(role, (await createUser(t.db, { role })).id);
      tokens.set(role, (await createApiToken(t.db, { name: `t-${role}`, role, actor: systemActor() }, t.deps)).token);
    }
    const type = await t.db.insertInto('membership_types').values({ name: 'Ordentlich', fee_cents: 6000, interval: 'yearly', created_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const member = await t.db
      .insertInto('members')
      .values({ member_number: 1, first_name: 'Mia', last_name: 'Mitglied', email: 'mia@example.org', status: 'active', join_date: '2025-01-01', membership_type_id: type.id, payment_method: 'transfer', created_at: new Date(), updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    memberId = member.id;
    const donor = await t.db.insertInto('donors').values({ name: 'Dana Spenderin', email: 'dana@example.org', created_at: new Date(), updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    donorId = donor.id;
  });

  async function clientFor(who: Who) {
    const client = new Client(t.app);
    const headers: Record<string, string> = {};
    if (who.via === 'session') client.cookies.set('kw_session', (await createSession(t.db, users.get(who.role!)!, t.deps)).token);
    if (who.via === 'token') headers.authorization = `Bearer ${tokens.get(who.role!)}`;
    // the test client sends every cookie to every path: the server must ignore the portal cookie outside /portal
    if (who.via === 'portal') client.cookies.set('kw_portal', (await createPortalSession(t.db, memberId, t.deps)).token);
    // likewise the donor cookie outside /donor
    if (who.via === 'donor') client.cookies.set('kw_donor', (await createDonorSession(t.db, donorId, t.deps)).token);
    return { client, headers };
  }

  function concrete(path: string) {
    // A user id that exists; tokens and mails get an id that does not (a 404 is an answer too),
    // so that no request of the walk revokes a token the walk still needs.
    return path.replace(':id', path.includes('/users/') ? String(users.get('member')) : '999999');
  }

  it('answers each request as the ACCESS table says', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const key of routesOf(t)) {
      const [method, path] = key.split(' ') as [string, string];
      const access: Access = ACCESS[key]!;
      for (const who of WHO) {
        const { client, headers } = await clientFor(who);
        const url = concrete(path);
        const res =
          method === 'GET'
            ? await client.get(url, headers)
            : path.startsWith('/api/')
              ? await client.json(method, url, {}, { headers })
              : await client.post(url, {}, { headers });
        checked++;
        const allowed = isAllowed(access, who.role, who.via === 'portal', who.via === 'donor');
        const location = res.headers.get('location') ?? '';
        const deniedAnonymously = res.status === 401 || (res.status === 302 && (location.startsWith('/login?next=') || (method === 'GET' && (location === '/portal/login' || location === '/donor/login'))));
        const denied = res.status === 403 || deniedAnonymously;
        let ok: boolean;
        if (res.status >= 500) ok = false;
        else if (who.via === 'token' && !path.startsWith('/api/')) ok = res.status === 401; // tokens are for the API only
        else if (allowed) ok = !denied;
        // a member in the portal is nobody on the staff side; staff are nobody in the portal
        else if (who.role === null || access === 'portal' || access === 'donor') ok = deniedAnonymously;
        else ok = res.status === 403;
        if (!ok) failures.push(`${key} as ${who.label}: ${res.status} ${location} (allowed: ${allowed})`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(routesOf(t).length * WHO.length);
    // ~230 routes × 14 callers: 17 s on PGlite in CI, near the default 30 s on a loaded machine
  }, 120_000);

  it('keeps a denied request from changing anything', async () => {
    const before = await t.db.selectFrom('users').select(['id', 'role', 'status']).orderBy('id').execute();
    const { client } = await clientFor({ label: 'board', role: 'board', via: 'session' });
    const res = await client.post(`/users/${users.get('member')}`, { role: 'admin' });
    expect(res.status).toBe(403);
    const api = await client.json('PATCH', `/api/v1/users/${users.get('member')}`, { role: 'admin' });
    expect(api.status).toBe(403);
    expect((await api.json()).title).toBe('Keine Berechtigung');
    expect(await t.db.selectFrom('users').select(['id', 'role', 'status']).orderBy('id').execute()).toEqual(before);
  });

  it('answers a revoked or unknown API token with 401', async () => {
    const res = await t.app.request('/api/v1/me', { headers: { authorization: 'Bearer kw_unknown' } });
    expect(res.status).toBe(401);
    const ok = await t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${tokens.get('board')}` } });
    expect(await ok.json()).toMatchObject({ kind: 'token', role: 'board' });
  });
});
