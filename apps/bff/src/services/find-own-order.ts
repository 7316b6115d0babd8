import { errors } from '../errors/errors'
import type { OrderRecord, RefundRecord, SessionRecord, ShopperOrderRecord } from '../store/records'
import type { Stores } from '../store/repository'

/** The shape of our order numbers; anything else is not one of ours. */
export const ORDER_NO = /^[A-Za-z0-9_-]{1,32}$/

/**
 * What `read` finds for the caller's order, or ORDER_NOT_FOUND: another shopper's order, a
 * malformed number and an unknown one all answer the same (so no one can probe for another
 * shopper's orders).
 */
async function own<T>(
  orderNo: string,
  read: (orderNo: string) => Promise<T | undefined>,
): Promise<T> {
  if (!ORDER_NO.test(orderNo)) throw errors.orderNotFound()
  const found = await read(orderNo)
  if (found === undefined) throw errors.orderNotFound()
  return found
}

/** The caller's order, or ORDER_NOT_FOUND (see `own`). */
export function findOwnOrder(
  stores: Stores,
  session: SessionRecord,
  orderNo: string,
): Promise<OrderRecord> {
  return own(orderNo, (number) => stores.orders.findOfPayer(number, session.payer_id))
}

/** The caller's order as the shopper sees it, with its refunds, oldest first (see `own`). */
export function findOwnShopperOrder(
  stores: Stores,
  session: SessionRecord,
  orderNo: string,
): Promise<{ order: ShopperOrderRecord; refunds: RefundRecord[] }> {
  return own(orderNo, (number) => stores.orders.findShopperOrder(number, session.payer_id))
}
