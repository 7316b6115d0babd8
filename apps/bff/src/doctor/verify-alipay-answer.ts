import { createVerify, type KeyObject } from 'node:crypto'

/** An Alipay gateway answer taken apart: which key held the content, the content, and whether its signature verifies. */
export interface AlipayAnswer {
  key: string
  content: Record<string, unknown>
  /** True when signed and verified, false when signed and not verified, undefined when unsigned. */
  verified: boolean | undefined
}

/**
 * Reads a raw gateway answer `{"<method>_response" | "error_response": {…}, "sign": "…"}` and
 * verifies its RSA2 signature over the exact text of the inner object, which is what Alipay signs
 * (alipay-sdk verifies only the method's key; an `error_response` is checked here the same way).
 */
export function verifyAlipayAnswer(
  raw: string,
  method: string,
  publicKey: KeyObject,
): AlipayAnswer | undefined {
  let parsed: Record<string, unknown>
  try {
    parsed = JSON.parse(raw) as Record<string, unknown>
  } catch {
    return undefined
  }
  const methodKey = `${method.replaceAll('.', '_')}_response`
  const key =
    methodKey in parsed ? methodKey : 'error_response' in parsed ? 'error_response' : undefined
  const content = key === undefined ? undefined : parsed[key]
  if (key === undefined || typeof content !== 'object' || content === null) return undefined
  const sign = parsed.sign
  if (typeof sign !== 'string')
    return { key, content: content as Record<string, unknown>, verified: undefined }
  const start = raw.indexOf('{', raw.indexOf(`"${key}"`) + key.length + 2)
  const end = raw.lastIndexOf('"sign"')
  const signed = raw.slice(start, raw.lastIndexOf('}', end) + 1)
  let verified = false
  try {
    verified = createVerify('RSA-SHA256').update(signed, 'utf8').verify(publicKey, sign, 'base64')
  } catch {
    verified = false
  }
  return { key, content: content as Record<string, unknown>, verified }
}
