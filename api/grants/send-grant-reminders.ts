import { writeAudit } from '../audit/write-audit';
import { inTransaction, systemActor, type Deps, type Executor } from '../deps';
import { addDays, berlinToday, formatDate } from '../lib/dates';
import { DEADLINE_KIND_LABELS } from '../lib/grants';
import { enqueueMail } from '../mail/enqueue-mail';
import {
  insertGrantReminders,
  lockDeadline,
  openDeadlines,
  reminderRecipients,
  remindersOf,
  reminderSettings,
  setGrantReminderMail,
  type OpenDeadline,
  type ReminderRecipient,
} from './deadline-queries';

/** days_before of the one notice about an overdue deadline */
export const OVERDUE = -1;

/** Days from `from` to `to` ('YYYY-MM-DD'), negative when `to` lies before. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Which reminder a deadline is due for today: the nearest offset whose day has come (today ≥
 * due − offset, and not past the deadline), and the earlier offsets it passes over (a scheduler
 * that missed days sends one mail, not three). Past the deadline: the overdue notice.
 */
export function reminderDue(offsets: readonly number[], dueOn: string, today: string): { send: number; passed: number[] } | null {
  if (dueOn < today) return { send: OVERDUE, passed: [] };
  const daysLeft = daysBetween(today, dueOn);
  const reached = [...new Set(offsets)].filter((o) => Number.isInteger(o) && o >= 0 && o >= daysLeft).sort((a, b) => a - b);
  if (!reached.length) return null;
  return { send: reached[0]!, passed: reached.slice(1) };
}

interface Plan {
  deadline: OpenDeadline;
  due: { send: number; passed: number[] };
  people: ReminderRecipient[];
}

/**
 * One deadline's reminders, in the caller's transaction: per person, the reminder row first
 * (unique per deadline, offset and person: a second run, or one at the same time, inserts
 * nothing and sends nothing), then the passed-over offsets, then the mail into the outbox.
 */
export async function remindDeadline(trx: Executor, plan: Plan, context: { association: string; baseUrl: string; today: string }, deps: Pick<Deps, 'clock'>) {
  const current = await lockDeadline(trx, plan.deadline.id);
  if (!current || current.done_on !== null || current.due_on !== plan.deadline.due_on) return 0; // ticked off or moved meanwhile
  const d = plan.deadline;
  const now = deps.clock.now();
  const sentTo: number[] = [];
  for (const person of plan.people) {
    const [recorded] = await insertGrantReminders(trx, [{ deadline_id: d.id, days_before: plan.due.send, user_id: person.id, created_at: now }]);
    if (!recorded) continue;
    await insertGrantReminders(
      trx,
      plan.due.passed.map((days_before) => ({ deadline_id: d.id, days_before, user_id: person.id, created_at: now })),
    );
    const language = person.language === 'en' ? 'en' : 'de';
    const outboxId = await enqueueMail(
      trx,
      {
        template: 'grant-deadline-reminder',
        language,
        to: person.email,
        vars: {
          name: person.name,
          association: context.association,
          deadlineTitle: d.title,
          kind: DEADLINE_KIND_LABELS[d.kind][language],
          application: d.application_title,
          funder: d.funder_name,
          due: formatDate(d.due_on),
          daysLeft: daysBetween(context.today, d.due_on),
          link: `${context.baseUrl}/grants/${d.application_id}`,
        },
      },
      deps,
    );
    await setGrantReminderMail(trx, Number(recorded.id), outboxId);
    sentTo.push(person.id);
  }
  if (sentTo.length) {
    await writeAudit(
      trx,
      {
        actor: systemActor('scheduler'),
        action: plan.due.send === OVERDUE ? 'grant_deadline.overdue_notice' : 'grant_deadline.reminded',
        entity: 'grant_deadline',
        entityId: d.id,
        after: { days_before: plan.due.send, passed_over: plan.due.passed, user_ids: sentTo, due_on: d.due_on },
      },
      deps,
    );
  }
  return sentTo.length;
}

/**
 * The scheduled reminder pass (api/jobs/scheduler.ts, before the outbox is delivered): every
 * open deadline of an application still in play, at the association's offsets (default 30, 7
 * and 1 days before) and once when overdue, to the responsible person and — with the setting —
 * every active board member, each person once. One transaction per deadline, so one failure
 * does not hold back the others' mails; safe to run twice, late or at the same time.
 */
export async function sendGrantReminders(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'logger'>) {
  const settings = await reminderSettings(deps.db);
  if (!settings) return { mails: 0, failed: 0 };
  const offsets = (Array.isArray(settings.grant_reminder_days) ? settings.grant_reminder_days : []).filter((o) => Number.isInteger(o) && o >= 0);
  const today = berlinToday(deps.clock.now());
  const candidates = await openDeadlines(deps.db, addDays(today, Math.max(0, ...offsets)));
  if (!candidates.length) return { mails: 0, failed: 0 };

  const responsibleIds = [...new Set(candidates.map((d) => d.responsible_user_id).filter((id): id is number => id !== null))];
  const users = await reminderRecipients(deps.db, { userIds: responsibleIds, board: settings.grant_reminders_to_board });
  const byId = new Map(users.map((u) => [Number(u.id), u]));
  const board = settings.grant_reminders_to_board ? users.filter((u) => u.role === 'board') : [];
  const existing = new Set((await remindersOf(deps.db, candidates.map((d) => d.id))).map((r) => `${r.deadline_id}:${r.days_before}:${r.user_id}`));

  let mails = 0;
  let failed = 0;
  for (const deadline of candidates) {
    const due = reminderDue(offsets, deadline.due_on, today);
    if (!due) continue;
    const people = new Map<number, ReminderRecipient>();
    const responsible = deadline.responsible_user_id === null ? undefined : byId.get(Number(deadline.responsible_user_id));
    if (responsible) people.set(Number(responsible.id), responsible);
    for (const member of board) people.set(Number(member.id), member);
    const pending = [...people.values()].filter((p) => !existing.has(`${deadline.id}:${due.send}:${p.id}`));
    if (!pending.length) continue;
    try {
      mails += await inTransaction(deps.db, (trx) =>
        remindDeadline(trx, { deadline, due, people: pending }, { association: settings.name, baseUrl: deps.config.BASE_URL, today }, deps),
      );
    } catch (error) {
      failed++;
      deps.logger.error({ error: String(error), deadlineId: deadline.id }, 'grant deadline reminder failed');
    }
  }
  return { mails, failed };
}
