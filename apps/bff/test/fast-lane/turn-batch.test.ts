import { describe, expect, it } from 'vitest'

import { turnBatch } from '../../src/fast-lane/turn-batch'

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('turnBatch', () => {
  it('runs the work queued in one turn together at its end, in order, and each once', async () => {
    const ran: string[] = []
    const inTurnBatch = turnBatch(() => ran.push('error'))
    inTurnBatch(() => ran.push('a'))
    inTurnBatch(() => ran.push('b'))
    // Nothing runs in the turn that queued it, not even after the microtasks.
    await Promise.resolve()
    expect(ran).toEqual([])
    await nextTurn()
    expect(ran).toEqual(['a', 'b'])
    // Work queued later is a new batch.
    inTurnBatch(() => ran.push('c'))
    await nextTurn()
    expect(ran).toEqual(['a', 'b', 'c'])
  })

  it('hands a throw to onError and still runs the rest of the batch', async () => {
    const errors: unknown[] = []
    const ran: string[] = []
    const inTurnBatch = turnBatch((error) => errors.push(error))
    inTurnBatch(() => {
      throw new Error('first fails')
    })
    inTurnBatch(() => ran.push('second'))
    await nextTurn()
    expect(ran).toEqual(['second'])
    expect(errors).toEqual([new Error('first fails')])
  })
})
