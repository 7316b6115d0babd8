import { describe, expect, it } from 'vitest'

import { backoffDelay } from '../../src/retry/backoff-delay'

describe('backoffDelay', () => {
  it('doubles from the base delay and keeps at least half of it whatever the jitter', () => {
    expect(backoffDelay(1, 200, 2000, () => 0)).toBe(100)
    expect(backoffDelay(1, 200, 2000, () => 1)).toBe(200)
    expect(backoffDelay(2, 200, 2000, () => 0)).toBe(200)
    expect(backoffDelay(3, 200, 2000, () => 1)).toBe(800)
  })

  it('never exceeds the maximum delay', () => {
    expect(backoffDelay(10, 200, 2000, () => 1)).toBe(2000)
  })
})
