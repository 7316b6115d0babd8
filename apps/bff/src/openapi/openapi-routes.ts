import type { Router } from '@koa/router'

import { strictRouter } from '../routes/strict-router'
import type { AppState } from '../app-state'

/**
 * `GET /openapi.json`: the OpenAPI 3.1 document, built once, on the first request. Not at start-up:
 * zod-openapi and the walk over every schema took some 25 ms of it (docs/performance.md, Start-up),
 * and the document depends only on the code and PUBLIC_BASE_URL (test/openapi builds it).
 */
export function openApiRoutes(publicBaseUrl: string): Router<AppState> {
  let body: Promise<string> | undefined
  const router = strictRouter()
  router.get('/openapi.json', async (ctx) => {
    body ??= import('./openapi-document').then(({ openApiDocument }) =>
      JSON.stringify(openApiDocument(publicBaseUrl)),
    )
    const text = await body
    ctx.type = 'application/json'
    ctx.body = text
  })
  return router
}
