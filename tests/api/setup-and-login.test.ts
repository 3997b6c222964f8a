import { beforeAll, expect, it } from 'vitest';
import { Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { testApp, type TestApp } from '../helpers/app';
import { PASSWORD, setupForm } from '../helpers/factories';

describeEachEngine('first start, setup and login', (database) => {
  let t: TestApp;
  beforeAll(() => {
    t = testApp(database());
  });

  it('sends a new visitor to the setup page while no user exists', async () => {
    const client = new Client(t.app);
    const home = await client.get('/');
    expect(home.status).toBe(302);
    const login = await client.get(home.headers.get('location')!);
    expect(login.headers.get('location')).toBe('/setup');
    const setup = await client.get('/setup');
    expect(setup.status).toBe(200);
    const html = await setup.text();
    expect(html).toContain('Kassenwart einrichten');
    expect(html).toContain('Gläubiger-Identifikationsnummer');
  });

  it('refuses an invalid IBAN and creditor ID with German messages at the fields, and writes nothing', async () => {
    const client = new Client(t.app);
    const res = await client.post('/setup', setupForm({ 'association.iban': 'DE89370400440532013001', 'association.creditor_id': 'DE97ZZZ09999999999' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Keine gültige IBAN (Länge oder Prüfziffer stimmt nicht)');
    expect(html).toContain('Keine gültige Gläubiger-ID (Prüfziffer stimmt nicht)');
    expect(html).toContain('href="#f-association-iban"');
    // what was typed stays in the form
    expect(html).toContain('value="Laissez-passer e.V."');
    expect(await t.db.selectFrom('users').selectAll().execute()).toHaveLength(0);
    expect(await t.db.selectFrom('association').selectAll().execute()).toHaveLength(0);
  });

  it('refuses a cross-site or token-less POST', async () => {
    const client = new Client(t.app);
    const noToken = await client.post('/setup', setupForm(), { csrf: false });
    expect(noToken.status).toBe(403);
    const crossSite = await client.post('/setup', setupForm(), { headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain('von einer anderen Seite');
    expect(await t.db.selectFrom('users').selectAll().execute()).toHaveLength(0);
  });

  it('sets up the association and the first admin, logs them in and audits it', async () => {
    const client = new Client(t.app);
    const res = await client.post('/setup', setupForm());
    expect(res.status).toBe(302);
    expect(client.cookies.get('kw_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const association = await t.db.selectFrom('association').selectAll().executeTakeFirstOrThrow();
    expect(association.iban).toBe('DE02120300000000202051');
    expect(association.notice_date).toBe('2025-06-30');
    expect(association.purposes).toHaveLength(1);
    const admin = await t.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(admin).toMatchObject({ email: 'amina@example.org', role: 'admin', status: 'active' });
    expect(admin.password_hash).toMatch(/^scrypt\$16384\$8\$5\$/);
    const home = await client.get('/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Laissez-passer e.V.');
    const audit = await t.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['setup.completed', 'user.created']);
    expect(JSON.stringify(audit[0]!.after)).toContain('DE02 **** **** **** **20 51');
    expect(JSON.stringify(audit)).not.toContain('DE02120300000000202051');
  });

  it('never runs setup twice', async () => {
    const client = new Client(t.app);
    expect((await client.get('/setup')).headers.get('location')).toBe('/login');
    const again = await client.post('/setup', setupForm({ 'admin.email': 'mallory@example.org' }));
    expect(again.status).toBe(302);
    expect(await t.db.selectFrom('users').select('email').execute()).toEqual([{ email: 'amina@example.org' }]);
  });

  it('logs in with the right password only, and logs out', async () => {
    const client = new Client(t.app);
    const wrong = await client.post('/login', { email: 'amina@example.org', password: 'falsch-falsch-falsch', next: '/' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('E-Mail-Adresse oder Passwort ist falsch.');
    expect(client.cookies.has('kw_session')).toBe(false);

    const ok = await client.post('/login', { email: 'AMINA@example.org ', password: PASSWORD, next: '/settings' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('/settings');
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('kw_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await client.get('/settings')).status).toBe(200);

    const stored = await t.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(client.cookies.get('kw_session'));

    const out = await client.post('/logout');
    expect(out.headers.get('location')).toBe('/login');
    expect((await client.get('/settings')).status).toBe(302);
  });

  it('never redirects off-site after login', async () => {
    const client = new Client(t.app);
    const res = await client.post('/login', { email: 'amina@example.org', password: PASSWORD, next: '//evil.example/x' });
    expect(res.headers.get('location')).toBe('/');
  });

  it('ignores a forged session cookie', async () => {
    const client = new Client(t.app);
    client.cookies.set('kw_session', 'A'.repeat(43));
    const page = await client.get('/settings');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login?next=%2Fsettings');
    const api = await client.get('/api/v1/me');
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  it('locks an account for 15 minutes after 5 wrong passwords, even for the right one', async () => {
    const client = new Client(t.app);
    for (let i = 0; i < 5; i++) {
      expect((await client.post('/login', { email: 'amina@example.org', password: `falsch-${i}-xxxxxx` })).status).toBe(401);
    }
    const locked = await client.post('/login', { email: 'amina@example.org', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('Zu viele fehlgeschlagene Anmeldungen');
    t.clock.advance(15 * 60_000 + 1000);
    expect((await client.post('/login', { email: 'amina@example.org', password: PASSWORD })).status).toBe(302);
  });

  it('slides the session expiry when it is used in its second half', async () => {
    const client = new Client(t.app);
    await client.post('/login', { email: 'amina@example.org', password: PASSWORD });
    const token = client.cookies.get('kw_session')!;
    t.clock.advance(7 * 3_600_000); // 7 of 12 hours
    const res = await client.get('/account');
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`kw_session=${token}`))).toBe(true);
    t.clock.advance(11 * 3_600_000); // still inside the renewed 12 hours
    expect((await client.get('/account')).status).toBe(200);
    t.clock.advance(13 * 3_600_000); // idle past the end
    expect((await client.get('/account')).status).toBe(302);
  });
});
