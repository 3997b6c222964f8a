import { inviteUser } from '../../api/auth/invite-user';
import { deleteExpiredSessions, markUserTokensUsed, updateUser as updateUserRow } from '../../api/auth/queries';
import { requestPasswordReset } from '../../api/auth/request-password-reset';
import { updateUser } from '../../api/auth/update-user';
import { writeAudit } from '../../api/audit/write-audit';
import type { Config } from '../../api/config';
import type { Actor, Clock, Executor } from '../../api/deps';
import { MAX_ATTEMPTS } from '../../api/jobs/deliver-outbox';
import { berlinToday } from '../../api/lib/dates';
import { completeSetup } from '../../api/settings/complete-setup';
import type { AssociationInput } from '../../api/settings/schemas';
import { updateSettings } from '../../api/settings/update-settings';
import type { Purpose, Role, User } from '../schema';
import { BERLIN_STREETS } from './names';
import { person, uniqueEmail, type Person } from './people';
import type { Rng } from './random';

/**
 * The foundation area of the demo: the association's master data, one account per role with a
 * known login, more staff and member accounts, and the history that led there (setup,
 * invitations, accepted and open invitations, a settings change, a disabled account, a password
 * reset) in the audit log and the outbox. Written through the app's own operations, each at its
 * moment in the past, so the rows look exactly like real use.
 */
export const DEMO_PASSWORD = 'kassenwart-demo';
export const DEMO_LOGINS = [
  { role: 'admin', email: 'admin@demo.kassenwart.de' },
  { role: 'treasurer', email: 'kasse@demo.kassenwart.de' },
  { role: 'board', email: 'vorstand@demo.kassenwart.de' },
  { role: 'member', email: 'mitglied@demo.kassenwart.de' },
] as const satisfies readonly { role: Role; email: string }[];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** § 52 Abs. 2 AO purposes (Nr. 10, 7, 13); the third one is added later in the history. */
const PURPOSES: Purpose[] = [
  {
    genitive: 'der Hilfe für politisch, rassistisch oder religiös Verfolgte und für Flüchtlinge',
    accusative: 'die Hilfe für politisch, rassistisch oder religiös Verfolgte und für Flüchtlinge',
  },
  { genitive: 'der Volks- und Berufsbildung', accusative: 'die Volks- und Berufsbildung' },
  {
    genitive: 'der internationalen Gesinnung, der Toleranz auf allen Gebieten der Kultur und des Völkerverständigungsgedankens',
    accusative: 'die internationale Gesinnung, die Toleranz auf allen Gebieten der Kultur und den Völkerverständigungsgedanken',
  },
];

export function demoAssociation(rng: Rng, setupAt: Date): AssociationInput {
  const { street, postalCode } = rng.pick(BERLIN_STREETS);
  // The Freistellungsbescheid arrived a few weeks before setup and covers the three years before.
  const noticeDate = berlinToday(new Date(setupAt.getTime() - rng.int(20, 90) * DAY));
  const year = Number(noticeDate.slice(0, 4));
  return {
    name: 'Laissez-passer e.V.',
    street: `${street} ${rng.int(1, 180)}`,
    postal_code: postalCode,
    city: 'Berlin',
    finanzamt: 'Finanzamt für Körperschaften I Berlin',
    steuernummer: `27/${rng.int(600, 699)}/${rng.int(10000, 99999)}`,
    notice_kind: 'freistellungsbescheid',
    notice_date: noticeDate,
    notice_year_from: year - 3,
    notice_year_to: year - 1,
    purposes: PURPOSES.slice(0, 2),
    iban: 'DE02120300000000202051',
    bic: 'BYLADEM1001',
    creditor_id: 'DE98ZZZ09999999999',
    signature_place: 'Berlin',
  };
}

interface Invitee {
  person: Person;
  email: string;
  role: Role;
  language: 'de' | 'en';
  invitedAt: number;
  /** null: the invitation is still open (or went to a mistyped address). */
  acceptedAt: number | null;
  bySecondAdmin: boolean;
}

type SeedDeps = { clock: Clock; config: Config };
type Event = { at: number; run: (deps: SeedDeps) => Promise<unknown> };

const actorOf = (u: Pick<User, 'id' | 'name' | 'email' | 'role'>): Actor => ({ kind: 'user', id: u.id, label: `${u.name} <${u.email}>`, role: u.role });

export async function seedFoundation(trx: Executor, rng: Rng, clock: Clock, config: Config) {
  const now = clock.now().getTime();
  const depsAt = (at: number): SeedDeps => ({ clock: { now: () => new Date(at) }, config });
  // Office hours on the given day (UTC, close enough for demo history).
  const daytime = (ms: number) => {
    const d = new Date(ms);
    d.setUTCHours(rng.int(7, 17), rng.int(0, 59), rng.int(0, 59), 0);
    return d.getTime();
  };
  const taken = new Set<string>(DEMO_LOGINS.map((l) => l.email));
  const language = () => (rng.chance(0.2) ? 'en' : 'de');

  const setupAt = daytime(now - rng.int(480, 560) * DAY);
  const association = demoAssociation(rng, new Date(setupAt));
  const { admin } = await completeSetup(
    trx,
    { association, admin: { name: person(rng).name, email: DEMO_LOGINS[0].email, password: DEMO_PASSWORD, language: 'de' } },
    depsAt(setupAt),
  );
  // Every demo account gets the demo password; hashing it once keeps the seed fast (scrypt ≈ 200 ms).
  const { password_hash: passwordHash } = await trx.selectFrom('users').select('password_hash').where('id', '=', admin.id).executeTakeFirstOrThrow();

  const invitees: Invitee[] = [];
  const invite = (role: Role, invitedAt: number, options: { email?: string; open?: boolean; mistyped?: boolean; bySecondAdmin?: boolean } = {}) => {
    const p = person(rng);
    let email = options.email ?? uniqueEmail(p, rng, taken);
    // Two letters swapped: the mail bounces and the invitation is never accepted.
    if (options.mistyped) taken.add((email = email[0] + email[2] + email[1] + email.slice(3)));
    invitees.push({
      person: p,
      email,
      role,
      language: options.email ? 'de' : language(),
      invitedAt,
      acceptedAt: options.open || options.mistyped ? null : Math.min(invitedAt + rng.int(1, 72) * HOUR, now - HOUR),
      bySecondAdmin: options.bySecondAdmin ?? false,
    });
    return email;
  };
  // The second admin, the board and the treasurers in the first weeks, then members over time.
  const early = () => daytime(setupAt + rng.int(1, 20) * DAY);
  invite('admin', daytime(setupAt + DAY));
  invite('treasurer', early(), { email: DEMO_LOGINS[1].email });
  invite('treasurer', early());
  invite('board', early(), { email: DEMO_LOGINS[2].email });
  for (let i = 0; i < 3; i++) invite('board', early());
  const days = Math.floor((now - setupAt) / DAY);
  const memberTimes = Array.from({ length: 11 }, () => daytime(setupAt + rng.int(30, days - 5) * DAY)).sort((a, b) => a - b);
  memberTimes.forEach((at, i) => invite('member', at, { email: i === 0 ? DEMO_LOGINS[3].email : undefined, bySecondAdmin: rng.chance(0.4) }));
  const bounced = invite('member', daytime(setupAt + rng.int(60, days - 30) * DAY), { mistyped: true });
  // Open invitations: one from two days ago, one whose mail is still waiting in the outbox.
  invite('member', now - 2 * DAY - rng.int(1, 8) * HOUR, { open: true });
  invite('member', now - rng.int(10, 50) * MINUTE, { open: true });

  const actors: Actor[] = [];
  const events: Event[] = [];
  invitees.forEach((inv, i) => {
    events.push({
      at: inv.invitedAt,
      run: async (deps) => {
        // invitees[0] is the second admin, active long before the first member is invited.
        const actor = inv.bySecondAdmin ? actors[0]! : actorOf(admin);
        actors[i] = actorOf(await inviteUser(trx, { email: inv.email, name: inv.person.name, role: inv.role, language: inv.language, actor }, deps));
      },
    });
    if (inv.acceptedAt !== null) events.push({ at: inv.acceptedAt, run: (deps) => acceptInvitation(trx, actors[i]!.id!, passwordHash!, deps) });
  });

  // The third purpose is added; the treasurer has told the Finanzamt that receipts are made by
  // machine (R 10b.1 Abs. 4 EStR, spec §11.2): from then on they go out by e-mail, unsigned.
  const settingsAt = daytime(setupAt + rng.int(150, 250) * DAY);
  const machineProcedureNotifiedOn = berlinToday(new Date(settingsAt - 7 * DAY));
  events.push({
    at: settingsAt,
    run: (deps) =>
      updateSettings(trx, { association: { ...association, purposes: PURPOSES, machine_procedure_notified_on: machineProcedureNotifiedOn }, actor: actorOf(admin) }, deps),
  });

  // A board member who stepped down.
  const leaving = invitees.findIndex((inv, i) => i > 3 && inv.role === 'board');
  events.push({
    at: daytime(now - rng.int(20, 60) * DAY),
    run: (deps) => updateUser(trx, { id: actors[leaving]!.id!, changes: { status: 'disabled' }, actor: actorOf(admin) }, deps),
  });

  // Two forgotten passwords; the first one was reset a few minutes later.
  const members = invitees.filter((inv) => inv.role === 'member' && inv.acceptedAt !== null && !DEMO_LOGINS.some((l) => l.email === inv.email));
  rng.shuffle(members).slice(0, 2).forEach((inv, n) => {
    const after = rng.int(10, Math.max(11, Math.floor((now - inv.acceptedAt!) / DAY) - 2)) * DAY;
    const askedAt = Math.min(daytime(inv.acceptedAt! + after), now - 3 * HOUR);
    events.push({ at: askedAt, run: (deps) => requestPasswordReset(trx, { email: inv.email }, deps) });
    const i = invitees.indexOf(inv);
    if (n === 0) events.push({ at: askedAt + rng.int(2, 15) * MINUTE, run: (deps) => completeReset(trx, actors[i]!.id!, passwordHash!, deps) });
  });

  for (const event of events.sort((a, b) => a.at - b.at)) await event.run(depsAt(event.at));
  await settleOutbox(trx, rng, now, bounced);
  await deleteExpiredSessions(trx, new Date(now));
  return { admin, invited: invitees.length };
}

/**
 * What accepting an invitation leaves behind (api/auth/set-password-with-token.ts), minus the
 * scrypt hash per account (≈ 200 ms each) and the session.
 */
async function acceptInvitation(trx: Executor, id: number, passwordHash: string, deps: SeedDeps) {
  const now = deps.clock.now();
  await markUserTokensUsed(trx, id, 'invite', now);
  const user = await updateUserRow(trx, id, { password_hash: passwordHash, status: 'active', updated_at: now });
  await writeAudit(
    trx,
    { actor: actorOf(user), action: 'user.invitation_accepted', entity: 'user', entityId: id, before: { status: 'invited' }, after: { status: 'active', password: 'changed' } },
    deps,
  );
}

async function completeReset(trx: Executor, id: number, passwordHash: string, deps: SeedDeps) {
  const now = deps.clock.now();
  await markUserTokensUsed(trx, id, 'password_reset', now);
  const user = await updateUserRow(trx, id, { password_hash: passwordHash, updated_at: now });
  await writeAudit(trx, { actor: actorOf(user), action: 'user.password_reset', entity: 'user', entityId: id, after: { status: user.status, password: 'changed' } }, deps);
}

/** Mails older than an hour were delivered; the one to the mistyped address bounced for good. */
async function settleOutbox(trx: Executor, rng: Rng, now: number, bounced: string) {
  const mails = await trx.selectFrom('outbox').select(['id', 'created_at', 'to_address']).orderBy('id').execute();
  for (const mail of mails) {
    if (mail.to_address === bounced) {
      await trx
        .updateTable('outbox')
        .set({
          status: 'failed',
          attempts: MAX_ATTEMPTS,
          last_error: `550 5.1.1 <${bounced}>: Recipient address rejected: User unknown in virtual mailbox table`,
        })
        .where('id', '=', mail.id)
        .execute();
    } else if (mail.created_at.getTime() < now - HOUR) {
      const sentAt = new Date(mail.created_at.getTime() + rng.int(2, 40) * 1000);
      const messageId = `<${rng.int(1e8, 9e8).toString(36)}.${mail.id}@demo.kassenwart.de>`;
      await trx.updateTable('outbox').set({ status: 'sent', attempts: 1, sent_at: sentAt, message_id: messageId }).where('id', '=', mail.id).execute();
    }
  }
}
