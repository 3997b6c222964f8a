import type { CheckoutIntent } from '../../db/schema';
import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { donorOfMember, donorsWithEmail, insertDonor, markIntentCompleted, membersWithEmail, setDonorStripeCustomer } from './queries';

export interface FindOrCreateDonorInput {
  intent: CheckoutIntent;
  /** the Stripe customer Checkout made, when it made one */
  stripeCustomerId: string | null;
  /** the name the donor typed on Stripe's page (card holder), for a gift given without one on ours */
  stripeName: string | null;
  /** who brings the gift in (Stripe's events): named in the audit row of a new donor */
  actor: Actor;
}

export type DonorMatch =
  | { donorId: null; how: 'anonymous' }
  | { donorId: number; how: 'donor' | 'member' | 'proposed' | 'new' };

/**
 * Who gave a gift, from the donation page's form (README, "From the page to a gift"):
 * - anonymous → no donor (and so never a receipt);
 * - same e-mail (any case) and same name and address as a known donor → that donor;
 * - else the same as a member (first + last name, street, postal code) → that member's donor,
 *   made and linked (member_id) when there is none yet;
 * - same e-mail only → a NEW donor carrying the match as a proposal (proposed_donor_id /
 *   proposed_member_id): families share an address and an e-mail, so only the treasurer may
 *   merge them;
 * - anyone else → a new donor.
 * A gift given without name and address (no receipt wanted) can match nothing but the e-mail,
 * so it is always a new donor, with a proposal when the e-mail is known.
 * Marks the intent completed: the form has become a gift.
 */
export async function findOrCreateDonor(trx: Executor, input: FindOrCreateDonorInput, deps: Pick<Deps, 'clock'>): Promise<DonorMatch> {
  const now = deps.clock.now();
  const { intent } = input;
  await markIntentCompleted(trx, intent.id, now);
  if (intent.anonymous) return { donorId: null, how: 'anonymous' };

  const wanted = intent.name && intent.street && intent.postal_code ? { name: matchKey(intent.name), street: matchKey(intent.street), postal: matchKey(intent.postal_code) } : null;
  const donors = await donorsWithEmail(trx, intent.email);
  const members = await membersWithEmail(trx, intent.email);

  const keep = async <H extends 'donor' | 'member' | 'proposed' | 'new'>(donorId: number, how: H) => {
    if (input.stripeCustomerId) await setDonorStripeCustomer(trx, donorId, input.stripeCustomerId, now);
    return { donorId, how };
  };

  const create = async (link: Parameters<typeof newDonor>[1]) => {
    const donor = newDonor(input, link, now);
    const { id } = await insertDonor(trx, donor);
    await writeAudit(
      trx,
      { actor: input.actor, action: 'donor.created', entity: 'donor', entityId: id, after: { name: donor.name, email: donor.email, language: donor.language, from_intent: intent.id, ...link } },
      deps,
    );
    return id;
  };

  if (wanted) {
    const donor = donors.find((d) => matchKey(d.name) === wanted.name && matchKey(d.street) === wanted.street && matchKey(d.postal_code) === wanted.postal);
    if (donor) return keep(donor.id, 'donor');
    const member = members.find(
      (m) => matchKey(`${m.first_name} ${m.last_name}`) === wanted.name && matchKey(m.street) === wanted.street && matchKey(m.postal_code) === wanted.postal,
    );
    if (member) {
      const existing = await donorOfMember(trx, member.id);
      if (existing) return keep(existing.id, 'member');
      const id = await create({ member_id: member.id });
      return keep(id, 'member');
    }
  }

  const proposedDonor = donors[0]?.id ?? null;
  const proposedMember = members[0]?.id ?? null;
  const id = await create({ proposed_donor_id: proposedDonor, proposed_member_id: proposedMember });
  return keep(id, proposedDonor !== null || proposedMember !== null ? 'proposed' : 'new');
}

function newDonor(
  input: FindOrCreateDonorInput,
  link: { member_id?: number; proposed_donor_id?: number | null; proposed_member_id?: number | null },
  now: Date,
) {
  const { intent } = input;
  return {
    // A receipt names the person on our form; without one, what they typed at Stripe, else the address.
    name: intent.name?.trim() || input.stripeName?.trim() || intent.email,
    street: intent.street,
    postal_code: intent.postal_code,
    city: intent.city,
    country: intent.country ?? 'DE',
    email: intent.email,
    language: intent.language,
    // set after, through setDonorStripeCustomer: a customer another donor carries stays there (unique)
    stripe_customer_id: null,
    ...link,
    created_at: now,
    updated_at: now,
  };
}

/**
 * A name or address as people write it in different ways: case, spacing, punctuation,
 * ß/ss, ä/ae, "Str."/"Straße" — "Weserstr. 5" and "Weserstraße 5" are one address.
 */
export function matchKey(value: string | null | undefined): string {
  if (!value) return '';
  return value
    .normalize('NFKC')
    .toLocaleLowerCase('de-DE')
    .replace(/ß/g, 'ss')
    // Turkish dotless ı: "YILMAZ" lowercases to "yilmaz", "Yılmaz" to "yılmaz"
    .replace(/ı/g, 'i')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/str\.(?=\s|\d|$)/g, 'strasse')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
