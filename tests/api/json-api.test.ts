import { beforeAll, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app';
import { Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { associationInput, createAssociation, signedIn } from '../helpers/factories';

describeEachEngine('JSON API under /api/v1', (database) => {
  let t: TestApp;
  let admin: Client;
  let adminId: number;

  beforeAll(async () => {
    t = testApp(database());
    await createAssociation(t.db);
    const signed = await signedIn(t, 'admin');
    admin = signed.client;
    adminId = signed.user.id;
  });

  it('answers validation errors as problem+json with German field errors, English on request', async () => {
    const bad = { ...associationInput(), iban: 'DE89370400440532013001', postal_code: '1099', purposes: [] };
    const de = await admin.json('PUT', '/api/v1/settings', bad);
    expect(de.status).toBe(422);
    expect(de.headers.get('content-type')).toContain('application/problem+json');
    const body = await de.json();
    expect(body).toMatchObject({ status: 422, code: 'validation', title: 'Die Eingaben sind nicht gültig' });
    expect(body.requestId).toBeTruthy();
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'iban', message: 'Keine gültige IBAN (Länge oder Prüfziffer stimmt nicht)' },
        { field: 'postal_code', message: 'Postleitzahl: fünf Ziffern' },
        { field: 'purposes', message: 'Mindestens 1 Einträge' },
      ]),
    );
    const en = await admin.json('PUT', '/api/v1/settings', bad, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    const enBody = await en.json();
    expect(enBody.title).toBe('The input is not valid');
    expect(enBody.errors).toEqual(expect.arrayContaining([{ field: 'iban', message: 'Not a valid IBAN (length or check digits wrong)' }]));
    expect((await t.db.selectFrom('association').select('iban').executeTakeFirstOrThrow()).iban).toBe('DE02120300000000202051');
  });

  it('refuses unknown JSON fields instead of ignoring them', async () => {
    const res = await admin.json('POST', '/api/v1/users', { email: 'a@example.org', name: 'A', role: 'board', isAdmin: true });
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([{ field: 'isAdmin', message: 'Unbekanntes Feld – bitte entfernen' }]);
    expect(await t.db.selectFrom('users').select('email').where('email', '=', 'a@example.org').execute()).toEqual([]);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const malformed = await admin.json('POST', '/api/v1/users', '{"email": ');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).detail).toBe('Der Inhalt ist kein gültiges JSON.');
    const huge = await admin.json('POST', '/api/v1/users', { email: 'b@example.org', name: 'x'.repeat(1_100_000), role: 'board' });
    expect(huge.status).toBe(413);
    expect((await huge.json()).title).toBe('Die Anfrage ist zu groß');
  });

  it('refuses a cookie-authenticated JSON call without the CSRF header', async () => {
    const res = await admin.json('POST', '/api/v1/users', { email: 'c@example.org', name: 'C', role: 'board' }, { csrf: false });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('csrf');
  });

  it('changes the master data and audits the change with the IBAN masked', async () => {
    const res = await admin.json('PUT', '/api/v1/settings', { ...associationInput(), city: 'Potsdam', postal_code: '14467', iban: 'de89 3704 0044 0532 0130 00' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ city: 'Potsdam', iban: 'DE89370400440532013000' });
    const entry = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'settings.updated').executeTakeFirstOrThrow();
    expect(entry.actor_user_id).toBe(adminId);
    expect(entry.before).toEqual({ city: 'Berlin', postal_code: '10997', iban: 'DE02 **** **** **** **20 51' });
    expect(entry.after).toEqual({ city: 'Potsdam', postal_code: '14467', iban: 'DE89 **** **** **** **30 00' });
    expect(entry.request_id).toBeTruthy();
  });

  it('keeps the dues and direct-debit settings, with defaults when left out', async () => {
    const res = await admin.json('PUT', '/api/v1/settings', { ...associationInput(), sepa_version: '001.02', prenotification_days: 5, return_fee_to_member: false, dues_join_rule: 'pro_rata' });
    expect(await res.json()).toMatchObject({ sepa_version: '001.02', prenotification_days: 5, return_fee_to_member: false, dues_join_rule: 'pro_rata' });
    const unchanged = await admin.json('PUT', '/api/v1/settings', associationInput());
    expect(await unchanged.json()).toMatchObject({ sepa_version: '001.02', prenotification_days: 5 });
    const bad = await admin.json('PUT', '/api/v1/settings', { ...associationInput(), prenotification_days: 0, sepa_version: '001.01' });
    expect((await bad.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual(['prenotification_days', 'sepa_version']);
    const page = await (await admin.get('/settings')).text();
    expect(page).toContain('pain.008.001.02 (ältere Banken)');
    expect(page).toMatch(/name="prenotification_days"[^>]*value="5"|value="5"[^>]*name="prenotification_days"/);
  });

  it('refuses a notice dated in the future', async () => {
    const res = await admin.json('PUT', '/api/v1/settings', { ...associationInput(), notice_date: '2027-01-01' });
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([{ field: 'notice_date', message: 'Das Datum liegt in der Zukunft.' }]);
  });

  it('never lets the last admin lose the role, and ends sessions of a demoted user', async () => {
    const last = await admin.json('PATCH', `/api/v1/users/${adminId}`, { role: 'board' });
    expect(last.status).toBe(409);
    expect((await last.json()).detail).toContain('letzte aktive Admin-Konto');

    const other = await signedIn(t, 'treasurer');
    expect((await other.client.get('/api/v1/me')).status).toBe(200);
    const demote = await admin.json('PATCH', `/api/v1/users/${other.user.id}`, { role: 'member' });
    expect(demote.status).toBe(200);
    expect((await other.client.get('/api/v1/me')).status).toBe(401);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.updated').where('entity_id', '=', String(other.user.id)).executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ role: 'treasurer' });
    expect(audit.after).toMatchObject({ role: 'member' });
  });

  it('creates API tokens shown once, stored hashed, usable until revoked', async () => {
    const created = await admin.json('POST', '/api/v1/api-tokens', { name: 'Website', role: 'treasurer' });
    expect(created.status).toBe(201);
    const { id, token } = await created.json();
    expect(token).toMatch(/^kw_[A-Za-z0-9_-]{43}$/);
    const stored = await t.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(JSON.stringify(await (await admin.get('/api/v1/api-tokens')).json())).not.toContain(token);
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.request('/api/v1/settings', { headers: auth })).status).toBe(200);
    // a token needs no CSRF header (it is not a cookie) but keeps its role's limits
    expect((await t.app.request('/api/v1/users', { headers: auth })).status).toBe(403);
    expect((await admin.json('DELETE', `/api/v1/api-tokens/${id}`)).status).toBe(204);
    expect((await t.app.request('/api/v1/settings', { headers: auth })).status).toBe(401);
    const actions = (await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'api_token').execute()).map((a) => a.action);
    expect(actions).toEqual(['api_token.created', 'api_token.revoked']);
  });

  it('serves an OpenAPI 3.1 document of every route with who may call it, and a readable docs page', async () => {
    const doc = await (await t.app.request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/me', '/settings', '/users', '/users/{id}', '/api-tokens', '/api-tokens/{id}', '/audit-log', '/outbox', '/outbox/{id}/retry']));
    expect(doc.paths['/settings'].put['x-access']).toEqual(['admin']);
    expect(doc.paths['/settings'].put.requestBody.content['application/json'].schema).toBeTruthy();
    expect(doc.components.schemas.Association.properties.iban).toBeTruthy();
    const page = await (await t.app.request('/api/docs')).text();
    expect(page).toContain('PUT /api/v1/settings');
    expect(page).toContain('Zugriff / access: admin');
  });

  it('reports health with the database engine, and security headers on every answer', async () => {
    const res = await t.app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: t.deps.engine });
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('answers unknown paths with 404 problem+json for the API and a page for people', async () => {
    const api = await t.app.request('/api/v1/nothing');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    const page = await admin.get('/nothing-here');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Nicht gefunden');
  });
});
