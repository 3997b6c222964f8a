import type { Actor, Deps, Executor } from '../deps';
import type { ContactInput } from './schemas';
import { updateOwnRecord } from './update-own-record';

/** A new address or phone number, given by the member in the portal. An empty phone removes it. */
export function changeContact(trx: Executor, input: { memberId: number; contact: ContactInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const { street, postal_code, city, country, phone } = input.contact;
  return updateOwnRecord(trx, { memberId: input.memberId, changes: { street, postal_code, city, country, phone }, actor: input.actor }, deps);
}
