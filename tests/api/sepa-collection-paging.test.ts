import { beforeAll, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app';
import { postOk, type Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, signedIn } from '../helpers/factories';

describeEachEngine('a large collection on screen: its debits a page at a time', (database) => {
  let t: TestApp;
  let treasurer: Client;
  let collectionId: number;
  const PAYERS = 205;

  beforeAll(async () => {
    t = testApp(database());
    t.clock.set('2026-01-05T09:00:00Z');
    await createAssociation(t.db);
    treasurer = (await signedIn(t, 'treasurer')).client;
    const type = (await postOk(treasurer, '/api/v1/membership-types', { name: 'Ordentlich', fee_cents: 6000, interval: 'yearly' })).id;
    const now = t.clock.now();
    const members = await t.db
      .insertInto('members')
      .values(
        Array.from({ length: PAYERS }, (_, i) => ({
          member_number: 1000 + i,
          first_name: 'Zahler',
          last_name: `Nr ${String(i).padStart(3, '0')}`,
          email: `zahler${i}@example.org`,
          status: 'active' as const,
          membership_type_id: type,
          payment_method: 'sepa_debit' as const,
          join_date: '2020-01-01',
          created_at: now,
          updated_at: now,
        })),
      )
      .returning('id')
      .execute();
    await t.db
      .insertInto('sepa_mandates')
      .values(members.map((m, i) => ({ member_id: m.id, reference: `KW-P-${i}`, signed_on: '2025-12-01', iban: 'DE89370400440532013000', account_holder: `Zahler Nr ${i}`, status: 'active' as const, created_at: now })))
      .execute();
    await postOk(treasurer, '/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
    expect((await treasurer.post('/sepa/collections', { due_date: '2026-01-20' })).status).toBe(302);
    collectionId = (await t.db.selectFrom('sepa_collections').select(['id', 'debits']).executeTakeFirstOrThrow()).id;
  });

  const rows = (html: string) => html.match(/<tr id="debit-\d+"/g)?.length ?? 0;

  it('shows 200 debits on the first page and the rest on the second, with a pager', async () => {
    const first = await (await treasurer.get(`/sepa/collections/${collectionId}`)).text();
    expect(rows(first)).toBe(200);
    expect(first).toContain('Seite 1 von 2');
    expect(first).toContain(`href="/sepa/collections/${collectionId}?page=2"`);
    const second = await (await treasurer.get(`/sepa/collections/${collectionId}?page=2`)).text();
    expect(rows(second)).toBe(PAYERS - 200);
    expect(second).toContain('Seite 2 von 2');
    // the total still counts every debit, not only the page
    expect(second).toContain(`${PAYERS}, `);
    // a page past the end shows the last one
    expect(rows(await (await treasurer.get(`/sepa/collections/${collectionId}?page=99`)).text())).toBe(PAYERS - 200);
  });
});
