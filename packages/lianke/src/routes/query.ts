import type { PayResultInfo } from '@quickpay/contracts'
import { envelopeSchema, payResultInfoSchema, queryInfoSchema } from '@quickpay/contracts'

import type { LiankeError } from '../errors/lianke-error'
import type { LiankeCallOptions } from '../lianke-client-options'
import { LIANKE_ROUTES } from '../lianke-routes'
import type { ResolvedClientOptions } from '../resolve-client-options'
import type { Deadline } from '../retry/deadline'
import { startDeadline } from '../retry/deadline'
import { validateRequest } from '../validate-request'
import { callRoute } from './call-route'

/** The Query request as callers give it: the store defaults to the client's. */
export interface QueryInput {
  order_no: string
  store_no?: string
}

const payEnvelope = envelopeSchema(payResultInfoSchema)

/** Asks for an order's state within a given deadline; reading is safe, so it is retried. */
export async function queryWithin(
  config: ResolvedClientOptions,
  input: QueryInput,
  deadline: Deadline,
  signal: AbortSignal | undefined,
  errors: LiankeError[] = [],
): Promise<PayResultInfo> {
  const route = LIANKE_ROUTES.query
  const info = validateRequest(
    (value) => queryInfoSchema.safeParse(value),
    { store_no: input.store_no ?? config.storeNo, order_no: input.order_no },
    route,
  )
  return await callRoute(config, {
    route,
    body: info,
    parse: (json) => payEnvelope.safeParse(json),
    deadline: deadline,
    signal: signal,
    errors: errors,
  })
}

/** `QuickPay/Query`: an order's state, retried on network errors, timeouts, 5xx and 429. */
export async function query(
  config: ResolvedClientOptions,
  input: QueryInput,
  options: LiankeCallOptions = {},
): Promise<PayResultInfo> {
  return await queryWithin(config, input, startDeadline(config.deadlineMs), options.signal)
}
