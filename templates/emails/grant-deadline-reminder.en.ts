import { mail } from './layout';
import type { GrantDeadlineReminderVars } from './index';

function when(days: number): string {
  if (days < 0) return days === -1 ? 'overdue since yesterday' : `overdue for ${-days} days`;
  if (days === 0) return 'due today';
  return days === 1 ? 'due tomorrow (1 day left)' : `due in ${days} days`;
}

export default (v: GrantDeadlineReminderVars) =>
  mail(
    `${v.daysLeft < 0 ? 'Deadline overdue' : 'Deadline reminder'}: ${v.deadlineTitle} – ${v.application} (${v.due})`,
    [
      `Hello ${v.name},`,
      v.daysLeft < 0
        ? `the deadline “${v.deadlineTitle}” (${v.kind}) of the grant application “${v.application}” was on ${v.due} and is not marked as done yet: ${when(v.daysLeft)}.`
        : `the deadline “${v.deadlineTitle}” (${v.kind}) of the grant application “${v.application}” is on ${v.due}: ${when(v.daysLeft)}.`,
      `Funder: ${v.funder}`,
      'To the application (where the deadline can also be marked as done):',
      v.link,
      v.daysLeft < 0
        ? 'You get this notice about an overdue deadline only once.'
        : 'Reminders come on the days before the deadline chosen in the settings; none once it is done.',
    ],
    `${v.association} · Kassenwart`,
  );
