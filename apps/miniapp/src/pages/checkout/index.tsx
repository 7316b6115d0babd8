import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { Product } from '@quickpay/contracts'
import { formatFen } from '@quickpay/contracts/engine-safe'
import { useState } from 'react'

import type { CartLine } from '../../cart/cart-store'
import { errorMessageOf } from '../../errors/error-message-of'
import { StoreError } from '../../errors/store-error'
import { ensurePayLanding } from '../../platform/pay'
import { services } from '../../services'
import './index.scss'
import { disabledProps } from '../../lib/disabled-props'

/**
 * Checkout: the lines at catalogue prices, then 提交订单并支付 creates the order with this
 * attempt's Idempotency-Key and moves to the pay page, which shows the amount the BFF charged.
 */
export default function CheckoutPage() {
  const [lines, setLines] = useState<CartLine[]>([])
  const [catalogue, setCatalogue] = useState<Map<string, Product>>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  useLoad(() => {
    setLines(services.cart.lines())
    services.client.listProducts().then(
      (products) => setCatalogue(new Map(products.map((product) => [product.sku, product]))),
      (reason: unknown) => setError(errorMessageOf(reason)),
    )
    // Log in before the shopper taps pay: on H5 this may be a round trip through OAuth.
    services.client.ensureSession().catch((reason: unknown) => {
      if (!(reason instanceof StoreError && reason.code === 'LOGIN_REDIRECT'))
        setError(errorMessageOf(reason))
    })
  })

  const estimate = lines.reduce(
    (sum, line) => sum + (catalogue?.get(line.sku)?.price ?? 0) * line.quantity,
    0,
  )

  const submit = async () => {
    setBusy(true)
    setError(undefined)
    try {
      const attempt = services.checkout.begin(services.cart.orderRequest())
      const { order } = await services.client.createOrder(attempt.body, attempt.key)
      services.checkout.attachOrder(order.order_no)
      services.cart.clear()
      const url = `/pages/pay/index?order_no=${encodeURIComponent(order.order_no)}&autopay=1`
      // On H5 this reloads the document at the pay page (payment-directory rule) and stops here.
      if (ensurePayLanding(url)) await Taro.redirectTo({ url })
    } catch (reason) {
      if (!(reason instanceof StoreError && reason.code === 'LOGIN_REDIRECT'))
        setError(errorMessageOf(reason))
      setBusy(false)
    }
  }

  return (
    <View className="page checkout">
      <View id="checkout-lines" className="card">
        {lines.map((line) => {
          const product = catalogue?.get(line.sku)
          return (
            <View key={line.sku} className="row checkout-line">
              <Text>
                {product?.name ?? line.sku} × {line.quantity}
              </Text>
              <Text className="price">
                {product === undefined ? '' : `¥${formatFen(product.price * line.quantity)}`}
              </Text>
            </View>
          )
        })}
        <View className="row">
          <Text className="muted">预计合计（以订单金额为准）</Text>
          {catalogue !== undefined && (
            <Text id="checkout-estimate" className="price">
              ¥{formatFen(estimate)}
            </Text>
          )}
        </View>
      </View>
      {error !== undefined && (
        <View id="checkout-error" className="notice error">
          {error}
        </View>
      )}
      <Button
        id="pay-button"
        className="primary-button"
        loading={busy}
        {...disabledProps(busy || lines.length === 0)}
        onClick={() => void submit()}
      >
        提交订单并支付
      </Button>
    </View>
  )
}
