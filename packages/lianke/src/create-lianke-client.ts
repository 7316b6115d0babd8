import type { PayResultInfo, RefundResultInfo } from '@quickpay/contracts'

import type { LiankeCallOptions, LiankeClientOptions } from './lianke-client-options'
import { resolveClientOptions } from './resolve-client-options'
import type { JsapiPayInput } from './routes/jsapi-pay'
import { jsapiPay } from './routes/jsapi-pay'
import type { QueryInput } from './routes/query'
import { query } from './routes/query'
import type { RefundInput } from './routes/refund'
import { refund } from './routes/refund'
import type { RefundQueryInput } from './routes/refund-query'
import { refundQuery } from './routes/refund-query'

/** A typed client of the four QuickPay routes; every method validates, retries safely and throws LiankeError. */
export interface LiankeClient {
  /** Creates a pre-order (`QuickPay/JSAPIPay`) and returns it with a checked `cloudpay_param`. */
  jsapiPay(info: JsapiPayInput, options?: LiankeCallOptions): Promise<PayResultInfo>
  /** Reads an order's state (`QuickPay/Query`). */
  query(input: QueryInput, options?: LiankeCallOptions): Promise<PayResultInfo>
  /** Refunds all or part of a paid order (`QuickPay/Refund`); reuse `refund_no` to retry. */
  refund(input: RefundInput, options?: LiankeCallOptions): Promise<RefundResultInfo>
  /** Reads a refund's state (`QuickPay/RefundQuery`). */
  refundQuery(input: RefundQueryInput, options?: LiankeCallOptions): Promise<RefundResultInfo>
}

/** Creates a client of the Lianke QuickPay aggregator; throws TypeError on unusable options. */
export function createLiankeClient(options: LiankeClientOptions): LiankeClient {
  const config = resolveClientOptions(options)
  return {
    jsapiPay: (info, callOptions) => jsapiPay(config, info, callOptions),
    query: (input, callOptions) => query(config, input, callOptions),
    refund: (input, callOptions) => refund(config, input, callOptions),
    refundQuery: (input, callOptions) => refundQuery(config, input, callOptions),
  }
}
