/**
 * A `node:vm` context shaped like a mini-program's JS engine: only ECMAScript built-ins, the
 * platform's own globals, engine-style timers, and no string code generation.
 */
import vm from 'node:vm'

import type { FunctionVariant, Platform } from './platform'

/** Where everything that goes wrong inside the engine is reported. */
export type ErrorSink = (where: string, error: unknown) => void

/** The engine: its context, how to run a file in it, its timers, and how to stop it. */
export interface Engine {
  context: vm.Context
  /** Compiles `code` as the file `filename` and returns what the script evaluates to. */
  run(code: string, filename: string): unknown
  /** Schedules `callback` after `ms` on the engine's timer list (cleared by `dispose`). */
  later(callback: () => void, ms?: number): void
  /** True once `dispose` ran: nothing inside the engine runs any more. */
  readonly disposed: boolean
  /** Clears every pending timer; callbacks that were scheduled never run. */
  dispose(): void
}

/** The `console` the bundle sees; each line is also kept for failure messages. */
export interface EngineConsole {
  lines: string[]
  errors: string[]
}

/**
 * Creates the engine for `platform` with `globals` (the platform API and the framework
 * constructors) installed. Browser and Node globals are absent because a fresh vm context only
 * has ECMAScript built-ins; the platform-specific removals are below.
 */
export function createEngine(
  platform: Platform,
  variant: FunctionVariant,
  globals: Record<string, unknown>,
  report: ErrorSink,
  log: EngineConsole,
): Engine {
  // Both platforms refuse code from strings: `eval(…)` and `new Function(…)` throw EvalError.
  const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } })
  const timers = new Map<number, NodeJS.Timeout>()
  let nextTimerId = 1
  let disposed = false

  const guard = (where: string, callback: () => void) => () => {
    if (disposed) return
    try {
      callback()
    } catch (error) {
      report(where, error)
    }
  }

  // Timers as the engines have them: numeric ids, a function callback only (a string is code
  // generation), errors reported instead of crashing the host.
  const setTimer =
    (repeat: boolean) =>
    (callback: unknown, ms?: unknown, ...args: unknown[]): number => {
      if (typeof callback !== 'function') throw new TypeError('callback must be a function')
      const id = nextTimerId++
      const delay = Math.max(0, Number(ms) || 0)
      const run = guard(repeat ? 'setInterval callback' : 'setTimeout callback', () => {
        if (!repeat) timers.delete(id)
        ;(callback as (...a: unknown[]) => void)(...args)
      })
      timers.set(id, repeat ? setInterval(run, delay) : setTimeout(run, delay))
      return id
    }
  const clearTimer = (id: unknown): void => {
    const timer = timers.get(Number(id))
    if (timer === undefined) return
    clearTimeout(timer)
    timers.delete(Number(id))
  }

  const format = (args: unknown[]) =>
    args
      .map((arg) =>
        arg instanceof Error || (typeof arg === 'object' && arg !== null && 'stack' in arg)
          ? String((arg as Error).stack ?? (arg as Error).message)
          : typeof arg === 'string'
            ? arg
            : safeJson(arg),
      )
      .join(' ')
  const engineConsole = {
    log: (...args: unknown[]) => log.lines.push(format(args)),
    info: (...args: unknown[]) => log.lines.push(format(args)),
    debug: (...args: unknown[]) => log.lines.push(format(args)),
    warn: (...args: unknown[]) => log.lines.push(`warn: ${format(args)}`),
    error: (...args: unknown[]) => {
      const line = format(args)
      log.lines.push(`error: ${line}`)
      log.errors.push(line)
    },
  }

  Object.assign(context, {
    console: engineConsole,
    setTimeout: setTimer(false),
    setInterval: setTimer(true),
    clearTimeout: clearTimer,
    clearInterval: clearTimer,
    ...globals,
  })

  if (variant === 'returns-undefined') {
    // WeChat's replacement `Function`: no code generation and no error either. `new Function(…)`
    // then yields an empty object and `Function(…)` undefined, so a library that probes with
    // `new Function('')` believes it may compile and fails later when it calls what it built.
    const realFunction = vm.runInContext('Function', context) as { prototype: object }
    const replacement = vm.runInContext('(function Function() { return undefined })', context) as {
      prototype: object
    }
    replacement.prototype = realFunction.prototype
    Object.assign(context, { Function: replacement })
  }

  if (platform === 'alipay') {
    // Alipay's engine has no `globalThis` and no `global`: reading either throws
    // "ReferenceError: globalThis is not defined", while `typeof globalThis` is 'undefined'.
    // A vm context's global object carries `globalThis` as an ordinary configurable property, so
    // deleting it makes the name an undeclared identifier with exactly those semantics for every
    // file, without wrapping each file (a parameter could not throw on read, and a `with` proxy
    // would wrongly make `typeof globalThis` throw). `global` is never defined here.
    vm.runInContext('delete globalThis.globalThis', context)
    // The one browser-named global Alipay's engine does have: a `navigator` carrying the client's
    // user agent (also as `swuserAgent`). Taro's Alipay runtime redefines `navigator.userAgent`
    // unguarded when it loads, so a build that works on Alipay needs it; WeChat has none.
    vm.runInContext(
      `Object.defineProperty(this, 'navigator', { configurable: true, writable: true, value: {
        userAgent: ${JSON.stringify(ALIPAY_USER_AGENT)}, swuserAgent: ${JSON.stringify(ALIPAY_USER_AGENT)} } })`,
      context,
    )
    if (vm.runInContext('typeof globalThis', context) !== 'undefined')
      throw new Error('the Alipay engine still exposes globalThis')
  }

  return {
    context,
    run(code, filename) {
      return new vm.Script(code, { filename }).runInContext(context) as unknown
    },
    later(callback, ms = 0) {
      const id = nextTimerId++
      timers.set(
        id,
        setTimeout(
          guard('platform callback', () => {
            timers.delete(id)
            callback()
          }),
          ms,
        ),
      )
    },
    get disposed() {
      return disposed
    },
    dispose() {
      disposed = true
      for (const timer of timers.values()) clearTimeout(timer)
      timers.clear()
    },
  }
}

/** The user agent of the Alipay client the engine imitates. */
const ALIPAY_USER_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 ChannelId(0) Ariver/1.1.0 AliApp(AP/10.5.0.6000) Nebula WK RVKType(0) AlipayDefined(nt:WIFI,ws:390|844|3.0) AlipayClient/10.5.0.6000 Language/zh-Hans Region/CN MiniProgram'

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
