import { hashSecret, newSecret } from '../auth/secrets';
import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg, validationError } from '../http/errors';
import { enqueueMail } from '../mail/enqueue-mail';
import { getAssociationName } from '../settings/queries';
import { findMemberRowForUpdate, insertPortalToken, spendPortalTokens } from './queries';

export const EMAIL_CHANGE_TTL_MS = 24 * 3_600_000;

/**
 * A member gives a new e-mail address. Nothing changes yet: a link goes to the new address, and
 * only opening it switches (confirm-email-change.ts), so a typo cannot cut the member off. A
 * newer request spends the older link.
 */
export async function requestEmailChange(trx: Executor, input: { memberId: number; email: string; actor: Actor }, deps: Pick<Deps, 'clock' | 'config'>) {
  const member = await findMemberRowForUpdate(trx, input.memberId);
  if (!member) throw new AppError('not_found');
  if (member.email === input.email) {
    throw validationError([
      {
        field: 'email',
        message: msg('Das ist schon Ihre E-Mail-Adresse.', 'This already is your e-mail address.', 'هذا هو عنوان بريدك الإلكتروني بالفعل.', 'Bu zaten sizin e-posta adresiniz.'),
      },
    ]);
  }
  const now = deps.clock.now();
  const token = newSecret();
  await spendPortalTokens(trx, member.id, 'email_change', now);
  await insertPortalToken(trx, { memberId: member.id, purpose: 'email_change', hash: hashSecret(token), newEmail: input.email, createdAt: now, expiresAt: new Date(now.getTime() + EMAIL_CHANGE_TTL_MS) });
  await enqueueMail(
    trx,
    {
      template: 'portal-email-confirm',
      language: member.language,
      to: input.email,
      sensitive: true,
      vars: {
        name: `${member.first_name} ${member.last_name}`,
        association: await getAssociationName(trx),
        link: `${deps.config.BASE_URL}/portal/email/confirm?lang=${member.language}&token=${token}`,
        newEmail: input.email,
        hours: EMAIL_CHANGE_TTL_MS / 3_600_000,
      },
    },
    deps,
  );
  await writeAudit(trx, { actor: input.actor, action: 'member.email_change_requested', entity: 'member', entityId: member.id, after: { email_requested: input.email } }, deps);
}
