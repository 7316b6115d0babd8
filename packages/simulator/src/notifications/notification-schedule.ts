const QUICK_ATTEMPTS = 10
const QUICK_INTERVAL_MS = 20_000
const SLOW_INTERVAL_MS = 30 * 60_000
const SLOW_ATTEMPTS = (24 * 60 * 60_000) / SLOW_INTERVAL_MS

/**
 * The documented push schedule, as delays before each attempt (unscaled): the first at once, nine
 * more 20 s apart (10 quick attempts), then every 30 minutes for 24 hours (48 more): 58 in all.
 */
export const NOTIFICATION_DELAYS_MS: readonly number[] = [
  0,
  ...Array<number>(QUICK_ATTEMPTS - 1).fill(QUICK_INTERVAL_MS),
  ...Array<number>(SLOW_ATTEMPTS).fill(SLOW_INTERVAL_MS),
]
