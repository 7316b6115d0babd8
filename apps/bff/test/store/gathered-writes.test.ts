import { describe, expect, it } from 'vitest'

import { gatherWrites, MAX_GATHERED_WRITES } from '../../src/store/gathered-writes'

interface Write {
  orderNo: string
  /** Whether the write's guard matches (the order is as its creator saw it). */
  asSeen: boolean
}

/** A gatherer that records the statements it was asked to run; `fail` makes every one fail. */
function recorded(fail = false) {
  const calls: { one: string[]; many: string[][] } = { one: [], many: [] }
  const write = gatherWrites<Write, boolean>({
    keyOf: (input) => input.orderNo,
    writeOne: (input) => {
      calls.one.push(input.orderNo)
      if (fail) return Promise.reject(new Error('connection lost'))
      return Promise.resolve(input.asSeen)
    },
    writeMany: (inputs) => {
      calls.many.push(inputs.map((input) => input.orderNo))
      if (fail) return Promise.reject(new Error('connection lost'))
      return Promise.resolve(inputs.map((input) => input.asSeen))
    },
  })
  return { write, calls }
}

describe('gatherWrites', () => {
  it('runs a write alone in its turn as the one-input statement', async () => {
    const { write, calls } = recorded()
    expect(await write({ orderNo: 'A', asSeen: true })).toBe(true)
    expect(await write({ orderNo: 'B', asSeen: false })).toBe(false)
    expect(calls).toEqual({ one: ['A', 'B'], many: [] })
  })

  it('runs the writes of one turn as one statement, each answered whether its own input was written', async () => {
    const { write, calls } = recorded()
    const answers = await Promise.all([
      write({ orderNo: 'A', asSeen: true }),
      write({ orderNo: 'B', asSeen: false }),
      write({ orderNo: 'C', asSeen: true }),
    ])
    expect(answers).toEqual([true, false, true])
    expect(calls).toEqual({ one: [], many: [['A', 'B', 'C']] })
  })

  it('never puts two writes of one key in one statement', async () => {
    const { write, calls } = recorded()
    const answers = await Promise.all([
      write({ orderNo: 'A', asSeen: true }),
      write({ orderNo: 'B', asSeen: true }),
      write({ orderNo: 'A', asSeen: false }),
    ])
    expect(answers).toEqual([true, true, false])
    expect(calls).toEqual({ one: ['A'], many: [['A', 'B']] })
  })

  it('splits a turn with more writes than one statement takes', async () => {
    const { write, calls } = recorded()
    const inputs = Array.from({ length: MAX_GATHERED_WRITES + 3 }, (_, index) => ({
      orderNo: `N${index}`,
      asSeen: index % 2 === 0,
    }))
    const answers = await Promise.all(inputs.map((input) => write(input)))
    expect(answers).toEqual(inputs.map((input) => input.asSeen))
    expect(calls.many.map((orderNos) => orderNos.length)).toEqual([MAX_GATHERED_WRITES, 3])
  })

  it('fails every write of a statement that failed, alone or gathered', async () => {
    const { write } = recorded(true)
    await expect(write({ orderNo: 'A', asSeen: true })).rejects.toThrow('connection lost')
    const together = [write({ orderNo: 'A', asSeen: true }), write({ orderNo: 'B', asSeen: true })]
    for (const answer of together) await expect(answer).rejects.toThrow('connection lost')
  })
})
