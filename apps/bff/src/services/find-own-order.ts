import { errors } from '../errors/errors'
import type { OrderRecord, RefundRecord, SessionRecord } from '../store/records'
import type { Stores } from '../store/repository'

/** The shape of our order numbers; anything else is not one of ours. */
export const ORDER_NO = /^[A-Za-z0-9_-]{1,32}$/

/**
 * The caller's order, or ORDER_NOT_FOUND: another shopper's order, a malformed number and an
 * unknown one all answer the same (so no one can probe for another shopper's orders).
 */
export async function findOwnOrder(
  stores: Stores,
  session: SessionRecord,
  orderNo: string,
): Promise<OrderRecord> {
  if (!ORDER_NO.test(orderNo)) throw errors.orderNotFound()
  const order = await stores.orders.findOfPayer(orderNo, session.payer_id)
  if (order === undefined) throw errors.orderNotFound()
  return order
}

/** `findOwnOrder` with the order's refunds, oldest first, read in the same statement. */
export async function findOwnOrderWithRefunds(
  stores: Stores,
  session: SessionRecord,
  orderNo: string,
): Promise<{ order: OrderRecord; refunds: RefundRecord[] }> {
  if (!ORDER_NO.test(orderNo)) throw errors.orderNotFound()
  const found = await stores.orders.findOfPayerWithRefunds(orderNo, session.payer_id)
  if (found === undefined) throw errors.orderNotFound()
  return found
}
