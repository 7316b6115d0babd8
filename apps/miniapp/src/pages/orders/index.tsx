import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { Order } from '@quickpay/contracts'
import { formatFen } from '@quickpay/contracts/engine-safe'
import { useState } from 'react'

import { errorMessageOf } from '../../errors/error-message-of'
import { StoreError } from '../../errors/store-error'
import { ORDER_STATUS_TEXT } from '../../payment/order-status-text'
import { services } from '../../services'
import './index.scss'

/** My orders, newest first, as the BFF reports them. */
export default function OrdersPage() {
  const [orders, setOrders] = useState<Order[]>()
  const [error, setError] = useState<string>()

  useDidShow(() => {
    services.client.listOrders().then(setOrders, (reason: unknown) => {
      if (!(reason instanceof StoreError && reason.code === 'LOGIN_REDIRECT'))
        setError(errorMessageOf(reason))
    })
  })

  return (
    <View className="page orders">
      {error !== undefined && <View className="notice error">{error}</View>}
      {orders?.length === 0 && (
        <View id="orders-empty" className="notice">
          还没有订单
        </View>
      )}
      <View id="order-list">
        {orders?.map((order) => (
          <View
            key={order.order_no}
            id={`order-${order.order_no}`}
            className="card order-item"
            data-status={order.status}
            onClick={() =>
              void Taro.navigateTo({
                url: `/pages/order/index?order_no=${encodeURIComponent(order.order_no)}`,
              })
            }
          >
            <View className="row">
              <Text className="muted">{order.order_no}</Text>
              <Text className={`order-status status-${order.status}`}>
                {ORDER_STATUS_TEXT[order.status]}
              </Text>
            </View>
            <View className="row">
              <Text>{order.items.map((item) => `${item.name} × ${item.quantity}`).join('，')}</Text>
              <Text className="price">¥{formatFen(order.amount)}</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}
