import { z } from 'zod'

/** The largest amount the aggregator accepts: ten digits of fen (seed: 1 … 9 999 999 999). */
export const MAX_AMOUNT_FEN = 9_999_999_999

/** An amount in integer fen, 1 … 9 999 999 999; strings, fractions and zero are refused. */
export const amountFen = z
  .number({ error: 'must be a number of fen (an integer), not a string' })
  .int({ error: 'must be an integer number of fen' })
  .min(1, { error: 'must be at least 1 fen' })
  .max(MAX_AMOUNT_FEN, { error: `must be at most ${MAX_AMOUNT_FEN} fen (10 digits)` })

/** A non-negative integer number of fen, as the aggregator reports totals and coupons. */
export const fenOrZero = z.number().int({ error: 'must be an integer number of fen' }).min(0)

/** Formats integer fen as yuan with two decimals ("1234" fen → "12.34") without floating point. */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`formatFen: ${fen} is not an integer`)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${sign}${yuan}.${cents.toString().padStart(2, '0')}`
}
