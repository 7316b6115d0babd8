import type { LiankeError } from '../errors/lianke-error'
import type { LiankeRoute } from '../lianke-routes'
import type { ResolvedClientOptions } from '../resolve-client-options'
import { callWithRetries } from '../retry/call-with-retries'
import type { Deadline } from '../retry/deadline'
import { sendAttempt, type EnvelopeParser } from '../transport/send-attempt'

/** One validated request to a route that is safe to repeat as it is. */
export interface RouteCall<T> {
  route: LiankeRoute
  body: Record<string, unknown> & { order_no: string }
  parse: EnvelopeParser<T>
  deadline: Deadline
  signal: AbortSignal | undefined
  errors?: LiankeError[]
}

/**
 * Sends `body` to `route`, retried with the client's policy within `deadline` (for routes whose
 * repetition is safe: Query, RefundQuery, and Refund with its unchanged `refund_no`).
 */
export async function callRoute<T>(config: ResolvedClientOptions, call: RouteCall<T>): Promise<T> {
  const { route, body, parse } = call
  return await callWithRetries(config, {
    route,
    orderNo: body.order_no,
    deadline: call.deadline,
    external: call.signal,
    errors: call.errors ?? [],
    run: (signals) => sendAttempt(config, { route, orderNo: body.order_no, body, parse, signals }),
  })
}
