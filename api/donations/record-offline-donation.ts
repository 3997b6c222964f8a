import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { insertDonation, insertDonor } from './ledger-queries';
import { checkDonorFor, checkPurpose } from './ledger-rules';
import type { GiftValues, OfflineDonationInput } from './ledger-schemas';

/** The donation columns of a gift the treasurer records or corrects by hand. */
export function giftColumns(g: GiftValues) {
  return {
    donated_on: g.donated_on,
    amount_cents: g.amount_cents,
    method: g.method,
    purpose_id: g.purpose_id ?? null,
    receipt_wanted: g.receipt_wanted,
    note: g.note ?? null,
    waiver: g.waiver,
    waived_claim: g.waived_claim ?? null,
    waiver_agreed_on: g.waiver_agreed_on ?? null,
    waiver_basis: g.waiver_basis ?? null,
    in_kind_description: g.in_kind_description ?? null,
    in_kind_origin: g.in_kind_origin ?? null,
    in_kind_value_basis: g.in_kind_value_basis ?? null,
    in_kind_documents: g.in_kind_documents ?? null,
  };
}

/** A gift in the future is a typo: the ledger holds what happened. */
export function checkNotFuture(donatedOn: string, now: Date) {
  if (donatedOn > berlinToday(now)) throw new AppError('validation', undefined, [{ field: 'donated_on', message: msg('Tag der Zuwendung: liegt in der Zukunft', 'Date of the gift: lies in the future') }]);
}

/**
 * Records a gift that came by transfer, in cash or in kind — from a known donor, a new one
 * (created with it, audited too) or anonymously. Offline gifts have arrived: status succeeded.
 */
export async function recordOfflineDonation(trx: Executor, input: { donation: OfflineDonationInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const now = deps.clock.now();
  const { donation: d } = input;
  checkNotFuture(d.gift.donated_on, now);
  await checkPurpose(trx, d.gift.purpose_id);
  let donorId = d.donorId;
  let language = d.donor?.language ?? 'de';
  if (d.donor) {
    const donor = await insertDonor(
      trx,
      {
        name: d.donor.name,
        street: d.donor.street ?? null,
        postal_code: d.donor.postal_code ?? null,
        city: d.donor.city ?? null,
        country: d.donor.country,
        email: d.donor.email ?? null,
        language: d.donor.language,
        notes: d.donor.notes ?? null,
        member_id: null,
        stripe_customer_id: null,
        proposed_donor_id: null,
        proposed_member_id: null,
      },
      now,
    );
    await writeAudit(trx, { actor: input.actor, action: 'donor.created', entity: 'donor', entityId: donor.id, after: { ...donor } }, deps);
    donorId = donor.id;
  } else {
    language = (await checkDonorFor(trx, donorId, d.gift.receipt_wanted))?.language ?? 'de';
  }
  const donation = await insertDonation(
    trx,
    {
      ...giftColumns(d.gift),
      donor_id: donorId,
      subscription_id: null,
      status: 'succeeded',
      language,
      source: 'offline',
      stripe_checkout_session_id: null,
      stripe_payment_intent_id: null,
      stripe_invoice_id: null,
      stripe_charge_id: null,
      refunded_cents: 0,
      failure_reason: null,
      thanked_at: null,
      created_by: input.actor.label,
    },
    now,
  );
  await writeAudit(trx, { actor: input.actor, action: 'donation.recorded', entity: 'donation', entityId: donation.id, after: { ...donation } }, deps);
  return donation;
}
