import { describe, expect, it } from 'vitest'

import { CatalogueSnapshot, type ProductLookup } from '../../src/catalogue/catalogue-snapshot'
import type { ProductRecord } from '../../src/store/records'

function product(sku: string, price: number, position = 0): ProductRecord {
  return { sku, name: sku, description: '', price, position }
}

/** A catalogue table in memory that counts its reads; `hold` makes the next list wait for `release`. */
function table(initial: ProductRecord[]) {
  let products = initial
  let failNext = false
  let held: (() => void) | undefined
  let holding = false
  const reads = { list: 0, find: 0 }
  const lookup: ProductLookup = {
    async list() {
      reads.list += 1
      if (holding) await new Promise<void>((resolve) => (held = resolve))
      if (failNext) {
        failNext = false
        throw new Error('database unavailable')
      }
      return products.map((row) => ({ ...row }))
    },
    find(skus) {
      reads.find += 1
      return Promise.resolve(products.filter((row) => skus.includes(row.sku)))
    },
  }
  return {
    lookup,
    reads,
    setPrice(sku: string, price: number) {
      products = products.map((row) => (row.sku === sku ? { ...row, price } : row))
    },
    failNextRead() {
      failNext = true
    },
    hold() {
      holding = true
    },
    release() {
      holding = false
      held?.()
    },
  }
}

/** A monotonic clock moved by hand. */
function monotonic() {
  let now = 1000
  return {
    now: () => now,
    advance(ms: number) {
      now += ms
    },
  }
}

const TEA = product('tea', 1200, 1)
const COFFEE = product('coffee', 6800, 0)

describe('CatalogueSnapshot', () => {
  it('prices from one read of the whole catalogue while it is younger than the age', async () => {
    const source = table([COFFEE, TEA])
    const time = monotonic()
    const snapshot = new CatalogueSnapshot(source.lookup, 1000, 100, time.now)
    expect(await snapshot.find(['tea', 'unknown', 'tea'])).toEqual([TEA])
    source.setPrice('tea', 1500)
    time.advance(999)
    expect(await snapshot.find(['tea', 'coffee'])).toEqual([TEA, COFFEE])
    expect((await snapshot.list()).map((row) => row.sku)).toEqual(['coffee', 'tea'])
    expect(source.reads).toEqual({ list: 1, find: 0 })
  })

  it('reads the table again once the snapshot is as old as the age, and sees the new price', async () => {
    const source = table([COFFEE, TEA])
    const time = monotonic()
    const snapshot = new CatalogueSnapshot(source.lookup, 1000, 100, time.now)
    await snapshot.find(['tea'])
    source.setPrice('tea', 1500)
    time.advance(1000)
    expect(await snapshot.find(['tea'])).toEqual([{ ...TEA, price: 1500 }])
    expect(source.reads.list).toBe(2)
  })

  it('counts the age from the start of the read that filled it', async () => {
    const source = table([TEA])
    const time = monotonic()
    const snapshot = new CatalogueSnapshot(source.lookup, 1000, 100, time.now)
    source.hold()
    const first = snapshot.find(['tea'])
    time.advance(600)
    source.release()
    await first
    time.advance(400)
    await snapshot.find(['tea'])
    expect(source.reads.list).toBe(2)
  })

  it('gives concurrent lookups past the age one read between them', async () => {
    const source = table([COFFEE, TEA])
    const time = monotonic()
    const snapshot = new CatalogueSnapshot(source.lookup, 1000, 100, time.now)
    source.hold()
    const lookups = [snapshot.find(['tea']), snapshot.list(), snapshot.find(['coffee'])]
    source.release()
    const [tea, list, coffee] = await Promise.all(lookups)
    expect(tea).toEqual([TEA])
    expect(list).toHaveLength(2)
    expect(coffee).toEqual([COFFEE])
    expect(source.reads.list).toBe(1)
  })

  it('does not keep a failed read: its callers get the error and the next lookup reads again', async () => {
    const source = table([TEA])
    const snapshot = new CatalogueSnapshot(source.lookup, 1000, 100, monotonic().now)
    source.failNextRead()
    const failed = await Promise.allSettled([snapshot.find(['tea']), snapshot.list()])
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected'])
    expect(source.reads.list).toBe(1)
    expect(await snapshot.find(['tea'])).toEqual([TEA])
    expect(source.reads.list).toBe(2)
  })

  it('cannot be changed through what it hands out', async () => {
    const source = table([COFFEE, TEA])
    const snapshot = new CatalogueSnapshot(source.lookup, 1000, 100, monotonic().now)
    const list = await snapshot.list()
    list.pop()
    const [tea] = await snapshot.find(['tea'])
    expect(() => {
      if (tea !== undefined) tea.price = 1
    }).toThrow(TypeError)
    expect(await snapshot.list()).toHaveLength(2)
    expect(await snapshot.find(['tea'])).toEqual([TEA])
  })

  it('steps aside for a catalogue larger than its limit: every lookup then reads the table', async () => {
    const source = table([COFFEE, TEA, product('cake', 900, 2)])
    const snapshot = new CatalogueSnapshot(source.lookup, 1000, 2, monotonic().now)
    expect(await snapshot.find(['tea'])).toEqual([TEA])
    source.setPrice('tea', 1500)
    expect(await snapshot.find(['tea'])).toEqual([{ ...TEA, price: 1500 }])
    expect(await snapshot.list()).toHaveLength(3)
    expect(source.reads).toEqual({ list: 2, find: 2 })
  })
})
