import { createPublicKey, createSign, createVerify } from 'node:crypto'

import type { Env } from '../env'
import { line, type DoctorCheck } from './doctor-check'
import type { AlipayKeys } from './load-alipay-keys'

const SETTINGS = ['ALIPAY_PRIVATE_KEY_FILE', 'ALIPAY_PUBLIC_KEY_FILE'] as const

/**
 * The two Alipay files are not one key pair: the app's private key (应用私钥) signs requests and
 * pairs with the app public key uploaded to Alipay; Alipay's public key (支付宝公钥) verifies
 * answers and pairs with a key only Alipay holds. So the local check is: the private key is RSA
 * of at least 2048 bits and signs and verifies an RSA-SHA256 probe against its own public half, and
 * the "Alipay public key" is not that same public half (the usual mix-up of the two public keys).
 * Whether each belongs to the app at Alipay is the gateway line's question.
 */
export function checkAlipayKeys(env: Env, keys: AlipayKeys): DoctorCheck {
  if (keys.kind === 'unset') {
    return line(
      'alipay-keys',
      SETTINGS,
      'unknown',
      'no Alipay key files are set, so Alipay logins answer 503.',
      'If the store takes Alipay, set ALIPAY_PRIVATE_KEY_FILE and ALIPAY_PUBLIC_KEY_FILE.',
    )
  }
  if (keys.kind === 'unusable')
    return line('alipay-keys', SETTINGS, 'fail', `${keys.reason}.`, keys.fix)
  const details = keys.privateKey.asymmetricKeyDetails
  if (keys.privateKey.asymmetricKeyType !== 'rsa' || (details?.modulusLength ?? 0) < 2048) {
    return line(
      'alipay-keys',
      SETTINGS,
      'fail',
      `ALIPAY_PRIVATE_KEY_FILE is ${keys.privateKey.asymmetricKeyType ?? 'an unknown key'} of ${details?.modulusLength ?? '?'} bits; RSA2 needs RSA of 2048 bits or more.`,
      'Generate an RSA2 (2048) key pair with Alipay’s key tool and upload the public half.',
    )
  }
  const appPublicKey = createPublicKey(keys.privateKey)
  const probe = `quickpay doctor ${env.ALIPAY_APPID} ${Date.now()}`
  const signature = createSign('RSA-SHA256').update(probe, 'utf8').sign(keys.privateKey)
  if (!createVerify('RSA-SHA256').update(probe, 'utf8').verify(appPublicKey, signature)) {
    return line(
      'alipay-keys',
      SETTINGS,
      'fail',
      'the private key does not verify its own RSA-SHA256 signature.',
      'Regenerate the key pair.',
    )
  }
  const sameKey = appPublicKey
    .export({ type: 'spki', format: 'der' })
    .equals(keys.alipayPublicKey.export({ type: 'spki', format: 'der' }))
  if (sameKey) {
    return line(
      'alipay-keys',
      SETTINGS,
      'fail',
      'ALIPAY_PUBLIC_KEY_FILE holds the app’s own public key (应用公钥), the public half of ALIPAY_PRIVATE_KEY_FILE, not Alipay’s public key.',
      'Copy 支付宝公钥 (shown after uploading the app public key, open.alipay.com → your app → 开发设置 → 接口加签方式) into ALIPAY_PUBLIC_KEY_FILE.',
    )
  }
  return line(
    'alipay-keys',
    SETTINGS,
    'ok',
    `the private key is RSA ${details?.modulusLength ?? ''} and signs an RSA-SHA256 probe that its public half verifies; the Alipay public key is a different, well-formed key.`,
  )
}
