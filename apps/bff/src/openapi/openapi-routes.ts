import { Router } from '@koa/router'

import type { AppState } from '../app-state'
import { openApiDocument } from './openapi-document'

/** `GET /openapi.json`: the OpenAPI 3.1 document, built once. */
export function openApiRoutes(publicBaseUrl: string): Router<AppState> {
  const body = JSON.stringify(openApiDocument(publicBaseUrl))
  const router = new Router<AppState>()
  router.get('/openapi.json', (ctx) => {
    ctx.type = 'application/json'
    ctx.body = body
  })
  return router
}
