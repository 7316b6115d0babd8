/**
 * The overall deadline of one client call, shared by its attempts and any follow-up Query. It has
 * no timer of its own: each attempt's timer runs to the deadline when that comes first
 * (transport/attempt-signals.ts), and a backoff starts only when it ends before the deadline.
 */
export interface Deadline {
  /** Milliseconds left before the deadline (never negative). */
  remaining(): number
}

/** Starts a deadline `ms` from now. */
export function startDeadline(ms: number): Deadline {
  const expiresAt = performance.now() + ms
  return { remaining: () => Math.max(0, expiresAt - performance.now()) }
}
