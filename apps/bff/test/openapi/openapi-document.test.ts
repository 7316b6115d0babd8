import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { appRouters } from '../../src/app'
import { DOCUMENTED_ROUTES, openApiDocument } from '../../src/openapi/openapi-document'
import { startTestApp, type TestApp } from '../support/test-app'

interface DocumentedOperation {
  operationId?: string
  security?: unknown[]
  parameters?: unknown[]
  requestBody?: unknown
  responses: Record<string, unknown>
}

describe('the OpenAPI document', () => {
  let app: TestApp
  beforeAll(async () => {
    // SANDBOX is on in the test app, so the sandbox route is registered too.
    app = await startTestApp({ db: 'sqlite' })
  })
  afterAll(async () => {
    await app.close()
  })

  it('documents exactly the routes the routers register', () => {
    const { raw, parsed } = appRouters(app.deps)
    const registered = [...raw, ...parsed].flatMap((router) =>
      router.stack.flatMap((layer) =>
        layer.methods
          .filter((method) => method !== 'HEAD')
          .map((method) => `${method} ${String(layer.path).replace(/:(\w+)/g, '{$1}')}`),
      ),
    )
    expect([...registered].sort()).toEqual([...DOCUMENTED_ROUTES].sort())
  })

  it('names every operation once, states its security and documents its refusals', () => {
    const document = openApiDocument('http://127.0.0.1:3000') as unknown as {
      paths: Record<string, Record<string, DocumentedOperation>>
    }
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        route: `${method} ${path}`,
        operation,
      })),
    )
    expect(operations).toHaveLength(DOCUMENTED_ROUTES.length)
    const ids = operations.map(({ operation }) => operation.operationId)
    expect(new Set(ids).size).toBe(operations.length)
    for (const { route, operation } of operations) {
      expect(operation.operationId, route).toMatch(/^[a-z][A-Za-z]+$/)
      expect(Array.isArray(operation.security), route).toBe(true)
      // Whatever takes a token, a parameter or a body can be refused, and says how.
      const refusable =
        (operation.security?.length ?? 0) > 0 ||
        (operation.parameters?.length ?? 0) > 0 ||
        operation.requestBody !== undefined
      const refusals = Object.keys(operation.responses).filter((status) => /^4\d\d$/.test(status))
      if (refusable) expect(refusals.length, route).toBeGreaterThan(0)
      expect(operation.responses.default, route).toBeDefined()
    }
  })

  it('marks public operations with an empty security list and shopper ones with the session', () => {
    const document = openApiDocument('http://127.0.0.1:3000') as unknown as {
      paths: Record<string, Record<string, DocumentedOperation>>
    }
    expect(document.paths['/api/products']?.get?.security).toEqual([])
    expect(document.paths['/api/orders']?.post?.security).toEqual([{ session: [] }])
    expect(document.paths['/api/admin/orders']?.get?.security).toEqual([{ admin: [] }])
  })
})
