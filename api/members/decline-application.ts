import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError } from '../http/errors';
import { enqueueMail } from '../mail/enqueue-mail';
import { getAssociationName } from '../settings/queries';
import { APPLICATION_GONE } from './accept-application';
import { deleteMember, findOpenApplicationForUpdate } from './queries';

/**
 * The treasurer declines an application: the applicant hears it in their language (with the
 * treasurer's words, if any), and everything the application held — the applicant's record
 * and the account for the mandate — is deleted at once (nothing stays that the work does not
 * need). The audit row keeps only that application n was declined.
 */
export async function declineApplication(trx: Executor, input: { applicationId: number; message?: string; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const application = await findOpenApplicationForUpdate(trx, input.applicationId);
  if (!application) throw new AppError('not_found', APPLICATION_GONE);
  if (application.email) {
    await enqueueMail(
      trx,
      {
        template: 'application-declined',
        language: application.language,
        to: application.email,
        vars: { name: `${application.first_name} ${application.last_name}`, association: await getAssociationName(trx), message: input.message ?? null },
      },
      deps,
    );
  }
  await deleteMember(trx, application.member_id);
  await writeAudit(trx, { actor: input.actor, action: 'member.application_declined', entity: 'member', entityId: application.member_id, after: { application_id: application.id } }, deps);
}
