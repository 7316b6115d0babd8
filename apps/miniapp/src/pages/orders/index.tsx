import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { OrderTab, ShopperOrder } from '@quickpay/contracts'
import { formatFen } from '@quickpay/contracts/engine-safe'
import { useRef, useState } from 'react'

import { errorMessageOf } from '../../errors/error-message-of'
import { StoreError } from '../../errors/store-error'
import { formatTime } from '../../lib/format-time'
import { ORDER_STATUS_TEXT } from '../../payment/order-status-text'
import { services } from '../../services'
import './index.scss'

const TABS: readonly { tab: OrderTab; label: string }[] = [
  { tab: 'all', label: '全部' },
  { tab: 'pending', label: '待支付' },
  { tab: 'paid', label: '已支付' },
  { tab: 'refund', label: '退款' },
]

/** H5 has no native pull-down gesture in a browser tab, so it shows a 刷新 button instead. */
const SHOW_REFRESH_BUTTON = process.env.TARO_ENV === 'h5'

/**
 * My orders: tabs 全部 / 待支付 / 已支付 / 退款 filtered by the BFF, newest first, one page at a
 * time (more at the bottom: 加载更多 or scrolling there), refreshed by pulling down (刷新 on H5).
 */
export default function OrdersPage() {
  const [tab, setTab] = useState<OrderTab>('all')
  const [orders, setOrders] = useState<ShopperOrder[]>()
  const [nextCursor, setNextCursor] = useState<string>()
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string>()
  // Only the latest request's answer is shown: a slow answer for an earlier tab is dropped.
  const latest = useRef(0)

  const load = async (which: OrderTab, cursor?: string): Promise<void> => {
    const mine = ++latest.current
    setLoading(true)
    try {
      const page = await services.client.listOrders({
        tab: which,
        ...(cursor === undefined ? {} : { cursor }),
      })
      if (mine !== latest.current) return
      setError(undefined)
      setOrders((shown) =>
        cursor === undefined ? page.orders : [...(shown ?? []), ...page.orders],
      )
      setNextCursor(page.next_cursor)
    } catch (reason) {
      if (mine !== latest.current) return
      if (!(reason instanceof StoreError && reason.code === 'LOGIN_REDIRECT'))
        setError(errorMessageOf(reason))
    } finally {
      if (mine === latest.current) setLoading(false)
    }
  }

  const choose = (which: OrderTab) => {
    setTab(which)
    setOrders(undefined)
    setNextCursor(undefined)
    void load(which)
  }
  const more = () => {
    if (nextCursor !== undefined && !loading) void load(tab, nextCursor)
  }

  useDidShow(() => void load(tab))
  usePullDownRefresh(() => {
    void load(tab).finally(() => void Taro.stopPullDownRefresh())
  })
  useReachBottom(more)

  return (
    <View className="page orders">
      <View id="order-tabs" className="tabs">
        {TABS.map((item) => (
          <View
            key={item.tab}
            id={`tab-${item.tab}`}
            className={`tab${item.tab === tab ? ' active' : ''}`}
            data-active={item.tab === tab ? 'true' : 'false'}
            onClick={() => choose(item.tab)}
          >
            {item.label}
          </View>
        ))}
        {SHOW_REFRESH_BUTTON && (
          <View id="orders-refresh" className="tab refresh" onClick={() => void load(tab)}>
            刷新
          </View>
        )}
      </View>
      {error !== undefined && <View className="notice error">{error}</View>}
      {orders === undefined && error === undefined && <View className="notice">加载中…</View>}
      {orders?.length === 0 && (
        <View id="orders-empty" className="notice">
          {tab === 'all' ? '还没有订单' : '没有这类订单'}
        </View>
      )}
      <View id="order-list" data-tab={tab} data-loading={loading ? 'true' : 'false'}>
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
              <Text className="muted">{formatTime(order.created_at)}</Text>
              <Text className={`order-status status-${order.status}`}>
                {ORDER_STATUS_TEXT[order.status]}
              </Text>
            </View>
            <View className="row">
              <Text className="order-lines">
                {order.items.map((item) => `${item.name} × ${item.quantity}`).join('，')}
              </Text>
              <Text className="price">¥{formatFen(order.amount)}</Text>
            </View>
            {order.refunded_amount > 0 && (
              <View className="row">
                <Text className="muted">已退款</Text>
                <Text className="refunded">¥{formatFen(order.refunded_amount)}</Text>
              </View>
            )}
          </View>
        ))}
      </View>
      {nextCursor !== undefined && (
        <Button id="load-more" className="secondary-button" onClick={more}>
          {loading ? '加载中…' : '加载更多'}
        </Button>
      )}
      {orders !== undefined && orders.length > 0 && nextCursor === undefined && (
        <View id="orders-end" className="notice">
          没有更多了
        </View>
      )}
    </View>
  )
}
