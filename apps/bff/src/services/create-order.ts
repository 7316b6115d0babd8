import {
  createOrderRequestSchema,
  payTypeOfChannel,
  type CreateOrderResponse,
} from '@quickpay/contracts'

import type { ProductLookup } from '../catalogue/catalogue-snapshot'
import type { Clock } from '../clock'
import { crashPoint } from '../crash-points'
import { errors } from '../errors/errors'
import { applyPaymentOutcome } from '../ledger/order-ledger'
import type { OrderRecord, SessionRecord } from '../store/records'
import type { Repository } from '../store/repository'
import { orderAttach } from './order-attach'
import type { IdempotencyClaim } from './idempotency-claim'
import { newOrderNo } from './order-numbers'
import { shopperOrderView } from './order-view'
import { priceCart, type PricedCart } from './price-cart'
import { requestPayment, type RequestPaymentDeps } from './request-payment'

/** What creating an order needs. */
export interface CreateOrderDeps extends RequestPaymentDeps {
  repository: Repository
  /** The catalogue the cart is priced from. */
  catalogue: ProductLookup
  clock: Clock
  notifySecret: string
  orderTtlMs: number
  maxOpenOrders: number
  /** When a new pending order should first be checked by the reconciler. */
  firstCheckDelayMs: number
}

/** The order and its payment parameters, as `POST /api/orders` answers them. */
function created(order: OrderRecord, now: number): CreateOrderResponse {
  return {
    order: shopperOrderView(order, now),
    payment: { paytype: order.paytype, cloudpay_param: order.cloudpay_param ?? '' },
  }
}

/** An earlier attempt with the key created `orderNo`: it continues, with an event saying so. */
async function resumeOrder(
  deps: CreateOrderDeps,
  orderNo: string,
  now: number,
): Promise<OrderRecord> {
  return deps.repository.transaction(async (tx) => {
    const earlier = await tx.orders.find(orderNo)
    if (earlier === undefined) throw errors.internal(new Error('idempotency key without order'))
    await tx.orders.addEvent(earlier.order_no, now, { kind: 'create_resumed', detail: {} })
    return earlier
  })
}

/** A new pending order as the create stores it first. */
function pendingOrder(
  deps: CreateOrderDeps,
  session: SessionRecord,
  cart: PricedCart,
  now: number,
): OrderRecord {
  const orderNo = newOrderNo(now)
  return {
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
}

/**
 * Stores a new pending order with its event, attached to the claim's key (claiming the key in the
 * same write when it is not yet: `newKey`). Answers the order, or 'key_taken' when that claim
 * found the key existing; throws TOO_MANY_OPEN_ORDERS at the shopper's limit.
 */
async function insertNewOrder(
  deps: CreateOrderDeps,
  session: SessionRecord,
  cart: PricedCart,
  claim: IdempotencyClaim,
  now: number,
): Promise<OrderRecord | 'key_taken'> {
  const order = pendingOrder(deps, session, cart, now)
  const newKey = claim.unclaimed()
  const inserted = await deps.repository.insertPendingOrder({
    order,
    event: { kind: 'created', detail: { amount: cart.amount, lines: cart.lines.length } },
    key: claim.key,
    openLimit: deps.maxOpenOrders,
    ...(newKey === null ? {} : { newKey }),
  })
  if (inserted === 'key_taken') return inserted
  if (newKey !== null) claim.claimedInWrite()
  if (inserted === 'too_many_open') throw errors.tooManyOpenOrders()
  return order
}

/**
 * The order this request goes on with. A new key (the usual case) is claimed by the write that
 * stores the new order. A key that write finds taken, or one claimed before, is claimed the
 * middleware's way (`IdempotencyClaim.claim`: a replay, 409 or 422 ends the request there); when an
 * earlier attempt with it created an order, that order continues, with an event saying so.
 */
async function startOrder(
  deps: CreateOrderDeps,
  session: SessionRecord,
  cart: PricedCart,
  claim: IdempotencyClaim,
  now: number,
): Promise<OrderRecord> {
  if (claim.unclaimed() !== null) {
    const order = await insertNewOrder(deps, session, cart, claim, now)
    if (order !== 'key_taken') return order
  }
  const resource = await claim.claim()
  if (resource !== null) return resumeOrder(deps, resource, now)
  const order = await insertNewOrder(deps, session, cart, claim, now)
  if (order === 'key_taken') throw errors.internal(new Error('a claimed key taken again'))
  return order
}

/**
 * The usual end of a create, in one write (`Repository.recordCreatedPayment`): the answer is built
 * from the order as this request last saw it with the parameters set, and stored with them only
 * while the order is still that (pending, same `updated_at`). Undefined when another writer moved
 * the order meanwhile: nothing was written, and the ledger's transaction stores the outcome.
 */
async function recordCreated(
  deps: CreateOrderDeps,
  order: OrderRecord,
  claim: IdempotencyClaim,
  cloudpayParam: string,
): Promise<CreateOrderResponse | undefined> {
  const now = deps.clock.now()
  const stored: OrderRecord = {
    ...order,
    cloudpay_param: cloudpayParam,
    upstream: 'created',
    updated_at: now,
  }
  const response = created(stored, now)
  const answer = { status: 201, body: JSON.stringify(response) }
  const written = await deps.repository.recordCreatedPayment({
    orderNo: order.order_no,
    cloudpayParam,
    now,
    seenUpdatedAt: order.updated_at,
    payerId: claim.scope,
    key: claim.key,
    ...answer,
  })
  if (!written) return undefined
  claim.answered(answer)
  return response
}

/**
 * Creates an order under the request's Idempotency-Key: validates and prices the cart, writes the
 * pending order with its first event and its number on the key, claiming the key in the same
 * write, all or nothing (`startOrder`, `Repository.insertPendingOrder`), then calls JSAPIPay and
 * stores what it came to: payment parameters with the answer in one write (`recordCreated`),
 * anything else (or parameters for an order another writer moved meanwhile) through the ledger.
 * When an earlier attempt with the key created an order, that order continues with the same
 * order_no (an "order exists" answer is resolved through Query), so a key makes one aggregator
 * order even across a crash. A refusal is UPSTREAM_REJECTED (the order is failed); an unknown fate
 * is UPSTREAM_TIMEOUT / UPSTREAM_UNAVAILABLE (the order stays pending for the retry).
 */
export async function createOrder(
  deps: CreateOrderDeps,
  input: { session: SessionRecord; body: unknown; idempotency: IdempotencyClaim | undefined },
): Promise<CreateOrderResponse> {
  const parsed = createOrderRequestSchema.safeParse(input.body)
  if (!parsed.success) throw errors.validation(parsed.error)
  // The middleware hands every valid request its key; without one there is no key.
  const claim = input.idempotency
  if (claim === undefined) throw errors.idempotencyKeyRequired()
  const cart = await priceCart(deps.catalogue, parsed.data)
  const now = deps.clock.now()
  const order = await startOrder(deps, input.session, cart, claim, now)
  crashPoint('after-insert')
  if (order.cloudpay_param !== null) return created(order, deps.clock.now())
  if (order.status !== 'pending') throw errors.orderNotPending()
  const outcome = await requestPayment(deps, order)
  crashPoint('after-upstream')
  if (outcome.kind === 'created') {
    const answer = await recordCreated(deps, order, claim, outcome.cloudpay_param)
    if (answer !== undefined) {
      crashPoint('after-commit')
      return answer
    }
  }
  // The outcome and, when the order was created upstream, the answer to this request commit
  // together: a retry with the key replays it, and no write follows the commit.
  const answer = await deps.repository.transaction(async (tx) => {
    const now = deps.clock.now()
    const stored = await applyPaymentOutcome(tx, order, outcome, now)
    if (outcome.kind !== 'created') return undefined
    const response = created(stored, now)
    await claim.storeAnswer(tx, { status: 201, body: JSON.stringify(response) })
    return response
  })
  crashPoint('after-commit')
  if (outcome.kind !== 'created') throw outcome.error
  if (answer === undefined) throw errors.internal(new Error('a created order without its answer'))
  return answer
}
