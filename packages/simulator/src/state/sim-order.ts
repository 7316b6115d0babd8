import type { ItemInfo } from '@quickpay/contracts'

/** One delivery of a notification as the receiver saw it (or did not: `dropped`). */
export interface NotificationAttempt {
  /** 1-based position in the schedule; duplicates and stale bodies share their attempt's number. */
  attempt: number
  /** Where the attempt sits on the unscaled schedule (0, 20 000, …, then 30-minute steps). */
  planned_offset_ms: number
  /** When it was sent (ISO 8601, from the simulator's clock). */
  at: string
  /** `current`: the order's state; `duplicate`: an extra copy; `stale`: an out-of-date body sent after. */
  kind: 'current' | 'duplicate' | 'stale'
  /** `acknowledged`: HTTP 2xx with exactly OK / SUCCESS; `rejected`: any other answer. */
  outcome: 'acknowledged' | 'rejected' | 'error' | 'dropped'
  status?: number
  /** The first 200 characters of the answer. */
  body?: string
  error?: string
}

/** One refund of an order. */
export interface SimRefund {
  refund_no: string
  refund_amount: number
  status: 'REFUNDED' | 'REFUNDFAILED'
  refund_transaction_no: string | null
  operator: string
  refund_desc: string | null
  at: number
}

/** One payment try in the wallet and what the shopper chose. */
export interface WalletAttempt {
  at: string
  outcome: 'success' | 'fail' | 'cancel' | 'unknown'
}

/** An order as the simulated aggregator holds it. */
export interface SimOrder {
  store_no: string
  order_no: string
  paytype: 11 | 21
  operator: string
  appid: string
  openid: string
  amount: number
  iteminfo: string | null
  notify_url: string | null
  goods_tag: string | null
  share_pay: boolean | null
  attach: string | null
  itemlist: ItemInfo[]
  status: 'CREATE' | 'SUCCESSED' | 'FAILED'
  created_at: number
  cloudpay_param: string
  prepay_id: string | null
  trade_no: string | null
  transaction_no: string | null
  paid_at: number | null
  cash_amount: number
  refunds: SimRefund[]
  wallet_attempts: WalletAttempt[]
  notifications: NotificationAttempt[]
}
