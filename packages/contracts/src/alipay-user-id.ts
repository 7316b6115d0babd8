/** An Alipay user id as the aggregator documents it: 2088 followed by 12 digits (16 digits in all). */
export const ALIPAY_USER_ID_PATTERN = /^2088\d{12}$/

/** True when `value` is a 2088 + 12-digit Alipay user id. */
export function isAlipayUserId(value: string): boolean {
  return ALIPAY_USER_ID_PATTERN.test(value)
}
