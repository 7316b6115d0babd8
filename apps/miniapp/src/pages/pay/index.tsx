import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter, useUnload } from '@tarojs/taro'
import type { WalletOutcome, WalletPayResponse } from '@quickpay/contracts'
import { formatFen, SETTLED_STATUSES } from '@quickpay/contracts/engine-safe'
import { useEffect, useRef, useState } from 'react'

import { ExpiryCountdown } from '../../components/expiry-countdown'
import { SandboxCashier } from '../../components/sandbox-cashier'
import { errorMessageOf } from '../../errors/error-message-of'
import type { PayState } from '../../payment/pay-state'
import { createPaymentController, type PaymentController } from '../../payment/payment-controller'
import { statusText } from '../../payment/status-text'
import { ensurePayLanding, pay } from '../../platform/pay'
import { sleep } from '../../lib/sleep'
import { services } from '../../services'
import './index.scss'

interface PendingCashier {
  resolve: (answer: WalletPayResponse) => void
  reject: (reason: unknown) => void
}

/**
 * The pay page: opens the wallet for one order, then shows only what the BFF says
 * (确认中… → 支付成功 / 支付失败 / 订单已关闭) and offers 重新支付 for the same order.
 */
export default function PayPage() {
  const router = useRouter()
  const orderNo = router.params.order_no ?? ''
  const payPageUrl = `/pages/pay/index?order_no=${encodeURIComponent(orderNo)}&autopay=1`
  const [state, setState] = useState<PayState>({ phase: 'loading', canPayAgain: false })
  const [cashierOpen, setCashierOpen] = useState(false)
  const [cashierBusy, setCashierBusy] = useState(false)
  const controller = useRef<PaymentController>()
  const cashier = useRef<PendingCashier>()

  useLoad(() => {
    const autopay = router.params.autopay === '1'
    // H5: the document must have landed on this page before paying (see pay-page-landing.ts).
    if (autopay && !ensurePayLanding(payPageUrl)) return
    services.client.getConfig().then(
      (config) => {
        controller.current = createPaymentController(orderNo, {
          client: services.client,
          pay: (no, payment) =>
            pay({
              orderNo: no,
              payment,
              config,
              cashier: () =>
                new Promise<WalletPayResponse>((resolve, reject) => {
                  cashier.current = { resolve, reject }
                  setCashierOpen(true)
                }),
            }),
          sleep,
          now: Date.now,
          onChange: setState,
        })
        void controller.current.load(autopay)
      },
      (reason: unknown) =>
        setState({ phase: 'error', message: errorMessageOf(reason), canPayAgain: false }),
    )
  })
  useUnload(() => controller.current?.stop())

  const status = state.order?.status
  useEffect(() => {
    // A settled order ends its checkout attempt: the next checkout gets a new key.
    if (status !== undefined && SETTLED_STATUSES.includes(status)) services.checkout.finish(orderNo)
  }, [status, orderNo])

  const pick = async (outcome: WalletOutcome) => {
    const pending = cashier.current
    if (pending === undefined) return
    setCashierBusy(true)
    try {
      pending.resolve(await services.client.sandboxPay(orderNo, outcome))
    } catch (reason) {
      pending.reject(reason)
    } finally {
      cashier.current = undefined
      setCashierBusy(false)
      setCashierOpen(false)
    }
  }

  // The time left shows while the order waits for the shopper (not while a payment is being
  // confirmed); at zero the controller asks the BFF again, which decides that it is closed.
  const pending = state.order?.status === 'pending' ? state.order : undefined
  const waiting = state.phase === 'ready' || state.phase === 'cancelled' || state.phase === 'failed'
  const expired = pending?.seconds_to_expiry === 0
  const reload = () => void controller.current?.load(false)

  const payAgain = () => {
    if (!ensurePayLanding(payPageUrl)) return
    void controller.current?.pay()
  }

  return (
    <View className="page pay">
      <View className="card pay-summary">
        <Text
          id="order-status"
          className={`status status-${state.phase}`}
          data-status={status ?? ''}
          data-phase={state.phase}
        >
          {statusText(state)}
        </Text>
        {state.order !== undefined && (
          <View className="amount-row">
            <Text className="muted">应付金额</Text>
            <Text id="order-amount" className="price amount">
              ¥{formatFen(state.order.amount)}
            </Text>
          </View>
        )}
        {pending?.seconds_to_expiry !== undefined && waiting && (
          <ExpiryCountdown
            secondsToExpiry={pending.seconds_to_expiry}
            serverTime={pending.server_time}
            onExpired={reload}
          />
        )}
        <Text id="order-no" className="muted">
          订单号 {orderNo}
        </Text>
        {state.phase === 'not_found' && (
          <View id="not-found" className="notice error">
            订单不存在
          </View>
        )}
        {state.phase === 'failed' && state.order?.status === 'pending' && (
          <Text className="muted">订单仍可支付；若已扣款，结果会自动更新</Text>
        )}
      </View>
      {state.phase === 'ready' && !expired && (
        <Button id="pay-now" className="primary-button" onClick={payAgain}>
          立即支付
        </Button>
      )}
      {state.canPayAgain && state.phase !== 'ready' && !expired && (
        <Button id="pay-again" className="primary-button" onClick={payAgain}>
          重新支付
        </Button>
      )}
      <Button
        id="view-orders"
        className="secondary-button"
        onClick={() => void Taro.redirectTo({ url: '/pages/orders/index' })}
      >
        查看我的订单
      </Button>
      <Button
        id="back-to-store"
        className="secondary-button"
        onClick={() => void Taro.reLaunch({ url: '/pages/store/index' })}
      >
        继续购物
      </Button>
      {cashierOpen && (
        <SandboxCashier
          amount={state.order?.amount}
          busy={cashierBusy}
          onPick={(outcome) => void pick(outcome)}
        />
      )}
    </View>
  )
}
