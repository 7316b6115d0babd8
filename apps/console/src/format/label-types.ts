import type { Refund } from '@quickpay/contracts'

export type { Channel, OrderStatus } from '@quickpay/contracts'

/** A refund's status. */
export type RefundStatusName = Refund['status']
