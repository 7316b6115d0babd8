import { describe, expect, it } from 'vitest'

import { SettledCopies } from '../../src/services/settled-copies'

describe('SettledCopies', () => {
  it('names a copy by its exact bytes: the text itself up to 4 KiB, a digest beyond', () => {
    const body = '{"order_no":"Q1"}'
    expect(SettledCopies.keyOf(body)).toBe(body)
    expect(SettledCopies.keyOf('{"order_no": "Q1"}')).not.toBe(SettledCopies.keyOf(body))
    const large = 'x'.repeat(64 * 1024)
    expect(SettledCopies.keyOf(large)).toMatch(/^sha256:[A-Za-z0-9+/]{43}=$/)
    expect(SettledCopies.keyOf(`${large}y`)).not.toBe(SettledCopies.keyOf(large))
  })

  it('remembers only what it was told, dropping the oldest copies past its bound in characters', () => {
    const copies = new SettledCopies(10)
    expect(copies.has('aaaa')).toBe(false)
    copies.remember('aaaa')
    copies.remember('bbbb')
    copies.remember('aaaa') // already there: neither added twice nor moved
    expect(copies.size).toBe(2)
    copies.remember('cccc') // 12 characters: the oldest goes
    expect(copies.has('aaaa')).toBe(false)
    expect(copies.has('bbbb')).toBe(true)
    expect(copies.has('cccc')).toBe(true)
    expect(copies.size).toBe(2)
  })

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new SettledCopies(0)).toThrow(RangeError)
    expect(() => new SettledCopies(1.5)).toThrow(RangeError)
  })
})
