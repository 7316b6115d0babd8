import { generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'

import { AlipaySdk } from 'alipay-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  SIMULATOR_DEFAULTS,
  SIMULATOR_FIXTURES,
  startSimulator,
  type RunningSimulator,
} from '../../src'
import { postJson } from '../support/http'
import { callAggregator, newOrderNo } from '../support/orders'

const appPrivateKey = readFileSync(SIMULATOR_FIXTURES.alipayAppPrivateKeyPath, 'utf8')
const alipayPublicKey = readFileSync(SIMULATOR_FIXTURES.alipayPublicKeyPath, 'utf8')

function sdkFor(sim: RunningSimulator, privateKey = appPrivateKey): AlipaySdk {
  return new AlipaySdk({
    appId: SIMULATOR_DEFAULTS.alipay.appid,
    privateKey,
    keyType: 'PKCS8',
    alipayPublicKey,
    gateway: `${sim.url}/gateway.do`,
  })
}

async function mint(
  sim: RunningSimulator,
  user: string,
): Promise<{ code: string; openid: string }> {
  const { body } = await postJson<{ code: string; openid: string }>(
    `${sim.url}/__sim/login-codes`,
    {
      channel: 'alipay-miniprogram',
      user,
    },
  )
  return body
}

function token(sdk: AlipaySdk, code: string): Promise<Record<string, unknown>> {
  return sdk.exec(
    'alipay.system.oauth.token',
    { grant_type: 'authorization_code', code },
    { validateSign: true },
  )
}

describe('alipay.system.oauth.token through the real alipay-sdk', () => {
  let sim: RunningSimulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(() => sim.close())

  it('returns the 2088 user_id the code was minted for, with a signature the SDK verifies', async () => {
    const { code, openid } = await mint(sim, 'erin')

    const result = await token(sdkFor(sim), code)

    expect(openid).toMatch(/^2088\d{12}$/)
    expect(result.userId).toBe(openid)
    expect(result).not.toHaveProperty('openId')
    expect(result.accessToken).toEqual(expect.any(String))
    expect(result.authStart).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
  })

  it('refuses a replayed code with 40002 isv.code-invalid', async () => {
    const { code } = await mint(sim, 'frank')
    const sdk = sdkFor(sim)
    await token(sdk, code)

    const replay = (await sdk.exec('alipay.system.oauth.token', {
      grant_type: 'authorization_code',
      code,
    })) as Record<string, unknown>

    expect(replay).toMatchObject({
      code: '40002',
      msg: 'Invalid Arguments',
      subCode: 'isv.code-invalid',
    })
    expect(replay).not.toHaveProperty('userId')
  })

  it('refuses a request signed with another key with 40002 isv.invalid-signature', async () => {
    const { code } = await mint(sim, 'gina')
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    })

    const result = await token(sdkFor(sim, privateKey), code)

    expect(result).toMatchObject({ code: '40002', subCode: 'isv.invalid-signature' })
    // The code was not spent by the refused call.
    expect((await token(sdkFor(sim), code)).userId).toEqual(expect.any(String))
  })

  it('the authorize page redirects back with auth_code, app_id and state', async () => {
    const query = new URLSearchParams({
      app_id: SIMULATOR_DEFAULTS.alipay.appid,
      scope: 'auth_base',
      redirect_uri: 'http://127.0.0.1:3000/login',
      state: 'xyz',
      sim_user: 'hana',
    })
    const response = await fetch(`${sim.url}/oauth2/publicAppAuthorize.htm?${query.toString()}`, {
      redirect: 'manual',
    })

    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location') ?? '')
    expect(location.searchParams.get('app_id')).toBe(SIMULATOR_DEFAULTS.alipay.appid)
    expect(location.searchParams.get('state')).toBe('xyz')
    const result = await token(sdkFor(sim), location.searchParams.get('auth_code') ?? '')
    expect(result.userId).toBe((await mint(sim, 'hana')).openid)
  })
})

describe('Alipay open_id mode', () => {
  let sim: RunningSimulator
  beforeAll(async () => {
    sim = await startSimulator({ alipayOpenIdMode: true })
  })
  afterAll(() => sim.close())

  it('answers open_id and no user_id', async () => {
    const { code, openid } = await mint(sim, 'ivan')

    const result = await token(sdkFor(sim), code)

    expect(openid).not.toMatch(/^2088/)
    expect(result.openId).toBe(openid)
    expect(result).not.toHaveProperty('userId')
  })

  it('takes that open_id as the openid of an Alipay JSAPIPay', async () => {
    const { openid } = await mint(sim, 'judy')

    const created = await callAggregator(sim, 'QuickPay/JSAPIPay', {
      store_no: SIMULATOR_DEFAULTS.storeNo,
      paytype: 21,
      appid: '',
      openid,
      amount: 100,
      order_no: newOrderNo(),
    })

    expect(created.code).toBe('SUCCESS')
    expect(created.data?.paytype).toBe('ALIPAY_JSAPI')
  })
})
