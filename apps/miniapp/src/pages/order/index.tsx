import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import type { Order } from '@quickpay/contracts'
import { formatFen } from '@quickpay/contracts/engine-safe'
import { useState } from 'react'

import { errorMessageOf } from '../../errors/error-message-of'
import { StoreError } from '../../errors/store-error'
import { ORDER_STATUS_TEXT } from '../../payment/order-status-text'
import { ensurePayLanding } from '../../platform/pay'
import { services } from '../../services'
import './index.scss'

/** One order; an order number that is not the shopper's reads 订单不存在 like an unknown one. */
export default function OrderPage() {
  const router = useRouter()
  const orderNo = router.params.order_no ?? ''
  const [order, setOrder] = useState<Order>()
  const [notFound, setNotFound] = useState(false)
  const [error, setError] = useState<string>()

  const show = (reason: unknown) => {
    if (reason instanceof StoreError && reason.code === 'LOGIN_REDIRECT') return
    if (reason instanceof StoreError && reason.code === 'ORDER_NOT_FOUND') setNotFound(true)
    else setError(errorMessageOf(reason))
  }

  useDidShow(() => {
    services.client.getOrder(orderNo).then(setOrder, show)
  })

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
          {order.items.map((item) => (
            <View key={item.sku} className="row">
              <Text>
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
          {order.paid_at !== undefined && (
            <View className="row">
              <Text className="muted">支付时间</Text>
              <Text>{order.paid_at}</Text>
            </View>
          )}
        </View>
      )}
      {order?.status === 'pending' && (
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
