/**
 * The ratios the issue (#15) sets goals for, each a BFF path over the baseline that bounds it, read
 * two ways: on throughput (median req/s over median req/s) and on cost (the baseline's median CPU
 * µs per 2xx answer over the path's, so that both read "higher is better" against the same goal).
 * Each comes with the range of the same ratio taken round by round.
 */
import type { LoadSample } from './load'
import { spread, type Spread } from './stats'

/** A goal: `subject` over `baseline` should reach `goal`, and must at least reach `mustShow`. */
export interface RatioRule {
  subject: string
  baseline: string
  /** The goal (0: context only, no goal). */
  goal: number
  /** The "must at least show" (0: none). */
  mustShow: number
  /**
   * Below this (on req/s) the smoke run fails: an order-of-magnitude regression, i.e. about a
   * tenth of what the path measured in the last full run (BENCHMARKS.md: GET 0.26×, POST 0.17×,
   * duplicate notification 0.09×), rounded down. Only the SQLite paths are in the smoke run.
   */
  smokeFloor: number
}

/** The BFF variants measured: the default SQLite file, PostgreSQL, two instances on PostgreSQL. */
export const BFF_VARIANTS = [
  { prefix: 'bff', label: 'SQLite' },
  { prefix: 'bff-pg', label: 'PostgreSQL' },
  { prefix: 'bff-pg2', label: 'two instances, PostgreSQL' },
] as const

function rulesFor(prefix: string, smoke: boolean): RatioRule[] {
  const floor = (value: number): number => (smoke ? value : 0)
  return [
    {
      subject: `${prefix}-get-order`,
      baseline: 'koa-hello',
      goal: 0.45,
      mustShow: 0.35,
      smokeFloor: floor(0.025),
    },
    {
      subject: `${prefix}-create-order`,
      baseline: 'koa-proxy',
      goal: 0.8,
      mustShow: 0.5,
      smokeFloor: floor(0.015),
    },
    {
      subject: `${prefix}-create-order`,
      baseline: 'koa-hello',
      goal: 0,
      mustShow: 0,
      smokeFloor: 0,
    },
    {
      subject: `${prefix}-duplicate-notify`,
      baseline: 'koa-hello',
      goal: 0.5,
      mustShow: 0.3,
      smokeFloor: floor(0.008),
    },
  ]
}

/** A ratio shown for context: no goal, no must-show, no smoke floor. */
const context = (subject: string, baseline: string): RatioRule => ({
  subject,
  baseline,
  goal: 0,
  mustShow: 0,
  smokeFloor: 0,
})

/**
 * Every goal of the issue for every BFF variant, plus context: Koa's own cost over node:http, and
 * the proxy with two PostgreSQL writes (servers/koa-proxy-postgres.ts) over the proxy and under
 * the create on PostgreSQL, which says how much of that create's gap the database's two writes
 * alone take on these cores.
 */
export const RATIO_RULES: readonly RatioRule[] = [
  ...BFF_VARIANTS.flatMap((variant) => rulesFor(variant.prefix, variant.prefix === 'bff')),
  context('koa-hello', 'node-hello'),
  context('koa-proxy-pg', 'koa-proxy'),
  context('bff-pg-create-order', 'koa-proxy-pg'),
]

/** One ratio read one way (req/s or CPU cost). */
export interface RatioReading {
  /** The ratio of the medians. */
  ratio: number
  /** The same ratio per round (subject and baseline measured in the same round). */
  perRound: Spread
}

/** One computed rule. */
export interface RatioResult {
  rule: RatioRule
  throughput: RatioReading
  /** Null when the CPU of either side could not be read. */
  cost: RatioReading | null
}

function costReading(subject: LoadSample[], baseline: LoadSample[]): RatioReading | null {
  const subjectCost = subject.map((each) => each.cpuPerAnswer)
  const baselineCost = baseline.map((each) => each.cpuPerAnswer)
  if (subjectCost.some((each) => each === null) || baselineCost.some((each) => each === null)) {
    return null
  }
  const ratio = spread(baselineCost as number[]).median / spread(subjectCost as number[]).median
  const perRound = spread(
    subjectCost.map((each, round) => (baselineCost[round] ?? Number.NaN) / (each ?? Number.NaN)),
  )
  return { ratio, perRound }
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
    results.push({
      rule,
      throughput: { ratio, perRound },
      cost: costReading(subject, baseline),
    })
  }
  return results
}
