import type { RefundInfo, RefundResultInfo } from '@quickpay/contracts'
import { envelopeSchema, refundInfoSchema, refundResultInfoSchema } from '@quickpay/contracts'

import type { LiankeCallOptions } from '../lianke-client-options'
import { LIANKE_ROUTES } from '../lianke-routes'
import type { ResolvedClientOptions } from '../resolve-client-options'
import { startDeadline } from '../retry/deadline'
import { validateRequest } from '../validate-request'
import { callRoute } from './call-route'

/** The Refund request as callers give it: store and operator default to the client's. */
export type RefundInput = Omit<RefundInfo, 'store_no' | 'operator'> & {
  store_no?: string
  operator?: string
}

const refundEnvelope = envelopeSchema(refundResultInfoSchema)

/**
 * `QuickPay/Refund`. Retries resend the same `refund_no`, which the vendor documents as the way
 * to retry a refund without refunding twice.
 */
export async function refund(
  config: ResolvedClientOptions,
  input: RefundInput,
  options: LiankeCallOptions = {},
): Promise<RefundResultInfo> {
  const route = LIANKE_ROUTES.refund
  const info = validateRequest(
    (value) => refundInfoSchema.safeParse(value),
    {
      ...input,
      store_no: input.store_no ?? config.storeNo,
      operator: input.operator ?? config.operator,
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
