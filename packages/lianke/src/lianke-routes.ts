/** The aggregator routes this client calls, as the vendor names them (all POST, JSON). */
export const LIANKE_ROUTES = {
  jsapiPay: 'QuickPay/JSAPIPay',
  query: 'QuickPay/Query',
  refund: 'QuickPay/Refund',
  refundQuery: 'QuickPay/RefundQuery',
} as const

/** One of the aggregator routes this client calls. */
export type LiankeRoute = (typeof LIANKE_ROUTES)[keyof typeof LIANKE_ROUTES]
