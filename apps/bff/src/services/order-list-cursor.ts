import { errors } from '../errors/errors'
import type { OrderListPosition } from '../store/order-store'
import { ORDER_NO } from './find-own-order'

/** What a decoded cursor must read: `<created_at epoch ms>.<order_no>`. */
const POSITION = /^(\d{1,15})\.([A-Za-z0-9_-]{1,32})$/

/**
 * The merchant list's opaque cursor: the position of a page's last order as base64url, so the
 * next page starts right after it (the client only passes it back).
 */
export function encodeOrderCursor(position: OrderListPosition): string {
  return Buffer.from(`${position.created_at}.${position.order_no}`, 'utf8').toString('base64url')
}

/** The position in `cursor`; VALIDATION_FAILED on `cursor` for anything no answer produced. */
export function decodeOrderCursor(cursor: string): OrderListPosition {
  const invalid = () =>
    errors.invalidField('cursor', 'must be the next_cursor of an earlier answer')
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(cursor)) throw invalid()
  const match = POSITION.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  const createdAt = Number(match?.[1])
  const orderNo = match?.[2] ?? ''
  if (!Number.isSafeInteger(createdAt) || !ORDER_NO.test(orderNo)) throw invalid()
  return { created_at: createdAt, order_no: orderNo }
}
