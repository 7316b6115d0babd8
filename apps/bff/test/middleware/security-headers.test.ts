import { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'

import helmet from 'helmet'
import { describe, expect, it } from 'vitest'

import {
  helmetOptions,
  recordHelmetHeaders,
  refusePerRequestDirectives,
  type SecurityHeadersOptions,
} from '../../src/middleware/security-headers'

/** What helmet itself leaves on a real Node response, header names lower-cased. */
function helmetOnARealResponse(options: Parameters<typeof helmet>[0]): Record<string, unknown> {
  const request = new IncomingMessage(new Socket())
  const response = new ServerResponse(request)
  response.setHeader('X-Powered-By', 'something')
  let error: unknown = 'not called'
  helmet(options)(request, response, (failure?: unknown) => {
    error = failure
  })
  expect(error).toBeUndefined()
  return response.getHeaders()
}

/** The same response, with the recorded list applied as `securityHeaders` applies it. */
function recordedOnARealResponse(options: SecurityHeadersOptions): Record<string, unknown> {
  const response = new ServerResponse(new IncomingMessage(new Socket()))
  response.setHeader('X-Powered-By', 'something')
  const { set, removed } = recordHelmetHeaders(options)
  for (const name of removed) response.removeHeader(name)
  for (const [name, value] of set) response.setHeader(name, value)
  return response.getHeaders()
}

describe('security headers worked out once', () => {
  const deployments: SecurityHeadersOptions[] = [
    { https: false, staticDir: undefined, mode: 'enforce' },
    { https: true, staticDir: undefined, mode: 'enforce' },
    { https: true, staticDir: undefined, mode: 'report-only' },
  ]

  it.each(deployments)('equal what helmet itself sets on a response (%o)', (options) => {
    const recorded = recordedOnARealResponse(options)
    const csp =
      options.mode === 'report-only'
        ? 'content-security-policy-report-only'
        : 'content-security-policy'
    expect(recorded[csp]).toContain("default-src 'self'")
    expect(recorded['x-powered-by']).toBeUndefined()
    expect(Boolean(recorded['strict-transport-security'])).toBe(options.https)
    const direct = helmetOnARealResponse(helmetOptions(options))
    expect(recorded).toEqual(direct)
  })

  it('refuses a CSP directive worked out per request, which one recording would freeze', () => {
    const settings = helmetOptions({ https: false, staticDir: undefined, mode: 'enforce' })
    expect(() => refusePerRequestDirectives(settings)).not.toThrow()
    const withNonce = {
      contentSecurityPolicy: {
        directives: { scriptSrc: ["'self'", () => "'nonce-abc'"] },
      },
    }
    expect(() => refusePerRequestDirectives(withNonce)).toThrow(/scriptSrc depends on the request/)
  })
})
