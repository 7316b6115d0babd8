import type { Registry } from 'prom-client'

/** One aggregator route's calls as the metrics saw them. */
export interface UpstreamRouteLatency {
  route: string
  calls: number
  errors: number
  p50_ms: number | null
  p95_ms: number | null
}

const HISTOGRAM = 'bff_upstream_request_duration_seconds'

/** The upper bound (ms) of the first bucket whose cumulative count reaches `share` of `total`. */
function bucketPercentile(buckets: Map<number, number>, total: number, share: number) {
  if (total === 0) return null
  const target = total * share
  for (const [le, cumulative] of [...buckets].sort((a, b) => a[0] - b[0])) {
    if (cumulative >= target) return Number.isFinite(le) ? Math.round(le * 1000) : null
  }
  return null
}

/**
 * The aggregator calls this process has made, per route: attempts, failed attempts and p50/p95
 * estimated from the latency histogram the SDK's `onCall` hook fills. Kept in memory only, so the
 * numbers start over with the process and cover this instance alone.
 */
export async function upstreamLatency(registry: Registry): Promise<UpstreamRouteLatency[]> {
  const metric = registry.getSingleMetric(HISTOGRAM)
  if (metric === undefined) return []
  const { values } = await metric.get()
  const routes = new Map<string, { calls: number; errors: number; buckets: Map<number, number> }>()
  // prom-client's histogram values carry `metricName` (…_bucket, …_count), which its types omit.
  for (const value of values as {
    labels: Record<string, unknown>
    value: number
    metricName?: string
  }[]) {
    const route = typeof value.labels.route === 'string' ? value.labels.route : ''
    const entry = routes.get(route) ?? { calls: 0, errors: 0, buckets: new Map() }
    routes.set(route, entry)
    if (value.metricName === `${HISTOGRAM}_count`) {
      entry.calls += value.value
      if (value.labels.outcome === 'error') entry.errors += value.value
    } else if (value.metricName === `${HISTOGRAM}_bucket`) {
      const le = value.labels.le === '+Inf' ? Infinity : Number(value.labels.le ?? NaN)
      entry.buckets.set(le, (entry.buckets.get(le) ?? 0) + value.value)
    }
  }
  return [...routes]
    .filter(([, entry]) => entry.calls > 0)
    .map(([route, entry]) => ({
      route,
      calls: entry.calls,
      errors: entry.errors,
      p50_ms: bucketPercentile(entry.buckets, entry.calls, 0.5),
      p95_ms: bucketPercentile(entry.buckets, entry.calls, 0.95),
    }))
    .sort((a, b) => a.route.localeCompare(b.route))
}
