/** Resolves after `ms` milliseconds; injected wherever code waits so tests control time. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
