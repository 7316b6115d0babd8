import { formatFen } from '@quickpay/contracts'
import { describe, expect, it } from 'vitest'

describe('prices in yuan', () => {
  it.each([
    [1, '0.01'],
    [10, '0.10'],
    [100, '1.00'],
    [6800, '68.00'],
    [9999999999, '99999999.99'],
  ])('formats %i fen as %s with integer math', (fen, yuan) => {
    expect(formatFen(fen)).toBe(yuan)
  })
})
