/** The time source injected everywhere, so tests can move time (72 h keys, order expiry). */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() }
