import { isLiankeError, isOrderExistsError, type LiankeClient } from '@quickpay/lianke'

import type { AppError } from '../errors/app-error'
import { errors } from '../errors/errors'
import type { Logger } from '../logger'
import type { OrderRecord, Repository } from '../store/repository'

/** What the aggregator's JSAPIPay came to for an order. */
export type PaymentOutcome =
  | { kind: 'created'; cloudpay_param: string }
  | { kind: 'rejected'; error: AppError; detail: Record<string, unknown> }
  | { kind: 'unknown'; error: AppError; detail: Record<string, unknown> }
  | { kind: 'unavailable'; error: AppError; detail: Record<string, unknown> }

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

function errorDetail(error: unknown): Record<string, unknown> {
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
      paytype: order.paytype as 11 | 21,
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

/**
 * Stores an outcome on the order (inside the caller's transaction): the payment parameters, the
 * failure, or that the aggregator's state is unknown, with a timeline event. Answers the order as stored.
 */
export async function recordPaymentOutcome(
  tx: Repository,
  order: OrderRecord,
  outcome: PaymentOutcome,
  now: number,
): Promise<OrderRecord> {
  switch (outcome.kind) {
    case 'created':
      await tx.updateOrder(
        order.order_no,
        { cloudpay_param: outcome.cloudpay_param, upstream: 'created' },
        now,
      )
      await tx.addOrderEvent({
        order_no: order.order_no,
        at: now,
        kind: 'upstream_created',
        detail: {},
      })
      break
    case 'rejected':
      await tx.transitionOrder(order.order_no, ['pending'], 'failed', {}, now)
      await tx.addOrderEvent({
        order_no: order.order_no,
        at: now,
        kind: 'upstream_rejected',
        detail: outcome.detail,
      })
      break
    case 'unknown':
      await tx.updateOrder(order.order_no, { upstream: 'unknown' }, now)
      await tx.addOrderEvent({
        order_no: order.order_no,
        at: now,
        kind: 'upstream_unknown',
        detail: outcome.detail,
      })
      break
    case 'unavailable':
      await tx.addOrderEvent({
        order_no: order.order_no,
        at: now,
        kind: 'upstream_unavailable',
        detail: outcome.detail,
      })
      break
  }
  const stored = await tx.findOrder(order.order_no)
  if (stored === undefined) throw errors.internal(new Error(`order ${order.order_no} vanished`))
  return stored
}
