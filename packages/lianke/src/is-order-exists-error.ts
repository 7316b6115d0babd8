import type { LiankeError } from './errors/lianke-error'

/**
 * True when the aggregator refused because the order number is already taken. Its failure codes
 * are undocumented, so the code and the message are matched leniently (the simulator answers
 * `ORDER_EXISTS`), taking care that "order does not exist" is not read as "exists".
 */
export function isOrderExistsError(error: LiankeError): boolean {
  if (error.code !== 'BUSINESS') return false
  const text = `${error.resultCode ?? ''} ${error.upstreamMessage ?? ''}`
  if (/NOT[_\s-]?EXIST|不存在/i.test(text)) return false
  return /EXIST|重复|已存在/i.test(text)
}
