/**
 * One load run against one target, reduced to the figures the report uses: 2xx throughput,
 * latency, and the CPU the server (and its upstream, when it has one) spent per 2xx answer.
 */
import autocannon from 'autocannon'

import { totalCpuMicros } from './process-cpu'
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
  /** 2xx answers in the run. */
  answered: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  statusCodes: Record<string, number>
  /** The server processes' CPU µs per 2xx answer (null when not read). */
  cpuPerAnswer: number | null
  /** The upstream's (simulator's) CPU µs per 2xx answer, for targets that have one. */
  upstreamCpuPerAnswer: number | null
}

function cpuPerAnswer(before: number | null, after: number | null, answered: number) {
  if (before === null || after === null || answered === 0) return null
  return (after - before) / answered
}

function originOf(url: string): string {
  return new URL(url).origin
}

/**
 * Runs autocannon from this process against `target` with `settings`; with `alsoOrigins`, one
 * autocannon per origin at the same time, the connections split between them, and the figures
 * summed (req/s, counts) or taken at their worst (latency percentiles).
 */
export async function runLoad(target: LoadTarget, settings: LoadSettings): Promise<LoadSample> {
  const urls = [
    target.url,
    ...(target.alsoOrigins ?? []).map((origin) => target.url.replace(originOf(target.url), origin)),
  ]
  const connections = Math.max(1, Math.floor(settings.connections / urls.length))
  const serverBefore = totalCpuMicros(target.serverPids ?? [])
  const upstreamBefore = target.upstreamPids ? totalCpuMicros(target.upstreamPids) : null
  const results = await Promise.all(
    urls.map((url) =>
      autocannon({
        url,
        connections,
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
      }),
    ),
  )
  const serverAfter = totalCpuMicros(target.serverPids ?? [])
  const upstreamAfter = target.upstreamPids ? totalCpuMicros(target.upstreamPids) : null
  const statusCodes: Record<string, number> = {}
  let answered = 0
  let non2xx = 0
  let errors = 0
  let duration = 0
  for (const result of results) {
    for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
      statusCodes[code] = (statusCodes[code] ?? 0) + (stat.count ?? 0)
    }
    answered += result['2xx']
    non2xx += result.non2xx
    errors += result.errors
    duration = Math.max(duration, result.duration)
  }
  return {
    rps: answered / duration,
    answered,
    p50: Math.max(...results.map((result) => result.latency.p50)),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    non2xx,
    errors,
    statusCodes,
    cpuPerAnswer:
      target.serverPids && target.serverPids.length > 0
        ? cpuPerAnswer(serverBefore, serverAfter, answered)
        : null,
    upstreamCpuPerAnswer: cpuPerAnswer(upstreamBefore, upstreamAfter, answered),
  }
}
