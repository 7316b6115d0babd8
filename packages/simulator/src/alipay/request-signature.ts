import { createVerify } from 'node:crypto'

/**
 * Checks an OpenAPI 2.0 gateway request's RSA2 signature as Alipay does: every parameter except
 * `sign` and empty values, sorted by name, joined as `k=v` with `&` (values not URL-encoded),
 * verified with SHA256withRSA against the app's public key.
 */
export function isGatewayRequestSigned(params: Record<string, string>, publicKey: string): boolean {
  const sign = params.sign
  if (!sign) return false
  const text = Object.keys(params)
    .filter((name) => name !== 'sign' && params[name] !== '')
    .sort()
    .map((name) => `${name}=${params[name] ?? ''}`)
    .join('&')
  try {
    return createVerify('RSA-SHA256').update(text, 'utf8').verify(publicKey, sign, 'base64')
  } catch {
    return false
  }
}
