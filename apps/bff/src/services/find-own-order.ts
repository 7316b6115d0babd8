import { errors } from '../errors/errors'
import type { OrderRecord, Repository, SessionRecord } from '../store/repository'

const ORDER_NO = /^[A-Za-z0-9_-]{1,32}$/

/**
 * The caller's order, or ORDER_NOT_FOUND: another shopper's order, a malformed number and an
 * unknown one all answer the same (S1).
 */
export async function findOwnOrder(
  repository: Repository,
  session: SessionRecord,
  orderNo: string,
): Promise<OrderRecord> {
  if (!ORDER_NO.test(orderNo)) throw errors.orderNotFound()
  const order = await repository.findOrderOfPayer(orderNo, session.payer_id)
  if (order === undefined) throw errors.orderNotFound()
  return order
}
