import type { Kysely } from 'kysely';
import { insertUser } from '../../api/auth/queries';
import { hashPassword } from '../../api/auth/secrets';
import { createSession } from '../../api/auth/sessions';
import { insertAssociation } from '../../api/settings/queries';
import type { AssociationInput } from '../../api/settings/schemas';
import { SAMPLE_ASSOCIATION } from '../../db/seed/sample-association';
import type { DB, Role } from '../../db/schema';
import { Client } from './client';
import type { TestApp } from './app';

export const PASSWORD = 'richtig-langes-passwort';
const hashes = new Map<string, Promise<string>>();
/** scrypt costs ~200 ms: hash each test password once per file. */
function cachedHash(password: string) {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
}

export function associationInput(overrides: Partial<AssociationInput> = {}): AssociationInput {
  return { ...SAMPLE_ASSOCIATION, ...overrides };
}

export function createAssociation(db: Kysely<DB>, overrides: Partial<AssociationInput> = {}) {
  return insertAssociation(db, associationInput(overrides), new Date('2026-01-01T00:00:00Z'));
}

let counter = 0;
export async function createUser(
  db: Kysely<DB>,
  options: { role?: Role; email?: string; name?: string; password?: string; status?: 'active' | 'invited'; language?: 'de' | 'en' } = {},
) {
  counter++;
  const role = options.role ?? 'admin';
  return insertUser(db, {
    email: options.email ?? `${role}${counter}-${Math.random().toString(36).slice(2, 8)}@example.org`,
    name: options.name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${counter}`,
    role,
    status: options.status ?? 'active',
    password_hash: options.status === 'invited' ? null : await cachedHash(options.password ?? PASSWORD),
    language: options.language ?? 'de',
    at: new Date('2026-01-01T00:00:00Z'),
  });
}

/** A client already logged in as a new user of that role (session made directly, no password round). */
export async function signedIn(t: TestApp, role: Role, options: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(t.db, { ...options, role });
  const { token } = await createSession(t.db, user.id, t.deps);
  const client = new Client(t.app);
  client.cookies.set('kw_session', token);
  return { client, user };
}

/** The setup page's form as a browser sends it: the sample association and its first admin. */
export function setupForm(overrides: Record<string, string> = {}) {
  const a = associationInput();
  const form: Record<string, string> = {
    'association.name': a.name,
    'association.street': a.street,
    'association.postal_code': a.postal_code,
    'association.city': a.city,
    'association.finanzamt': a.finanzamt,
    'association.steuernummer': a.steuernummer,
    'association.notice_kind': a.notice_kind,
    'association.notice_date': a.notice_date,
    'association.notice_year_from': String(a.notice_year_from),
    'association.notice_year_to': String(a.notice_year_to),
    'association.purposes.0.genitive': a.purposes[0]!.genitive,
    'association.purposes.0.accusative': a.purposes[0]!.accusative,
    'association.purposes.1.genitive': '',
    'association.purposes.1.accusative': '',
    'association.iban': 'DE02 1203 0000 0000 2020 51',
    'association.bic': '',
    'association.creditor_id': 'DE98ZZZ09999999999',
    'association.signature_place': 'Berlin',
    'admin.name': 'Amina Haddad',
    'admin.email': 'Amina@Example.org',
    'admin.password': PASSWORD,
    'admin.password_confirm': PASSWORD,
    'admin.language': 'de',
  };
  return { ...form, ...overrides };
}
