import type { NotificationOutcome } from '@quickpay/contracts'
import type { LiankeCallEvent } from '@quickpay/lianke'
import { Counter, Gauge, Histogram, Registry } from 'prom-client'

/** The app's Prometheus instruments, on a registry of its own so tests can build several apps. */
export interface Metrics {
  /** The registry `/metrics` serialises. */
  registry: Registry
  /** Records one finished HTTP request (route = the router's pattern, never the raw path). */
  observeHttp(labels: { method: string; route: string; status: number }, seconds: number): void
  /** Counts one notification by outcome (`repeat`: a settled order's copy, not stored again). */
  countNotification(outcome: NotificationOutcome | 'repeat'): void
  /** The SDK's `onCall` hook: one aggregator attempt by route and outcome, with its latency. */
  observeUpstream(event: LiankeCallEvent): void
  /** Whether the rate limits have fallen back from Redis to this process (1) or not (0). */
  setRateLimitsDegraded(degraded: boolean): void
}

/** Where the orders-by-status gauge reads its numbers on each scrape. */
export interface MetricsSources {
  countOrdersByStatus?: () => Promise<Record<string, number>>
}

/** Creates the instruments on a fresh registry. */
export function createMetrics(sources: MetricsSources = {}): Metrics {
  const registry = new Registry()
  const httpRequests = new Counter({
    name: 'bff_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const httpDuration = new Histogram({
    name: 'bff_http_request_duration_seconds',
    help: 'HTTP request duration, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const notifications = new Counter({
    name: 'bff_notifications_total',
    help: 'Aggregator notifications received, by outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  })
  const upstreamCalls = new Counter({
    name: 'bff_upstream_requests_total',
    help: 'HTTP attempts to the aggregator, by route and outcome.',
    labelNames: ['route', 'outcome'] as const,
    registers: [registry],
  })
  const upstreamDuration = new Histogram({
    name: 'bff_upstream_request_duration_seconds',
    help: 'Latency of HTTP attempts to the aggregator, by route and outcome.',
    labelNames: ['route', 'outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  })
  const rateLimitsDegraded = new Gauge({
    name: 'bff_rate_limits_degraded',
    help: 'Rate limits served by this instance alone because Redis is unreachable (1) or not (0).',
    registers: [registry],
  })
  rateLimitsDegraded.set(0)
  const countOrders = sources.countOrdersByStatus
  if (countOrders !== undefined) {
    new Gauge({
      name: 'bff_orders',
      help: 'Orders in the database, by status (read on each scrape).',
      labelNames: ['status'] as const,
      registers: [registry],
      async collect() {
        const counts = await countOrders()
        this.reset()
        for (const [status, count] of Object.entries(counts)) this.set({ status }, count)
      },
    })
  }
  return {
    registry,
    observeHttp(labels, seconds) {
      const values = { method: labels.method, route: labels.route, status: String(labels.status) }
      httpRequests.inc(values)
      httpDuration.observe(values, seconds)
    },
    countNotification(outcome) {
      notifications.inc({ outcome })
    },
    observeUpstream(event) {
      const labels = { route: event.route, outcome: event.outcome }
      upstreamCalls.inc(labels)
      upstreamDuration.observe(labels, event.durationMs / 1000)
    },
    setRateLimitsDegraded(degraded) {
      rateLimitsDegraded.set(degraded ? 1 : 0)
    },
  }
}
