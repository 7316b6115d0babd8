import type { Router } from '@koa/router'

import { strictRouter } from '../routes/strict-router'
import type { AppState } from '../app-state'
import { openApiDocument } from './openapi-document'

/** `GET /openapi.json`: the OpenAPI 3.1 document, built once. */
export function openApiRoutes(publicBaseUrl: string): Router<AppState> {
  const body = JSON.stringify(openApiDocument(publicBaseUrl))
  const router = strictRouter()
  router.get('/openapi.json', (ctx) => {
    ctx.type = 'application/json'
    ctx.body = body
  })
  return router
}
