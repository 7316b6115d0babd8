import type { JsapiPayInfo, PayResultInfo } from '@quickpay/contracts'
import {
  CloudpayParamError,
  PayType,
  envelopeSchema,
  jsapiPayInfoSchemaFor,
  parseCloudpayParam,
  payResultInfoSchema,
} from '@quickpay/contracts'

import { LiankeError } from '../errors/lianke-error'
import { LiankeInvalidResponseError } from '../errors/lianke-invalid-response-error'
import { isOrderExistsError } from '../is-order-exists-error'
import type { LiankeCallOptions } from '../lianke-client-options'
import { LIANKE_ROUTES } from '../lianke-routes'
import { log } from '../log'
import type { ResolvedClientOptions } from '../resolve-client-options'
import { callWithRetries } from '../retry/call-with-retries'
import type { Deadline } from '../retry/deadline'
import { startDeadline } from '../retry/deadline'
import { sendAttempt } from '../transport/send-attempt'
import { validateRequest } from '../validate-request'
import { queryWithin } from './query'

/** The JSAPIPay request as callers give it: the store defaults to the client's. */
export type JsapiPayInput = Omit<JsapiPayInfo, 'store_no'> & { store_no?: string }

const payEnvelope = envelopeSchema(payResultInfoSchema)

/**
 * Refuses a pre-order whose `cloudpay_param` is not what the wallet expects (six WeChat fields
 * or an Alipay trade number), so that nothing else, such as script text, reaches a wallet.
 */
function checkPreOrder(
  data: PayResultInfo,
  paytype: number,
  route: typeof LIANKE_ROUTES.jsapiPay | typeof LIANKE_ROUTES.query,
  orderNo: string,
): PayResultInfo {
  if (data.transaction_status !== 'CREATE') return data
  try {
    parseCloudpayParam(paytype, data.cloudpay_param)
  } catch (error) {
    if (!(error instanceof CloudpayParamError)) throw error
    throw new LiankeInvalidResponseError(`${route} answer refused: ${error.message}`, {
      route,
      orderNo,
      cause: error,
    })
  }
  return data
}

/**
 * Finds out through Query what became of an order whose JSAPIPay fate is unknown. Only an
 * order with the same amount counts as ours; anything else is `undefined`.
 */
async function resolveThroughQuery(
  config: ResolvedClientOptions,
  info: JsapiPayInfo,
  deadline: Deadline,
  signal: AbortSignal | undefined,
): Promise<PayResultInfo | undefined> {
  if (deadline.remaining() <= 0 || signal?.aborted) return undefined
  try {
    const found = await queryWithin(
      config,
      { store_no: info.store_no, order_no: info.order_no },
      deadline,
      signal,
    )
    if (typeof found.total_amount === 'number' && found.total_amount !== info.amount) {
      log('%s order=%s exists with another amount', LIANKE_ROUTES.query, info.order_no)
      return undefined
    }
    return checkPreOrder(found, info.paytype ?? PayType.WECHAT, LIANKE_ROUTES.query, info.order_no)
  } catch (error) {
    if (!(error instanceof LiankeError)) throw error
    log('%s order=%s could not resolve: %s', LIANKE_ROUTES.query, info.order_no, error.code)
    return undefined
  }
}

/**
 * An attempt whose fate nobody knows: no readable answer came (timeout, reset, 5xx) although the
 * request may have been processed. An unreadable answer is not one of these: it is reported.
 */
function isUnknownFate(error: LiankeError): boolean {
  return error.retriable && error.maybeProcessed
}

/**
 * `QuickPay/JSAPIPay`: creates the pre-order whose `cloudpay_param` the wallet pays. A retry
 * resends the same `order_no`; when an earlier attempt's fate is unknown and the aggregator
 * then says the order exists, or the last attempt's fate is unknown, the order is read back
 * through Query. A business error on the first attempt is final.
 */
export async function jsapiPay(
  config: ResolvedClientOptions,
  input: JsapiPayInput,
  options: LiankeCallOptions = {},
): Promise<PayResultInfo> {
  const route = LIANKE_ROUTES.jsapiPay
  const schema = jsapiPayInfoSchemaFor(config)
  const info = validateRequest(
    (value) => schema.safeParse(value),
    {
      ...input,
      store_no: input.store_no ?? config.storeNo,
      operator: input.operator ?? config.operator,
    },
    route,
  )
  const paytype = info.paytype ?? PayType.WECHAT
  const deadline = startDeadline(config.deadlineMs)
  const errors: LiankeError[] = []
  try {
    return await callWithRetries(config, {
      route,
      orderNo: info.order_no,
      deadline,
      external: options.signal,
      errors,
      run: async (signals) => {
        const data = await sendAttempt(config, {
          route,
          orderNo: info.order_no,
          body: info,
          parse: (json) => payEnvelope.safeParse(json),
          signals,
        })
        return checkPreOrder(data, paytype, route, info.order_no)
      },
    })
  } catch (error) {
    if (!(error instanceof LiankeError)) throw error
    const earlierUnknown = errors.slice(0, -1).find(isUnknownFate)
    const existsAfterUnknown = earlierUnknown !== undefined && isOrderExistsError(error)
    if (!existsAfterUnknown && !isUnknownFate(error)) throw error
    const found = await resolveThroughQuery(config, info, deadline, options.signal)
    if (found !== undefined) return found
    // "Exists" after a lost answer is not a real duplicate: report the unknown fate instead.
    if (existsAfterUnknown) {
      earlierUnknown.attempts = error.attempts
      throw earlierUnknown
    }
    throw error
  }
}
