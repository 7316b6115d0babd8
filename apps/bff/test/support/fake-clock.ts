import type { Clock } from '../../src/clock'

/** A clock tests move by hand. */
export interface FakeClock extends Clock {
  advance(ms: number): void
}

/** A fake clock starting at `start` (default: now). */
export function fakeClock(start = Date.now()): FakeClock {
  let now = start
  return {
    now: () => now,
    advance: (ms) => {
      now += ms
    },
  }
}
