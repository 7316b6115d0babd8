/** The parts of Web Crypto this file needs; absent on mini-programs. */
interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T
}

/**
 * A random hex string of `bytes` bytes, from Web Crypto where the platform has it (H5) and from
 * Math.random on mini-programs, whose synchronous APIs offer nothing better; these ids only need
 * to be unique (idempotency keys, OAuth state), not secret against the shopper.
 */
export function randomId(bytes = 16, source: RandomSource | undefined = webCrypto()): string {
  const buffer = new Uint8Array(bytes)
  if (source !== undefined) {
    source.getRandomValues(buffer)
  } else {
    for (let index = 0; index < bytes; index += 1) buffer[index] = Math.floor(Math.random() * 256)
  }
  return Array.from(buffer, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function webCrypto(): RandomSource | undefined {
  const candidate = (globalThis as { crypto?: Partial<RandomSource> }).crypto
  return typeof candidate?.getRandomValues === 'function' ? (candidate as RandomSource) : undefined
}
