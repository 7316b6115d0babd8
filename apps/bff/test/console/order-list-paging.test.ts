import { adminOrdersResponseSchema, type AdminOrdersResponse } from '@quickpay/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { TEST_DATABASES } from '../support/databases'
import { createOrder, orderNoOf } from '../support/orders'
import { CANARIES, startTestApp, type TestApp } from '../support/test-app'

const ADMIN = { authorization: `Bearer ${CANARIES.ADMIN_TOKEN}` }

describe.each(TEST_DATABASES)('the merchant list pages by cursor on %s', (db) => {
  let app: TestApp
  /** Every order, newest first by (created_at, order_no), as the list must give them. */
  let expected: string[]
  let paidNos: Set<string>
  /** When the real order was created (epoch ms). */
  let at: number

  const list = async (query: string): Promise<AdminOrdersResponse> => {
    const response = await app.request('GET', `/api/admin/orders${query}`, { headers: ADMIN })
    expect(response.status).toBe(200)
    return adminOrdersResponseSchema.parse(response.json)
  }
  /** Follows next_cursor from the first page to the end; every page's order numbers. */
  const walk = async (query: string): Promise<string[][]> => {
    const pages: string[][] = []
    let page = await list(query)
    pages.push(page.orders.map((order) => order.order_no))
    while (page.next_cursor !== null) {
      page = await list(`${query}&cursor=${page.next_cursor}`)
      pages.push(page.orders.map((order) => order.order_no))
    }
    return pages
  }

  beforeAll(async () => {
    app = await startTestApp({ db })
    const alice = await app.login('wechat-miniprogram', 'alice')
    const real = await app.deps.repository.orders.find(orderNoOf(await createOrder(app, alice)))
    if (real === undefined) throw new Error('the order was not stored')
    // Copies of a real order: three share one created_at (ties broken by order_no), one is paid.
    at = real.created_at
    const copies = [
      { order_no: 'Q0TIEA', created_at: at + 1_000, status: 'pending' as const },
      { order_no: 'Q0TIEB', created_at: at + 1_000, status: 'paid' as const },
      { order_no: 'Q0TIEC', created_at: at + 1_000, status: 'pending' as const },
      { order_no: 'Q0NEWER', created_at: at + 2_000, status: 'paid' as const },
      { order_no: 'Q0OLDER', created_at: at - 5_000, status: 'pending' as const },
    ]
    for (const copy of copies) await app.deps.repository.orders.insert({ ...real, ...copy })
    expected = ['Q0NEWER', 'Q0TIEC', 'Q0TIEB', 'Q0TIEA', real.order_no, 'Q0OLDER']
    paidNos = new Set(copies.filter((copy) => copy.status === 'paid').map((copy) => copy.order_no))
  })
  afterAll(async () => {
    await app.close()
  })

  it('walks every order once, newest first, ties by order_no, and ends with a null cursor', async () => {
    const pages = await walk('?limit=2')
    expect(pages).toEqual([expected.slice(0, 2), expected.slice(2, 4), expected.slice(4, 6)])
    expect((await walk('?limit=4')).flat()).toEqual(expected)
    const whole = await list('?limit=6')
    expect(whole.next_cursor).toBeNull()
    expect(whole.total).toBe(6)
    expect(whole.total_capped).toBe(false)
  })

  it('keeps the filters on every page and the total of all matches on each', async () => {
    const paid = expected.filter((orderNo) => paidNos.has(orderNo))
    expect(await walk('?status=paid&limit=1')).toEqual(paid.map((orderNo) => [orderNo]))
    const second = await list(
      `?status=paid&limit=1&cursor=${(await list('?status=paid&limit=1')).next_cursor ?? ''}`,
    )
    expect(second.total).toBe(2)
    expect(second.next_cursor).toBeNull()
    expect(await walk('?q=Q0TIEB&limit=1')).toEqual([['Q0TIEB']])
    // [from, to) around the ties and the real order: the cursor and both bounds together.
    const from = encodeURIComponent(new Date(at - 1_000).toISOString())
    const to = encodeURIComponent(new Date(at + 1_500).toISOString())
    expect((await walk(`?created_from=${from}&created_to=${to}&limit=1`)).flat()).toEqual(
      expected.slice(1, 5),
    )
  })

  it('counts no further than the cap', async () => {
    const orders = app.deps.repository.orders
    expect(await orders.count({}, 3)).toBe(4)
    expect(await orders.count({}, 100)).toBe(6)
    expect(await orders.count({ status: 'paid' }, 1)).toBe(2)
    expect(await orders.count({ status: 'paid' }, 5)).toBe(2)
  })

  it('refuses a cursor no answer gave, and offset, with VALIDATION_FAILED naming the field', async () => {
    const garbage = [
      'not a cursor',
      '%00',
      Buffer.from('yesterday.Q0TIEA').toString('base64url'),
      Buffer.from('1.has space').toString('base64url'),
      Buffer.from(`${'9'.repeat(16)}.Q0TIEA`).toString('base64url'),
      'x'.repeat(200),
    ]
    for (const cursor of garbage) {
      const response = await app.request(
        'GET',
        `/api/admin/orders?cursor=${encodeURIComponent(cursor)}`,
        { headers: ADMIN },
      )
      expect(response.status).toBe(400)
      const { error } = response.json as { error: { code: string; fields: unknown } }
      expect(error.code).toBe('VALIDATION_FAILED')
      expect(error.fields).toEqual([
        { field: 'cursor', rule: expect.stringContaining('next_cursor') as unknown },
      ])
    }
    const offset = await app.request('GET', '/api/admin/orders?offset=20', { headers: ADMIN })
    expect(offset.status).toBe(400)
    expect(JSON.stringify(offset.json)).toContain('offset')
  })
})
