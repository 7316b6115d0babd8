import type { PaymentOutcome } from '@quickpay/contracts'
import { describe, expect, it } from 'vitest'

import { StoreError } from '../../src/errors/store-error'
import type { PayState } from '../../src/payment/pay-state'
import { createPaymentController } from '../../src/payment/payment-controller'
import { statusText } from '../../src/payment/status-text'
import type { PayResult } from '../../src/platform/platform-types'
import { fakeClock, scriptedBff } from '../support/fake-bff'

const ORDER_NO = 'Q20261125000000ABCDEFGHJK'

function setup(statuses: Parameters<typeof scriptedBff>[0], results: (PayResult | Error)[]) {
  const bff = scriptedBff(statuses)
  const clock = fakeClock()
  const states: PayState[] = []
  let payCalls = 0
  const controller = createPaymentController(ORDER_NO, {
    client: bff.client,
    pay: () => {
      const result = results[Math.min(payCalls, results.length - 1)]
      payCalls += 1
      if (result === undefined) return Promise.reject(new Error('no scripted result'))
      return result instanceof Error ? Promise.reject(result) : Promise.resolve(result)
    },
    sleep: clock.sleep,
    now: clock.now,
    onChange: (state) => states.push(state),
  })
  return { bff, clock, states, controller, payCalls: () => payCalls }
}

const result = (outcome: PaymentOutcome, raw: string = outcome): PayResult => ({ outcome, raw })

describe('the payment flow', () => {
  it('shows paid only after the BFF says paid, confirming while the client claimed paid and the BFF is pending', async () => {
    const { controller, states, bff } = setup(
      ['pending', 'pending', 'pending', 'paid'],
      [result('claimed_paid', 'requestPayment:ok')],
    )
    await controller.load(true)
    const phases = states.map((state) => state.phase)
    expect(phases.indexOf('paid')).toBe(phases.length - 1)
    expect(phases).toContain('confirming')
    expect(
      states
        .filter((state) => state.phase === 'confirming')
        .every((state) => state.order?.status === 'pending'),
    ).toBe(true)
    expect(statusText(states.at(-1) as PayState)).toBe('支付成功')
    expect(states.at(-1)?.order?.status).toBe('paid')
    expect(bff.calls.claims).toEqual([{ outcome: 'claimed_paid', raw: 'requestPayment:ok' }])
  })

  it('keeps confirming on unknown, polls with 1 s → 5 s backoff for about two minutes, then says check later', async () => {
    const { controller, states, clock } = setup(['pending'], [result('unknown', 'resultCode=6004')])
    await controller.load(true)
    expect(clock.waits.slice(0, 6)).toEqual([1000, 2000, 3000, 4000, 5000, 5000])
    expect(new Set(clock.waits.slice(4))).toEqual(new Set([5000]))
    expect(clock.elapsed()).toBeGreaterThanOrEqual(110_000)
    expect(clock.elapsed()).toBeLessThanOrEqual(130_000)
    const last = states.at(-1) as PayState
    expect(last.phase).toBe('still_confirming')
    expect(last.canPayAgain).toBe(false)
    expect(states.some((state) => state.phase === 'paid')).toBe(false)
    expect(states.filter((state) => state.phase === 'confirming').length).toBeGreaterThan(10)
  })

  it('turns an unknown result into paid when the BFF confirms it later', async () => {
    const { controller, states } = setup(
      ['pending', 'pending', 'pending', 'pending', 'pending', 'paid'],
      [result('unknown')],
    )
    await controller.load(true)
    expect(states.at(-1)?.phase).toBe('paid')
  })

  it('offers paying again after a cancelled sheet: the same order and the same idempotency key', async () => {
    const { controller, states, bff, payCalls } = setup(
      ['pending'],
      [result('cancelled', 'requestPayment:fail cancel'), result('claimed_paid')],
    )
    await controller.load(true)
    const cancelled = states.at(-1) as PayState
    expect(cancelled.phase).toBe('cancelled')
    expect(cancelled.canPayAgain).toBe(true)
    expect(statusText(cancelled)).toBe('支付已取消')
    expect(bff.calls.claims).toEqual([{ outcome: 'cancelled', raw: 'requestPayment:fail cancel' }])

    await controller.pay()
    expect(payCalls()).toBe(2)
    expect(bff.calls.paymentFor).toEqual([ORDER_NO, ORDER_NO])
  })

  it('shows failed while the order may still be pending, and offers another try', async () => {
    const { controller, states, clock } = setup(
      ['pending'],
      [result('failed', 'get_brand_wcpay_request:fail')],
    )
    await controller.load(true)
    const last = states.at(-1) as PayState
    expect(last.phase).toBe('failed')
    expect(statusText(last)).toBe('支付失败')
    expect(last.order?.status).toBe('pending')
    expect(last.canPayAgain).toBe(true)
    // The client's "fail" is only a hint: the BFF was still asked for a while.
    expect(clock.waits.length).toBeGreaterThan(5)
  })

  it('shows paid after a client "fail" when the BFF says the money moved', async () => {
    const { controller, states } = setup(['pending', 'paid'], [result('failed')])
    await controller.load(true)
    expect(states.at(-1)?.phase).toBe('paid')
  })

  it('shows 订单已关闭 when the BFF closed the order', async () => {
    const { controller, states } = setup(['pending', 'pending', 'closed'], [result('claimed_paid')])
    await controller.load(true)
    expect(statusText(states.at(-1) as PayState)).toBe('订单已关闭')
  })

  it('keeps polling through failed polls', async () => {
    const { controller, states } = setup(
      ['pending', 'error', 'error', 'paid'],
      [result('claimed_paid')],
    )
    await controller.load(true)
    expect(states.at(-1)?.phase).toBe('paid')
  })

  it('does not pay an order that is already paid', async () => {
    const { controller, states, payCalls } = setup(['paid'], [result('claimed_paid')])
    await controller.load(true)
    expect(payCalls()).toBe(0)
    expect(states.at(-1)?.phase).toBe('paid')
  })

  it('waits for the shopper when not asked to pay at once', async () => {
    const { controller, states, payCalls } = setup(['pending'], [result('claimed_paid')])
    await controller.load(false)
    expect(payCalls()).toBe(0)
    expect(states.at(-1)).toMatchObject({ phase: 'ready', canPayAgain: true })
  })

  it('reads 订单不存在 for an order the BFF does not show this shopper', async () => {
    const states: PayState[] = []
    const notFound = createPaymentController(ORDER_NO, {
      client: {
        getOrder: () => Promise.reject(new StoreError('ORDER_NOT_FOUND', { status: 404 })),
        paymentFor: () => Promise.reject(new Error('unused')),
        claim: () => Promise.resolve(),
      },
      pay: () => Promise.reject(new Error('unused')),
      sleep: () => Promise.resolve(),
      now: () => 0,
      onChange: (state) => states.push(state),
    })
    await notFound.load(true)
    expect(states.at(-1)?.phase).toBe('not_found')
    expect(statusText(states.at(-1) as PayState)).toBe('订单不存在')
  })

  it('shows the wallet error and keeps the pending order payable when the wallet cannot open', async () => {
    const { controller, states } = setup(['pending'], [new StoreError('UNSUPPORTED_BROWSER')])
    await controller.load(true)
    expect(states.at(-1)).toMatchObject({
      phase: 'error',
      message: '请在微信或支付宝中打开',
      canPayAgain: true,
    })
  })

  it('stops polling when the page is left', async () => {
    const { controller, clock, bff } = setup(['pending'], [result('unknown')])
    const running = controller.load(true)
    controller.stop()
    await running
    expect(bff.calls.getOrder).toBeLessThanOrEqual(2)
    expect(clock.waits).toEqual([])
  })
})
