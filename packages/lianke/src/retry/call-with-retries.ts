import { LiankeAbortedError } from '../errors/lianke-aborted-error'
import { LiankeError } from '../errors/lianke-error'
import { LiankeTimeoutError } from '../errors/lianke-timeout-error'
import type { LiankeCallEvent } from '../lianke-client-options'
import type { LiankeRoute } from '../lianke-routes'
import { log } from '../log'
import type { ResolvedClientOptions } from '../resolve-client-options'
import { startAttemptSignals, type AttemptSignals } from '../transport/attempt-signals'
import { backoffDelay } from './backoff-delay'
import type { Deadline } from './deadline'
import { sleep } from './sleep'

// A metrics callback that throws must not turn a good answer into a failure.
function report(config: ResolvedClientOptions, event: LiankeCallEvent): void {
  try {
    config.onCall?.(event)
  } catch (error) {
    log('onCall threw: %s', error instanceof Error ? error.message : String(error))
  }
}

/** One call to run with retries: the route, the order for the logs, and one attempt's work. */
export interface RetriedCall<T> {
  route: LiankeRoute
  orderNo: string | undefined
  deadline: Deadline
  external: AbortSignal | undefined
  /** Every error of every attempt, in order, so callers can reason about earlier attempts. */
  errors: LiankeError[]
  /** One attempt, ended by `signals.signal` (the caller's abort, the deadline, its own timeout). */
  run: (signals: AttemptSignals) => Promise<T>
}

/**
 * Runs attempts until one succeeds, an error is not `retriable`, the retry limit is reached, or
 * the next backoff would pass the overall deadline; the last error is thrown with `attempts` set.
 */
export async function callWithRetries<T>(
  config: ResolvedClientOptions,
  call: RetriedCall<T>,
): Promise<T> {
  const { route, orderNo, deadline, external } = call
  for (let attempt = 1; ; attempt += 1) {
    const remainingMs = deadline.remaining()
    const timeoutMs = Math.ceil(Math.min(config.timeoutMs, remainingMs))
    const started = performance.now()
    let error: LiankeError
    try {
      if (external?.aborted) {
        throw new LiankeAbortedError(`${route} aborted by the caller`, { route, orderNo })
      }
      if (timeoutMs <= 0) {
        throw new LiankeTimeoutError(`${route} got no answer within the overall deadline`, {
          route,
          orderNo,
        })
      }
      const signals = startAttemptSignals({
        timeoutMs,
        deadlineFirst: remainingMs < config.timeoutMs,
        external,
      })
      let result: T
      try {
        result = await call.run(signals)
      } finally {
        signals.release()
      }
      const durationMs = performance.now() - started
      log('%s order=%s attempt=%d ok in %dms', route, orderNo, attempt, Math.round(durationMs))
      report(config, { route, attempt, durationMs, outcome: 'ok' })
      return result
    } catch (thrown) {
      if (!(thrown instanceof LiankeError)) throw thrown
      error = thrown
    }
    const durationMs = performance.now() - started
    error.attempts = attempt
    call.errors.push(error)
    log(
      '%s order=%s attempt=%d %s (%s) in %dms',
      route,
      orderNo,
      attempt,
      error.code,
      error.status ?? '-',
      Math.round(durationMs),
    )
    report(config, { route, attempt, durationMs, outcome: 'error', error })

    if (!error.retriable || attempt > config.retryLimit) throw error
    const delay = backoffDelay(attempt, config.baseDelayMs, config.maxDelayMs)
    // A retry that could not even start before the deadline is pointless; keep the real cause.
    // (So the backoff always ends before the deadline, and only the caller's abort cuts it short.)
    if (delay >= deadline.remaining()) throw error
    try {
      await sleep(delay, external)
    } catch {
      if (external?.aborted) {
        throw new LiankeAbortedError(`${route} aborted by the caller`, {
          route,
          orderNo,
          attempts: attempt,
          maybeProcessed: call.errors.some((e) => e.maybeProcessed),
        })
      }
      throw error
    }
  }
}
