import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SIMULATOR_DEFAULTS, startSimulator, type RunningSimulator } from '../../src'
import { postJson } from '../support/http'

const MP = SIMULATOR_DEFAULTS.wechatMiniprogram
const OA = SIMULATOR_DEFAULTS.wechatOfficialAccount

let now = Date.UTC(2026, 10, 25, 12, 0, 0)
let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator({ clock: () => now })
})
afterAll(() => sim.close())

async function mint(
  channel: string,
  extra: Record<string, unknown> = {},
): Promise<{ code: string; openid: string }> {
  const { status, body } = await postJson<{ code: string; openid: string }>(
    `${sim.url}/__sim/login-codes`,
    { channel, ...extra },
  )
  expect(status).toBe(200)
  return body
}

async function jscode2session(
  code: string,
  app: { appid: string; secret: string } = MP,
): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({
    appid: app.appid,
    secret: app.secret,
    js_code: code,
    grant_type: 'authorization_code',
  })
  const response = await fetch(`${sim.url}/sns/jscode2session?${query.toString()}`)
  return (await response.json()) as Record<string, unknown>
}

async function oauthToken(
  code: string,
  app: { appid: string; secret: string } = OA,
): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({
    appid: app.appid,
    secret: app.secret,
    code,
    grant_type: 'authorization_code',
  })
  const response = await fetch(`${sim.url}/sns/oauth2/access_token?${query.toString()}`)
  return (await response.json()) as Record<string, unknown>
}

describe('WeChat jscode2session', () => {
  it('exchanges a code once for the openid the code was minted with', async () => {
    const { code, openid } = await mint('wechat-miniprogram', { user: 'alice' })

    const first = await jscode2session(code)
    const second = await jscode2session(code)

    expect(first.openid).toBe(openid)
    expect(first.session_key).toEqual(expect.any(String))
    expect(openid).toMatch(/^o[0-9A-Za-z]{27}$/)
    expect(second).toMatchObject({ errcode: 40029 })
    expect(String(second.errmsg)).toMatch(/invalid code/)
  })

  it('maps the same user to the same openid per app, and to another openid in another app', async () => {
    const a = await mint('wechat-miniprogram', { user: 'bob' })
    const b = await mint('wechat-miniprogram', { user: 'bob' })
    const c = await mint('wechat-official-account', { user: 'bob' })

    expect(a.openid).toBe(b.openid)
    expect(c.openid).not.toBe(a.openid)
  })

  it('refuses a code minted for another appid (40029)', async () => {
    const { code } = await mint('wechat-official-account')

    expect(await jscode2session(code)).toMatchObject({ errcode: 40029 })
  })

  it('refuses a wrong secret (40125) without using up the code', async () => {
    const { code } = await mint('wechat-miniprogram')

    expect(await jscode2session(code, { appid: MP.appid, secret: 'wrong' })).toMatchObject({
      errcode: 40125,
    })
    expect(await jscode2session(code)).toHaveProperty('openid')
  })

  it('refuses an unknown code and a code older than 5 minutes (40029)', async () => {
    const { code } = await mint('wechat-miniprogram')
    now += 5 * 60_000

    expect(await jscode2session(code)).toMatchObject({ errcode: 40029 })
    expect(await jscode2session('never-minted')).toMatchObject({ errcode: 40029 })
  })
})

describe('WeChat official account OAuth', () => {
  it('answers the openid with snsapi_base scope, and is_snapshotuser for a snapshot user', async () => {
    const normal = await mint('wechat-official-account', { user: 'carol' })
    const snapshot = await mint('wechat-official-account', { user: 'carol', snapshot: true })

    const normalToken = await oauthToken(normal.code)
    const snapshotToken = await oauthToken(snapshot.code)

    expect(normalToken).toMatchObject({
      openid: normal.openid,
      expires_in: 7200,
      scope: 'snsapi_base',
    })
    expect(normalToken).not.toHaveProperty('is_snapshotuser')
    expect(snapshotToken).toMatchObject({ is_snapshotuser: 1 })
    expect(await oauthToken(normal.code)).toMatchObject({ errcode: 40029 })
  })

  it('refuses a wrong secret (40125) and a mini-program code (40029)', async () => {
    const oaCode = await mint('wechat-official-account')
    const mpCode = await mint('wechat-miniprogram')

    expect(await oauthToken(oaCode.code, { appid: OA.appid, secret: 'x' })).toMatchObject({
      errcode: 40125,
    })
    expect(await oauthToken(mpCode.code)).toMatchObject({ errcode: 40029 })
  })

  it('the authorize page redirects back with a code and the state, for the sim_user chosen', async () => {
    const query = new URLSearchParams({
      appid: OA.appid,
      redirect_uri: 'http://127.0.0.1:3000/login?from=wx',
      response_type: 'code',
      scope: 'snsapi_base',
      state: 's1',
      sim_user: 'dave',
    })
    const response = await fetch(`${sim.url}/connect/oauth2/authorize?${query.toString()}`, {
      redirect: 'manual',
    })
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location') ?? '')
    expect(location.origin + location.pathname).toBe('http://127.0.0.1:3000/login')
    expect(location.searchParams.get('from')).toBe('wx')
    expect(location.searchParams.get('state')).toBe('s1')

    const token = await oauthToken(location.searchParams.get('code') ?? '')
    const dave = await mint('wechat-official-account', { user: 'dave' })
    expect(token.openid).toBe(dave.openid)
  })

  it("the authorize page takes the shopper from the browser's sim_user cookie when no query names one", async () => {
    const query = new URLSearchParams({
      appid: OA.appid,
      redirect_uri: 'http://127.0.0.1:3000/',
      response_type: 'code',
      scope: 'snsapi_base',
    })
    const asErin = await fetch(`${sim.url}/connect/oauth2/authorize?${query.toString()}`, {
      redirect: 'manual',
      headers: { cookie: 'sim_user=erin' },
    })
    const asDefault = await fetch(`${sim.url}/connect/oauth2/authorize?${query.toString()}`, {
      redirect: 'manual',
    })
    const codeOf = (response: Response) =>
      new URL(response.headers.get('location') ?? '').searchParams.get('code') ?? ''
    const erin = await mint('wechat-official-account', { user: 'erin' })
    expect((await oauthToken(codeOf(asErin))).openid).toBe(erin.openid)
    expect((await oauthToken(codeOf(asDefault))).openid).not.toBe(erin.openid)
  })

  it('the authorize page refuses the mini-program appid', async () => {
    const query = new URLSearchParams({
      appid: MP.appid,
      redirect_uri: 'http://127.0.0.1:3000/',
      response_type: 'code',
      scope: 'snsapi_base',
    })
    const response = await fetch(`${sim.url}/connect/oauth2/authorize?${query.toString()}`, {
      redirect: 'manual',
    })
    expect(response.status).toBe(400)
  })
})
