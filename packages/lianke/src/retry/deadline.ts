/** The overall deadline of one client call, shared by its attempts and any follow-up Query. */
export interface Deadline {
  signal: AbortSignal
  /** Milliseconds left before the deadline (never negative). */
  remaining(): number
}

/** Starts a deadline `ms` from now. */
export function startDeadline(ms: number): Deadline {
  const expiresAt = performance.now() + ms
  return {
    signal: AbortSignal.timeout(Math.max(1, Math.ceil(ms))),
    remaining: () => Math.max(0, expiresAt - performance.now()),
  }
}
