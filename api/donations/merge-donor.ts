import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { deleteDonorRow, findDonorForUpdate, findMemberBrief, moveDonorRecords, updateDonorRow } from './ledger-queries';
import { DONOR_NOT_FOUND } from './ledger-rules';
import { receiptNumbersNamingDonor } from '../receipts/lookup-queries';

const NOTHING_PROPOSED = msg('Für diesen Spender ist keine Zusammenführung vorgeschlagen.', 'No match is proposed for this donor.');

/**
 * Confirms a proposed match. Into a donor: the new donor's gifts and monthly gifts move to the
 * proposed donor and the duplicate is removed (its data stays in the audit row). Into a
 * member: the donor is linked to the member (member_id) and stays a donor. Never automatic:
 * only the treasurer knows whether two people at one address with one e-mail are one.
 */
export async function mergeDonor(trx: Executor, input: { id: number; into?: 'donor' | 'member'; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const donor = await findDonorForUpdate(trx, input.id);
  if (!donor) throw new AppError('not_found', DONOR_NOT_FOUND);
  const into = input.into ?? (donor.proposed_donor_id !== null ? 'donor' : 'member');
  const now = deps.clock.now();

  if (into === 'member') {
    if (donor.proposed_member_id === null) throw new AppError('conflict', NOTHING_PROPOSED);
    const member = await findMemberBrief(trx, donor.proposed_member_id);
    if (!member) throw new AppError('conflict', msg('Das vorgeschlagene Mitglied gibt es nicht mehr.', 'The proposed member no longer exists.'));
    const after = await updateDonorRow(trx, donor.id, { member_id: member.id, proposed_member_id: null }, now);
    await writeAudit(
      trx,
      {
        actor: input.actor,
        action: 'donor.linked_to_member',
        entity: 'donor',
        entityId: donor.id,
        before: { member_id: donor.member_id, proposed_member_id: donor.proposed_member_id },
        after: { member_id: member.id, proposed_member_id: null, member: `${member.member_number ?? '–'} ${member.first_name} ${member.last_name}` },
      },
      deps,
    );
    return { kept: after, removedDonorId: null, movedDonations: [] as number[], movedSubscriptions: [] as number[] };
  }

  if (donor.proposed_donor_id === null) throw new AppError('conflict', NOTHING_PROPOSED);
  const target = await findDonorForUpdate(trx, donor.proposed_donor_id);
  if (!target) throw new AppError('conflict', msg('Der vorgeschlagene Spender gibt es nicht mehr.', 'The proposed donor no longer exists.'));
  // An issued receipt names the duplicate and is never changed (§ 50 Abs. 7 EStDV): that record stays.
  const receipts = await receiptNumbersNamingDonor(trx, donor.id);
  if (receipts.length) {
    throw new AppError(
      'conflict',
      msg(
        `Dieser Spender ist auf Zuwendungsbestätigung(en) ${receipts.join(', ')} genannt und kann deshalb nicht zusammengeführt werden. Bitte „getrennt halten“ wählen; die Bestätigungen bleiben gültig.`,
        `This donor is named on receipt(s) ${receipts.join(', ')} and cannot be merged. Keep them apart; the receipts stay valid.`,
      ),
    );
  }
  const moved = await moveDonorRecords(trx, donor.id, target.id, now);
  // What the survivor lacks, it takes from the duplicate: the Stripe customer (for the portal
  // and monthly gifts), a member link, an e-mail. Its own name and address stay.
  const takeover: Parameters<typeof updateDonorRow>[2] = {};
  if (!target.stripe_customer_id && donor.stripe_customer_id) takeover.stripe_customer_id = donor.stripe_customer_id;
  if (target.member_id === null && donor.member_id !== null) takeover.member_id = donor.member_id;
  if (!target.email && donor.email) takeover.email = donor.email;
  if (takeover.stripe_customer_id) await updateDonorRow(trx, donor.id, { stripe_customer_id: null }, now);
  await deleteDonorRow(trx, donor.id);
  const kept = await updateDonorRow(trx, target.id, takeover, now);
  const { updated_at: _u, ...removed } = donor;
  await writeAudit(
    trx,
    { actor: input.actor, action: 'donor.merged', entity: 'donor', entityId: target.id, before: { merged_donor: removed }, after: { donations: moved.donationIds, subscriptions: moved.subscriptionIds, ...takeover } },
    deps,
  );
  await writeAudit(trx, { actor: input.actor, action: 'donor.merged_away', entity: 'donor', entityId: donor.id, before: { ...removed }, after: { merged_into: target.id } }, deps);
  return { kept, removedDonorId: donor.id, movedDonations: moved.donationIds, movedSubscriptions: moved.subscriptionIds };
}
