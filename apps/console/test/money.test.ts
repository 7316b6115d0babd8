import { describe, expect, it } from 'vitest'

import { fenOfYuan, yuan } from '../src/format/money'

describe('money in the console', () => {
  it('shows fen as yuan with two decimals', () => {
    expect(yuan(26400)).toBe('¥264.00')
    expect(yuan(5)).toBe('¥0.05')
    expect(yuan(0)).toBe('¥0.00')
  })

  it('reads what the merchant typed into integer fen without floating point', () => {
    expect(fenOfYuan('26.4')).toBe(2640)
    expect(fenOfYuan(' 0.29 ')).toBe(29)
    expect(fenOfYuan('1.10')).toBe(110)
    expect(fenOfYuan('100')).toBe(10000)
    for (const bad of ['', '1.234', '-1', '1e3', '¥1', '1,000', '.5']) {
      expect(fenOfYuan(bad), bad).toBeUndefined()
    }
  })
})
