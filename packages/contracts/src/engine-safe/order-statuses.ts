/** The largest quantity of one product in one order. */
export const MAX_QUANTITY = 99

/** The most distinct products in one order. */
export const MAX_ORDER_LINES = 20

/**
 * Order states. They only move forward: `pending` → `paid` | `failed` | `closed`;
 * `paid` → `partially_refunded` → `refunded` (a payment confirmed after `closed` still makes it `paid`).
 */
export const ORDER_STATUSES = [
  'pending',
  'paid',
  'failed',
  'closed',
  'partially_refunded',
  'refunded',
] as const

/** An order state. */
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** The states an order cannot leave by payment alone (the store stops polling at these). */
export const SETTLED_STATUSES: readonly OrderStatus[] = [
  'paid',
  'failed',
  'closed',
  'partially_refunded',
  'refunded',
]
