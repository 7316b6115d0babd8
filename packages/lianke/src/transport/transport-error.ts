import { LiankeAbortedError } from '../errors/lianke-aborted-error'
import type { LiankeError } from '../errors/lianke-error'
import { LiankeNetworkError } from '../errors/lianke-network-error'
import { LiankeTimeoutError } from '../errors/lianke-timeout-error'
import type { LiankeRoute } from '../lianke-routes'
import type { AttemptSignals } from './attempt-signals'

// Errors raised while connecting: the request cannot have reached the aggregator.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])

function causeCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { code } = current as { code?: unknown }
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * Maps what fetch threw into the error family: the caller's abort, a deadline, or a
 * network failure, marked `maybeProcessed` unless it happened while connecting.
 */
export function transportError(
  error: unknown,
  route: LiankeRoute,
  orderNo: string | undefined,
  signals: AttemptSignals,
): LiankeError {
  const details = { route, orderNo, cause: error }
  const ended = signals.endedBy()
  if (ended === 'caller') {
    return new LiankeAbortedError(`${route} aborted by the caller`, {
      ...details,
      maybeProcessed: true,
    })
  }
  if (ended !== undefined) {
    const which = ended === 'deadline' ? 'the overall deadline' : 'the attempt deadline'
    return new LiankeTimeoutError(`${route} got no answer within ${which}`, details)
  }
  const code = causeCode(error)
  const reason = code ?? (error instanceof Error ? error.message : String(error))
  return new LiankeNetworkError(`${route} failed on the network: ${reason}`, {
    ...details,
    maybeProcessed: code === undefined || !NOT_SENT_CODES.has(code),
  })
}
