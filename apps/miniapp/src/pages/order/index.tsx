import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import type { ShopperOrder } from '@quickpay/contracts'
import { formatFen } from '@quickpay/contracts/engine-safe'
import { useState } from 'react'

import { ExpiryCountdown } from '../../components/expiry-countdown'
import { errorMessageOf } from '../../errors/error-message-of'
import { StoreError } from '../../errors/store-error'
import { formatTime } from '../../lib/format-time'
import { ORDER_STATUS_TEXT } from '../../payment/order-status-text'
import { REFUND_STATUS_TEXT } from '../../payment/refund-status-text'
import { ensurePayLanding } from '../../platform/pay'
import { services } from '../../services'
import './index.scss'

/**
 * One order: its status, lines, amount, 下单时间 / 支付时间, the time left to pay a pending one
 * (from the BFF) and the merchant's refunds. An order number that is not the shopper's reads
 * 订单不存在 like an unknown one.
 */
export default function OrderPage() {
  const router = useRouter()
  const orderNo = router.params.order_no ?? ''
  const [order, setOrder] = useState<ShopperOrder>()
  const [notFound, setNotFound] = useState(false)
  const [error, setError] = useState<string>()

  const show = (reason: unknown) => {
    if (reason instanceof StoreError && reason.code === 'LOGIN_REDIRECT') return
    if (reason instanceof StoreError && reason.code === 'ORDER_NOT_FOUND') setNotFound(true)
    else setError(errorMessageOf(reason))
  }
  const reload = () => {
    services.client.getOrder(orderNo).then(setOrder, show)
  }

  useDidShow(reload)

  const payNow = () => {
    const url = `/pages/pay/index?order_no=${encodeURIComponent(orderNo)}&autopay=1`
    if (ensurePayLanding(url)) void Taro.navigateTo({ url })
  }
  const cancel = () => {
    services.client.cancelOrder(orderNo).then(setOrder, show)
  }

  if (notFound) {
    return (
      <View className="page order">
        <View id="not-found" className="notice error">
          订单不存在
        </View>
      </View>
    )
  }
  const payable = order?.status === 'pending' && (order.seconds_to_expiry ?? 0) > 0
  return (
    <View className="page order">
      {error !== undefined && <View className="notice error">{error}</View>}
      {order === undefined && error === undefined && <View className="notice">加载中…</View>}
      {order !== undefined && (
        <View className="card">
          <View className="row">
            <Text className="muted">订单号</Text>
            <Text id="order-no">{order.order_no}</Text>
          </View>
          <View className="row">
            <Text className="muted">状态</Text>
            <Text id="order-status" data-status={order.status}>
              {ORDER_STATUS_TEXT[order.status]}
            </Text>
          </View>
          {order.status === 'pending' && order.seconds_to_expiry !== undefined && (
            <ExpiryCountdown
              secondsToExpiry={order.seconds_to_expiry}
              serverTime={order.server_time}
              onExpired={reload}
            />
          )}
          {order.items.map((item) => (
            <View key={item.sku} className="row">
              <Text className="line-name">
                {item.name} × {item.quantity}
              </Text>
              <Text>¥{formatFen(item.price * item.quantity)}</Text>
            </View>
          ))}
          <View className="row">
            <Text className="muted">订单金额</Text>
            <Text id="order-amount" className="price">
              ¥{formatFen(order.amount)}
            </Text>
          </View>
          <View className="row">
            <Text className="muted">下单时间</Text>
            <Text id="order-created">{formatTime(order.created_at)}</Text>
          </View>
          {order.paid_at !== undefined && (
            <View className="row">
              <Text className="muted">支付时间</Text>
              <Text id="order-paid">{formatTime(order.paid_at)}</Text>
            </View>
          )}
        </View>
      )}
      {order?.refunds !== undefined && order.refunds.length > 0 && (
        <View id="order-refunds" className="card">
          <View className="row">
            <Text className="muted">已退款金额</Text>
            <Text id="refunded-amount" className="price">
              ¥{formatFen(order.refunded_amount)}
            </Text>
          </View>
          {order.refunds.map((refund, index) => (
            <View
              key={`${refund.created_at}-${index}`}
              className="row refund"
              data-refund-status={refund.status}
            >
              <Text className="refund-state">
                {REFUND_STATUS_TEXT[refund.status]} ¥{formatFen(refund.amount)}
              </Text>
              <Text className="muted">
                {formatTime(refund.status === 'pending' ? refund.created_at : refund.updated_at)}
              </Text>
            </View>
          ))}
        </View>
      )}
      {payable && (
        <View>
          <Button id="pay-order" className="primary-button" onClick={payNow}>
            去支付
          </Button>
          <Button id="cancel-order" className="secondary-button" onClick={cancel}>
            取消订单
          </Button>
        </View>
      )}
    </View>
  )
}
