/** What ended an attempt: the caller's abort, the call's overall deadline, or the attempt's own timeout. */
export type AttemptEnd = 'caller' | 'deadline' | 'attempt'

/** The signal that ends one attempt (its request and its body read), and what ended it. */
export interface AttemptSignals {
  signal: AbortSignal
  /** Which of the three ended the attempt, once `signal` has aborted; `undefined` before. */
  endedBy(): AttemptEnd | undefined
}

/** An attempt's signals and the release of its timer and listener once the attempt is over. */
export interface AttemptSignalsHandle extends AttemptSignals {
  release(): void
}

/**
 * Starts one attempt's signal: one AbortController, one timer and, when the caller passed a
 * signal, one listener on it. The timer runs for `timeoutMs`, the attempt's own timeout or what is
 * left of the overall deadline, whichever is shorter (`deadlineFirst` says which one it is), so
 * one timer covers both. `release()` clears the timer and the listener when the attempt ends.
 *
 * Each attempt made two `AbortSignal.timeout` and an `AbortSignal.any` before: timers that stayed
 * armed until they fired or their signal was collected, with the weak references and finalizers
 * that clean them up, about 40 µs of CPU per attempt against under 10 here (docs/performance.md,
 * part 14).
 */
export function startAttemptSignals(options: {
  timeoutMs: number
  deadlineFirst: boolean
  external: AbortSignal | undefined
}): AttemptSignalsHandle {
  const { external } = options
  const controller = new AbortController()
  let ended: AttemptEnd | undefined
  const end = (cause: AttemptEnd, reason: unknown): void => {
    if (ended !== undefined) return
    ended = cause
    controller.abort(reason)
  }
  const timer = setTimeout(() => {
    const which = options.deadlineFirst ? 'deadline' : 'attempt'
    end(which, new DOMException(`the ${which} of ${options.timeoutMs} ms passed`, 'TimeoutError'))
  }, options.timeoutMs)
  // Like AbortSignal.timeout's timer, it does not keep the process alive on its own.
  timer.unref()
  const onExternalAbort = (): void => end('caller', external?.reason)
  if (external !== undefined) {
    if (external.aborted) onExternalAbort()
    else external.addEventListener('abort', onExternalAbort, { once: true })
  }
  return {
    signal: controller.signal,
    endedBy: () => ended,
    release: () => {
      clearTimeout(timer)
      external?.removeEventListener('abort', onExternalAbort)
    },
  }
}
