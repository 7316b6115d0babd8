import { afterEach, describe, expect, it } from 'vitest'

import { NOTIFICATION_DELAYS_MS, startSimulator, type RunningSimulator } from '../../src'
import { pause, startReceiver, waitFor, type Receiver } from '../support/http'
import { PAYER, createWechatOrder, orderView, walletPay } from '../support/orders'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function setUp(
  timeScale: number,
  answer: (n: number) => { status?: number; body: string },
): Promise<{ sim: RunningSimulator; receiver: Receiver }> {
  const sim = await startSimulator({ timeScale })
  const receiver = await startReceiver(answer)
  cleanups.push(
    () => sim.close(),
    () => receiver.close(),
  )
  return { sim, receiver }
}

async function paidOrder(sim: RunningSimulator, notifyUrl: string): Promise<string> {
  const order = await createWechatOrder(sim, { notify_url: notifyUrl })
  const paid = await walletPay(sim, order.cloudpay_param, PAYER, 'success')
  expect(paid.status).toBe(200)
  return order.order_no ?? ''
}

function recorded(sim: RunningSimulator, orderNo: string): number {
  return sim.state.findOrder(orderNo)?.notifications.length ?? 0
}

describe('notification schedule', () => {
  it('pushes 10 quick attempts 20 s apart, then every 30 min for 24 h, to a receiver that never acknowledges', async () => {
    const { sim, receiver } = await setUp(100_000, () => ({ body: 'no' }))
    const orderNo = await paidOrder(sim, receiver.url)

    await waitFor(() => recorded(sim, orderNo) >= 58, 15_000)
    await pause(100)
    const view = await orderView(sim, orderNo)

    expect(receiver.bodies).toHaveLength(58)
    expect(view.notifications).toHaveLength(58)
    const offsets = view.notifications.map((attempt) => attempt.planned_offset_ms)
    expect(offsets.slice(0, 10)).toEqual([
      0, 20_000, 40_000, 60_000, 80_000, 100_000, 120_000, 140_000, 160_000, 180_000,
    ])
    expect(offsets[10]).toBe(180_000 + 1_800_000)
    expect(offsets[57]).toBe(180_000 + 48 * 1_800_000)
    expect(view.notifications.every((attempt) => attempt.outcome === 'rejected')).toBe(true)
    expect(view.notifications[0]).toMatchObject({ attempt: 1, status: 200, body: 'no' })
    expect(NOTIFICATION_DELAYS_MS).toHaveLength(58)
  })

  it('stops after the receiver answers SUCCESS on the third attempt: exactly three deliveries', async () => {
    const { sim, receiver } = await setUp(1000, (n) => ({ body: n === 3 ? 'SUCCESS' : 'FAIL' }))
    const orderNo = await paidOrder(sim, receiver.url)

    await waitFor(() => recorded(sim, orderNo) >= 3)
    await pause(150) // the next attempt would be due 20 ms (scaled) later
    const view = await orderView(sim, orderNo)

    expect(receiver.bodies).toHaveLength(3)
    expect(view.notifications.map((attempt) => attempt.outcome)).toEqual([
      'rejected',
      'rejected',
      'acknowledged',
    ])
    expect(view.notifications[2]).toMatchObject({ attempt: 3, status: 200, body: 'SUCCESS' })
    expect(typeof view.notifications[2]?.at).toBe('string')
  })

  it('accepts OK (trimmed) as an acknowledgement', async () => {
    const { sim, receiver } = await setUp(1000, () => ({ body: ' OK\n' }))
    const orderNo = await paidOrder(sim, receiver.url)

    await waitFor(() => recorded(sim, orderNo) >= 1)
    await pause(100)

    expect(receiver.bodies).toHaveLength(1)
    expect((await orderView(sim, orderNo)).notifications[0]?.outcome).toBe('acknowledged')
  })

  it('does not take SUCCESS with an HTTP error status as an acknowledgement', async () => {
    const { sim, receiver } = await setUp(1000, (n) =>
      n === 1 ? { status: 500, body: 'SUCCESS' } : { body: 'SUCCESS' },
    )
    const orderNo = await paidOrder(sim, receiver.url)

    await waitFor(() => recorded(sim, orderNo) >= 2)
    await pause(100)

    const view = await orderView(sim, orderNo)
    expect(view.notifications.map((attempt) => [attempt.status, attempt.outcome])).toEqual([
      [500, 'rejected'],
      [200, 'acknowledged'],
    ])
  })

  it('sends the same PayResultInfo that Query answers', async () => {
    const { sim, receiver } = await setUp(1000, () => ({ body: 'SUCCESS' }))
    const orderNo = await paidOrder(sim, receiver.url)
    await waitFor(() => receiver.bodies.length >= 1)

    expect(receiver.bodies[0]).toMatchObject({
      transaction_status: 'SUCCESSED',
      order_no: orderNo,
      total_amount: 1000,
      cash_amount: 1000,
      buyer: PAYER,
    })
    expect(receiver.bodies[0]?.transaction_no).toMatch(/^4200\d{24}$/)
    // The receiver has the body before the simulator has read its answer.
    await waitFor(() => sim.state.stats.notifications.acknowledged === 1)
    expect(sim.state.stats.notifications).toEqual({ sent: 1, acknowledged: 1 })
  })

  it('records an unreachable receiver as an error and keeps trying', async () => {
    const sim = await startSimulator({ timeScale: 1000 })
    cleanups.push(() => sim.close())
    const orderNo = await paidOrder(sim, 'http://127.0.0.1:1/notify')

    await waitFor(() => recorded(sim, orderNo) >= 2)

    const first = (await orderView(sim, orderNo)).notifications[0]
    expect(first?.outcome).toBe('error')
    expect(first?.error).toBeTruthy()
  })
})

describe('notification faults', () => {
  it('drop: nothing reaches the receiver, each attempt is recorded as dropped', async () => {
    const { sim, receiver } = await setUp(1000, () => ({ body: 'SUCCESS' }))
    await fetch(`${sim.url}/__sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notifications: { drop: true } }),
    })
    const orderNo = await paidOrder(sim, receiver.url)

    await waitFor(() => recorded(sim, orderNo) >= 3)

    expect(receiver.bodies).toHaveLength(0)
    const view = await orderView(sim, orderNo)
    expect(view.notifications.slice(0, 3).map((attempt) => attempt.outcome)).toEqual([
      'dropped',
      'dropped',
      'dropped',
    ])
  })

  it('duplicate: each attempt is delivered N times', async () => {
    const { sim, receiver } = await setUp(1000, () => ({ body: 'SUCCESS' }))
    await fetch(`${sim.url}/__sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notifications: { duplicate: 4 } }),
    })
    const orderNo = await paidOrder(sim, receiver.url)

    await waitFor(() => recorded(sim, orderNo) >= 4)
    await pause(100)

    expect(receiver.bodies).toHaveLength(4)
    expect(new Set(receiver.bodies.map((body) => JSON.stringify(body))).size).toBe(1)
    const kinds = (await orderView(sim, orderNo)).notifications.map((attempt) => attempt.kind)
    expect(kinds.sort()).toEqual(['current', 'duplicate', 'duplicate', 'duplicate'])
  })

  it('reorder: a stale FAILED body arrives after the SUCCESSED one', async () => {
    const { sim, receiver } = await setUp(1000, () => ({ body: 'SUCCESS' }))
    await fetch(`${sim.url}/__sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notifications: { reorder: true } }),
    })
    await paidOrder(sim, receiver.url)

    await waitFor(() => receiver.bodies.length >= 2)

    expect(receiver.bodies.map((body) => body.transaction_status)).toEqual(['SUCCESSED', 'FAILED'])
  })

  it('delay: the first push waits for delay_ms', async () => {
    const { sim, receiver } = await setUp(1000, () => ({ body: 'SUCCESS' }))
    await fetch(`${sim.url}/__sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notifications: { delay_ms: 300 } }),
    })
    await paidOrder(sim, receiver.url)

    await pause(100)
    expect(receiver.bodies).toHaveLength(0)
    await waitFor(() => receiver.bodies.length >= 1)
  })
})
