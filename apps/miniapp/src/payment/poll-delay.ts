/** How long the confirmation poll waits in total before showing "still confirming" (about two minutes). */
export const POLL_WINDOW_MS = 120_000

/** The wait before poll number `attempt` + 1: 1 s, 2 s, 3 s, 4 s, then 5 s (channels.md). */
export function pollDelay(attempt: number): number {
  return Math.min(5000, 1000 * (attempt + 1))
}
