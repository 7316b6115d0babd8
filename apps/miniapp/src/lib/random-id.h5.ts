import { randomHex } from './random-hex'

/** A random hex id of `bytes` bytes from the browser's Web Crypto (H5 variant of `random-id.ts`). */
export function randomId(bytes = 16): string {
  return randomHex(bytes, (buffer) => window.crypto.getRandomValues(buffer))
}
