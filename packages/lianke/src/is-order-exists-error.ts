import type { LiankeError } from './errors/lianke-error'

/**
 * True when the aggregator refused because the order number is already taken (`code`
 * ORDER_EXISTS, see classifyRefusal).
 */
export function isOrderExistsError(error: LiankeError): boolean {
  return error.code === 'ORDER_EXISTS'
}
