import type { Router } from '@koa/router'

import { strictRouter } from './strict-router'
import type { AppState } from '../app-state'
import { DEMO_CATALOGUE } from '../catalogue/demo-catalogue'
import { productImageSvg } from '../catalogue/product-image'

/** `GET /images/<sku>.svg`: the demo products' illustrations, drawn once at start. */
export function imageRoutes(): Router<AppState> {
  const images = new Map(
    DEMO_CATALOGUE.map((product) => [`${product.sku}.svg`, productImageSvg(product)]),
  )
  const router = strictRouter()
  router.get('/images/:file', (ctx) => {
    const svg = images.get(ctx.params.file ?? '')
    if (svg === undefined) return
    ctx.type = 'image/svg+xml'
    ctx.set('Cache-Control', 'public, max-age=86400')
    ctx.body = svg
  })
  return router
}
