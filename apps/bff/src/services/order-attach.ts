import { createHmac } from 'node:crypto'

/**
 * The `attach` sent with JSAPIPay: an HMAC of the order number (keyed by the notify secret), so
 * Query's echo can be checked against the order without putting any personal data upstream.
 */
export function orderAttach(orderNo: string, secret: string): string {
  return createHmac('sha256', `attach:${secret}`).update(orderNo).digest('hex').slice(0, 32)
}
