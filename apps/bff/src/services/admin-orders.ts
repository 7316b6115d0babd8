import {
  ADMIN_ORDERS_TOTAL_CAP,
  type AdminOrderDetail,
  type AdminOrdersResponse,
} from '@quickpay/contracts'

import { errors } from '../errors/errors'
import type { OrderFilter } from '../store/order-store'
import type { Repository } from '../store/repository'
import { adminOrderView, refundView, timelineView } from './admin-order-view'
import { decodeOrderCursor, encodeOrderCursor } from './order-list-cursor'

/**
 * One page of the orders matching `page`'s filters, newest first, starting after `cursor` (the
 * previous page's `next_cursor`), with the next page's cursor and how many match (counted up to
 * ADMIN_ORDERS_TOTAL_CAP). Neither query walks further than the page or the cap, so the cost
 * stays the same however many orders there are.
 */
export async function listAdminOrders(
  repository: Repository,
  page: { limit: number; cursor?: string } & OrderFilter,
): Promise<AdminOrdersResponse> {
  const { limit, cursor, ...filter } = page
  const after = cursor === undefined ? undefined : decodeOrderCursor(cursor)
  const [orders, total] = await Promise.all([
    // One more than the page, to know whether there is a next one.
    repository.orders.list({
      ...filter,
      limit: limit + 1,
      ...(after === undefined ? {} : { after }),
    }),
    repository.orders.count(filter, ADMIN_ORDERS_TOTAL_CAP),
  ])
  const shown = orders.slice(0, limit)
  const last = shown.at(-1)
  return {
    orders: shown.map(adminOrderView),
    next_cursor: orders.length > limit && last !== undefined ? encodeOrderCursor(last) : null,
    total: Math.min(total, ADMIN_ORDERS_TOTAL_CAP),
    total_capped: total > ADMIN_ORDERS_TOTAL_CAP,
  }
}

/**
 * One order as the merchant sees it, with its refunds and timeline; ORDER_NOT_FOUND otherwise.
 * With `timelineLimit` only that many of the first events come, with `timeline_total` (the rest
 * is paged through `GET /api/admin/orders/:order_no/events`).
 */
export async function getAdminOrder(
  repository: Repository,
  orderNo: string,
  timelineLimit?: number,
): Promise<AdminOrderDetail> {
  const order = await repository.orders.find(orderNo)
  if (order === undefined) throw errors.orderNotFound()
  const [refunds, events, total] = await Promise.all([
    repository.refunds.list(orderNo),
    timelineLimit === undefined
      ? repository.orders.listEvents(orderNo)
      : repository.orders.listEventsAfter(orderNo, 0, timelineLimit),
    timelineLimit === undefined ? undefined : repository.orders.countEvents(orderNo),
  ])
  return {
    order: adminOrderView(order),
    refunds: refunds.map(refundView),
    timeline: events.map(timelineView),
    ...(total === undefined ? {} : { timeline_total: total }),
  }
}
