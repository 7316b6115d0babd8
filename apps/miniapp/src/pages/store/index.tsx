import { Button, Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import type { Product } from '@quickpay/contracts'
import { formatFen } from '@quickpay/contracts/engine-safe'
import { useState } from 'react'

import { errorMessageOf } from '../../errors/error-message-of'
import { services } from '../../services'
import './index.scss'

/** The catalogue: a grid of products with images and prices, each with 加入购物车. */
export default function StorePage() {
  const [products, setProducts] = useState<Product[]>()
  const [error, setError] = useState<string>()
  const [count, setCount] = useState(0)

  useLoad(() => {
    services.client
      .listProducts()
      .then(setProducts, (reason: unknown) => setError(errorMessageOf(reason)))
  })
  useDidShow(() => setCount(services.cart.count()))

  const add = (sku: string) => {
    services.cart.add(sku)
    setCount(services.cart.count())
    void Taro.showToast({ title: '已加入购物车', icon: 'none', duration: 800 })
  }

  return (
    <View className="page store">
      {error !== undefined && (
        <View id="store-error" className="notice error">
          {error}
        </View>
      )}
      {products === undefined && error === undefined && <View className="notice">加载中…</View>}
      <View id="product-list" className="grid">
        {products?.map((product) => (
          <View key={product.sku} id={`product-${product.sku}`} className="product">
            <Image
              className="product-image"
              src={services.assetUrl(product.image_url)}
              mode="widthFix"
              lazyLoad
              nativeProps={{ loading: 'lazy', alt: product.name }}
            />
            <Text className="product-name">{product.name}</Text>
            <Text className="product-description">{product.description}</Text>
            <View className="product-footer">
              <Text className="price">¥{formatFen(product.price)}</Text>
              <Button className="add" size="mini" onClick={() => add(product.sku)}>
                加入购物车
              </Button>
            </View>
          </View>
        ))}
      </View>
      <View className="bottom-bar">
        <View
          id="go-orders"
          className="bar-link"
          onClick={() => void Taro.navigateTo({ url: '/pages/orders/index' })}
        >
          我的订单
        </View>
        <View
          id="go-cart"
          className="bar-primary"
          onClick={() => void Taro.navigateTo({ url: '/pages/cart/index' })}
        >
          购物车 <Text id="cart-count">{count}</Text>
        </View>
      </View>
    </View>
  )
}
