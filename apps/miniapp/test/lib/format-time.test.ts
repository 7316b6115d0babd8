import { describe, expect, it } from 'vitest'

import { formatTime } from '../../src/lib/format-time'

describe('formatTime', () => {
  it('shows an ISO time as the local YYYY-MM-DD HH:mm:ss', () => {
    const at = new Date(2026, 0, 2, 3, 4, 5)
    expect(formatTime(at.toISOString())).toBe('2026-01-02 03:04:05')
  })

  it('leaves text that is not a time as it is', () => {
    expect(formatTime('soon')).toBe('soon')
  })
})
