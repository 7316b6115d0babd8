/**
 * Interleaved rounds: every round runs every target once, starting one target later than the
 * round before, so drift (thermal, page cache, a growing database) spreads over all targets
 * instead of biasing whichever runs last. One warm-up round is run first and discarded.
 */
import { runLoad, type LoadSample, type LoadSettings } from './load'
import type { LoadTarget } from './targets/load-target'

/** Round count and per-run settings. */
export interface RoundPlan {
  rounds: number
  warmup: LoadSettings | null
  measured: LoadSettings
}

/** Runs the plan; returns every measured sample per target id, in round order. */
export async function runRounds(
  targets: readonly LoadTarget[],
  plan: RoundPlan,
  log: (line: string) => void,
): Promise<Map<string, LoadSample[]>> {
  const samples = new Map<string, LoadSample[]>(targets.map((target) => [target.id, []]))
  if (plan.warmup) {
    log(`warm-up round (${plan.warmup.durationSeconds} s each)`)
    for (const target of targets) await runLoad(target, plan.warmup)
  }
  for (let round = 0; round < plan.rounds; round += 1) {
    const order = targets.map((_, index) => targets[(index + round) % targets.length]!)
    log(`round ${round + 1}/${plan.rounds}: ${order.map((target) => target.id).join(' → ')}`)
    for (const target of order) {
      const sample = await runLoad(target, plan.measured)
      samples.get(target.id)!.push(sample)
      const problems = sample.non2xx + sample.errors > 0 ? describeProblems(sample) : ''
      const cpu =
        sample.cpuPerAnswer === null ? '' : `  ${sample.cpuPerAnswer.toFixed(0)} µs CPU/answer`
      log(
        `  ${target.id.padEnd(26)} ${sample.rps.toFixed(0).padStart(7)} req/s  p50 ${sample.p50} ms  p99 ${sample.p99} ms${cpu}${problems}`,
      )
    }
  }
  return samples
}

function describeProblems(sample: LoadSample): string {
  const codes = Object.entries(sample.statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, count]) => `${code}×${count}`)
  return `  (non-2xx ${sample.non2xx} [${codes.join(', ')}], errors ${sample.errors})`
}
