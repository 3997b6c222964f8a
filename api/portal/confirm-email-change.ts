import type { Deps, Executor } from '../deps';
import { AppError } from '../http/errors';
import { enqueueMail } from '../mail/enqueue-mail';
import { getAssociationName } from '../settings/queries';
import { consumePortalLink, LINK_INVALID } from './open-portal-session';
import { portalActor } from './portal-sessions';
import { findMemberRowForUpdate } from './queries';
import { updateOwnRecord } from './update-own-record';

/**
 * Opening the link sent to the new address switches the member's e-mail to it, with the member
 * as the audit actor. The previous address is told, so a change the member did not make does
 * not go unnoticed. The link works once and needs no login: it may open on another device.
 */
export async function confirmEmailChange(trx: Executor, input: { token: string; requestId?: string }, deps: Pick<Deps, 'clock' | 'config'>) {
  const { member_id, new_email } = await consumePortalLink(trx, { token: input.token, purpose: 'email_change' }, deps);
  const before = await findMemberRowForUpdate(trx, member_id);
  if (!before || !new_email) throw new AppError('not_found', LINK_INVALID);
  const after = await updateOwnRecord(trx, { memberId: member_id, changes: { email: new_email }, actor: portalActor(before, input.requestId) }, deps);
  if (before.email && before.email !== new_email) {
    await enqueueMail(
      trx,
      {
        template: 'portal-email-changed',
        language: before.language,
        to: before.email,
        vars: { name: `${before.first_name} ${before.last_name}`, association: await getAssociationName(trx), oldEmail: before.email, newEmail: new_email },
      },
      deps,
    );
  }
  return after;
}
