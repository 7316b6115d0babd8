import { describe, expect, it } from 'vitest'

import { orderListParams } from '../src/api/admin-api'

describe('the order list query', () => {
  it('turns the page size, cursor and filters into the BFF parameters', () => {
    const params = orderListParams({
      pageSize: 20,
      cursor: 'MTc2NDU1MDAwMDAwMC5RMjAyNg',
      status: 'paid',
      channel: 'alipay-miniprogram',
      createdFrom: '2026-01-01T00:00:00.000Z',
      q: '  Q2026  ',
      needsReview: true,
    })
    expect(Object.fromEntries(params)).toEqual({
      limit: '20',
      cursor: 'MTc2NDU1MDAwMDAwMC5RMjAyNg',
      status: 'paid',
      channel: 'alipay-miniprogram',
      created_from: '2026-01-01T00:00:00.000Z',
      q: 'Q2026',
      needs_review: 'true',
    })
  })

  it('leaves out blank search and unset filters', () => {
    expect(Object.fromEntries(orderListParams({ pageSize: 50, q: '  ' }))).toEqual({
      limit: '50',
    })
  })
})
