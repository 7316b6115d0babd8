import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'

import type { AlipaySdk } from 'alipay-sdk'

import type { Env } from '../env'

/** The two Alipay keys as the BFF would use them, or why they cannot be used. */
export type AlipayKeys =
  | { kind: 'unset' }
  | { kind: 'unusable'; reason: string; fix: string }
  | {
      kind: 'usable'
      privateKeyPem: string
      alipayPublicKeyPem: string
      privateKey: KeyObject
      alipayPublicKey: KeyObject
    }

function read(path: string, setting: string): string {
  try {
    return readFileSync(path, 'utf8').trim()
  } catch (error) {
    const code = (error as { code?: unknown }).code
    throw new Error(
      `${setting} (${path}) cannot be read (${typeof code === 'string' ? code : 'error'})`,
    )
  }
}

/**
 * Reads ALIPAY_PRIVATE_KEY_FILE and ALIPAY_PUBLIC_KEY_FILE and puts them into PEM form the way the
 * BFF's `alipay-sdk` does (keyType PKCS8: a bare base64 body, as Alipay's key tool writes it, is
 * wrapped), then parses both with node:crypto. Messages name files, never key material.
 */
export async function loadAlipayKeys(env: Env): Promise<AlipayKeys> {
  const privatePath = env.ALIPAY_PRIVATE_KEY_FILE
  const publicPath = env.ALIPAY_PUBLIC_KEY_FILE
  if (privatePath === undefined && publicPath === undefined) return { kind: 'unset' }
  if (privatePath === undefined || publicPath === undefined) {
    const missing = privatePath === undefined ? 'ALIPAY_PRIVATE_KEY_FILE' : 'ALIPAY_PUBLIC_KEY_FILE'
    return {
      kind: 'unusable',
      reason: `${missing} is not set; Alipay logins need both key files`,
      fix: `Set ${missing}, or unset both to turn Alipay off.`,
    }
  }
  let privateText: string
  let publicText: string
  try {
    privateText = read(privatePath, 'ALIPAY_PRIVATE_KEY_FILE')
    publicText = read(publicPath, 'ALIPAY_PUBLIC_KEY_FILE')
  } catch (error) {
    return {
      kind: 'unusable',
      reason: (error as Error).message,
      fix: 'Make the file readable by the BFF’s user, or correct the path (relative paths start at the working directory).',
    }
  }
  // Loaded when the doctor runs, not at the BFF's start (identity/alipay-login.ts says why).
  const { AlipaySdk } = await import('alipay-sdk')
  let sdk: AlipaySdk
  try {
    sdk = new AlipaySdk({
      appId: env.ALIPAY_APPID,
      privateKey: privateText,
      alipayPublicKey: publicText,
      keyType: 'PKCS8',
      gateway: env.ALIPAY_GATEWAY_URL,
    })
  } catch {
    return {
      kind: 'unusable',
      reason: 'alipay-sdk refused the keys',
      fix: 'Use the PEM files from Alipay’s key tool (应用私钥 PKCS8, 支付宝公钥).',
    }
  }
  let privateKey: KeyObject
  try {
    privateKey = createPrivateKey(sdk.config.privateKey)
  } catch {
    const pkcs1 = privateText.includes('BEGIN RSA PRIVATE KEY')
    return {
      kind: 'unusable',
      reason: `ALIPAY_PRIVATE_KEY_FILE (${privatePath}) is not a ${pkcs1 ? 'PKCS#8' : 'readable'} RSA private key${pkcs1 ? ' (it is PKCS#1, "BEGIN RSA PRIVATE KEY")' : ''}`,
      fix: pkcs1
        ? `Convert it: openssl pkcs8 -topk8 -nocrypt -in ${privatePath} -out app-private-pkcs8.pem, and point ALIPAY_PRIVATE_KEY_FILE at the result.`
        : 'Point ALIPAY_PRIVATE_KEY_FILE at the app’s private key (应用私钥) from Alipay’s key tool.',
    }
  }
  let alipayPublicKey: KeyObject
  try {
    alipayPublicKey = createPublicKey(sdk.config.alipayPublicKey)
  } catch {
    return {
      kind: 'unusable',
      reason: `ALIPAY_PUBLIC_KEY_FILE (${publicPath}) is not a readable public key`,
      fix: 'Copy 支付宝公钥 (Alipay’s public key, not the app’s) from open.alipay.com → your app → 开发设置 → 接口加签方式 into that file.',
    }
  }
  return {
    kind: 'usable',
    privateKeyPem: sdk.config.privateKey,
    alipayPublicKeyPem: sdk.config.alipayPublicKey,
    privateKey,
    alipayPublicKey,
  }
}
