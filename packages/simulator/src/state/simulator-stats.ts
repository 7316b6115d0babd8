/** Call counters for exactly-once checks (`GET /__sim/stats`). */
export interface SimulatorStats {
  /** Calls per route, e.g. `QuickPay/JSAPIPay`, `sns/jscode2session`, `alipay.system.oauth.token`. */
  calls: Record<string, number>
  /** Per `order_no`: how many JSAPIPay calls carried it (faulted ones included). */
  orders: Record<string, { jsapi_calls: number }>
  /** HTTP deliveries made to notify_url, and how many of them were acknowledged. */
  notifications: { sent: number; acknowledged: number }
}
