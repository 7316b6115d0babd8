/** The named places where a test may kill the BFF mid-create (docs/reliability.md, F4): after the local insert, after the upstream answer, after the commit. */
export const CRASH_POINTS = ['after-insert', 'after-upstream', 'after-commit'] as const

/** One of the named crash points. */
export type CrashPointName = (typeof CRASH_POINTS)[number]

// Set once at start-up from env.ts (BFF_CRASH_POINT, test-only); unset in production.
let armed: CrashPointName | undefined

/** Arms the crash point named by the test-only setting BFF_CRASH_POINT (main.ts calls this once). */
export function armCrashPoint(name: CrashPointName | undefined): void {
  armed = name
}

/**
 * Kills this process with SIGKILL, as a power cut would, when `name` is the armed crash point;
 * otherwise does nothing (one comparison, so calling it on every request costs nothing).
 */
export function crashPoint(name: CrashPointName): void {
  if (armed === name) process.kill(process.pid, 'SIGKILL')
}
