import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import Koa from 'koa'
import { afterEach, describe, expect, it } from 'vitest'

import type { AppState } from '../../src/app-state'
import { oneRouter } from '../../src/routes/one-router'
import { strictRouter } from '../../src/routes/strict-router'

describe('oneRouter', () => {
  let server: Server | undefined
  afterEach(() => {
    server?.close()
    server = undefined
  })

  async function serve(app: Koa<AppState>): Promise<string> {
    const handle = app.callback()
    server = createServer((request, response) => void handle(request, response))
    await new Promise<void>((done) => {
      server!.listen(0, '127.0.0.1', done)
    })
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it("answers every router's routes through one dispatch, with the matched pattern and params", async () => {
    const orders = strictRouter()
    orders.get('/api/orders/:order_no', (ctx) => {
      ctx.body = { order: ctx.params.order_no, route: ctx._matchedRoute }
    })
    const health = strictRouter()
    health.get('/healthz', (ctx) => {
      ctx.body = 'ok'
    })
    const app = new Koa<AppState>()
    app.use(oneRouter([orders, health]))
    const base = await serve(app)
    const order = await fetch(`${base}/api/orders/Q1`)
    expect(await order.json()).toEqual({ order: 'Q1', route: '/api/orders/:order_no' })
    expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok')
    // Strict and case-sensitive, as each router was on its own.
    expect((await fetch(`${base}/healthz/`)).status).toBe(404)
    expect((await fetch(`${base}/API/orders/Q1`)).status).toBe(404)
  })

  it('refuses a router with router-wide middleware, which would run for the other routers too', () => {
    const guarded = strictRouter()
    guarded.use((_ctx, next) => next())
    guarded.get('/api/admin/orders', (ctx) => {
      ctx.body = []
    })
    expect(() => oneRouter([strictRouter(), guarded])).toThrow(/router-wide middleware/)
  })
})
