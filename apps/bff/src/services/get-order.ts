import type { OrderResponse } from '@quickpay/contracts'

import type { SessionRecord } from '../store/records'
import { findOwnOrder } from './find-own-order'
import { orderView } from './order-view'
import { requestCheckIfDue, type CheckDeps } from './request-check-if-due'

/**
 * The caller's order as stored. A pending order older than a few
 * seconds is handed to the confirmer (which coalesces per order); the answer never waits for it.
 */
export async function getOrder(
  deps: CheckDeps,
  session: SessionRecord,
  orderNo: string,
): Promise<OrderResponse> {
  const order = await findOwnOrder(deps.repository, session, orderNo)
  requestCheckIfDue(deps, order)
  return { order: orderView(order) }
}
