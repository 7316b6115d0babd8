import type { RefundResultInfo } from '@quickpay/contracts'
import { envelopeSchema, refundQueryInfoSchema, refundResultInfoSchema } from '@quickpay/contracts'

import type { LiankeCallOptions } from '../lianke-client-options'
import { LIANKE_ROUTES } from '../lianke-routes'
import type { ResolvedClientOptions } from '../resolve-client-options'
import { callWithRetries } from '../retry/call-with-retries'
import { startDeadline } from '../retry/deadline'
import { sendAttempt } from '../transport/send-attempt'
import { validateRequest } from '../validate-request'

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
  return await callWithRetries(config, {
    route,
    orderNo: info.order_no,
    deadline: startDeadline(config.deadlineMs),
    external: options.signal,
    errors: [],
    run: (signals, timeoutMs) =>
      sendAttempt(config, {
        route,
        orderNo: info.order_no,
        body: info,
        parse: (json) => refundEnvelope.safeParse(json),
        signals,
        timeoutMs,
      }),
  })
}
