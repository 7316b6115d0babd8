import * as z from 'zod'

/** The `transaction_status` names seen on the vendor's pages (`SUCCESSED` is spelled as they spell it). */
export const KNOWN_TRANSACTION_STATUSES = [
  'CREATE',
  'PAYING',
  'SUCCESSED',
  'FAILED',
  'UNKNOWN',
  'REFUNDED',
  'REFUNDFAILED',
] as const

/** A known status name. */
export type KnownTransactionStatus = (typeof KNOWN_TRANSACTION_STATUSES)[number]

/** A status as it arrives: a known name, or an unknown one kept verbatim (`string & {}` keeps autocompletion). */
export type TransactionStatus = KnownTransactionStatus | (string & {})

/** Parses a status leniently: any non-empty string is kept, known or not. */
export const transactionStatusSchema = z.string().min(1) as z.ZodType<TransactionStatus>

/** True for the names after which a payment no longer changes by itself (`SUCCESSED`, `FAILED`). */
export function isFinalPaymentStatus(status: TransactionStatus | null | undefined): boolean {
  return status === 'SUCCESSED' || status === 'FAILED'
}

/** True for the final refund names (`REFUNDED`, `REFUNDFAILED`). */
export function isFinalRefundStatus(status: TransactionStatus | null | undefined): boolean {
  return status === 'REFUNDED' || status === 'REFUNDFAILED'
}
