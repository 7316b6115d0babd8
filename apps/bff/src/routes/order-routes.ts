import { Router } from '@koa/router'

import { ordersResponseSchema, type OrdersResponse } from '@quickpay/contracts'

import type { AppDeps } from '../app-deps'
import type { AppState } from '../app-state'
import { errors } from '../errors/errors'
import { rateLimit } from '../middleware/rate-limit'
import { requireSession } from '../middleware/require-session'
import { createTokenBucket } from '../rate-limit/token-bucket'
import { cancelOrder } from '../services/cancel-order'
import { createOrder } from '../services/create-order'
import { getOrder } from '../services/get-order'
import { orderView } from '../services/order-view'
import { recordClaim } from '../services/record-claim'
import { reissuePayment } from '../services/reissue-payment'
import type { SessionRecord } from '../store/repository'

const LIST_LIMIT = 50

/** The shopper's order routes (contract.md §3), all behind a session. */
export function orderRoutes(deps: AppDeps): Router<AppState> {
  const { env } = deps
  const notifyUrl = `${env.PUBLIC_BASE_URL.replace(/\/+$/, '')}/notify/lianke/${env.NOTIFY_SECRET}`
  const paymentDeps = { lianke: deps.lianke, logger: deps.logger, notifyUrl }
  const createDeps = {
    ...paymentDeps,
    repository: deps.repository,
    clock: deps.clock,
    notifySecret: env.NOTIFY_SECRET,
    orderTtlMs: env.ORDER_TTL_MINUTES * 60_000,
    maxOpenOrders: env.MAX_OPEN_ORDERS_PER_SHOPPER,
    idempotencyTtlMs: env.IDEMPOTENCY_TTL_HOURS * 3_600_000,
    keyLockMs: env.LIANKE_DEADLINE_MS + 5_000,
    firstCheckDelayMs: env.RECONCILE_AFTER_SECONDS * 1000,
  }
  const limiter = createTokenBucket({
    perMinute: env.RATE_LIMIT_ORDERS_PER_MINUTE,
    clock: deps.clock,
  })
  const sessionOf = (state: AppState): SessionRecord => {
    if (state.session === undefined) throw errors.unauthenticated()
    return state.session
  }

  const router = new Router<AppState>()
  const auth = requireSession(deps)

  router.post(
    '/api/orders',
    auth,
    rateLimit(limiter, (ctx) => sessionOf(ctx.state).payer_id),
    async (ctx) => {
      const answer = await createOrder(createDeps, {
        session: sessionOf(ctx.state),
        idempotencyKey: ctx.get('idempotency-key') || undefined,
        body: ctx.request.body,
        requestId: ctx.state.requestId,
      })
      ctx.status = answer.status
      ctx.type = 'application/json'
      ctx.body = answer.body
    },
  )
  router.get('/api/orders', auth, async (ctx) => {
    const orders = await deps.repository.listOrdersOfPayer(
      sessionOf(ctx.state).payer_id,
      LIST_LIMIT,
    )
    const body: OrdersResponse = ordersResponseSchema.parse({ orders: orders.map(orderView) })
    ctx.body = body
  })
  router.get('/api/orders/:order_no', auth, async (ctx) => {
    ctx.body = await getOrder(
      { ...deps, pollQueryAfterMs: env.POLL_QUERY_AFTER_SECONDS * 1000 },
      sessionOf(ctx.state),
      ctx.params.order_no ?? '',
    )
  })
  router.post('/api/orders/:order_no/payment', auth, async (ctx) => {
    ctx.body = await reissuePayment(
      { ...paymentDeps, repository: deps.repository, clock: deps.clock },
      sessionOf(ctx.state),
      ctx.params.order_no ?? '',
    )
  })
  router.post('/api/orders/:order_no/cancel', auth, async (ctx) => {
    ctx.body = await cancelOrder(deps, sessionOf(ctx.state), ctx.params.order_no ?? '')
  })
  router.post('/api/orders/:order_no/claims', auth, async (ctx) => {
    ctx.status = 202
    ctx.body = await recordClaim(
      { ...deps, pollQueryAfterMs: env.POLL_QUERY_AFTER_SECONDS * 1000 },
      sessionOf(ctx.state),
      ctx.params.order_no ?? '',
      ctx.request.body,
    )
  })
  return router
}
