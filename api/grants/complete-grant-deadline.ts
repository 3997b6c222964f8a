import type { Actor, Deps, Executor } from '../deps';
import { berlinToday } from '../lib/dates';
import { updateGrantDeadline } from './save-grant-deadline';

/**
 * Ticks a deadline off today (it gets no more reminders and leaves the calendar and the feed),
 * or opens it again. Ticking a done one off again keeps its first day.
 */
export async function completeGrantDeadline(
  trx: Executor,
  input: { deadlineId: number; applicationId?: number; done: boolean; actor: Actor },
  deps: Pick<Deps, 'clock'>,
) {
  const today = berlinToday(deps.clock.now());
  return updateGrantDeadline(
    trx,
    { deadlineId: input.deadlineId, applicationId: input.applicationId, patch: input.done ? { done_on: today } : { done_on: null }, actor: input.actor },
    deps,
  );
}
