import type {
  CreateOrderResponse,
  ErrorEnvelope,
  ShopperOrder,
  OrderResponse,
  OrdersResponse,
  ProductsResponse,
  Session,
  StoreConfig,
  WalletPayResponse,
} from '@quickpay/contracts'
import { CHANNELS, ORDER_STATUSES, REFUND_STATUSES } from '@quickpay/contracts/engine-safe'
import * as v from 'valibot'

// The BFF's answers as the store reads them, in valibot rather than the contracts' zod: zod 4
// writes `globalThis` when it loads, which Alipay's engine forbids, and probes `new Function`,
// which both mini-program engines forbid; valibot does neither and is tree-shaken to the few
// checks used here. Each schema is typed against the contracts' own type (`GenericSchema<T>`),
// and test/api/answer-schemas.test.ts holds them to the zod schemas on the same answers.

const int = v.pipe(v.number(), v.integer())

const channel = v.picklist(CHANNELS)

const orderSchema: v.GenericSchema<ShopperOrder> = v.object({
  order_no: v.string(),
  status: v.picklist(ORDER_STATUSES),
  amount: int,
  items: v.array(v.object({ sku: v.string(), name: v.string(), quantity: int, price: int })),
  channel,
  created_at: v.string(),
  expires_at: v.string(),
  paid_at: v.optional(v.string()),
  transaction_no: v.optional(v.string()),
  server_time: v.string(),
  seconds_to_expiry: v.optional(v.pipe(int, v.minValue(0))),
  refunded_amount: int,
  refunds: v.optional(
    v.array(
      v.object({
        amount: int,
        status: v.picklist(REFUND_STATUSES),
        created_at: v.string(),
        updated_at: v.string(),
      }),
    ),
  ),
})

/** `GET /api/config`. */
export const storeConfigAnswer: v.GenericSchema<StoreConfig> = v.object({
  sandbox: v.boolean(),
  wechat: v.object({
    miniprogram_appid: v.string(),
    official_account_appid: v.string(),
    authorize_url: v.string(),
  }),
  alipay: v.object({ appid: v.string(), authorize_url: v.string() }),
})

/** `POST /api/sessions` and `POST /api/sandbox/sessions`; also what the store keeps in storage. */
export const sessionAnswer: v.GenericSchema<Session> = v.object({
  token: v.pipe(v.string(), v.minLength(1)),
  expires_at: v.string(),
  channel,
})

/** `GET /api/products`. */
export const productsAnswer: v.GenericSchema<ProductsResponse> = v.object({
  products: v.array(
    v.object({
      sku: v.string(),
      name: v.string(),
      description: v.string(),
      price: int,
      image_url: v.string(),
    }),
  ),
})

/** `POST /api/orders` and `POST /api/orders/:order_no/payment`. */
export const createOrderAnswer: v.GenericSchema<CreateOrderResponse> = v.object({
  order: orderSchema,
  payment: v.object({ paytype: v.picklist([11, 21]), cloudpay_param: v.string() }),
})

/** `GET /api/orders/:order_no` and `POST /api/orders/:order_no/cancel`. */
export const orderAnswer: v.GenericSchema<OrderResponse> = v.object({ order: orderSchema })

/** `GET /api/orders`: one page and the next page's cursor, if any. */
export const ordersAnswer: v.GenericSchema<OrdersResponse> = v.object({
  orders: v.array(orderSchema),
  next_cursor: v.optional(v.string()),
})

/** `POST /api/sandbox/payments`: what the simulated wallet's client API said. */
export const walletPayAnswer: v.GenericSchema<WalletPayResponse> = v.object({
  wallet: v.picklist(['wechat', 'alipay']),
  err_msg: v.optional(v.string()),
  resultCode: v.optional(v.string()),
})

/** Every BFF error body. */
export const errorAnswer: v.GenericSchema<ErrorEnvelope> = v.object({
  error: v.object({
    code: v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9_]*$/)),
    message: v.string(),
    request_id: v.string(),
    fields: v.optional(v.array(v.object({ field: v.string(), rule: v.string() }))),
  }),
})
