import type { OrderEvent } from '@quickpay/contracts'
import { isLiankeError, isOrderExistsError, type LiankeClient } from '@quickpay/lianke'

import type { AppError } from '../errors/app-error'
import { errors } from '../errors/errors'
import type { Logger } from '../logger'
import type { OrderRecord } from '../store/records'

/** Why JSAPIPay failed, as the timeline keeps it. */
type FailureDetail = Extract<OrderEvent, { kind: 'upstream_rejected' }>['detail']

/** What the aggregator's JSAPIPay came to for an order. */
export type PaymentOutcome =
  | { kind: 'created'; cloudpay_param: string }
  | { kind: 'rejected' | 'unknown' | 'unavailable'; error: AppError; detail: FailureDetail }

/** What asking for payment parameters needs. */
export interface RequestPaymentDeps {
  lianke: LiankeClient
  logger: Logger
  notifyUrl: string
}

const MAX_ITEMINFO = 100

function itemInfo(order: OrderRecord): string {
  const text = order.items.map((line) => `${line.name}×${line.quantity}`).join('; ')
  const chars = [...text]
  return chars.length <= MAX_ITEMINFO ? text : `${chars.slice(0, MAX_ITEMINFO - 1).join('')}…`
}

function errorDetail(error: unknown): FailureDetail {
  if (!isLiankeError(error)) return { error: 'internal' }
  return {
    error: error.code,
    result_code: error.resultCode ?? null,
    upstream_message: error.upstreamMessage ?? null,
    http_status: error.status ?? null,
    attempts: error.attempts,
  }
}

/**
 * Calls JSAPIPay for an order with its own order_no (a retry after an unknown outcome reuses it;
 * the SDK turns "order exists" into a Query) and classifies the result. Writes nothing.
 */
export async function requestPayment(
  deps: RequestPaymentDeps,
  order: OrderRecord,
): Promise<PaymentOutcome> {
  try {
    const result = await deps.lianke.jsapiPay({
      paytype: order.paytype,
      appid: order.appid,
      openid: order.payer_id,
      amount: order.amount,
      order_no: order.order_no,
      iteminfo: itemInfo(order),
      notify_url: deps.notifyUrl,
      attach: order.attach,
      itemlist: order.items.map((line) => ({
        item_id: line.sku,
        item_no: line.sku,
        item_name: line.name,
        quantity: line.quantity,
        price: line.price,
      })),
    })
    const param = result.cloudpay_param
    if (typeof param === 'string' && param.length > 0)
      return { kind: 'created', cloudpay_param: param }
    return {
      kind: 'rejected',
      error: errors.upstreamRejected(),
      detail: { error: 'NO_CLOUDPAY_PARAM', transaction_status: result.transaction_status },
    }
  } catch (error) {
    const detail = errorDetail(error)
    // The aggregator's own message stays on the timeline only: it may echo request data.
    const { upstream_message: _omitted, ...loggable } = detail
    deps.logger.warn({ order_no: order.order_no, ...loggable }, 'JSAPIPay failed')
    if (!isLiankeError(error)) throw error
    // Our order numbers are unique, so "exists" means an earlier attempt of ours (maybe from a
    // process that died) reached the aggregator: continue that order instead of failing it.
    if (isOrderExistsError(error)) return resolveExisting(deps, order)
    if (error.maybeProcessed) {
      const appError =
        error.code === 'TIMEOUT' ? errors.upstreamTimeout(error) : errors.upstreamUnavailable(error)
      return { kind: 'unknown', error: appError, detail }
    }
    if (error.retriable)
      return { kind: 'unavailable', error: errors.upstreamUnavailable(error), detail }
    return { kind: 'rejected', error: errors.upstreamRejected(error), detail }
  }
}

/** Reads an order the aggregator already has through Query; it must be ours (amount and attach). */
async function resolveExisting(
  deps: RequestPaymentDeps,
  order: OrderRecord,
): Promise<PaymentOutcome> {
  try {
    const found = await deps.lianke.query({ order_no: order.order_no })
    const amountMatches = found.total_amount == null || found.total_amount === order.amount
    const attachMatches = found.attach == null || found.attach === order.attach
    if (!amountMatches || !attachMatches) {
      return {
        kind: 'rejected',
        error: errors.upstreamRejected(),
        detail: {
          error: 'EXISTING_ORDER_MISMATCH',
          amount_matches: amountMatches,
          attach_matches: attachMatches,
        },
      }
    }
    const param = found.cloudpay_param
    if (typeof param === 'string' && param.length > 0)
      return { kind: 'created', cloudpay_param: param }
    return {
      kind: 'unknown',
      error: errors.upstreamUnavailable(),
      detail: { error: 'EXISTING_WITHOUT_PARAM', transaction_status: found.transaction_status },
    }
  } catch (error) {
    const detail = errorDetail(error)
    if (!isLiankeError(error)) throw error
    const appError =
      error.code === 'TIMEOUT' ? errors.upstreamTimeout(error) : errors.upstreamUnavailable(error)
    return { kind: 'unknown', error: appError, detail }
  }
}
