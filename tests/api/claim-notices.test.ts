import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliverOutbox } from '../../api/jobs/deliver-outbox';
import { formatEuro } from '../../api/lib/money';
import { smtpTransport } from '../../api/mail/smtp-transport';
import { testApp, type TestApp } from '../helpers/app';
import { postOk, type Client } from '../helpers/client';
import { describeEachEngine } from '../helpers/db';
import { createAssociation, signedIn } from '../helpers/factories';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

describeEachEngine('claim notices after a dues run: GiroCode for transfer payers, never for debit payers', (database) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let treasurer: Client;
  const ids: Record<string, number> = {};
  const post = (path: string, body: unknown) => postOk(treasurer, path, body);

  beforeAll(async () => {
    smtp = await startSmtp();
    t = testApp(database(), { mailer: smtpTransport(smtp.url) });
    await createAssociation(t.db);
    t.clock.set('2026-01-02T09:00:00Z');
    treasurer = (await signedIn(t, 'treasurer')).client;
    const yearly = (await post('/api/v1/membership-types', { name: 'Ordentlich', fee_cents: 6000, reduced_fee_cents: 3000, interval: 'yearly' })).id;
    const quarterly = (await post('/api/v1/membership-types', { name: 'Quartal', fee_cents: 1500, interval: 'quarterly' })).id;
    const base = { status: 'active', membership_type_id: yearly, join_date: '2020-01-01' };
    ids.transfer = (await post('/api/v1/members', { ...base, payment_method: 'transfer', first_name: 'Emre', last_name: 'Doğan', email: 'emre@example.org', language: 'tr' })).id;
    ids.child = (await post('/api/v1/members', { ...base, reduced_fee: true, payment_method: 'transfer', payer_member_id: ids.transfer, first_name: 'Elif', last_name: 'Doğan' })).id;
    ids.debit = (await post('/api/v1/members', { ...base, payment_method: 'sepa_debit', first_name: 'Tarek', last_name: 'Haddad', email: 'tarek@example.org' })).id;
    const mandate = await treasurer.post(`/members/${ids.debit}/mandates`, { signed_on: '2025-12-01', iban: 'DE89370400440532013000', account_holder: 'Tarek Haddad' });
    expect(mandate.status).toBe(302);
    ids.card = (await post('/api/v1/members', { ...base, membership_type_id: quarterly, payment_method: 'card', first_name: 'Nour', last_name: 'Saleh', email: 'nour@example.org', language: 'ar' })).id;
    ids.noEmail = (await post('/api/v1/members', { ...base, payment_method: 'transfer', first_name: 'Ohne', last_name: 'Mail' })).id;
  });
  afterAll(async () => {
    await t.settle();
    await smtp.close();
  });

  it('writes one notice per transfer (or card) payer with every claim they pay, none to debit payers', async () => {
    const run = await post('/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
    expect(run).toMatchObject({ notices_sent: 2, notices_without_email: ['Ohne Mail'] });
    await t.settle();
    const rows = await t.db.selectFrom('outbox').select(['to_address', 'template', 'language', 'text_body']).where('template', '=', 'dues-claim').orderBy('to_address').execute();
    expect(rows.map((r) => [r.to_address, r.language])).toEqual([
      ['emre@example.org', 'tr'],
      ['nour@example.org', 'ar'],
    ]);
    const emre = rows[0]!.text_body;
    // the payer's own fee and the family member's reduced fee, in one notice
    expect(emre).toContain(`Mitgliedsbeitrag 2026 (son ödeme 01.01.2026): ${formatEuro(6000)}`);
    expect(emre).toContain(`Mitgliedsbeitrag 2026 (Elif Doğan için) (son ödeme 01.01.2026): ${formatEuro(3000)}`);
    expect(emre).toContain(`Toplam: ${formatEuro(9000)}`);
    // four quarters for the card payer (no online card payment set up: bank details instead)
    expect(rows[1]!.text_body.match(/Mitgliedsbeitrag \d\. Quartal 2026/g)).toHaveLength(4);
    // and no card payment link without Stripe keys
    for (const row of rows) expect(row.text_body).not.toContain('/pay/dues/');
  });

  it('delivers the GiroCode as an inline PNG that scans to the total and the reference', async () => {
    await deliverOutbox(t.deps);
    const mail = smtp.received.find((m) => JSON.stringify(m.to).includes('emre@example.org'))!;
    expect(mail.subject).toBe('Üyelik aidatı: ödeme talebi – Laissez-passer e.V.');
    const image = mail.attachments.find((a) => a.cid === 'girocode')!;
    expect(image.contentType).toBe('image/png');
    const png = PNG.sync.read(image.content);
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)!;
    const lines = code.data.split('\n');
    expect(lines.slice(0, 3)).toEqual(['BCD', '002', '1']);
    expect(lines).toContain('EUR90.00');
    expect(lines).toContain('DE02120300000000202051');
    expect(lines.find((l) => l.startsWith('Mitglied'))).toMatch(/^Mitglied \d+ Beitrag Emre Doğan$/);
  });

  it('a second run for the same period makes no claims and sends nothing', async () => {
    const again = await post('/api/v1/dues/runs', { period_from: '2026-01-01', period_to: '2026-12-31' });
    expect(again).toMatchObject({ claims_created: 0, notices_sent: 0, notices_without_email: [] });
    const count = await t.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('template', '=', 'dues-claim').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });
});
