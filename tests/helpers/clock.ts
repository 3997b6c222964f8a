import type { Clock } from '../../api/deps';

/** A clock that stands still until a test moves it. */
export function fixedClock(start = '2026-11-24T10:00:00Z') {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (at: string | Date) => {
      now = new Date(at).getTime();
    },
    advance: (ms: number) => {
      now += ms;
    },
  } satisfies Clock & Record<string, unknown>;
}
export type FixedClock = ReturnType<typeof fixedClock>;
