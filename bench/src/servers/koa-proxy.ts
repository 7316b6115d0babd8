/**
 * Baseline child: a bare Koa handler that forwards one JSAPIPay call to the simulator (no
 * database, no validation, no session) — the floor under the BFF's `POST /api/orders`.
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'

import Koa from 'koa'

import { applyServerOptions } from '../server-options'
import { forwardJsapiPay } from './jsapi-pay-forward'

const simulatorUrl = process.env.SIMULATOR_URL ?? 'http://127.0.0.1:4010'
const openid = process.env.BENCH_OPENID ?? 'o_bench_proxy_shopper_000000000'

const app = new Koa()
app.use(async (ctx) => {
  // Read the shopper's body like the BFF must, but trust it blindly: this is the floor.
  for await (const _chunk of ctx.req) void _chunk
  const order_no = `P${randomBytes(12).toString('hex')}`
  const envelope = await forwardJsapiPay(simulatorUrl, openid, order_no)
  if (envelope.code !== 'SUCCESS') {
    ctx.status = 502
    ctx.body = { error: envelope.code ?? 'UNKNOWN' }
    return
  }
  ctx.status = 201
  ctx.body = { order_no, cloudpay_param: envelope.data?.cloudpay_param ?? null }
})
const server = createServer(app.callback())
applyServerOptions(server)
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1')
process.once('SIGTERM', () => server.close(() => process.exit(0)))
