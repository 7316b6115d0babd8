import { describe, expect, it } from 'vitest'

import { SettledCopies } from '../../src/services/settled-copies'

describe('SettledCopies', () => {
  it('names a copy by its order and its exact bytes', () => {
    const key = SettledCopies.keyOf('Q1', '{"order_no":"Q1"}')
    expect(SettledCopies.keyOf('Q1', '{"order_no":"Q1"}')).toBe(key)
    expect(SettledCopies.keyOf('Q1', '{"order_no": "Q1"}')).not.toBe(key)
    expect(SettledCopies.keyOf('Q2', '{"order_no":"Q1"}')).not.toBe(key)
    // A 64 KiB body is remembered by its digest, not by its bytes.
    expect(SettledCopies.keyOf('Q1', 'x'.repeat(64 * 1024)).length).toBeLessThan(64)
  })

  it('remembers only what it was told, up to its bound, dropping the least recently seen', () => {
    const copies = new SettledCopies(2)
    expect(copies.has('a')).toBe(false)
    copies.remember('a')
    copies.remember('b')
    expect(copies.has('a')).toBe(true) // a is now the most recently seen
    copies.remember('c')
    expect(copies.size).toBe(2)
    expect(copies.has('b')).toBe(false)
    expect(copies.has('a')).toBe(true)
    expect(copies.has('c')).toBe(true)
  })

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new SettledCopies(0)).toThrow(RangeError)
    expect(() => new SettledCopies(1.5)).toThrow(RangeError)
  })
})
