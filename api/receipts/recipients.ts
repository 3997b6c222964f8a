import type { MemberLanguage } from '../../db/schema';
import type { Executor } from '../deps';
import { postalAddress } from '../lib/receipt-rules';
import { recipientDonors, recipientMembers } from './queries';

/** The person a receipt names, resolved from a donor or a member (or a donor who is a member). */
export interface Recipient {
  /** `d<id>` for a donor of their own, `m<id>` for a member (and the donor records linked to them) */
  key: string;
  donorId: number | null;
  memberId: number | null;
  name: string;
  /** null when a letter could not reach them: no receipt is issued then */
  addressLines: string[] | null;
  email: string | null;
  language: MemberLanguage;
}

/**
 * One recipient per person: a donor linked to a member and that member are one person, so their
 * gifts and fees go on one Sammelbestätigung. Name and address come from the donor record (the
 * receipt address the donor keeps in the donor portal) when it is complete, else from the member.
 */
export async function resolveRecipients(db: Executor, ids: { donorIds: number[]; memberIds: number[] }) {
  const donors = await recipientDonors(db, [...new Set(ids.donorIds)]);
  const memberIds = new Set([...ids.memberIds, ...donors.flatMap((d) => (d.member_id ? [Number(d.member_id)] : []))]);
  const members = await recipientMembers(db, [...memberIds]);
  const memberById = new Map(members.map((m) => [Number(m.id), m]));
  const linkedDonor = new Map(members.filter((m) => m.donor_id).map((m) => [Number(m.id), Number(m.donor_id)]));
  const donorById = new Map(donors.map((d) => [Number(d.id), d]));
  const extraDonors = await recipientDonors(db, [...linkedDonor.values()].filter((id) => !donorById.has(id)));
  for (const d of extraDonors) donorById.set(Number(d.id), d);

  const fromMember = (memberId: number): Recipient => {
    const m = memberById.get(memberId)!;
    const donorId = linkedDonor.get(memberId) ?? null;
    const d = donorId ? donorById.get(donorId) : undefined;
    const donorAddress = d ? postalAddress(d) : null;
    return {
      key: `m${memberId}`,
      donorId,
      memberId,
      name: donorAddress ? d!.name : `${m.first_name} ${m.last_name}`,
      addressLines: donorAddress ?? postalAddress(m),
      email: m.email ?? d?.email ?? null,
      language: m.language,
    };
  };
  const byDonor = (donorId: number): Recipient | null => {
    const d = donorById.get(donorId);
    if (!d) return null;
    if (d.member_id && memberById.has(Number(d.member_id))) return fromMember(Number(d.member_id));
    return { key: `d${donorId}`, donorId, memberId: null, name: d.name, addressLines: postalAddress(d), email: d.email, language: d.language };
  };
  const byMember = (memberId: number): Recipient | null => (memberById.has(memberId) ? fromMember(memberId) : null);
  return { byDonor, byMember };
}
