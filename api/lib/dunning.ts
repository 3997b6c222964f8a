import type { DunningLevel } from '../../db/schema';
import { addDays } from './dates';

/**
 * The next reminder a claim is due for, if any: level 1 `levels[0].days` after the due date,
 * each further level `days` after the previous reminder; never beyond level 3.
 */
export function nextReminderLevel(
  claim: { due_date: string; last_level: number; last_sent_on: string | null },
  levels: DunningLevel[],
  today: string,
): number | null {
  const next = claim.last_level + 1;
  if (next > Math.min(3, levels.length)) return null;
  const base = claim.last_level === 0 ? claim.due_date : claim.last_sent_on!;
  return today >= addDays(base, levels[next - 1]!.days) ? next : null;
}
