import type { Role, UserUpdate } from '../../db/schema';
import type { Executor } from '../deps';

const userColumns = ['id', 'email', 'name', 'role', 'status', 'language', 'created_at', 'updated_at'] as const;

export function countUsers(db: Executor) {
  return db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
    .then((r) => r.count);
}

export function countActiveAdmins(db: Executor) {
  return db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow()
    .then((r) => r.count);
}

export function findUserByEmailWithHash(db: Executor, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Executor, id: number) {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: Executor) {
  return db.selectFrom('users').select(userColumns).orderBy('name').execute();
}

export function insertUser(
  db: Executor,
  user: { email: string; name: string; role: Role; status: 'invited' | 'active'; password_hash: string | null; language: 'de' | 'en'; at: Date },
) {
  return db
    .insertInto('users')
    .values({
      email: user.email,
      name: user.name,
      role: user.role,
      status: user.status,
      password_hash: user.password_hash,
      language: user.language,
      created_at: user.at,
      updated_at: user.at,
    })
    .returning(userColumns)
    .executeTakeFirstOrThrow();
}

export function updateUser(db: Executor, id: number, changes: UserUpdate) {
  return db.updateTable('users').set(changes).where('id', '=', id).returning(userColumns).executeTakeFirstOrThrow();
}

export function insertSession(db: Executor, session: { id: string; userId: number; createdAt: Date; expiresAt: Date }) {
  return db
    .insertInto('sessions')
    .values({ id: session.id, user_id: session.userId, created_at: session.createdAt, expires_at: session.expiresAt })
    .execute();
}

export function findSessionWithUser(db: Executor, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.expires_at',
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.status',
      'users.language',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export function extendSession(db: Executor, id: string, expiresAt: Date) {
  return db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export function deleteSession(db: Executor, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

export function deleteSessionsOfUser(db: Executor, userId: number) {
  return db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export function deleteExpiredSessions(db: Executor, now: Date) {
  return db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export function insertUserToken(
  db: Executor,
  token: { userId: number; purpose: 'invite' | 'password_reset'; hash: string; createdAt: Date; expiresAt: Date },
) {
  return db
    .insertInto('user_tokens')
    .values({
      user_id: token.userId,
      purpose: token.purpose,
      token_hash: token.hash,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
    })
    .execute();
}

/** Locks the token row, so a double click cannot use one link twice. */
export function findUsableUserToken(db: Executor, hash: string, now: Date) {
  return db
    .selectFrom('user_tokens')
    .innerJoin('users', 'users.id', 'user_tokens.user_id')
    .select(['user_tokens.id', 'user_tokens.purpose', 'user_tokens.user_id', 'users.name', 'users.email', 'users.status'])
    .where('user_tokens.token_hash', '=', hash)
    .where('user_tokens.used_at', 'is', null)
    .where('user_tokens.expires_at', '>', now)
    .forUpdate('user_tokens')
    .executeTakeFirst();
}

export function markUserTokensUsed(db: Executor, userId: number, purpose: 'invite' | 'password_reset', at: Date) {
  return db
    .updateTable('user_tokens')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

export function countRecentLoginFailures(db: Executor, email: string, ip: string, since: Date) {
  return db
    .selectFrom('login_failures')
    .select((eb) => [
      eb.fn.count<number>(eb.case().when('email', '=', email).then(1).end()).as('by_email'),
      eb.fn.count<number>(eb.case().when('ip', '=', ip).then(1).end()).as('by_ip'),
    ])
    .where('at', '>=', since)
    .where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
}

export function insertLoginFailure(db: Executor, failure: { email: string; ip: string; at: Date }) {
  return db.insertInto('login_failures').values(failure).execute();
}

export function clearLoginFailures(db: Executor, email: string) {
  return db.deleteFrom('login_failures').where('email', '=', email).execute();
}

export function pruneLoginFailures(db: Executor, before: Date) {
  return db.deleteFrom('login_failures').where('at', '<', before).execute();
}

export function insertApiToken(
  db: Executor,
  token: { name: string; role: Role; hash: string; hint: string; createdBy: number | null; at: Date },
) {
  return db
    .insertInto('api_tokens')
    .values({
      name: token.name,
      role: token.role,
      token_hash: token.hash,
      token_hint: token.hint,
      created_by: token.createdBy,
      created_at: token.at,
    })
    .returning(['id', 'name', 'role', 'token_hint', 'created_at', 'last_used_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
}

export function findActiveApiToken(db: Executor, hash: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role', 'last_used_at'])
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export function touchApiToken(db: Executor, id: number, at: Date) {
  return db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export function listApiTokens(db: Executor) {
  return db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.created_by')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.role',
      'api_tokens.token_hint',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
      'users.name as created_by_name',
    ])
    .orderBy('api_tokens.id', 'desc')
    .execute();
}

export function revokeApiToken(db: Executor, id: number, at: Date) {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'role', 'token_hint'])
    .executeTakeFirst();
}

export function countRateLimitHits(db: Executor, bucket: string, keyHash: string, since: Date) {
  return db
    .selectFrom('rate_limit_hits')
    .select((eb) => eb.fn.countAll<number>().as('hits'))
    .where('bucket', '=', bucket)
    .where('key_hash', '=', keyHash)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
}

export function insertRateLimitHit(db: Executor, hit: { bucket: string; key_hash: string; at: Date }) {
  return db.insertInto('rate_limit_hits').values(hit).execute();
}

export function pruneRateLimitHits(db: Executor, before: Date) {
  return db.deleteFrom('rate_limit_hits').where('at', '<', before).execute();
}
