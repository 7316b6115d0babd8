/** The four aggregator routes the simulator speaks, named as fault settings and stats name them. */
export const AGGREGATOR_ROUTES = [
  'QuickPay/JSAPIPay',
  'QuickPay/Query',
  'QuickPay/Refund',
  'QuickPay/RefundQuery',
] as const

/** One aggregator route name. */
export type AggregatorRoute = (typeof AGGREGATOR_ROUTES)[number]
