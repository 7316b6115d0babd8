/**
 * What went wrong, as a caller switches on it. Transport and answer failures: NETWORK, TIMEOUT,
 * HTTP_STATUS, INVALID_RESPONSE, INVALID_REQUEST, ABORTED. Refusals in the aggregator's envelope,
 * classified by `classifyRefusal`: ORDER_EXISTS, ORDER_NOT_FOUND, REFUND_NOT_FOUND, or BUSINESS for
 * any other refusal.
 */
export type LiankeErrorCode =
  | 'NETWORK'
  | 'TIMEOUT'
  | 'HTTP_STATUS'
  | 'INVALID_RESPONSE'
  | 'INVALID_REQUEST'
  | 'ABORTED'
  | 'BUSINESS'
  | 'ORDER_EXISTS'
  | 'ORDER_NOT_FOUND'
  | 'REFUND_NOT_FOUND'
