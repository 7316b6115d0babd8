import type { AdminOrderDetail, AdminOrdersResponse } from '@quickpay/contracts'

import { errors } from '../errors/errors'
import type { OrderFilter } from '../store/order-store'
import type { Repository } from '../store/repository'
import { adminOrderView, refundView, timelineView } from './admin-order-view'

/** One page of the orders matching `page`'s filters, newest first, and how many match in all. */
export async function listAdminOrders(
  repository: Repository,
  page: { limit: number; offset: number } & OrderFilter,
): Promise<AdminOrdersResponse> {
  const { limit: _limit, offset: _offset, ...filter } = page
  const [orders, total] = await Promise.all([
    repository.orders.list(page),
    repository.orders.count(filter),
  ])
  return { orders: orders.map(adminOrderView), total }
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
