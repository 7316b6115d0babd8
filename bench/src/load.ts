/** One autocannon run against one target, reduced to the figures the report uses. */
import autocannon from 'autocannon'

import type { LoadTarget } from './targets/load-target'

/** How hard and how long to push: identical for every target in a run. */
export interface LoadSettings {
  connections: number
  durationSeconds: number
}

/** The result of one run: 2xx throughput, latency percentiles and anything that went wrong. */
export interface LoadSample {
  /** Successful (2xx) responses per second. */
  rps: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  statusCodes: Record<string, number>
}

/** Runs autocannon from this process against `target` with `settings`. */
export async function runLoad(target: LoadTarget, settings: LoadSettings): Promise<LoadSample> {
  const result = await autocannon({
    url: target.url,
    connections: settings.connections,
    duration: settings.durationSeconds,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: target.method,
        ...(target.headers ? { headers: target.headers } : {}),
        ...(target.body === undefined ? {} : { body: target.body }),
        ...(target.setupRequest ? { setupRequest: target.setupRequest } : {}),
      },
    ],
  })
  const statusCodes: Record<string, number> = {}
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = stat.count ?? 0
  }
  return {
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
  }
}
