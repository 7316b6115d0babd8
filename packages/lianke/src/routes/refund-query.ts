import type { RefundResultInfo } from '@quickpay/contracts'
import { envelopeSchema, refundQueryInfoSchema, refundResultInfoSchema } from '@quickpay/contracts'

import type { LiankeCallOptions } from '../lianke-client-options'
import { LIANKE_ROUTES } from '../lianke-routes'
import type { ResolvedClientOptions } from '../resolve-client-options'
import { startDeadline } from '../retry/deadline'
import { validateRequest } from '../validate-request'
import { callRoute } from './call-route'

/** The RefundQuery request as callers give it: the store defaults to the client's. */
export interface RefundQueryInput {
  order_no: string
  refund_order_no: string
  store_no?: string
}

const refundEnvelope = envelopeSchema(refundResultInfoSchema)

/** `QuickPay/RefundQuery`: a refund's state, retried like Query because reading is safe. */
export async function refundQuery(
  config: ResolvedClientOptions,
  input: RefundQueryInput,
  options: LiankeCallOptions = {},
): Promise<RefundResultInfo> {
  const route = LIANKE_ROUTES.refundQuery
  const info = validateRequest(
    (value) => refundQueryInfoSchema.safeParse(value),
    {
      store_no: input.store_no ?? config.storeNo,
      order_no: input.order_no,
      refund_order_no: input.refund_order_no,
    },
    route,
  )
  return await callRoute(config, {
    route,
    body: info,
    parse: (json) => refundEnvelope.safeParse(json),
    deadline: startDeadline(config.deadlineMs),
    signal: options.signal,
  })
}
