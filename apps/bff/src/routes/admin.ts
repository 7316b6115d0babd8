import { Router } from '@koa/router'

import { adminOrdersQuerySchema, createRefundRequestSchema } from '@quickpay/contracts'

import type { AppDeps } from '../app-deps'
import type { AppState } from '../app-state'
import { errors } from '../errors/errors'
import { idempotent } from '../middleware/idempotent'
import { requireAdmin } from '../middleware/require-admin'
import { getAdminOrder, listAdminOrders } from '../services/admin-orders'
import { ORDER_NO } from '../services/find-own-order'
import { refundOrder } from '../services/refund-order'
import { requestHash } from '../services/request-hash'

/**
 * The merchant routes behind `Authorization: Bearer <ADMIN_TOKEN>`: the order
 * list, one order with its refunds and timeline, and refunds.
 */
export function adminRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>()
  const admin = requireAdmin(deps.env.ADMIN_TOKEN)

  router.get('/api/admin/orders', admin, async (ctx) => {
    const query = adminOrdersQuerySchema.safeParse(ctx.query)
    if (!query.success) throw errors.validation(query.error)
    ctx.body = await listAdminOrders(deps.repository, query.data)
  })

  router.get('/api/admin/orders/:order_no', admin, async (ctx) => {
    ctx.body = await getAdminOrder(deps.repository, ctx.params.order_no ?? '')
  })

  const keys = { ...deps, lockMs: deps.env.ms.keyLock, ttlMs: deps.env.ms.idempotencyTtl }
  const refundKey = idempotent(keys, {
    required: false,
    // One key space per order, as the refund number is derived from (order, key).
    scope: (ctx) => {
      const { order_no: orderNo = '' } = ctx.params as { order_no?: string }
      if (!ORDER_NO.test(orderNo)) throw errors.orderNotFound()
      return `merchant:${orderNo}`
    },
    fingerprint: (ctx) => {
      const parsed = createRefundRequestSchema.safeParse(ctx.request.body)
      return parsed.success ? requestHash(parsed.data) : undefined
    },
    // Only a done refund is final: a pending one is driven on by the retry, a refused one may be
    // sent again with the same refund_no.
    isFinal: (status) => status === 201,
  })

  router.post('/api/admin/orders/:order_no/refunds', admin, refundKey, async (ctx) => {
    const answer = await refundOrder(deps, {
      orderNo: ctx.params.order_no ?? '',
      body: ctx.request.body,
      idempotencyKey: ctx.state.idempotency?.key,
    })
    ctx.status = answer.refund.status === 'refunded' ? 201 : 202
    ctx.body = answer
  })
  return router
}
