import type { Actor, Clock, Executor } from '../../api/deps';
import { insertDonation, insertDonor } from '../../api/donations/ledger-queries';
import { offlineDonationSchema } from '../../api/donations/ledger-schemas';
import { recordOfflineDonation } from '../../api/donations/record-offline-donation';
import { parseOrThrow } from '../../api/http/validate';
import { addDays, berlinToday } from '../../api/lib/dates';
import { BERLIN_STREETS } from './names';
import { person, uniqueEmail } from './people';
import type { Rng } from './random';

const DAY = 86_400_000;

/**
 * The receipts area of the demo (issue #5): a year to confirm and a year still running. People
 * who give by transfer through last year and this one, with addresses — most with an e-mail
 * address (their receipts go by mail, the machine procedure being reported in the settings),
 * some without (the print batch) — a member who also donates (gifts and dues on one
 * Sammelbestätigung), and last year's cases the annual run leaves out and names on its preview:
 * a donor without an address, an anonymous cash gift, a refunded card gift and a gift in kind
 * (which needs its own receipt). Gifts are recorded through the treasurer's operation, each a
 * few days after it arrived; no receipt is issued, so the run is there to try.
 */
export async function seedReceiptDonors(trx: Executor, rng: Rng, clock: Clock) {
  const now = clock.now().getTime();
  const today = berlinToday(new Date(now));
  const thisYear = Number(today.slice(0, 4));
  const lastYear = thisYear - 1;
  const treasurerRow = await trx.selectFrom('users').select(['id', 'name', 'email']).where('role', '=', 'treasurer').where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow();
  const actor: Actor = { kind: 'user', id: treasurerRow.id, label: `${treasurerRow.name} <${treasurerRow.email}>`, role: 'treasurer' };
  const setup = (await trx.selectFrom('audit_log').select('at').where('action', '=', 'setup.completed').executeTakeFirstOrThrow()).at.getTime();
  const purposes = (await trx.selectFrom('donation_purposes').select('id').orderBy('id').execute()).map((p) => p.id);
  // addresses already in use: a new donor sharing one would be proposed as the same person
  const taken = new Set<string>(
    [
      ...(await trx.selectFrom('donors').select('email').where('email', 'is not', null).execute()),
      ...(await trx.selectFrom('members').select('email').where('email', 'is not', null).execute()),
    ].map((r) => r.email!),
  );

  /** Recorded a few days after the money arrived, but not before Kassenwart was set up, nor in the future. */
  const recordedAt = (donatedOn: string) => Math.min(now - 3_600_000, Math.max(setup + DAY, Date.parse(`${donatedOn}T10:00:00Z`) + rng.int(1, 6) * DAY));
  const record = (raw: Record<string, unknown>) =>
    recordOfflineDonation(trx, { donation: parseOrThrow(offlineDonationSchema, raw), actor }, { clock: { now: () => new Date(recordedAt(String(raw.donated_on))) } });
  const euro = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
  const amount = () => rng.pick([2000, 2500, 3000, 5000, 5000, 10000, 15000, 25000, 50000]);
  /** A day of a month of last year. */
  const lastYearDay = (month: number) => `${lastYear}-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  /** A day of this year before today (none on the 1st of January). */
  const daysThisYear = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${thisYear}-01-01T00:00:00Z`)) / DAY);
  const thisYearDay = () => addDays(`${thisYear}-01-01`, rng.int(0, daysThisYear - 1));

  let gifts = 0;
  const giveOften = async (donorId: number | null, newDonor: Record<string, unknown> | null, dates: string[], receiptWanted?: boolean) => {
    let id = donorId;
    for (const donatedOn of dates.sort()) {
      const gift = await record({
        ...(id ? { donor_id: id } : { donor_kind: 'new', donor: newDonor }),
        donated_on: donatedOn,
        amount_cents: euro(amount()),
        method: 'transfer',
        purpose_id: rng.chance(0.5) ? rng.pick(purposes) : undefined,
        receipt_wanted: receiptWanted ?? rng.chance(0.5),
      });
      id = gift.donor_id;
      gifts++;
    }
    return id;
  };

  // Regular givers: a few transfers last year, most of them again this year.
  for (let i = 0; i < 9; i++) {
    const p = person(rng);
    const { street, postalCode } = rng.pick(BERLIN_STREETS);
    const months = rng.shuffle([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]).slice(0, rng.int(2, 6));
    const donor = {
      name: p.name,
      street: `${street} ${rng.int(1, 150)}`,
      postal_code: postalCode,
      city: 'Berlin',
      email: i % 3 === 2 ? undefined : uniqueEmail(p, rng, taken),
      language: rng.pick(['de', 'de', 'de', 'tr', 'ar', 'en'] as const),
    };
    const id = await giveOften(null, donor, months.map(lastYearDay));
    if (daysThisYear > 0 && i % 4 !== 3) await giveOften(id, null, Array.from({ length: rng.int(1, 3) }, thisYearDay));
  }

  // A member who also donates: the gifts go on the member's Sammelbestätigung beside the dues.
  const member = await trx
    .selectFrom('members')
    .select(['id', 'first_name', 'last_name', 'street', 'postal_code', 'city', 'email', 'language'])
    .where('status', '=', 'active')
    .where('email', 'is not', null)
    .orderBy('id')
    .offset(7)
    .executeTakeFirstOrThrow();
  const memberDonor = await insertDonor(
    trx,
    {
      name: `${member.first_name} ${member.last_name}`,
      street: member.street,
      postal_code: member.postal_code,
      city: member.city,
      country: 'DE',
      email: member.email,
      language: member.language,
      member_id: member.id,
      stripe_customer_id: null,
      proposed_donor_id: null,
      proposed_member_id: null,
      notes: null,
    },
    new Date(Math.max(setup + DAY, Date.parse(`${lastYear}-03-01T10:00:00Z`))),
  );
  await giveOften(memberDonor.id, null, [lastYearDay(4), lastYearDay(12)]);

  // Left out of last year's run, each for its reason.
  const noAddress = person(rng);
  // (no receipt asked for: the form takes a name alone then; the treasurer adds the address later)
  await giveOften(null, { name: noAddress.name, email: uniqueEmail(noAddress, rng, taken) }, [lastYearDay(5), lastYearDay(10)], false);
  await record({ donor_kind: 'anonymous', donated_on: lastYearDay(7), amount_cents: '45,00', method: 'cash', note: 'Spendendose Infostand' });
  gifts++;
  const giver = person(rng);
  const { street, postalCode } = rng.pick(BERLIN_STREETS);
  await record({
    donor_kind: 'new',
    donor: { name: giver.name, street: `${street} ${rng.int(1, 150)}`, postal_code: postalCode, city: 'Berlin', email: uniqueEmail(giver, rng, taken) },
    donated_on: lastYearDay(11),
    amount_cents: '280,00',
    method: 'in_kind',
    receipt_wanted: true,
    in_kind_description: 'Zwei Kinderwagen und ein Kinderbett, gebraucht, gut erhalten, für die Erstausstattung von Familien',
    in_kind_origin: 'private',
    in_kind_value_basis: 'Gebrauchtpreise vergleichbarer Angebote (Kleinanzeigen, November)',
    in_kind_documents: true,
  });
  gifts++;
  // a card gift the donor took back: written as the webhook leaves a refund (the online path needs Stripe)
  const refundedOn = lastYearDay(6);
  const refundedBy = await insertDonor(
    trx,
    { name: person(rng).name, street: null, postal_code: null, city: null, country: 'DE', email: null, language: 'de', member_id: null, stripe_customer_id: null, proposed_donor_id: null, proposed_member_id: null, notes: null },
    new Date(Date.parse(`${refundedOn}T09:00:00Z`)),
  );
  await insertDonation(
    trx,
    {
      donor_id: refundedBy.id,
      subscription_id: null,
      donated_on: refundedOn,
      amount_cents: 10000,
      method: 'stripe_card',
      purpose_id: null,
      status: 'refunded',
      receipt_wanted: false,
      language: 'de',
      source: 'online',
      stripe_checkout_session_id: 'cs_demo_receipts_1',
      stripe_payment_intent_id: 'pi_demo_receipts_1',
      stripe_invoice_id: null,
      stripe_charge_id: 'ch_demo_receipts_1',
      refunded_cents: 10000,
      failure_reason: null,
      thanked_at: new Date(Date.parse(`${refundedOn}T09:00:00Z`)),
      created_by: 'stripe',
    },
    new Date(Date.parse(`${refundedOn}T09:00:00Z`)),
  );
  gifts++;
  return { receiptYear: lastYear, receiptGifts: gifts };
}
