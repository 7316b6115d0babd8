import { createSign } from 'node:crypto'

/**
 * Builds a gateway answer `{"<key>":{…},"sign":"…"}` whose `sign` is the RSA2 signature of the exact
 * JSON text of the inner object, which is what `alipay-sdk` cuts out and verifies.
 */
export function signedGatewayResponse(key: string, content: object, privateKey: string): string {
  const inner = JSON.stringify(content)
  const sign = createSign('RSA-SHA256').update(inner, 'utf8').sign(privateKey, 'base64')
  return `{${JSON.stringify(key)}:${inner},"sign":${JSON.stringify(sign)}}`
}
