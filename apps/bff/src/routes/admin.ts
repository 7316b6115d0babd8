import type { Router } from '@koa/router'

import { adminOrdersQuerySchema, createRefundRequestSchema } from '@quickpay/contracts'

import { strictRouter } from './strict-router'
import type { AppDeps } from '../app-deps'
import type { AppState } from '../app-state'
import { errors } from '../errors/errors'
import { adminAccess } from '../middleware/admin-access'
import { idempotent } from '../middleware/idempotent'
import { getAdminOrder, listAdminOrders } from '../services/admin-orders'
import { ORDER_NO } from '../services/find-own-order'
import { refundOrder } from '../services/refund-order'
import { requestHash } from '../services/request-hash'
import { integerParam, orderFilterParams } from './admin-query'

/** When to ask again about a pending refund (the reconciler also finishes it by itself). */
const REFUND_RETRY_AFTER_SECONDS = 5

/**
 * The merchant routes behind `Authorization: Bearer <ADMIN_TOKEN>` or the console's cookie
 * session (src/middleware/admin-access.ts): the order list, one order with its refunds and
 * timeline, and refunds.
 */
export function adminRoutes(deps: AppDeps): Router<AppState> {
  const router = strictRouter()
  const admin = adminAccess(deps)

  router.get('/api/admin/orders', admin, async (ctx) => {
    // Paging by offset is gone (its deep pages grew with the data): say so rather than
    // answering the first page again to an old client.
    if (ctx.query.offset !== undefined)
      throw errors.invalidField('offset', "not supported: pass the answer's next_cursor as cursor")
    const query = adminOrdersQuerySchema.safeParse(ctx.query)
    if (!query.success) throw errors.validation(query.error, 'query')
    const { status, cursor, limit } = query.data
    ctx.body = await listAdminOrders(deps.repository, {
      limit,
      ...(cursor === undefined ? {} : { cursor }),
      ...(status === undefined ? {} : { status }),
      ...orderFilterParams(ctx.query),
    })
  })

  router.get('/api/admin/orders/:order_no', admin, async (ctx) => {
    const limit = ctx.query.timeline_limit
    ctx.body = await getAdminOrder(
      deps.repository,
      ctx.params.order_no ?? '',
      limit === undefined
        ? undefined
        : integerParam(limit, 'timeline_limit', 0, { min: 0, max: 1000 }),
    )
  })

  const keys = { ...deps, lockMs: deps.env.ms.keyLock, ttlMs: deps.env.ms.idempotencyTtl }
  const refundKey = idempotent(keys, {
    // Required: without a key a retried refund (after a timeout, a double click) would be a
    // second refund with a second refund_no, and the aggregator would pay out both.
    required: true,
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
    // Pending: not final yet. The same request with the same key drives it on (never a new key).
    if (ctx.status === 202) ctx.set('Retry-After', String(REFUND_RETRY_AFTER_SECONDS))
    ctx.body = answer
  })
  return router
}
