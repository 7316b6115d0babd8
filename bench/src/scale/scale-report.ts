/**
 * The scale section of BENCHMARKS.md, written by `pnpm bench --scale` between its own markers and
 * carried over unchanged by the default full run (which does not seed).
 */
import type { ScaleResults } from './scale-run'

/** Marks the start of the scale section in BENCHMARKS.md. */
export const SCALE_START = '<!-- scale:start -->'
/** Marks its end. */
export const SCALE_END = '<!-- scale:end -->'

const GOAL = 1.5
const MUST = 2

/** A growth ratio, or `—` when it cannot be formed (autocannon's p50 is in whole ms: 0 at 10 k). */
function ratio(growth: number): string {
  return Number.isFinite(growth) ? `${growth.toFixed(2)}×` : '—'
}

function growthVerdict(growth: number): string {
  if (!Number.isFinite(growth)) return '—'
  if (growth <= GOAL) return 'goal met'
  if (growth <= MUST) return 'must-show met, goal missed'
  return '**missed**'
}

/** The section, markers included. */
export function renderScale(results: ScaleResults): string {
  const first = results.steps[0]
  const last = results.steps[results.steps.length - 1]
  const lines = [
    SCALE_START,
    '## Cost as the data grows (`pnpm bench --scale`)',
    '',
    `Run on ${results.startedAt.toISOString()}, SQLite only (PostgreSQL not seeded by this run). One BFF child on a fresh SQLite file; seeded copies of a real paid order with its events (every tenth \`closed\` with a recheck a day ahead), added in bulk by recursive-CTE \`INSERT … SELECT\` to ${results.sizes.join(', then ')} orders. HTTP measures: a 2 s warm-up, then ${results.load.durationSeconds} s of autocannon at ${results.load.connections} connections; p50 latency and the BFF's CPU µs per answer. The sweep: ${'`leaseDue`'} called 200 times in the bench process through the BFF's repository (median call time, CPU per call of the bench process).`,
    '',
    `Seeding took ${results.steps.map((step) => `${step.seedSeconds.toFixed(0)} s to ${step.orders}`).join(', ')}.`,
    '',
  ]
  if (first === undefined || last === undefined) return [...lines, SCALE_END].join('\n')
  lines.push(
    `| measure | ${results.steps.map((step) => `${step.orders} orders: p50 µs / CPU µs`).join(' | ')} | growth ${first.orders} → ${last.orders} (CPU; p50) | verdict (CPU, goal ≤ ${GOAL}×, must ≤ ${MUST}×) |`,
    `| --- | ${results.steps.map(() => '---').join(' | ')} | --- | --- |`,
  )
  for (const measure of first.measures) {
    const cells = results.steps.map((step) => {
      const found = step.measures.find((each) => each.id === measure.id)
      if (found === undefined) return '—'
      const problems = found.problems > 0 ? ` (${found.problems} non-2xx/errors)` : ''
      return `${found.p50Micros.toFixed(0)} / ${found.cpuMicros?.toFixed(0) ?? '—'}${problems}`
    })
    const end = last.measures.find((each) => each.id === measure.id)
    const cpuGrowth =
      end?.cpuMicros != null && measure.cpuMicros != null && measure.cpuMicros > 0
        ? end.cpuMicros / measure.cpuMicros
        : Number.NaN
    const p50Growth = end && measure.p50Micros > 0 ? end.p50Micros / measure.p50Micros : Number.NaN
    lines.push(
      `| ${measure.label} | ${cells.join(' | ')} | ${ratio(cpuGrowth)}; ${ratio(p50Growth)} | ${growthVerdict(cpuGrowth)} |`,
    )
  }
  lines.push(
    '',
    'The merchant list pages by a keyset cursor on (created_at, order_no) and counts matches up to 10 000 (apps/bff/src/services/admin-orders.ts): a page walks the index from its position for one page, and the count stops at the cap, so neither grows with the data; the deep page is measured at the cursor half-way down, reached by following next_cursor beforehand (untimed).',
    SCALE_END,
  )
  return lines.join('\n')
}

/** The scale section of an existing BENCHMARKS.md (markers included), or '' when absent. */
export function preservedScale(existing: string): string {
  const start = existing.indexOf(SCALE_START)
  const end = existing.indexOf(SCALE_END)
  if (start < 0 || end < start) return ''
  return existing.slice(start, end + SCALE_END.length)
}

/** `existing` with its scale section replaced by `section` (or `section` appended). */
export function withScaleSection(existing: string, section: string): string {
  const old = preservedScale(existing)
  if (old !== '') return existing.replace(old, section)
  const reading = existing.indexOf('## Reading')
  if (reading < 0) return `${existing.trimEnd()}\n\n${section}\n`
  return `${existing.slice(0, reading)}${section}\n\n${existing.slice(reading)}`
}
