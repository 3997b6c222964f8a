import type { Config } from '../../api/config';
import type { Actor, Clock, Executor } from '../../api/deps';
import { insertDonation, insertDonor } from '../../api/donations/ledger-queries';
import { offlineDonationSchema } from '../../api/donations/ledger-schemas';
import { recordOfflineDonation } from '../../api/donations/record-offline-donation';
import { parseOrThrow } from '../../api/http/validate';
import { createPurpose } from '../../api/donations/save-purpose';
import { addDays, berlinToday } from '../../api/lib/dates';
import type { DonationMethod, DonationStatus, MemberLanguage } from '../schema';
import { BERLIN_STREETS } from './names';
import { person, uniqueEmail } from './people';
import type { Rng } from './random';

const DAY = 86_400_000;

/**
 * The donations area of the demo: purposes, online gifts as the webhook leaves them (card,
 * SEPA still pending, a monthly gift with its paid invoices, a refund, a dispute — written
 * straight to the tables, since the online path needs Stripe), offline gifts through the
 * treasurer's own operation (a transfer, an in-kind gift, an Aufwandsspende, cash from an
 * anonymous giver) and one proposed match of two donors sharing an e-mail address.
 */
export async function seedDonations(trx: Executor, rng: Rng, clock: Clock, config: Config) {
  const now = clock.now().getTime();
  const today = berlinToday(new Date(now));
  const daysAgo = (n: number) => addDays(today, -n);
  const at = (n: number) => ({ clock: { now: () => new Date(now - n * DAY) }, config });
  const treasurerRow = await trx.selectFrom('users').select(['id', 'name', 'email']).where('role', '=', 'treasurer').where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow();
  const actor: Actor = { kind: 'user', id: treasurerRow.id, label: `${treasurerRow.name} <${treasurerRow.email}>`, role: 'treasurer' };

  const winter = await createPurpose(trx, { purpose: { slug: 'winterhilfe', name_de: 'Winterhilfe', name_en: 'Winter aid', name_ar: 'مساعدة الشتاء', name_tr: 'Kış yardımı', active: true }, actor }, at(120));
  const counselling = await createPurpose(
    trx,
    { purpose: { slug: 'rechtsberatung', name_de: 'Rechtsberatung', name_en: 'Legal counselling', name_ar: 'الاستشارة القانونية', name_tr: 'Hukuki danışmanlık', active: true }, actor },
    at(120),
  );

  const taken = new Set<string>();
  let stripeSeq = 0;
  const donor = async (p: { name: string; email: string | null; language?: MemberLanguage; proposedDonorId?: number; daysAgo: number }) => {
    const { street, postalCode } = rng.pick(BERLIN_STREETS);
    return insertDonor(
      trx,
      {
        name: p.name,
        street: `${street} ${rng.int(1, 120)}`,
        postal_code: postalCode,
        city: 'Berlin',
        country: 'DE',
        email: p.email,
        language: p.language ?? 'de',
        member_id: null,
        stripe_customer_id: p.email ? `cus_demo_${++stripeSeq}` : null,
        proposed_donor_id: p.proposedDonorId ?? null,
        proposed_member_id: null,
        notes: null,
      },
      new Date(now - p.daysAgo * DAY),
    );
  };
  /** A gift as applying Stripe's events leaves it (api/donations/apply-stripe-event.ts). */
  const online = (g: { donorId: number | null; daysAgo: number; amount: number; method?: Extract<DonationMethod, 'stripe_card' | 'stripe_sepa'>; status?: DonationStatus; purposeId?: number | null; subscriptionId?: number; receipt?: boolean; language?: MemberLanguage; failure?: string }) => {
    const n = ++stripeSeq;
    const status = g.status ?? 'succeeded';
    const created = new Date(now - g.daysAgo * DAY);
    return insertDonation(
      trx,
      {
        donor_id: g.donorId,
        subscription_id: g.subscriptionId ?? null,
        donated_on: daysAgo(g.daysAgo),
        amount_cents: g.amount,
        method: g.method ?? 'stripe_card',
        purpose_id: g.purposeId ?? null,
        status,
        receipt_wanted: g.receipt ?? false,
        language: g.language ?? 'de',
        source: 'online',
        stripe_checkout_session_id: g.subscriptionId ? null : `cs_demo_${n}`,
        stripe_payment_intent_id: `pi_demo_${n}`,
        stripe_invoice_id: g.subscriptionId ? `in_demo_${n}` : null,
        stripe_charge_id: status === 'pending' ? null : `ch_demo_${n}`,
        refunded_cents: status === 'refunded' ? g.amount : 0,
        failure_reason: g.failure ?? null,
        thanked_at: status === 'pending' ? null : created,
        created_by: 'stripe',
      },
      created,
    );
  };

  // Card gifts over the last months, from people who came through the donation page.
  for (let i = 0; i < 14; i++) {
    const p = person(rng);
    const d = await donor({ name: p.name, email: uniqueEmail(p, rng, taken), language: rng.pick(['de', 'de', 'en', 'ar', 'tr'] as const), daysAgo: rng.int(5, 200) });
    await online({ donorId: d.id, daysAgo: rng.int(3, 180), amount: rng.pick([1000, 2500, 2500, 5000, 10000, 3000]), purposeId: rng.pick([null, null, winter.id, counselling.id]), receipt: rng.chance(0.5), language: d.language });
  }
  await online({ donorId: null, daysAgo: 21, amount: 2000, purposeId: winter.id });

  // A SEPA debit that Stripe confirms days later: pending for now.
  const sepa = await donor({ name: 'Jonas Becker', email: 'jonas.becker@example.org', daysAgo: 3 });
  await online({ donorId: sepa.id, daysAgo: 2, amount: 7500, method: 'stripe_sepa', status: 'pending', purposeId: counselling.id, receipt: true });
  const failed = await donor({ name: 'Rania Saleh', email: 'rania.saleh@example.net', language: 'ar', daysAgo: 40 });
  await online({ donorId: failed.id, daysAgo: 35, amount: 5000, method: 'stripe_sepa', status: 'failed', failure: 'insufficient_funds', language: 'ar' });

  // A monthly gift: the subscription and one donation per paid invoice.
  const monthly = await donor({ name: 'Aylin Öztürk', email: 'aylin.oeztuerk@example.com', language: 'tr', daysAgo: 95 });
  const subscription = await trx
    .insertInto('donation_subscriptions')
    .values({
      donor_id: monthly.id,
      stripe_subscription_id: 'sub_demo_1',
      stripe_customer_id: monthly.stripe_customer_id,
      amount_cents: 1500,
      purpose_id: counselling.id,
      receipt_wanted: true,
      language: 'tr',
      status: 'active',
      started_on: daysAgo(92),
      created_at: new Date(now - 92 * DAY),
      updated_at: new Date(now - 2 * DAY),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const n of [92, 62, 31, 1]) {
    await online({ donorId: monthly.id, daysAgo: n, amount: 1500, subscriptionId: subscription.id, purposeId: counselling.id, receipt: true, language: 'tr' });
  }

  // Refunded (the donor asked) and disputed (chargeback): flagged, never receipted.
  const refunded = await donor({ name: 'Thomas Richter', email: 'thomas.richter@example.org', daysAgo: 50 });
  await online({ donorId: refunded.id, daysAgo: 48, amount: 25000, status: 'refunded', receipt: true });
  await online({ donorId: null, daysAgo: 15, amount: 10000, status: 'disputed' });

  // Offline gifts, recorded by the treasurer through the same schema and operation as the form.
  const offline = (raw: Record<string, unknown>, recordedDaysAgo: number) =>
    recordOfflineDonation(trx, { donation: parseOrThrow(offlineDonationSchema, raw), actor }, at(recordedDaysAgo));
  const transfer = await offline(
    {
      donor_kind: 'new',
      donor: { name: 'Ingrid Hoffmann', street: 'Hobrechtstraße 31', postal_code: '12047', city: 'Berlin', email: 'ingrid.hoffmann@example.org' },
      donated_on: daysAgo(30),
      amount_cents: '300,00',
      method: 'transfer',
      purpose_id: winter.id,
      receipt_wanted: true,
      note: 'Kontoauszug Nr. 10',
    },
    28,
  );
  await offline(
    {
      donor_id: transfer.donor_id,
      donated_on: daysAgo(12),
      amount_cents: '450,00',
      method: 'in_kind',
      receipt_wanted: true,
      in_kind_description: 'Notebook Lenovo ThinkPad T14, gekauft 03/2023 für 1.199,00 €, sehr guter Zustand, mit Netzteil',
      in_kind_origin: 'private',
      in_kind_value_basis: 'Gebrauchtpreis nach drei Vergleichsangeboten (420–480 €)',
      in_kind_documents: true,
    },
    11,
  );
  await offline(
    {
      donor_kind: 'new',
      donor: { name: 'Karim Haddad', street: 'Sonnenallee 88', postal_code: '12045', city: 'Berlin', email: 'karim.haddad@example.net', language: 'ar' },
      donated_on: daysAgo(20),
      amount_cents: '123,60',
      method: 'transfer',
      receipt_wanted: true,
      waiver: true,
      waived_claim: 'Fahrtkosten Begleitung zu Behördenterminen, September/Oktober, 412 km',
      waiver_agreed_on: daysAgo(300),
      waiver_basis: '0,30 €/km laut Vorstandsbeschluss zur Fahrtkostenerstattung',
    },
    19,
  );
  await offline({ donor_kind: 'anonymous', donated_on: daysAgo(60), amount_cents: '87,50', method: 'cash', note: 'Spendendose Sommerfest' }, 59);

  // Same e-mail, another name: a daughter giving from her mother's address — the treasurer decides.
  const mother = await donor({ name: 'Fatma Yılmaz', email: 'familie.yilmaz@example.com', language: 'tr', daysAgo: 150 });
  await online({ donorId: mother.id, daysAgo: 140, amount: 5000, receipt: true, language: 'tr' });
  const daughter = await donor({ name: 'Elif Yılmaz', email: 'familie.yilmaz@example.com', proposedDonorId: mother.id, daysAgo: 6 });
  await online({ donorId: daughter.id, daysAgo: 6, amount: 2500, purposeId: winter.id });

  const counted = await trx.selectFrom('donations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { donations: Number(counted.n), donationProposals: 1 };
}
