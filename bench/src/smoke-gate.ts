/**
 * The smoke run's only failure conditions: order-of-magnitude regressions, not missed targets
 * (a shared CI machine is far too noisy for those).
 */
import type { BenchResults } from './results'
import { spread } from './stats'

const WEAPP_FLOOR_BYTES = 5 * 1024 * 1024
const PAID_CEILING_MS = 10000

/** Every regression found; empty means the smoke run passes. */
export function smokeFailures(results: BenchResults): string[] {
  const failures: string[] = []
  if (results.bffMissing) failures.push(`the BFF could not be measured: ${results.bffMissing}`)
  for (const note of results.missingTargets) failures.push(`not measured: ${note}`)
  for (const ratio of results.ratios) {
    if (ratio.throughput.ratio < ratio.rule.smokeFloor) {
      failures.push(
        `${ratio.rule.subject} runs at ${ratio.throughput.ratio.toFixed(3)}× ${ratio.rule.baseline} (floor ${ratio.rule.smokeFloor}×)`,
      )
    }
  }
  const weapp = results.storeSizes.weapp
  if (weapp.ok && weapp.value.bytes > WEAPP_FLOOR_BYTES) {
    failures.push(`the weapp package is ${weapp.value.bytes} bytes (> 5 MiB)`)
  }
  const paid = results.paidLatency
  if (!paid.ok) failures.push(`wallet → paid failed: ${paid.reason}`)
  else if (spread(paid.value).median > PAID_CEILING_MS) {
    failures.push(`wallet → paid took ${spread(paid.value).median.toFixed(0)} ms (> 10 s)`)
  }
  return failures
}
