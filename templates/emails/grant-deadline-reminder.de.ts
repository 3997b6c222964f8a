import { mail } from './layout';
import type { GrantDeadlineReminderVars } from './index';

function when(days: number): string {
  if (days < 0) return days === -1 ? 'seit gestern überfällig' : `seit ${-days} Tagen überfällig`;
  if (days === 0) return 'heute fällig';
  return days === 1 ? 'morgen fällig (noch 1 Tag)' : `in ${days} Tagen fällig`;
}

export default (v: GrantDeadlineReminderVars) =>
  mail(
    `${v.daysLeft < 0 ? 'Frist überfällig' : 'Fristerinnerung'}: ${v.deadlineTitle} – ${v.application} (${v.due})`,
    [
      `Hallo ${v.name},`,
      v.daysLeft < 0
        ? `die Frist „${v.deadlineTitle}“ (${v.kind}) des Förderantrags „${v.application}“ war am ${v.due} und ist noch nicht als erledigt markiert: ${when(v.daysLeft)}.`
        : `die Frist „${v.deadlineTitle}“ (${v.kind}) des Förderantrags „${v.application}“ ist am ${v.due}: ${when(v.daysLeft)}.`,
      `Fördergeber: ${v.funder}`,
      'Zum Antrag (dort lässt sich die Frist auch als erledigt markieren):',
      v.link,
      v.daysLeft < 0
        ? 'Diese Nachricht kommt zu einer überfälligen Frist nur einmal.'
        : 'Erinnerungen kommen an den in den Einstellungen gewählten Tagen vor der Frist; nach „erledigt“ keine mehr.',
    ],
    `${v.association} · Kassenwart`,
  );
