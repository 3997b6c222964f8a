import { writeAudit } from '../audit/write-audit';
import { hashSecret, newSecret } from '../auth/secrets';
import type { Actor, Deps, Executor } from '../deps';
import { formatDate } from '../lib/dates';
import { DEADLINE_KIND_LABELS } from '../lib/grants';
import { writeCalendar } from '../lib/ical';
import { activeFeedOf, feedByHash, insertFeed, openDeadlines, reminderSettings, revokeFeedsOf, touchFeed } from './deadline-queries';

/**
 * Each user's secret iCal feed URL (/ical/<secret>.ics): only the secret's SHA-256 is stored, so
 * the URL is shown once, when made. A new one revokes the old; a revoked or unknown one is gone.
 * The audit log records that a feed was made or revoked, never its secret.
 */

/** Roles that see grants, and so their deadlines in a feed. */
const GRANT_ROLES = ['admin', 'treasurer', 'board'];

export async function createCalendarFeed(trx: Executor, input: { userId: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const now = deps.clock.now();
  const revoked = await revokeFeedsOf(trx, input.userId, now);
  const secret = newSecret();
  const feed = await insertFeed(trx, { user_id: input.userId, token_hash: hashSecret(secret), created_at: now });
  await writeAudit(
    trx,
    { actor: input.actor, action: 'calendar_feed.created', entity: 'calendar_feed', entityId: feed.id, after: { user_id: input.userId, revoked_feed_ids: revoked.map((r) => r.id) } },
    deps,
  );
  return { id: Number(feed.id), secret };
}

export async function revokeCalendarFeed(trx: Executor, input: { userId: number; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const revoked = await revokeFeedsOf(trx, input.userId, deps.clock.now());
  for (const feed of revoked) {
    await writeAudit(trx, { actor: input.actor, action: 'calendar_feed.revoked', entity: 'calendar_feed', entityId: feed.id, after: { user_id: input.userId } }, deps);
  }
  return { revoked: revoked.length };
}

export function calendarFeedOf(db: Executor, userId: number) {
  return activeFeedOf(db, userId);
}

/**
 * The user behind a feed URL's token ("<secret>.ics"), when the feed is not revoked and the
 * user is still active with a grant role; marks the feed as used. Null otherwise.
 */
export async function resolveCalendarFeed(db: Executor, token: string, deps: Pick<Deps, 'clock'>) {
  const match = /^([A-Za-z0-9_-]{43})\.ics$/.exec(token);
  if (!match) return null;
  const feed = await feedByHash(db, hashSecret(match[1]!));
  if (!feed || feed.status !== 'active' || !GRANT_ROLES.includes(feed.role)) return null;
  await touchFeed(db, Number(feed.id), deps.clock.now());
  return { feedId: Number(feed.id), userId: Number(feed.user_id), language: feed.language === 'en' ? ('en' as const) : ('de' as const), name: feed.name };
}

/**
 * The feed itself: every open deadline of applications still in play, overdue ones included,
 * as an all-day event in Europe/Berlin, in the user's language. UIDs stay the same per
 * deadline, so a moved date moves the event in the user's calendar.
 */
export async function calendarFeedText(db: Executor, input: { language: 'de' | 'en' }, deps: Pick<Deps, 'clock' | 'config'>) {
  const [deadlines, settings] = await Promise.all([openDeadlines(db, null), reminderSettings(db)]);
  const base = deps.config.BASE_URL;
  const host = new URL(base).hostname;
  const en = input.language === 'en';
  return writeCalendar({
    prodId: '-//Kassenwart//Foerderfristen//DE',
    name: `${en ? 'Grant deadlines' : 'Förderfristen'} – ${settings?.name ?? 'Kassenwart'}`,
    stamp: deps.clock.now(),
    events: deadlines.map((d) => {
      const kind = DEADLINE_KIND_LABELS[d.kind][input.language];
      const link = `${base}/grants/${d.application_id}`;
      return {
        uid: `deadline-${d.id}@${host}`,
        date: d.due_on,
        summary: `${kind}: ${d.application_title}`,
        description: [
          d.title !== kind ? d.title : null,
          `${en ? 'Funder' : 'Fördergeber'}: ${d.funder_name}`,
          `${en ? 'Due' : 'Fällig'}: ${formatDate(d.due_on)}`,
          d.responsible_name ? `${en ? 'Responsible' : 'Verantwortlich'}: ${d.responsible_name}` : null,
          d.notes,
          link,
        ]
          .filter(Boolean)
          .join('\n'),
        url: link,
      };
    }),
  });
}
