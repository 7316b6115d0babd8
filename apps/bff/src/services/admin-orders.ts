import type { AdminOrder, AdminOrderDetail, AdminOrdersQuery } from '@quickpay/contracts'

import { errors } from '../errors/errors'
import type { Repository } from '../store/repository'
import { adminOrderView, refundView, timelineView } from './admin-order-view'

/** Every order, newest first, optionally only those in `status` (the merchant's list). */
export async function listAdminOrders(
  repository: Repository,
  query: AdminOrdersQuery,
): Promise<{ orders: AdminOrder[] }> {
  const { status, ...page } = query
  const orders = await repository.orders.list(status === undefined ? page : { ...page, status })
  return { orders: orders.map(adminOrderView) }
}

/** One order as the merchant sees it, with its refunds and timeline; ORDER_NOT_FOUND otherwise. */
export async function getAdminOrder(
  repository: Repository,
  orderNo: string,
): Promise<AdminOrderDetail> {
  const order = await repository.orders.find(orderNo)
  if (order === undefined) throw errors.orderNotFound()
  const [refunds, events] = await Promise.all([
    repository.refunds.list(orderNo),
    repository.orders.listEvents(orderNo),
  ])
  return {
    order: adminOrderView(order),
    refunds: refunds.map(refundView),
    timeline: events.map(timelineView),
  }
}
