import { describe, expect, it } from 'vitest'

import { startAttemptSignals } from '../../src/transport/attempt-signals'

const aborted = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))

describe('startAttemptSignals', () => {
  it('ends the attempt at its timer, named after the timeout that came first', async () => {
    const own = startAttemptSignals({ timeoutMs: 20, deadlineFirst: false, external: undefined })
    const deadline = startAttemptSignals({
      timeoutMs: 20,
      deadlineFirst: true,
      external: undefined,
    })
    expect(own.endedBy()).toBeUndefined()
    await Promise.all([aborted(own.signal), aborted(deadline.signal)])
    expect(own.endedBy()).toBe('attempt')
    expect(deadline.endedBy()).toBe('deadline')
    expect(own.signal.reason).toMatchObject({ name: 'TimeoutError' })
  })

  it("ends the attempt with the caller's abort and reason, also when it came before the start", () => {
    const caller = new AbortController()
    const signals = startAttemptSignals({
      timeoutMs: 10_000,
      deadlineFirst: false,
      external: caller.signal,
    })
    const reason = new Error('shutting down')
    caller.abort(reason)
    expect(signals.signal.aborted).toBe(true)
    expect(signals.endedBy()).toBe('caller')
    expect(signals.signal.reason).toBe(reason)
    signals.release()

    const late = startAttemptSignals({
      timeoutMs: 10_000,
      deadlineFirst: false,
      external: caller.signal,
    })
    expect(late.endedBy()).toBe('caller')
    late.release()
  })

  it('keeps the first cause: a timer that fires after the caller aborted changes nothing', async () => {
    const caller = new AbortController()
    const signals = startAttemptSignals({
      timeoutMs: 10,
      deadlineFirst: true,
      external: caller.signal,
    })
    caller.abort()
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(signals.endedBy()).toBe('caller')
  })

  it('once released, neither its timer nor the caller can end it', async () => {
    const caller = new AbortController()
    const signals = startAttemptSignals({
      timeoutMs: 10,
      deadlineFirst: false,
      external: caller.signal,
    })
    signals.release()
    await new Promise((resolve) => setTimeout(resolve, 30))
    caller.abort()
    expect(signals.signal.aborted).toBe(false)
    expect(signals.endedBy()).toBeUndefined()
  })
})
