import { describe, expect, it } from 'vitest'

import { formatCountdown, secondsLeft } from '../../src/payment/time-left'

describe('the time left to pay', () => {
  it('counts down from the BFF’s seconds by the time elapsed since its answer, never below 0', () => {
    const answeredAt = 1_000_000
    expect(secondsLeft(900, answeredAt, answeredAt)).toBe(900)
    expect(secondsLeft(900, answeredAt, answeredAt + 999)).toBe(900)
    expect(secondsLeft(900, answeredAt, answeredAt + 1000)).toBe(899)
    expect(secondsLeft(5, answeredAt, answeredAt + 60_000)).toBe(0)
  })

  it('ignores a phone clock that went backwards', () => {
    expect(secondsLeft(30, 1_000_000, 900_000)).toBe(30)
  })

  it('reads mm:ss, and h:mm:ss from an hour up', () => {
    expect(formatCountdown(899)).toBe('14:59')
    expect(formatCountdown(5)).toBe('00:05')
    expect(formatCountdown(3600 + 61)).toBe('1:01:01')
  })
})
