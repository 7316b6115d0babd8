import { createOrderRequestSchema, payTypeOfChannel } from '@quickpay/contracts'

import type { Clock } from '../clock'
import { crashPoint } from '../crash-points'
import { errorBody } from '../errors/error-body'
import { errors } from '../errors/errors'
import { applyPaymentOutcome } from '../ledger/order-ledger'
import type { OrderRecord, SessionRecord } from '../store/records'
import type { Repository } from '../store/repository'
import { orderAttach } from './order-attach'
import { newOrderNo } from './order-numbers'
import { orderView } from './order-view'
import { priceCart } from './price-cart'
import { requestPayment, type RequestPaymentDeps } from './request-payment'
import { requestHash } from './request-hash'

/** What creating an order needs. */
export interface CreateOrderDeps extends RequestPaymentDeps {
  repository: Repository
  clock: Clock
  notifySecret: string
  orderTtlMs: number
  maxOpenOrders: number
  idempotencyTtlMs: number
  /** How long a request owns its key: the upstream deadline plus a margin. */
  keyLockMs: number
  /** When a new pending order should first be checked by the reconciler. */
  firstCheckDelayMs: number
}

/** An HTTP answer serialised once, so a replay sends the very same bytes. */
export interface StoredAnswer {
  status: number
  body: string
}

/** The Idempotency-Key rule: 1–255 visible ASCII characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/

type Claim =
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'proceed'; order: OrderRecord }
  | { kind: 'answer'; order: OrderRecord }

function successBody(order: OrderRecord): string {
  return JSON.stringify({
    order: orderView(order),
    payment: { paytype: order.paytype, cloudpay_param: order.cloudpay_param },
  })
}

/**
 * `POST /api/orders` (docs/reliability.md, idempotent creation): validates and prices the cart before
 * touching the key, claims the key and inserts the pending order in one transaction, then calls
 * JSAPIPay. A definite answer is stored under the key and replayed byte for byte; an unknown one
 * releases the key so a retry with it continues the same order with the same order_no.
 */
export async function createOrder(
  deps: CreateOrderDeps,
  input: {
    session: SessionRecord
    idempotencyKey: string | undefined
    body: unknown
    requestId: string
  },
): Promise<StoredAnswer> {
  const key = input.idempotencyKey
  if (key === undefined || !IDEMPOTENCY_KEY.test(key)) throw errors.idempotencyKeyRequired()
  const parsed = createOrderRequestSchema.safeParse(input.body)
  if (!parsed.success) throw errors.validation(parsed.error)
  const cart = await priceCart(deps.repository, parsed.data)
  const hash = requestHash(parsed.data)
  const { session } = input
  const now = deps.clock.now()
  const lockedUntil = now + deps.keyLockMs

  const claim = await deps.repository.transaction(async (tx): Promise<Claim> => {
    const existing = await tx.idempotency.find(session.payer_id, key)
    if (existing !== undefined && existing.expires_at > now) {
      if (existing.request_hash !== hash) throw errors.idempotencyKeyReused()
      if (existing.state === 'done') {
        return {
          kind: 'replay',
          answer: { status: existing.response_status ?? 500, body: existing.response_body ?? '' },
        }
      }
      const retryAfter = Math.max(1, Math.ceil((existing.locked_until - now) / 1000))
      if (existing.locked_until > now) throw errors.idempotencyKeyInFlight(retryAfter)
      if (!(await tx.idempotency.takeOver(session.payer_id, key, now, lockedUntil))) {
        throw errors.idempotencyKeyInFlight(1)
      }
      const order = existing.order_no === null ? undefined : await tx.orders.find(existing.order_no)
      if (order === undefined) throw errors.internal(new Error('idempotency key without order'))
      await tx.orders.addEvent(order.order_no, now, { kind: 'create_resumed', detail: {} })
      const settled = order.cloudpay_param !== null || order.status !== 'pending'
      return { kind: settled ? 'answer' : 'proceed', order }
    }
    if ((await tx.orders.countOpenOfPayer(session.payer_id, now)) >= deps.maxOpenOrders) {
      throw errors.tooManyOpenOrders()
    }
    const orderNo = newOrderNo(now)
    const record = {
      payer_id: session.payer_id,
      key,
      request_hash: hash,
      state: 'in_flight' as const,
      response_status: null,
      response_body: null,
      order_no: orderNo,
      created_at: now,
      expires_at: now + deps.idempotencyTtlMs,
      locked_until: lockedUntil,
    }
    const claimed =
      existing === undefined
        ? await tx.idempotency.insert(record)
        : await tx.idempotency.replaceExpired(record, now)
    if (!claimed) throw errors.idempotencyKeyInFlight(1)
    const order: OrderRecord = {
      order_no: orderNo,
      payer_id: session.payer_id,
      channel: session.channel,
      appid: session.appid,
      paytype: payTypeOfChannel(session.channel),
      status: 'pending',
      amount: cart.amount,
      items: cart.lines,
      attach: orderAttach(orderNo, deps.notifySecret),
      cloudpay_param: null,
      upstream: 'not_called',
      transaction_no: null,
      paid_at: null,
      expires_at: now + deps.orderTtlMs,
      created_at: now,
      updated_at: now,
      needs_review: false,
      review_reason: null,
      refunded_amount: 0,
      next_check_at: now + deps.firstCheckDelayMs,
      check_attempts: 0,
      lease_owner: null,
      lease_until: null,
    }
    await tx.orders.insert(order)
    await tx.orders.addEvent(orderNo, now, {
      kind: 'created',
      detail: { amount: cart.amount, lines: cart.lines.length },
    })
    return { kind: 'proceed', order }
  })

  crashPoint('after-insert')
  if (claim.kind === 'replay') return claim.answer
  if (claim.kind === 'answer') {
    const answer: StoredAnswer =
      claim.order.cloudpay_param !== null
        ? { status: 201, body: successBody(claim.order) }
        : { status: 409, body: errorBody(errors.orderNotPending(), input.requestId) }
    await deps.repository.idempotency.complete(session.payer_id, key, answer)
    return answer
  }

  let outcome
  try {
    outcome = await requestPayment(deps, claim.order)
  } catch (error) {
    await deps.repository.idempotency
      .release(session.payer_id, key, deps.clock.now())
      .catch(() => undefined)
    throw error
  }
  crashPoint('after-upstream')
  const settledAt = deps.clock.now()
  const answer = await deps.repository.transaction(async (tx) => {
    const order = await applyPaymentOutcome(tx, claim.order, outcome, settledAt)
    if (outcome.kind === 'created') {
      const stored = { status: 201, body: successBody(order) }
      await tx.idempotency.complete(session.payer_id, key, stored)
      return stored
    }
    if (outcome.kind === 'rejected') {
      const stored = {
        status: outcome.error.status,
        body: errorBody(outcome.error, input.requestId),
      }
      await tx.idempotency.complete(session.payer_id, key, stored)
      return stored
    }
    await tx.idempotency.release(session.payer_id, key, settledAt)
    return undefined
  })
  crashPoint('after-commit')
  if (answer !== undefined) return answer
  if (outcome.kind === 'created') throw errors.internal(new Error('unreachable'))
  throw outcome.error
}
