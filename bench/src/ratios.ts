/**
 * The ratios the issue sets targets for, each a BFF path over the baseline that bounds it:
 * computed on median req/s, with the range of the same ratio taken round by round.
 */
import type { LoadSample } from './load'
import { spread, type Spread } from './stats'

/** A target ratio: `subject` req/s over `baseline` req/s should be at least `target`. */
export interface RatioRule {
  subject: string
  baseline: string
  target: number
  /**
   * Below this the smoke run fails: an order-of-magnitude regression, i.e. a tenth of what the
   * path measured in the last full run (BENCHMARKS.md: GET 0.26×, POST 0.17×, duplicate
   * notification 0.09×), rounded down. A floor at 0.1× for every path sat above the duplicate
   * notification's own usual ratio, so one noisy 1 s round could fail CI with nothing changed.
   */
  smokeFloor: number
}

/** The three targets of the issue, plus Koa's own cost over node:http for context. */
export const RATIO_RULES: readonly RatioRule[] = [
  { subject: 'bff-get-order', baseline: 'koa-hello', target: 0.6, smokeFloor: 0.025 },
  { subject: 'bff-create-order', baseline: 'koa-proxy', target: 0.8, smokeFloor: 0.015 },
  { subject: 'bff-duplicate-notify', baseline: 'koa-hello', target: 0.5, smokeFloor: 0.008 },
  { subject: 'koa-hello', baseline: 'node-hello', target: 0, smokeFloor: 0 },
]

/** One computed ratio. */
export interface RatioResult {
  rule: RatioRule
  /** Median subject req/s over median baseline req/s. */
  ratio: number
  /** The same ratio per round (subject and baseline measured in the same round). */
  perRound: Spread
  met: boolean
}

/** Computes every rule whose subject and baseline were both measured. */
export function computeRatios(samples: Map<string, LoadSample[]>): RatioResult[] {
  const results: RatioResult[] = []
  for (const rule of RATIO_RULES) {
    const subject = samples.get(rule.subject)
    const baseline = samples.get(rule.baseline)
    if (!subject?.length || !baseline?.length) continue
    const ratio =
      spread(subject.map((each) => each.rps)).median /
      spread(baseline.map((each) => each.rps)).median
    const perRound = spread(
      subject.map((each, round) => each.rps / (baseline[round]?.rps ?? Number.NaN)),
    )
    results.push({ rule, ratio, perRound, met: ratio >= rule.target })
  }
  return results
}
