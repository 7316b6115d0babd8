import type { z } from 'zod'

import { fieldIssues } from '@quickpay/contracts'

import { AppError } from './app-error'

/** The catalogue of every error the BFF answers, one constructor per code, so codes are written once. */
export const errors = {
  validation: (error: z.ZodError, what = 'request body'): AppError =>
    new AppError(400, 'VALIDATION_FAILED', `The ${what} is invalid.`, {
      fields: fieldIssues(error),
    }),
  invalidField: (field: string, rule: string): AppError =>
    new AppError(400, 'VALIDATION_FAILED', 'The request body is invalid.', {
      fields: [{ field, rule }],
    }),
  invalidJson: (): AppError => new AppError(400, 'INVALID_JSON', 'The body is not valid JSON.'),
  unsupportedMediaType: (): AppError =>
    new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'),
  payloadTooLarge: (): AppError =>
    new AppError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.'),
  notFound: (): AppError => new AppError(404, 'NOT_FOUND', 'No such resource.'),
  unauthenticated: (): AppError =>
    new AppError(401, 'UNAUTHENTICATED', 'A valid session token is required.'),
  invalidLoginCode: (): AppError =>
    new AppError(401, 'INVALID_LOGIN_CODE', 'The login code is invalid, used or expired.'),
  snapshotUser: (): AppError =>
    new AppError(
      403,
      'SNAPSHOT_USER',
      'This WeChat page is a snapshot preview; open it fully to sign in and pay.',
    ),
  alipayUserIdRequired: (): AppError =>
    new AppError(
      403,
      'ALIPAY_USER_ID_REQUIRED',
      'Alipay returned no user_id (the app is in open_id mode); the payment aggregator needs a 2088 user id.',
    ),
  loginRateLimited: (retryAfterSeconds: number): AppError =>
    new AppError(429, 'LOGIN_RATE_LIMITED', 'Too many logins; try again later.', {
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  loginProviderUnavailable: (cause?: unknown): AppError =>
    new AppError(503, 'LOGIN_PROVIDER_UNAVAILABLE', 'Service temporarily unavailable.', {
      headers: { 'Retry-After': '5' },
      cause,
    }),
  rateLimited: (retryAfterSeconds: number): AppError =>
    new AppError(429, 'RATE_LIMITED', 'Too many requests; try again later.', {
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  idempotencyKeyRequired: (): AppError =>
    new AppError(
      400,
      'IDEMPOTENCY_KEY_REQUIRED',
      'The Idempotency-Key header is required: 1-255 visible ASCII characters.',
    ),
  idempotencyKeyReused: (): AppError =>
    new AppError(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used with a different request body.',
    ),
  idempotencyKeyInFlight: (retryAfterSeconds: number): AppError =>
    new AppError(
      409,
      'IDEMPOTENCY_KEY_IN_FLIGHT',
      'A request with this Idempotency-Key is still being processed; retry later.',
      { headers: { 'Retry-After': String(retryAfterSeconds) } },
    ),
  unknownProduct: (index: number): AppError =>
    new AppError(400, 'VALIDATION_FAILED', 'The request body is invalid.', {
      fields: [{ field: `items.${index}.sku`, rule: 'must be a product of the catalogue' }],
    }),
  tooManyOpenOrders: (): AppError =>
    new AppError(
      429,
      'TOO_MANY_OPEN_ORDERS',
      'Too many unpaid orders; pay or cancel one before creating another.',
      { headers: { 'Retry-After': '60' } },
    ),
  orderNotFound: (): AppError => new AppError(404, 'ORDER_NOT_FOUND', 'No such order.'),
  orderNotPending: (): AppError =>
    new AppError(409, 'ORDER_NOT_PENDING', 'The order is no longer awaiting payment.'),
  upstreamRejected: (cause?: unknown): AppError =>
    new AppError(502, 'UPSTREAM_REJECTED', 'The payment provider refused the order.', { cause }),
  upstreamUnavailable: (cause?: unknown): AppError =>
    new AppError(502, 'UPSTREAM_UNAVAILABLE', 'The payment provider is unavailable.', {
      headers: { 'Retry-After': '2' },
      cause,
    }),
  upstreamTimeout: (cause?: unknown): AppError =>
    new AppError(504, 'UPSTREAM_TIMEOUT', 'The payment provider did not answer in time.', {
      headers: { 'Retry-After': '2' },
      cause,
    }),
  serviceUnavailable: (cause?: unknown): AppError =>
    new AppError(503, 'SERVICE_UNAVAILABLE', 'Service temporarily unavailable.', {
      headers: { 'Retry-After': '2' },
      cause,
    }),
  sandboxWalletRefused: (message: string): AppError =>
    new AppError(409, 'SANDBOX_WALLET_REFUSED', `The sandbox wallet refused: ${message}`),
  internal: (cause?: unknown): AppError =>
    new AppError(500, 'INTERNAL', 'Internal server error.', { cause }),
  adminUnauthenticated: (): AppError =>
    new AppError(401, 'UNAUTHENTICATED', 'A valid admin token is required.', {
      headers: { 'WWW-Authenticate': 'Bearer' },
    }),
  notificationUnreadable: (): AppError =>
    new AppError(400, 'NOTIFICATION_UNREADABLE', 'The notification names no order_no.'),
  notificationNotConfirmed: (): AppError =>
    new AppError(
      409,
      'NOTIFICATION_NOT_CONFIRMED',
      'The payment provider does not confirm this payment (yet).',
    ),
  orderNotRefundable: (): AppError =>
    new AppError(409, 'ORDER_NOT_REFUNDABLE', 'Only a paid order can be refunded.'),
  refundExceedsPaid: (left: number): AppError =>
    new AppError(
      422,
      'REFUND_EXCEEDS_PAID',
      `The refunds would exceed what was paid: at most ${left} fen is left to refund.`,
    ),
  refundRejected: (cause?: unknown): AppError =>
    new AppError(502, 'REFUND_REJECTED', 'The payment provider refused the refund.', { cause }),
}
