/**
 * A process's CPU time so far (user + system, every thread: the event loop, libuv's pool, the
 * GC's helpers), read from /proc/<pid>/stat in clock ticks. Read before and after a load run, the
 * difference divided by the 2xx answers is the server's CPU cost per answer, a steadier yardstick
 * than req/s because it does not depend on how fast the load generator (sharing the cores) is.
 */
import { readFileSync } from 'node:fs'

/** Clock ticks per second of /proc/<pid>/stat (`getconf CLK_TCK`; 100 on every Linux build we run). */
const TICKS_PER_SECOND = 100

/** CPU µs the process `pid` has used so far, or null when it cannot be read (not Linux, gone). */
export function processCpuMicros(pid: number): number | null {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  // Field 2 (comm) is parenthesised and may contain spaces: count fields after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // utime and stime are fields 14 and 15 of the whole line, i.e. 11 and 12 after comm and state.
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null
  return ((utime + stime) * 1_000_000) / TICKS_PER_SECOND
}

/** The summed CPU µs of several processes, or null if any cannot be read. */
export function totalCpuMicros(pids: readonly number[]): number | null {
  let total = 0
  for (const pid of pids) {
    const micros = processCpuMicros(pid)
    if (micros === null) return null
    total += micros
  }
  return total
}
