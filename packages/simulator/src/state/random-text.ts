import { randomBytes, randomInt } from 'node:crypto'

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Random letters and digits (nonces, codes, tokens). */
export function randomAlnum(length: number): string {
  let out = ''
  for (let i = 0; i < length; i += 1) out += ALNUM[randomInt(ALNUM.length)] ?? 'A'
  return out
}

/** Random lowercase hex. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}

/** Random decimal digits. */
export function randomDigits(length: number): string {
  let out = ''
  for (let i = 0; i < length; i += 1) out += String(randomInt(10))
  return out
}
