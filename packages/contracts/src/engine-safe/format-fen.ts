/** The largest amount the aggregator accepts: ten digits of fen (1 … 9 999 999 999). */
export const MAX_AMOUNT_FEN = 9_999_999_999

/** Formats integer fen as yuan with two decimals ("1234" fen → "12.34") without floating point. */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`formatFen: ${fen} is not an integer`)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${sign}${yuan}.${cents.toString().padStart(2, '0')}`
}
