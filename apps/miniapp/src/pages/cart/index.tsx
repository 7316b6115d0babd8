import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { Product } from '@quickpay/contracts'
import { formatFen } from '@quickpay/contracts/engine-safe'
import { useState } from 'react'

import type { CartLine } from '../../cart/cart-store'
import { errorMessageOf } from '../../errors/error-message-of'
import { services } from '../../services'
import './index.scss'
import { disabledProps } from '../../lib/disabled-props'

/** The cart: lines with catalogue prices, quantity steppers and 去结算. */
export default function CartPage() {
  const [lines, setLines] = useState<CartLine[]>([])
  const [catalogue, setCatalogue] = useState<Map<string, Product>>()
  const [error, setError] = useState<string>()

  useDidShow(() => {
    setLines(services.cart.lines())
    services.client.listProducts().then(
      (products) => setCatalogue(new Map(products.map((product) => [product.sku, product]))),
      (reason: unknown) => setError(errorMessageOf(reason)),
    )
  })

  const change = (sku: string, quantity: number) => {
    services.cart.setQuantity(sku, quantity)
    setLines(services.cart.lines())
  }
  // An estimate only: the BFF prices the order from its catalogue.
  const estimate = lines.reduce(
    (sum, line) => sum + (catalogue?.get(line.sku)?.price ?? 0) * line.quantity,
    0,
  )

  return (
    <View className="page cart">
      {error !== undefined && <View className="notice error">{error}</View>}
      {lines.length === 0 && (
        <View id="cart-empty" className="notice">
          购物车是空的
        </View>
      )}
      {lines.map((line) => {
        const product = catalogue?.get(line.sku)
        return (
          <View key={line.sku} id={`cart-line-${line.sku}`} className="card cart-line">
            <View className="line-info">
              <Text className="line-name">{product?.name ?? line.sku}</Text>
              <Text className="price">
                {product === undefined ? '' : `¥${formatFen(product.price)}`}
              </Text>
            </View>
            <View className="stepper">
              <View className="step minus" onClick={() => change(line.sku, line.quantity - 1)}>
                −
              </View>
              <Text className="quantity">{line.quantity}</Text>
              <View className="step plus" onClick={() => change(line.sku, line.quantity + 1)}>
                +
              </View>
            </View>
          </View>
        )
      })}
      <View className="bottom-bar">
        <Text>
          预计合计{' '}
          <Text id="cart-total" className="price">
            ¥{formatFen(estimate)}
          </Text>
        </Text>
        <Button
          id="cart-checkout"
          className="bar-primary"
          {...disabledProps(lines.length === 0)}
          onClick={() => void Taro.navigateTo({ url: '/pages/checkout/index' })}
        >
          去结算
        </Button>
      </View>
    </View>
  )
}
