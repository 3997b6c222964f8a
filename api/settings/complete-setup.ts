import { sql } from 'kysely';
import { insertUser } from '../auth/queries';
import { hashPassword } from '../auth/secrets';
import { createSession } from '../auth/sessions';
import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { insertAssociation } from './queries';
import type { AssociationInput } from './schemas';
import { checkNoticeDate } from './update-settings';

export const SETUP_DONE = msg('Kassenwart ist schon eingerichtet. Bitte anmelden.', 'Kassenwart is already set up. Please log in.');

/**
 * First start: the association's master data and the first admin, in one transaction. Only
 * while no user exists; the table lock makes two simultaneous setups end in one.
 */
export async function completeSetup(
  trx: Executor,
  input: { association: AssociationInput; admin: { name: string; email: string; password: string; language: 'de' | 'en' }; requestId?: string },
  deps: Pick<Deps, 'clock' | 'config'>,
) {
  await sql`lock table users in exclusive mode`.execute(trx);
  const existing = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) throw new AppError('conflict', SETUP_DONE);
  const now = deps.clock.now();
  checkNoticeDate(input.association, berlinToday(now), 'association.');
  await trx.deleteFrom('association').execute();
  const association = await insertAssociation(trx, input.association, now);
  const admin = await insertUser(trx, {
    email: input.admin.email,
    name: input.admin.name,
    role: 'admin',
    status: 'active',
    password_hash: await hashPassword(input.admin.password),
    language: input.admin.language,
    at: now,
  });
  const actor: Actor = { kind: 'user', id: admin.id, label: `${admin.name} <${admin.email}>`, role: 'admin', requestId: input.requestId };
  await writeAudit(trx, { actor, action: 'setup.completed', entity: 'association', entityId: 1, after: { ...association } }, deps);
  await writeAudit(trx, { actor, action: 'user.created', entity: 'user', entityId: admin.id, after: { email: admin.email, name: admin.name, role: admin.role } }, deps);
  const session = await createSession(trx, admin.id, deps);
  return { association, admin, ...session };
}
