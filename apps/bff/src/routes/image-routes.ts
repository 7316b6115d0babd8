import type { Router } from '@koa/router'

import { strictRouter } from './strict-router'
import type { AppState } from '../app-state'
import { productImages, type ProductImages } from '../catalogue/product-images'

/** A year: the most a cache is asked to keep anything. */
const ONE_YEAR_SECONDS = 31_536_000

/**
 * `GET /images/<sku>.<version>.png`: the product pictures. The name carries a hash of the bytes,
 * so an answer never changes and may be cached for a year without asking again (`immutable`).
 */
export function imageRoutes(images: ProductImages = productImages): Router<AppState> {
  const router = strictRouter()
  router.get('/images/:file', (ctx) => {
    const bytes = images.file(ctx.params.file ?? '')
    if (bytes === undefined) return
    ctx.type = 'image/png'
    ctx.set('Cache-Control', `public, max-age=${ONE_YEAR_SECONDS}, immutable`)
    ctx.body = bytes
  })
  return router
}
