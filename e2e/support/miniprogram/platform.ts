/** The two mini-program platforms the runtime imitates, and how `Function` behaves on each run. */

/** A mini-program platform: WeChat (`weapp`) or Alipay (`alipay`). */
export type Platform = 'weapp' | 'alipay'

/**
 * What `new Function(…)` does: `throws` (code generation refused, as on Alipay and on WeChat's
 * newer engines) or `returns-undefined` (WeChat's replacement that quietly does nothing, as
 * reported in leancloud/js-realtime-sdk#698).
 */
export type FunctionVariant = 'throws' | 'returns-undefined'
