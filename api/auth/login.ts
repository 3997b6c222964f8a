import type { Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { clearLoginFailures, countRecentLoginFailures, findUserByEmailWithHash, insertLoginFailure } from './queries';
import { verifyPassword } from './secrets';
import { createSession } from './sessions';

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

/**
 * Checks e-mail and password and opens a session. Failures are counted per account and per
 * client address over 15 minutes; past the limit every attempt is refused with 429, even a
 * correct one. Runs on the db, not in a transaction: a failed attempt must stay recorded.
 */
export async function login(
  db: Executor,
  input: { email: string; password: string; ip: string },
  deps: Pick<Deps, 'clock' | 'config'>,
) {
  const email = input.email.trim().toLowerCase();
  const now = deps.clock.now();
  const failures = await countRecentLoginFailures(db, email, input.ip, new Date(now.getTime() - LOGIN_WINDOW_MS));
  if (failures.by_email >= MAX_FAILURES_PER_ACCOUNT || failures.by_ip >= MAX_FAILURES_PER_IP) {
    throw new AppError(
      'rate_limited',
      msg(
        'Zu viele fehlgeschlagene Anmeldungen. Bitte in 15 Minuten erneut versuchen oder das Passwort zurücksetzen.',
        'Too many failed logins. Please try again in 15 minutes or reset your password.',
      ),
      [],
      { 'retry-after': String(LOGIN_WINDOW_MS / 1000) },
    );
  }
  const user = await findUserByEmailWithHash(db, email);
  const ok = await verifyPassword(input.password, user?.password_hash ?? null);
  if (!user || !ok || user.status !== 'active') {
    await insertLoginFailure(db, { email, ip: input.ip, at: now });
    throw new AppError('unauthenticated', msg('E-Mail-Adresse oder Passwort ist falsch.', 'E-mail address or password is wrong.'));
  }
  await clearLoginFailures(db, email);
  const session = await createSession(db, user.id, deps);
  return { ...session, user: { id: user.id, name: user.name, email: user.email, role: user.role, language: user.language } };
}
