import { describe, expect, it } from 'vitest'

import { onFirstUse } from '../src/on-first-use'

describe('onFirstUse', () => {
  it('loads nothing until the first call, then once for every call', async () => {
    let loads = 0
    const value = onFirstUse(() => {
      loads += 1
      return Promise.resolve({ loaded: loads })
    })
    expect(loads).toBe(0)
    const [first, second] = await Promise.all([value(), value()])
    expect(await value()).toBe(first)
    expect(second).toBe(first)
    expect(loads).toBe(1)
  })
})
