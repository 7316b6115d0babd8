import { describe, expect, it } from 'vitest'

import { formatFen } from '@quickpay/contracts'

describe('formatFen', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [10, '0.10'],
    [6800, '68.00'],
    [12345, '123.45'],
    [9_999_999_999, '99999999.99'],
    [-250, '-2.50'],
  ])('formats %i fen as %s yuan', (fen, yuan) => {
    expect(formatFen(fen)).toBe(yuan)
  })

  it('refuses a fraction of a fen', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError)
  })
})
