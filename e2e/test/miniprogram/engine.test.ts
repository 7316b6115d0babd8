import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { scanSource } from '../../support/miniprogram/bundle-scan'
import { createEngine, type Engine } from '../../support/miniprogram/engine-context'
import { MiniProgram } from '../../support/miniprogram/mini-program'
import type { FunctionVariant, Platform } from '../../support/miniprogram/platform'

function engine(platform: Platform, variant: FunctionVariant = 'throws'): Engine {
  return createEngine(platform, variant, {}, () => undefined, { lines: [], errors: [] })
}

const run = (e: Engine, code: string) => e.run(code, 'test.js')

describe('the imitation engines', () => {
  it.each(['weapp', 'alipay'] as const)('%s has no browser or Node globals', (platform) => {
    const e = engine(platform)
    for (const name of [
      'window',
      'document',
      'fetch',
      'XMLHttpRequest',
      'URL',
      'TextEncoder',
      'AbortController',
      'localStorage',
      'process',
      'require',
      'Buffer',
      'setImmediate',
      'structuredClone',
      'queueMicrotask',
    ])
      expect(run(e, `typeof ${name}`), name).toBe('undefined')
    // Alipay's engine alone has a navigator (Taro's Alipay runtime reads its userAgent at load).
    expect(run(e, 'typeof navigator')).toBe(platform === 'alipay' ? 'object' : 'undefined')
    expect(run(e, 'typeof setTimeout(function () {}, 0)')).toBe('number')
    expect(() => run(e, 'setTimeout("1 + 1", 0)')).toThrow(TypeError)
    e.dispose()
  })

  it('Alipay: globalThis and global are undeclared (ReferenceError on use, typeof says undefined)', () => {
    const e = engine('alipay')
    expect(run(e, 'typeof globalThis')).toBe('undefined')
    expect(run(e, 'typeof global')).toBe('undefined')
    expect(() => run(e, 'globalThis.__zod_globalConfig ??= {}')).toThrow(
      'globalThis is not defined',
    )
    expect(() => run(e, '(function () { "use strict"; return global })()')).toThrow(
      'global is not defined',
    )
    e.dispose()
  })

  it('WeChat keeps globalThis but has no `global`', () => {
    const e = engine('weapp')
    expect(run(e, 'typeof globalThis')).toBe('object')
    expect(run(e, 'typeof global')).toBe('undefined')
    e.dispose()
  })

  it.each(['weapp', 'alipay'] as const)('%s refuses eval and new Function', (platform) => {
    const e = engine(platform)
    expect(() => run(e, 'eval("1 + 1")')).toThrow(/Code generation from strings disallowed/)
    expect(() => run(e, 'new Function("return 1")')).toThrow(
      /Code generation from strings disallowed/,
    )
    expect(() => run(e, '(function () {}).constructor("return 1")')).toThrow(/Code generation/)
    e.dispose()
  })

  it("WeChat's second variant: Function returns instead of throwing, and what it builds cannot run", () => {
    const e = engine('weapp', 'returns-undefined')
    expect(run(e, 'Function("return 1")')).toBeUndefined()
    expect(run(e, 'try { new Function(""); "no error" } catch (e) { "threw" }')).toBe('no error')
    expect(() => run(e, 'new Function("return 1")()')).toThrow(/is not a function/)
    expect(run(e, '(function () {}) instanceof Function')).toBe(true)
    expect(() => run(e, 'eval("1")')).toThrow(/Code generation/)
    e.dispose()
  })
})

function fakeBuild(pageCode: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'quickpay-fake-mini-'))
  writeFileSync(join(dir, 'app.json'), JSON.stringify({ pages: ['index'] }))
  writeFileSync(join(dir, 'app.js'), 'App({})')
  writeFileSync(join(dir, 'index.js'), pageCode)
  writeFileSync(
    join(dir, 'base.axml'),
    '<template name="tmpl_0_9">\n  <block>{{i.v}}</block>\n</template>',
  )
  return dir
}

describe('load-time errors', () => {
  const system = { bffUrl: 'http://127.0.0.1:9', simulatorUrl: 'http://127.0.0.1:9' }

  it('a module that touches globalThis on Alipay fails the launch with its message and file', async () => {
    const distDir = fakeBuild('globalThis.__zod_globalConfig = {}; Page({ data: {} })')
    await expect(MiniProgram.launch({ platform: 'alipay', distDir, ...system })).rejects.toThrow(
      /index\.js: ReferenceError: globalThis is not defined/,
    )
  })

  it('an error thrown by a page lifecycle fails the launch', async () => {
    const distDir = fakeBuild(
      'Page({ data: {}, onLoad: function () { new Function("return 1") } })',
    )
    await expect(MiniProgram.launch({ platform: 'alipay', distDir, ...system })).rejects.toThrow(
      /index onLoad: EvalError: Code generation from strings disallowed/,
    )
  })
})

describe('the bundle scan', () => {
  it('reports unguarded globalThis / global and code generation, wherever they hide in an expression', () => {
    const found = scanSource(
      'var s=null===(e=globalThis.__zod_globalConfig)||void 0===e?void 0:e;' +
        'function R(){return global.crypto}' +
        'var f=new Function("return 1");eval("x");Function("y")',
    ).map((hazard) => hazard.what)
    expect(found).toEqual(['globalThis', 'global', 'new Function(…)', 'eval(…)', 'Function(…)'])
  })

  it("leaves guarded uses, strings, comments and property names alone (webpack's global getter)", () => {
    const webpackGlobal =
      'r.g=function(){if("object"===typeof globalThis)return globalThis;try{return this||new Function("return this")()}catch(n){if("object"===typeof window)return window}}();'
    expect(
      scanSource(
        `${webpackGlobal}/* globalThis eval( */var a="new Function(";x.global=1;x.globalThis=2;var o={global:1};` +
          'typeof global!=="undefined"&&global.x',
      ),
    ).toEqual([])
  })
})
