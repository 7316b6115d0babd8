import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import { wechatPayParamsSchema } from '@quickpay/contracts'
import { parseCloudpayParam } from '@quickpay/contracts/engine-safe'

import { WECHAT_PAY_PARAMS } from './support/wechat-pay-params'

const folder = resolve(import.meta.dirname, '../src/engine-safe')
const sources = readdirSync(folder)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') }))

const wechat = WECHAT_PAY_PARAMS

describe('the engine-safe entry (what mini-program code may import as values)', () => {
  it('imports nothing from outside its own folder (no zod, no library)', () => {
    for (const { name, text } of sources) {
      const specifiers = [...text.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1])
      for (const specifier of specifiers) expect(`${name}: ${specifier}`).toMatch(/: \.\/[a-z-]+$/)
    }
  })

  it('names neither globalThis, global, eval nor Function', () => {
    for (const { name, text } of sources) {
      const code = text.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '')
      expect(`${name}: ${code}`).not.toMatch(/\bglobalThis\b|\bglobal\b|\beval\b|\bFunction\(/)
    }
  })

  it('converts an integer timeStamp to its digits, in the parser and in the zod schema alike', () => {
    const numeric = { ...wechat, timeStamp: 1764100000 }
    expect(parseCloudpayParam(11, JSON.stringify(numeric))).toEqual({
      wallet: 'wechat',
      params: wechat,
    })
    expect(wechatPayParamsSchema.parse(numeric)).toEqual(wechat)
  })

  it.each([
    ['a fraction', 1764100000.5],
    ['a negative number', -1],
    ['letters', '17641x'],
    ['fourteen digits', '17641000000000'],
  ])('refuses a timeStamp that is %s, in both', (_what, timeStamp) => {
    const value = JSON.stringify({ ...wechat, timeStamp })
    expect(() => parseCloudpayParam(11, value)).toThrow('timeStamp must be a string of digits')
    expect(wechatPayParamsSchema.safeParse({ ...wechat, timeStamp }).success).toBe(false)
  })

  it.each(Object.keys(wechat))('agrees with the zod schema when %s is missing', (field) => {
    const params: Record<string, unknown> = { ...wechat }
    delete params[field]
    expect(() => parseCloudpayParam(11, JSON.stringify(params))).toThrow(field)
    expect(wechatPayParamsSchema.safeParse(params).success).toBe(false)
  })
})
