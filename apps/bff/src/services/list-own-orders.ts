import type { OrdersResponse } from '@quickpay/contracts'

import type { SessionRecord } from '../store/records'
import type { Repository } from '../store/repository'
import { orderView } from './order-view'

/** How many orders a shopper's list shows. */
const LIST_LIMIT = 50

/** The caller's latest orders, newest first. */
export async function listOwnOrders(
  repository: Repository,
  session: SessionRecord,
): Promise<OrdersResponse> {
  const orders = await repository.orders.listOfPayer(session.payer_id, LIST_LIMIT)
  return { orders: orders.map(orderView) }
}
