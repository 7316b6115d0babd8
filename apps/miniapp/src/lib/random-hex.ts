/** Fills a buffer with random bytes. */
export type RandomFill = (buffer: Uint8Array) => void

/** Math.random bytes: what the mini-programs' synchronous APIs allow (they have no Web Crypto). */
export const mathRandomFill: RandomFill = (buffer) => {
  for (let index = 0; index < buffer.length; index += 1)
    buffer[index] = Math.floor(Math.random() * 256)
}

/** A hex string of `bytes` random bytes drawn by `fill`. */
export function randomHex(bytes: number, fill: RandomFill): string {
  const buffer = new Uint8Array(bytes)
  fill(buffer)
  return Array.from(buffer, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
