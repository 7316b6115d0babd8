import type { Router } from '@koa/router'

import type { ProductsResponse } from '@quickpay/contracts'

import { strictRouter } from './strict-router'
import type { AppState } from '../app-state'
import { productImages } from '../catalogue/product-images'
import type { ProductLookup } from '../catalogue/catalogue-snapshot'

/** `GET /api/products`: the catalogue, prices in fen, pictures served by the BFF under versioned URLs. */
export function productRoutes(deps: { catalogue: ProductLookup }): Router<AppState> {
  const router = strictRouter()
  router.get('/api/products', async (ctx) => {
    const products = await deps.catalogue.list()
    const body: ProductsResponse = {
      products: products.map((product) => ({
        sku: product.sku,
        name: product.name,
        description: product.description,
        price: product.price,
        image_url: productImages.urlOf(product.sku),
      })),
    }
    ctx.body = body
  })
  return router
}
