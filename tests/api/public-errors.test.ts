import { afterAll, beforeAll, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { createAssociation } from '../helpers/factories';

describeEachEngine('errors on public pages and portals: the visitor’s frame and language, not the staff layout', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = testApp(database());
    await createAssociation(t.db);
  });
  afterAll(async () => {
    await t.settle();
  });

  it('an expired form in the donor portal (no CSRF token) answers in Arabic, right to left, with the way back', async () => {
    const response = await t.app.request('/donor/login', {
      method: 'POST',
      headers: { accept: 'text/html', 'accept-language': 'ar', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40example.org',
    });
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('انتهت صلاحية النموذج');
    expect(html).toContain('href="/donor"');
    expect(html).not.toContain('/logout'); // no staff navigation
  });

  it('an unknown page of the member portal says so in Turkish', async () => {
    const response = await t.app.request('/portal/gibt-es-nicht?lang=tr', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('lang="tr"');
    expect(html).toContain('Bulunamadı');
    expect(html).toContain('href="/portal"');
  });

  it('staff pages keep the staff error page', async () => {
    const response = await t.app.request('/members/gibt-es-nicht/edit/x', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('Nicht gefunden');
    expect(html).toContain('Zur Übersicht');
  });
});
