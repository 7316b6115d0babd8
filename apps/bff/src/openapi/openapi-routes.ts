import type { Router } from '@koa/router'

import { strictRouter } from '../routes/strict-router'
import type { AppState } from '../app-state'
import { onFirstUse } from '../on-first-use'

/**
 * `GET /openapi.json`: the OpenAPI 3.1 document, built once, on the first request. Not at start-up:
 * zod-openapi and the walk over every schema took some 25 ms of it (docs/performance.md, Start-up),
 * and the document depends only on the code and PUBLIC_BASE_URL (test/openapi builds it).
 */
export function openApiRoutes(publicBaseUrl: string): Router<AppState> {
  const body = onFirstUse(() =>
    import('./openapi-document').then(({ openApiDocument }) =>
      JSON.stringify(openApiDocument(publicBaseUrl)),
    ),
  )
  const router = strictRouter()
  router.get('/openapi.json', async (ctx) => {
    const text = await body()
    ctx.type = 'application/json'
    ctx.body = text
  })
  return router
}
