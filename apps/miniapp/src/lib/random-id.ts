import { mathRandomFill, randomHex } from './random-hex'

/**
 * A random hex id of `bytes` bytes on the mini-programs (Taro picks `random-id.h5.ts` on H5).
 * These ids only need to be unique (idempotency keys), not secret against the shopper, and the
 * engines offer no synchronous Web Crypto; nothing here looks for one on a global object, which
 * Alipay's engine forbids.
 */
export function randomId(bytes = 16): string {
  return randomHex(bytes, mathRandomFill)
}
