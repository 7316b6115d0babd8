import { formatFen } from '@quickpay/contracts/engine-safe'

/** An amount in integer fen as the merchant reads it: ¥ and two decimals (2640 → ¥26.40). */
export function yuan(fen: number): string {
  return `¥${formatFen(fen)}`
}

/**
 * Parses what the merchant typed in yuan ("26.4", "26.40", "26") into integer fen without
 * floating-point arithmetic; undefined for anything else (more than two decimals, signs, letters).
 */
export function fenOfYuan(text: string): number | undefined {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (match === null) return undefined
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}
