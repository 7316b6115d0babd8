import type { LiankeRoute } from '../lianke-routes'
import type { LiankeErrorCode } from './lianke-error-code'

const NOT_FOUND = /NOT[_\s-]?EXIST|NOT[_\s-]?FOUND|不存在/i
const EXISTS = /EXIST|重复|已存在/i
const REFUND = /REFUND|退款/i
const OTHER_THING = /STORE|MERCHANT|门店|商户/i

/**
 * Classifies an envelope refusal. The vendor documents no failure codes, so the code and message
 * are read leniently (the simulator answers `ORDER_EXISTS`, `ORDER_NOT_EXIST`, `REFUND_NOT_EXIST`):
 * "does not exist" is never read as "exists"; a missing store or merchant is a plain refusal; on
 * RefundQuery any "does not exist" means the aggregator has no such refund (without the order
 * there is no refund either).
 */
export function classifyRefusal(
  route: LiankeRoute,
  resultCode: string,
  message: string | undefined,
): Extract<LiankeErrorCode, 'BUSINESS' | 'ORDER_EXISTS' | 'ORDER_NOT_FOUND' | 'REFUND_NOT_FOUND'> {
  const text = `${resultCode} ${message ?? ''}`
  if (NOT_FOUND.test(text)) {
    if (OTHER_THING.test(text)) return 'BUSINESS'
    return route === 'QuickPay/RefundQuery' || REFUND.test(text)
      ? 'REFUND_NOT_FOUND'
      : 'ORDER_NOT_FOUND'
  }
  if (route === 'QuickPay/JSAPIPay' && EXISTS.test(text)) return 'ORDER_EXISTS'
  return 'BUSINESS'
}
