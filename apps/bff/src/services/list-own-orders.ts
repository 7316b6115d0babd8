import {
  ORDER_TAB_STATUSES,
  ORDERS_CURSOR,
  ownOrdersQuerySchema,
  type OrdersResponse,
} from '@quickpay/contracts'

import type { Clock } from '../clock'
import { errors } from '../errors/errors'
import type { SessionRecord } from '../store/records'
import type { Repository } from '../store/repository'
import { shopperOrderView } from './order-view'

/**
 * One page of the caller's orders, newest first, filtered by tab (全部 / 待支付 / 已支付 / 退款)
 * on the server. `query` is the request's query string; a bad parameter is VALIDATION_FAILED
 * naming it. A full page carries `next_cursor`, the position after its last order (keyset paging,
 * so orders created meanwhile neither repeat nor vanish).
 */
export async function listOwnOrders(
  deps: { repository: Repository; clock: Clock },
  session: SessionRecord,
  query: unknown,
): Promise<OrdersResponse> {
  const parsed = ownOrdersQuerySchema.safeParse(query)
  if (!parsed.success) throw errors.validation(parsed.error, 'query')
  const { tab, limit, cursor } = parsed.data
  const statuses = ORDER_TAB_STATUSES[tab]
  const position = cursor === undefined ? undefined : ORDERS_CURSOR.exec(cursor)
  const orders = await deps.repository.orders.pageOfPayer(session.payer_id, {
    limit,
    ...(statuses === undefined ? {} : { statuses }),
    ...(position == null
      ? {}
      : { after: { createdAt: Number(position[1]), orderNo: position[2] ?? '' } }),
  })
  const now = deps.clock.now()
  const last = orders.at(-1)
  return {
    orders: orders.map((order) => shopperOrderView(order, now)),
    ...(orders.length === limit && last !== undefined
      ? { next_cursor: `${last.created_at}.${last.order_no}` }
      : {}),
  }
}
