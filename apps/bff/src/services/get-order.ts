import type { OrderResponse, OrderStatus } from '@quickpay/contracts'

import type { SessionRecord } from '../store/records'
import { findOwnShopperOrder } from './find-own-order'
import { shopperOrderView } from './order-view'
import { requestCheckIfDue, type CheckDeps } from './request-check-if-due'

/** The states whose orders may have refunds (only these show the refunds list). */
const MAY_HAVE_REFUNDS: readonly OrderStatus[] = ['paid', 'partially_refunded', 'refunded']

/**
 * The caller's order as stored, with its refunds once it is paid (read with the order, in one
 * statement). A pending order older than a few seconds is handed to the confirmer (which
 * coalesces per order); the answer never waits for it.
 */
export async function getOrder(
  deps: CheckDeps,
  session: SessionRecord,
  orderNo: string,
): Promise<OrderResponse> {
  const { order, refunds } = await findOwnShopperOrder(deps.repository, session, orderNo)
  requestCheckIfDue(deps, order)
  const shown = MAY_HAVE_REFUNDS.includes(order.status) ? refunds : undefined
  return { order: shopperOrderView(order, deps.clock.now(), shown) }
}
