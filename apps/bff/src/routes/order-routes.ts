import type { Router } from '@koa/router'

import { strictRouter } from './strict-router'
import type { AppDeps } from '../app-deps'
import type { AppState } from '../app-state'
import { createOrderRequestSchema } from '@quickpay/contracts'

import { errors } from '../errors/errors'
import { idempotent } from '../middleware/idempotent'
import { rateLimit } from '../middleware/rate-limit'
import { requireSession } from '../middleware/require-session'
import { cancelOrder } from '../services/cancel-order'
import { createOrder } from '../services/create-order'
import { getOrder } from '../services/get-order'
import { listOwnOrders } from '../services/list-own-orders'
import { recordClaim } from '../services/record-claim'
import { reissuePayment } from '../services/reissue-payment'
import { requestHash } from '../services/request-hash'
import type { SessionRecord } from '../store/records'

/** The shopper's order routes, all behind a session. */
export function orderRoutes(deps: AppDeps): Router<AppState> {
  const { env } = deps
  const notifyUrl = `${env.PUBLIC_BASE_URL.replace(/\/+$/, '')}/notify/lianke/${env.NOTIFY_SECRET}`
  const paymentDeps = { ...deps, notifyUrl }
  const createDeps = {
    ...paymentDeps,
    notifySecret: env.NOTIFY_SECRET,
    orderTtlMs: env.ms.orderTtl,
    maxOpenOrders: env.MAX_OPEN_ORDERS_PER_SHOPPER,
    firstCheckDelayMs: env.ms.reconcileAfter,
  }
  const keys = { ...deps, lockMs: env.ms.keyLock, ttlMs: env.ms.idempotencyTtl }
  const checkDeps = { ...deps, pollQueryAfterMs: env.ms.pollQueryAfter }
  const limiter = deps.rateLimits.limiter('orders', env.RATE_LIMIT_ORDERS_PER_MINUTE)
  const claimLimiter = deps.rateLimits.limiter('claims', env.RATE_LIMIT_CLAIMS_PER_MINUTE)
  const sessionOf = (state: AppState): SessionRecord => {
    if (state.session === undefined) throw errors.unauthenticated()
    return state.session
  }

  const router = strictRouter()
  const auth = requireSession(deps)

  router.post(
    '/api/orders',
    auth,
    rateLimit(limiter, (ctx) => sessionOf(ctx.state).payer_id),
    idempotent(keys, {
      required: true,
      scope: (ctx) => sessionOf(ctx.state).payer_id,
      fingerprint: (ctx) => {
        const parsed = createOrderRequestSchema.safeParse(ctx.request.body)
        return parsed.success ? requestHash(parsed.data) : undefined
      },
      // A created order, a refusal and an order no longer pending are final; an unknown fate is not.
      isFinal: (status, code) =>
        status === 201 || code === 'UPSTREAM_REJECTED' || code === 'ORDER_NOT_PENDING',
      // Where the repository's first write can carry the claim more cheaply (PostgreSQL),
      // createOrder claims the key in it; elsewhere the middleware claims it first.
      claimInHandler: deps.repository.claimsKeyInFirstWrite,
    }),
    async (ctx) => {
      ctx.body = await createOrder(createDeps, {
        session: sessionOf(ctx.state),
        body: ctx.request.body,
        idempotency: ctx.state.idempotency,
      })
      ctx.status = 201
    },
  )
  router.get('/api/orders', auth, async (ctx) => {
    ctx.body = await listOwnOrders(deps, sessionOf(ctx.state), ctx.query)
  })
  router.get('/api/orders/:order_no', auth, async (ctx) => {
    ctx.body = await getOrder(checkDeps, sessionOf(ctx.state), ctx.params.order_no ?? '')
  })
  const perShopper = rateLimit(claimLimiter, (ctx) => sessionOf(ctx.state).payer_id)
  router.post('/api/orders/:order_no/payment', auth, perShopper, async (ctx) => {
    ctx.body = await reissuePayment(paymentDeps, sessionOf(ctx.state), ctx.params.order_no ?? '')
  })
  router.post('/api/orders/:order_no/cancel', auth, async (ctx) => {
    ctx.body = await cancelOrder(deps, sessionOf(ctx.state), ctx.params.order_no ?? '')
  })
  router.post('/api/orders/:order_no/claims', auth, perShopper, async (ctx) => {
    ctx.status = 202
    ctx.body = await recordClaim(
      checkDeps,
      sessionOf(ctx.state),
      ctx.params.order_no ?? '',
      ctx.request.body,
    )
  })
  return router
}
