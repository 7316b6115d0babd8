/**
 * Baseline child, context for the PostgreSQL rows: the bare Koa proxy (koa-proxy.ts) with the two
 * durable writes a create cannot do without, each its own autocommitted statement on PostgreSQL
 * (DATABASE_URL): the order's row before the JSAPIPay call and its `cloudpay_param` after it. One
 * table with only its primary key, no session, no validation, no idempotency and no timeline: what
 * a create on PostgreSQL costs before the BFF does anything of its own.
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'

import Koa from 'koa'
import pg from 'pg'

import { applyServerOptions } from '../server-options'
import { forwardJsapiPay } from './jsapi-pay-forward'

const simulatorUrl = process.env.SIMULATOR_URL ?? 'http://127.0.0.1:4010'
const openid = process.env.BENCH_OPENID ?? 'o_bench_proxy_shopper_000000000'
// As many connections as the BFF's pool (apps/bff/src/store/open-postgres.ts).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })

// Named statements: prepared once per connection, as the BFF's are.
const INSERT = {
  name: 'proxy-insert',
  text: 'insert into proxy_orders (order_no, amount, created_at) values ($1, $2, $3)',
}
const ANSWER = {
  name: 'proxy-answer',
  text: 'update proxy_orders set cloudpay_param = $1 where order_no = $2',
}

const app = new Koa()
app.use(async (ctx) => {
  for await (const _chunk of ctx.req) void _chunk
  const order_no = `P${randomBytes(12).toString('hex')}`
  await pool.query({ ...INSERT, values: [order_no, 1, Date.now()] })
  const envelope = await forwardJsapiPay(simulatorUrl, openid, order_no)
  if (envelope.code !== 'SUCCESS') {
    ctx.status = 502
    ctx.body = { error: envelope.code ?? 'UNKNOWN' }
    return
  }
  const cloudpayParam = envelope.data?.cloudpay_param ?? null
  await pool.query({ ...ANSWER, values: [cloudpayParam, order_no] })
  ctx.status = 201
  ctx.body = { order_no, cloudpay_param: cloudpayParam }
})

await pool.query(
  `create table if not exists proxy_orders (
     order_no text primary key, amount bigint not null, created_at bigint not null, cloudpay_param text)`,
)
const server = createServer(app.callback())
applyServerOptions(server)
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1')
process.once('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))))
