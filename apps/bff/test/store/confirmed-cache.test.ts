import { describe, expect, it } from 'vitest'

import { ConfirmedCache } from '../../src/store/confirmed-cache'

interface Row {
  id: string
  version: number
}

const row = (id: string, version: number): Row => ({ id, version })

/** A cache with a TTL of 1 000 on a clock the test sets (`at`). */
function cacheOnClock() {
  let time = 0
  const cache = new ConfirmedCache<Row>(
    (each) => each.id,
    1000,
    10,
    () => time,
  )
  return {
    cache,
    at: (moment: number) => {
      time = moment
    },
  }
}

describe('a confirmed cache, forgetting after a write', () => {
  it('drops the entry at once, and refuses what a read started before the forget would store', () => {
    const { cache, at } = cacheOnClock()
    cache.store('a', row('a', 1), 0)
    at(100)
    const before = cache.readStarted() // a read that saw version 1 …
    at(200)
    cache.forget('a') // … while a write that made version 2 committed
    expect(cache.trusted('a')).toBeUndefined()
    at(300)
    cache.store('a', row('a', 1), before)
    expect(cache.trusted('a')).toBeUndefined()
    const after = cache.readStarted()
    cache.store('a', row('a', 2), after)
    expect(cache.trusted('a')).toEqual(row('a', 2))
  })

  it('lets a confirmation that started before the forget change nothing stored after it', () => {
    const { cache, at } = cacheOnClock()
    cache.store('a', row('a', 1), 0)
    at(100)
    const confirmation = cache.readStarted()
    at(200)
    cache.forget('a')
    at(250)
    cache.store('a', row('a', 2), 250)
    cache.confirm(['a'], [row('a', 1)], confirmation)
    expect(cache.trusted('a')).toEqual(row('a', 2))
  })

  it('keeps a forgotten key refused only for one TTL, when any older read is untrusted anyway', () => {
    const { cache, at } = cacheOnClock()
    cache.forget('a')
    at(2_000)
    cache.forget('b') // prunes 'a'
    cache.store('a', row('a', 1), 0) // a read older than the TTL: stored, but never trusted
    expect(cache.trusted('a')).toBeUndefined()
    cache.store('b', row('b', 1), 1_999)
    expect(cache.trusted('b')).toBeUndefined()
    cache.store('b', row('b', 2), 2_000)
    expect(cache.trusted('b')).toBeUndefined() // read started at the forget itself
    at(2_001)
    cache.store('b', row('b', 3), 2_001)
    expect(cache.trusted('b')).toEqual(row('b', 3))
  })
})
