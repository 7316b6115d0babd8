import { MAX_AMOUNT_FEN, type CreateOrderRequest } from '@quickpay/contracts'

import { errors } from '../errors/errors'
import type { ProductLookup } from '../catalogue/catalogue-snapshot'
import type { OrderLineRecord } from '../store/records'

/** A cart priced from the catalogue: the lines and their total in fen. */
export interface PricedCart {
  lines: OrderLineRecord[]
  amount: number
}

/** Prices the requested lines from the catalogue only; an unknown sku is a 400 naming the line. */
export async function priceCart(
  catalogue: ProductLookup,
  request: CreateOrderRequest,
): Promise<PricedCart> {
  const products = await catalogue.find(request.items.map((item) => item.sku))
  const bySku = new Map(products.map((product) => [product.sku, product]))
  const lines: OrderLineRecord[] = []
  let amount = 0
  for (const [index, item] of request.items.entries()) {
    const product = bySku.get(item.sku)
    if (product === undefined) throw errors.unknownProduct(index)
    lines.push({
      sku: product.sku,
      name: product.name,
      quantity: item.quantity,
      price: product.price,
    })
    amount += product.price * item.quantity
  }
  if (amount > MAX_AMOUNT_FEN) {
    throw errors.invalidField('items', `the total must be at most ${MAX_AMOUNT_FEN} fen`)
  }
  return { lines, amount }
}
