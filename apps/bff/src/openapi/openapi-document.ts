import * as z from 'zod'
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
} from 'zod-openapi'

import {
  adminOrderDetailSchema,
  adminOrderSchema,
  adminOrdersQuerySchema,
  adminOrdersResponseSchema,
  adminStatsSchema,
  consoleLoginRequestSchema,
  doctorReportSchema,
  consoleSessionSchema,
  markReviewedRequestSchema,
  sandboxSessionRequestSchema,
  timelinePageSchema,
  createOrderRequestSchema,
  createOrderResponseSchema,
  createRefundRequestSchema,
  createSessionRequestSchema,
  errorEnvelopeSchema,
  orderResponseSchema,
  ordersResponseSchema,
  ownOrdersQuerySchema,
  paymentClaimRequestSchema,
  productsResponseSchema,
  refundSchema,
  sandboxPaymentRequestSchema,
  sessionSchema,
  storeConfigSchema,
  walletPayResponseSchema,
} from '@quickpay/contracts'

/** One answer: an error (the envelope) when only described, else JSON or plain text. */
type Answer = string | { description: string; schema?: z.ZodType; text?: string }

/** One operation of the BFF, as the routers in src/routes serve it. */
interface Operation {
  id: string
  summary: string
  /** More than the summary says, where a client needs it (paging, totals). */
  description?: string
  /** Who may call it: anyone, a shopper (session token) or the merchant (ADMIN_TOKEN). */
  access: 'public' | 'session' | 'admin'
  idempotencyKey?: 'required' | 'optional'
  body?: z.ZodType
  query?: z.ZodObject
  responses: Record<string, Answer>
}

const refundResponseSchema = z.object({ refund: refundSchema, order: adminOrderSchema })
const healthSchema = z.object({ status: z.literal('ok') })
const readySchema = z.object({ status: z.string(), database: z.string() })

const invalid = 'Invalid body (VALIDATION_FAILED, INVALID_JSON)'
const shopper = { '401': 'No valid session token (UNAUTHENTICATED)' }
const merchant = { '401': 'No valid admin token (UNAUTHENTICATED)' }
const unknownOrder = { '404': 'Unknown order, or another shopper’s (ORDER_NOT_FOUND)' }
const notPending = { '409': 'The order is no longer pending (ORDER_NOT_PENDING); final' }

/** Every route of the BFF by method and path; test/openapi checks it against the routers. */
const OPERATIONS: Record<string, Operation> = {
  'GET /api/config': {
    id: 'getStoreConfig',
    summary: 'Store configuration: sandbox flag, app ids, authorize URLs',
    access: 'public',
    responses: { '200': { description: 'The configuration', schema: storeConfigSchema } },
  },
  'POST /api/sessions': {
    id: 'createSession',
    summary: 'Exchange a platform login code for a session token',
    access: 'public',
    body: createSessionRequestSchema,
    responses: {
      '201': { description: 'A session', schema: sessionSchema },
      '400': invalid,
      '401': 'Used, expired or unknown code (INVALID_LOGIN_CODE)',
      '403': 'Identity refused (SNAPSHOT_USER, ALIPAY_USER_ID_REQUIRED)',
      '429': 'Rate limited (RATE_LIMITED, LOGIN_RATE_LIMITED; Retry-After)',
      '503': 'Login provider unavailable (LOGIN_PROVIDER_UNAVAILABLE)',
    },
  },
  'GET /api/products': {
    id: 'listProducts',
    summary: 'The catalogue; prices in fen',
    access: 'public',
    responses: { '200': { description: 'Products', schema: productsResponseSchema } },
  },
  'GET /images/{file}': {
    id: 'getProductImage',
    summary: 'A product picture (PNG) under a versioned name; cached for a year (immutable)',
    access: 'public',
    responses: { '200': { description: 'image/png' }, '404': 'No such image (NOT_FOUND)' },
  },
  'POST /api/orders': {
    id: 'createOrder',
    summary: 'Create an order and its payment parameters (idempotent per key and shopper)',
    access: 'session',
    idempotencyKey: 'required',
    body: createOrderRequestSchema,
    responses: {
      '201': { description: 'Order and payment parameters', schema: createOrderResponseSchema },
      '400': `${invalid}, or no sane Idempotency-Key (IDEMPOTENCY_KEY_REQUIRED)`,
      ...shopper,
      '409': 'The same key is still in flight (IDEMPOTENCY_KEY_IN_FLIGHT; Retry-After)',
      '422': 'The same key with another body (IDEMPOTENCY_KEY_REUSED)',
      '429': 'Rate limited, or too many unpaid orders (RATE_LIMITED, TOO_MANY_OPEN_ORDERS)',
      '502': 'The provider refused (UPSTREAM_REJECTED, final) or is unavailable',
      '504': 'The provider did not answer in time (UPSTREAM_TIMEOUT); retry with the key',
    },
  },
  'GET /api/orders': {
    id: 'listOrders',
    summary: 'One page of the caller’s orders, newest first, filtered by tab (keyset paging)',
    access: 'session',
    query: ownOrdersQuerySchema,
    responses: {
      '200': { description: 'Orders', schema: ordersResponseSchema },
      '400': 'A query parameter out of range or unknown (VALIDATION_FAILED)',
      ...shopper,
    },
  },
  'GET /api/orders/{order_no}': {
    id: 'getOrder',
    summary: 'One of the caller’s orders (a poll of a pending order triggers a coalesced Query)',
    access: 'session',
    responses: {
      '200': { description: 'The order', schema: orderResponseSchema },
      ...shopper,
      ...unknownOrder,
    },
  },
  'POST /api/orders/{order_no}/payment': {
    id: 'reissuePayment',
    summary: 'The payment parameters again for a pending order (safe to repeat; no key)',
    access: 'session',
    responses: {
      '200': { description: 'Order and payment parameters', schema: createOrderResponseSchema },
      ...shopper,
      ...unknownOrder,
      ...notPending,
      '502': 'The provider refused or is unavailable',
    },
  },
  'POST /api/orders/{order_no}/cancel': {
    id: 'cancelOrder',
    summary: 'Close a pending order (closing a closed order again changes nothing)',
    access: 'session',
    responses: {
      '200': { description: 'The closed order', schema: orderResponseSchema },
      ...shopper,
      ...unknownOrder,
      ...notPending,
    },
  },
  'POST /api/orders/{order_no}/claims': {
    id: 'recordPaymentClaim',
    summary: 'Record what the wallet told the store (never changes the status)',
    access: 'session',
    body: paymentClaimRequestSchema,
    responses: {
      '202': { description: 'Recorded', schema: orderResponseSchema },
      '400': invalid,
      ...shopper,
      ...unknownOrder,
    },
  },
  'POST /api/sandbox/payments': {
    id: 'paySandboxOrder',
    summary: 'Sandbox only: pay an order through the simulator’s wallet',
    access: 'session',
    body: sandboxPaymentRequestSchema,
    responses: {
      '200': { description: 'The wallet’s answer', schema: walletPayResponseSchema },
      '400': invalid,
      ...shopper,
      '404': 'Not in sandbox mode, or unknown order (NOT_FOUND, ORDER_NOT_FOUND)',
      '409': 'No payment parameters, or the wallet refused (SANDBOX_WALLET_REFUSED)',
    },
  },
  'POST /notify/lianke/{secret}': {
    id: 'receiveNotification',
    summary: 'The aggregator’s notification (JSON or form; confirmed by QuickPay/Query)',
    access: 'public',
    responses: {
      '200': { description: 'The outcome is durable', text: 'SUCCESS' },
      '400': 'No order_no in the body (NOTIFICATION_UNREADABLE)',
      '404': 'Wrong secret: answered exactly like an unknown route',
      '409': 'Not confirmed by Query yet; the aggregator retries',
      '413': 'Body over 64 KiB (PAYLOAD_TOO_LARGE)',
      '502': 'Query failed; the aggregator retries',
      '503': 'Database unavailable; the aggregator retries',
    },
  },
  'GET /api/admin/orders': {
    id: 'listAdminOrders',
    summary: 'Every order, newest first, one page at a time (keyset cursor)',
    description:
      'Newest first by (created_at, order_no). Filters: status, channel, created_from / created_to (ISO 8601, [from, to)), q (an exact order_no or transaction_no), needs_review. The first page has no cursor; each answer carries next_cursor (opaque; null after the last page), passed back as cursor with the same filters for the next page. There is no offset (it is refused): a page costs the same however deep it is. total counts the matches up to 10000; with more, total is 10000 and total_capped is true.',
    access: 'admin',
    query: adminOrdersQuerySchema,
    responses: {
      '200': { description: 'Orders', schema: adminOrdersResponseSchema },
      '400':
        'A query parameter out of range, a cursor no answer gave, or offset (VALIDATION_FAILED)',
      ...merchant,
    },
  },
  'GET /api/admin/orders/{order_no}': {
    id: 'getAdminOrder',
    summary: 'One order with its refunds and timeline (the OrderEvent union)',
    access: 'admin',
    responses: {
      '200': { description: 'The order', schema: adminOrderDetailSchema },
      ...merchant,
      '404': 'Unknown order (ORDER_NOT_FOUND)',
    },
  },
  'POST /api/admin/orders/{order_no}/refunds': {
    id: 'refundOrder',
    summary: 'Refund part or all of a paid order (same key, same refund)',
    access: 'admin',
    idempotencyKey: 'required',
    body: createRefundRequestSchema,
    responses: {
      '201': { description: 'Refunded', schema: refundResponseSchema },
      '202': {
        description:
          'Not final yet (the provider is slow or its answer was lost): the pending refund and its refund_no; send the same request with the same key again (Retry-After)',
        schema: refundResponseSchema,
      },
      '400': `${invalid}, or a missing or insane Idempotency-Key (IDEMPOTENCY_KEY_REQUIRED)`,
      ...merchant,
      '404': 'Unknown order (ORDER_NOT_FOUND)',
      '409': 'The order is not paid (ORDER_NOT_REFUNDABLE), or the key is in flight',
      '422': 'More than was paid (REFUND_EXCEEDS_PAID), or the key with another body',
      '502': 'The provider refused (REFUND_REJECTED) or is unavailable',
    },
  },
  'POST /api/sandbox/sessions': {
    id: 'createSandboxSession',
    summary: 'Sandbox only: a session for the sandbox shopper of a channel (IDE logins)',
    access: 'public',
    body: sandboxSessionRequestSchema,
    responses: {
      '201': { description: 'A session', schema: sessionSchema },
      '400': invalid,
      '404': 'Not in sandbox mode',
      '429': 'Rate limited (RATE_LIMITED; Retry-After)',
      '502': 'The simulator is unavailable (UPSTREAM_UNAVAILABLE)',
    },
  },
  'POST /api/admin/session': {
    id: 'createConsoleSession',
    summary: 'The console: exchange the admin token for an HttpOnly session cookie',
    access: 'public',
    body: consoleLoginRequestSchema,
    responses: {
      '201': { description: 'Logged in (Set-Cookie)', schema: consoleSessionSchema },
      '400': invalid,
      '401': 'Wrong admin token (UNAUTHENTICATED)',
      '403': 'Not a console request (CSRF_REJECTED)',
      '429': 'Rate limited (RATE_LIMITED; Retry-After)',
    },
  },
  'GET /api/admin/session': {
    id: 'getConsoleSession',
    summary: 'The console: the session the cookie names',
    access: 'admin',
    responses: { '200': { description: 'The session', schema: consoleSessionSchema }, ...merchant },
  },
  'DELETE /api/admin/session': {
    id: 'deleteConsoleSession',
    summary: 'The console: log out (the session is revoked)',
    access: 'admin',
    responses: {
      '204': { description: 'Logged out' },
      ...merchant,
      '403': 'Not a console request (CSRF_REJECTED)',
    },
  },
  'GET /api/admin/orders/{order_no}/events': {
    id: 'listAdminOrderEvents',
    summary: 'One page of an order’s timeline, oldest first',
    access: 'admin',
    responses: {
      '200': { description: 'Timeline page', schema: timelinePageSchema },
      '400': 'Invalid after or limit (VALIDATION_FAILED)',
      ...merchant,
      '404': 'Unknown order (ORDER_NOT_FOUND)',
    },
  },
  'POST /api/admin/orders/{order_no}/review': {
    id: 'markOrderReviewed',
    summary: 'Mark a flagged order reviewed (recorded on its timeline)',
    access: 'admin',
    body: markReviewedRequestSchema,
    responses: {
      '200': { description: 'The order', schema: z.object({ order: adminOrderSchema }) },
      '400': invalid,
      ...merchant,
      '403': 'Not a console request (CSRF_REJECTED)',
      '404': 'Unknown order (ORDER_NOT_FOUND)',
      '409': 'The order is not flagged (ORDER_NOT_FLAGGED)',
    },
  },
  'GET /api/admin/stats': {
    id: 'getAdminStats',
    summary: 'The console’s overview numbers',
    access: 'admin',
    responses: {
      '200': { description: 'Statistics', schema: adminStatsSchema },
      '400': 'Invalid utc_offset_minutes (VALIDATION_FAILED)',
      ...merchant,
    },
  },
  'GET /api/admin/doctor': {
    id: 'getDoctorReport',
    summary:
      'The doctor (pnpm doctor) on this instance’s settings: one line per check, never a secret',
    access: 'admin',
    responses: {
      '200': { description: 'The report (ok = no line is fail)', schema: doctorReportSchema },
      ...merchant,
      '429': 'Too many refused admin credentials from this address (RATE_LIMITED; Retry-After)',
    },
  },
  'GET /healthz': {
    id: 'getLiveness',
    summary: 'Liveness',
    access: 'public',
    responses: { '200': { description: 'Alive', schema: healthSchema } },
  },
  'GET /readyz': {
    id: 'getReadiness',
    summary: 'Readiness: the database answers',
    access: 'public',
    responses: {
      '200': { description: 'Ready', schema: readySchema },
      '503': { description: 'Not ready (Retry-After)', schema: readySchema },
    },
  },
  'GET /metrics': {
    id: 'getMetrics',
    summary: 'Prometheus metrics',
    access: 'public',
    responses: { '200': { description: 'Prometheus text format', text: '# HELP …' } },
  },
  'GET /openapi.json': {
    id: 'getOpenApiDocument',
    summary: 'This document',
    access: 'public',
    responses: { '200': { description: 'OpenAPI 3.1' } },
  },
}

const idempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/)
  .meta({ description: 'One per attempt of an operation; a retry sends the same key' })

function operationObject(path: string, operation: Operation): ZodOpenApiOperationObject {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '')
  const header =
    operation.idempotencyKey === undefined
      ? undefined
      : z.object({
          'Idempotency-Key':
            operation.idempotencyKey === 'required' ? idempotencyKey : idempotencyKey.optional(),
        })
  const envelope = { 'application/json': { schema: errorEnvelopeSchema } }
  const responses = Object.fromEntries(
    Object.entries(operation.responses).map(([status, answer]) => {
      if (typeof answer === 'string') {
        return [status, { description: answer, content: envelope }]
      }
      const { description, schema, text } = answer
      if (schema !== undefined)
        return [status, { description, content: { 'application/json': { schema } } }]
      if (text !== undefined)
        return [
          status,
          {
            description,
            content: { 'text/plain': { schema: z.string().meta({ example: text }) } },
          },
        ]
      return [status, { description }]
    }),
  )
  return {
    operationId: operation.id,
    summary: operation.summary,
    ...(operation.description === undefined ? {} : { description: operation.description }),
    security: operation.access === 'public' ? [] : [{ [operation.access]: [] }],
    requestParams: {
      ...(names.length === 0
        ? {}
        : { path: z.object(Object.fromEntries(names.map((name) => [name, z.string()]))) }),
      ...(header === undefined ? {} : { header }),
      ...(operation.query === undefined ? {} : { query: operation.query }),
    },
    ...(operation.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: operation.body } },
          },
        }),
    responses: { ...responses, default: { description: 'Any other error', content: envelope } },
  }
}

/** The method and path of every documented operation, as `GET /api/orders/{order_no}`. */
export const DOCUMENTED_ROUTES = Object.keys(OPERATIONS)

/** Builds the OpenAPI 3.1 document of every BFF route from the contracts' zod schemas. */
export function openApiDocument(serverUrl: string): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {}
  for (const [route, operation] of Object.entries(OPERATIONS)) {
    const [method = '', path = ''] = route.split(' ')
    paths[path] = { ...paths[path], [method.toLowerCase()]: operationObject(path, operation) }
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'QuickPay store BFF',
      version: '0.1.0',
      description:
        'Sessions, idempotent orders, aggregator notifications confirmed by Query, merchant endpoints. Amounts are integer fen; every error is the ErrorEnvelope.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { ErrorEnvelope: errorEnvelopeSchema },
      securitySchemes: {
        session: {
          type: 'http',
          scheme: 'bearer',
          description: 'A session token from POST /api/sessions',
        },
        admin: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' },
      },
    },
  })
}
