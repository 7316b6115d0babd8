import { z } from 'zod'

import {
  adminOrderDetailSchema,
  adminOrderSchema,
  adminOrdersResponseSchema,
  createOrderRequestSchema,
  createOrderResponseSchema,
  createRefundRequestSchema,
  createSessionRequestSchema,
  errorEnvelopeSchema,
  orderResponseSchema,
  ordersResponseSchema,
  paymentClaimRequestSchema,
  productsResponseSchema,
  refundSchema,
  sandboxPaymentRequestSchema,
  sessionSchema,
  storeConfigSchema,
  walletPayResponseSchema,
} from '@quickpay/contracts'

type Schema = z.ZodType
type Security = 'session' | 'admin'

interface Operation {
  method: 'get' | 'post'
  path: string
  summary: string
  security?: Security
  idempotencyKey?: 'required' | 'optional'
  request?: Schema
  responses: Record<string, { description: string; schema?: Schema; text?: string }>
}

const refundResponseSchema = z.object({ refund: refundSchema, order: adminOrderSchema })
const statusSchema = z.object({ status: z.string() })

const shopperErrors = { '401': { description: 'No valid session token (UNAUTHENTICATED)' } }
const orderNotFound = {
  '404': { description: 'Unknown order, or another shopper’s (ORDER_NOT_FOUND)' },
}

/** Every route of the BFF with its request and response schemas (the zod schemas of @quickpay/contracts). */
const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/config',
    summary: 'Store configuration: sandbox flag, app ids, authorize URLs',
    responses: { '200': { description: 'The configuration', schema: storeConfigSchema } },
  },
  {
    method: 'post',
    path: '/api/sessions',
    summary: 'Exchange a platform login code for a session token',
    request: createSessionRequestSchema,
    responses: {
      '201': { description: 'A session', schema: sessionSchema },
      '401': { description: 'Used, expired or unknown code (INVALID_LOGIN_CODE)' },
      '403': { description: 'Identity refused (SNAPSHOT_USER, ALIPAY_USER_ID_REQUIRED)' },
      '429': { description: 'Rate limited (Retry-After)' },
      '503': { description: 'Login provider unavailable' },
    },
  },
  {
    method: 'get',
    path: '/api/products',
    summary: 'The catalogue; prices in fen',
    responses: { '200': { description: 'Products', schema: productsResponseSchema } },
  },
  {
    method: 'get',
    path: '/images/{file}',
    summary: 'A product illustration (SVG)',
    responses: { '200': { description: 'image/svg+xml' } },
  },
  {
    method: 'post',
    path: '/api/orders',
    summary: 'Create an order and its payment parameters (idempotent per key and shopper)',
    security: 'session',
    idempotencyKey: 'required',
    request: createOrderRequestSchema,
    responses: {
      '201': { description: 'Order and payment parameters', schema: createOrderResponseSchema },
      '400': { description: 'Invalid body or missing Idempotency-Key' },
      ...shopperErrors,
      '409': { description: 'The same key is still in flight (IDEMPOTENCY_KEY_IN_FLIGHT)' },
      '422': { description: 'The same key with another body (IDEMPOTENCY_KEY_REUSED)' },
      '429': { description: 'Rate limited, or too many unpaid orders' },
      '502': { description: 'The payment provider refused or is unavailable' },
      '504': { description: 'The payment provider did not answer in time' },
    },
  },
  {
    method: 'get',
    path: '/api/orders',
    summary: 'The caller’s orders, newest first',
    security: 'session',
    responses: { '200': { description: 'Orders', schema: ordersResponseSchema }, ...shopperErrors },
  },
  {
    method: 'get',
    path: '/api/orders/{order_no}',
    summary: 'One of the caller’s orders (a poll of a pending order triggers a coalesced Query)',
    security: 'session',
    responses: {
      '200': { description: 'The order', schema: orderResponseSchema },
      ...shopperErrors,
      ...orderNotFound,
    },
  },
  {
    method: 'post',
    path: '/api/orders/{order_no}/payment',
    summary: 'The payment parameters again for a pending order',
    security: 'session',
    responses: {
      '200': { description: 'Order and payment parameters', schema: createOrderResponseSchema },
      ...shopperErrors,
      ...orderNotFound,
      '409': { description: 'The order is no longer pending (ORDER_NOT_PENDING)' },
    },
  },
  {
    method: 'post',
    path: '/api/orders/{order_no}/cancel',
    summary: 'Close a pending order',
    security: 'session',
    responses: {
      '200': { description: 'The closed order', schema: orderResponseSchema },
      ...shopperErrors,
      ...orderNotFound,
      '409': { description: 'The order is no longer pending (ORDER_NOT_PENDING)' },
    },
  },
  {
    method: 'post',
    path: '/api/orders/{order_no}/claims',
    summary: 'Record what the wallet told the store (never changes the status)',
    security: 'session',
    request: paymentClaimRequestSchema,
    responses: {
      '202': { description: 'Recorded', schema: orderResponseSchema },
      ...shopperErrors,
      ...orderNotFound,
    },
  },
  {
    method: 'post',
    path: '/api/sandbox/payments',
    summary: 'Sandbox only: pay an order through the simulator’s wallet',
    security: 'session',
    request: sandboxPaymentRequestSchema,
    responses: {
      '200': { description: 'The wallet’s answer', schema: walletPayResponseSchema },
      ...shopperErrors,
      '404': { description: 'Not in sandbox mode, or unknown order' },
    },
  },
  {
    method: 'post',
    path: '/notify/lianke/{secret}',
    summary:
      'The aggregator’s notification (JSON or form; order_no is read, then confirmed by QuickPay/Query)',
    responses: {
      '200': { description: 'The outcome is durable', text: 'SUCCESS' },
      '400': { description: 'No order_no in the body (NOTIFICATION_UNREADABLE)' },
      '404': { description: 'Wrong secret: answered exactly like an unknown route' },
      '409': { description: 'Not confirmed by Query yet; the aggregator retries' },
      '413': { description: 'Body over 64 KiB' },
      '502': { description: 'Query failed; the aggregator retries' },
      '503': { description: 'Database unavailable; the aggregator retries' },
    },
  },
  {
    method: 'get',
    path: '/api/admin/orders',
    summary: 'Every order, newest first (?status=, ?limit= up to 200, ?offset=)',
    security: 'admin',
    responses: {
      '200': { description: 'Orders', schema: adminOrdersResponseSchema },
      '401': { description: 'No valid admin token' },
    },
  },
  {
    method: 'get',
    path: '/api/admin/orders/{order_no}',
    summary: 'One order with its refunds and timeline (claims, notifications, queries, refunds)',
    security: 'admin',
    responses: {
      '200': { description: 'The order', schema: adminOrderDetailSchema },
      '401': { description: 'No valid admin token' },
      '404': { description: 'Unknown order (ORDER_NOT_FOUND)' },
    },
  },
  {
    method: 'post',
    path: '/api/admin/orders/{order_no}/refunds',
    summary: 'Refund part or all of a paid order (Idempotency-Key optional: same key, same refund)',
    security: 'admin',
    idempotencyKey: 'optional',
    request: createRefundRequestSchema,
    responses: {
      '201': { description: 'Refunded', schema: refundResponseSchema },
      '202': { description: 'Refund still pending at the provider', schema: refundResponseSchema },
      '401': { description: 'No valid admin token' },
      '404': { description: 'Unknown order (ORDER_NOT_FOUND)' },
      '409': { description: 'The order is not paid (ORDER_NOT_REFUNDABLE)' },
      '422': {
        description:
          'Refunds would exceed the amount (REFUND_EXCEEDS_PAID), or the key was used with another amount',
      },
      '502': { description: 'The provider refused (REFUND_REJECTED) or is unavailable' },
    },
  },
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    responses: { '200': { description: 'Alive', schema: statusSchema } },
  },
  {
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: database reachable and configuration valid',
    responses: {
      '200': { description: 'Ready', schema: statusSchema },
      '503': { description: 'Not ready' },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics',
    responses: { '200': { description: 'Prometheus text format', text: 'text/plain' } },
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    responses: { '200': { description: 'OpenAPI 3.1' } },
  },
]

const errorContent = {
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
}

function jsonSchema(schema: Schema, io: 'input' | 'output'): Record<string, unknown> {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >
  delete converted.$schema
  return converted
}

function pathParameters(path: string): Record<string, unknown>[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }))
}

function operationObject(operation: Operation): Record<string, unknown> {
  const parameters = pathParameters(operation.path)
  if (operation.idempotencyKey !== undefined) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: operation.idempotencyKey === 'required',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    })
  }
  const responses: Record<string, unknown> = {}
  for (const [status, response] of Object.entries(operation.responses)) {
    if (response.schema !== undefined) {
      responses[status] = {
        description: response.description,
        content: { 'application/json': { schema: jsonSchema(response.schema, 'output') } },
      }
    } else if (response.text !== undefined) {
      responses[status] = {
        description: response.description,
        content: { 'text/plain': { schema: { type: 'string', example: response.text } } },
      }
    } else if (Number(status) >= 400) {
      responses[status] = { description: response.description, ...errorContent }
    } else {
      responses[status] = { description: response.description }
    }
  }
  return {
    summary: operation.summary,
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(operation.security === undefined ? {} : { security: [{ [operation.security]: [] }] }),
    ...(operation.request === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(operation.request, 'input') } },
          },
        }),
    responses: {
      ...responses,
      default: { description: 'Any error', ...errorContent },
    },
  }
}

/** Builds the OpenAPI 3.1 document of every BFF route from the contracts' zod schemas. */
export function openApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const operation of OPERATIONS) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method]: operationObject(operation),
    }
  }
  return {
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
      schemas: { ErrorEnvelope: jsonSchema(errorEnvelopeSchema, 'output') },
      securitySchemes: {
        session: {
          type: 'http',
          scheme: 'bearer',
          description: 'A session token from POST /api/sessions',
        },
        admin: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' },
      },
    },
  }
}
