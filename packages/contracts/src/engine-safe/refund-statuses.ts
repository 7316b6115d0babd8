/** Refund states kept by the BFF: `pending` (退款中) → `refunded` (已退款) | `failed` (退款失败). */
export const REFUND_STATUSES = ['pending', 'refunded', 'failed'] as const

/** A refund state. */
export type RefundStatus = (typeof REFUND_STATUSES)[number]
