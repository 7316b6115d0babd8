import { randomBytes } from 'node:crypto'

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

function utcStamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:T]/g, '').slice(0, 14)
}

/**
 * A new merchant order number: `Q` + yyyyMMddHHmmss (UTC) + 10 random base32 characters
 * (50 bits), 25 characters in all, within the aggregator's 32.
 */
export function newOrderNo(now: number): string {
  const bytes = randomBytes(10)
  let suffix = ''
  for (const byte of bytes) suffix += BASE32[byte & 31]
  return `Q${utcStamp(now)}${suffix}`
}
