import { StoreError } from '../errors/store-error'
import type { EnsurePayLanding, PlatformPay } from './platform-types'

/**
 * The platform payment call. Taro picks `pay.weapp.ts`, `pay.alipay.ts` or `pay.h5.ts` by
 * TARO_ENV; this file is the type every variant follows and the answer on any other target.
 */
export const pay: PlatformPay = () => Promise.reject(new StoreError('UNSUPPORTED_BROWSER'))

/** Mini-programs have no landing-URL rule: the current page always pays. */
export const ensurePayLanding: EnsurePayLanding = () => true
