/**
 * A built mini-program running in the imitation engine: the platform's load order (app.js, its
 * components, every page file), `App` / `Page` / `Component` / `getApp` / `getCurrentPages`, a
 * page stack driving onLoad / onShow / onReady / onHide / onUnload, the page tree rebuilt from
 * `setData`, and taps delivered through the page's own `eh` handler as the platform bubbles them.
 */
import { readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import vm from 'node:vm'

import type { WalletOutcome } from '@quickpay/contracts'

import { freePort } from '../free-port'
import { createDistRequire } from './dist-modules'
import { createEngine, type Engine, type EngineConsole } from './engine-context'
import { createMy } from './my-api'
import {
  applySetData,
  buildTree,
  elements,
  isDisabled,
  normaliseText,
  type PageNode,
} from './page-tree'
import type { FunctionVariant, Platform } from './platform'
import type { LoginMode, NavigationRequest, PaymentPlan, Shell } from './shell'
import { readTemplates, type TemplateMap } from './template-bindings'
import { createWx } from './wx-api'

/**
 * The BFF origin baked into the bundles: `TARO_APP_BFF_URL` when the environment sets it (the
 * build inherits the same environment), else the store's default for mini-programs
 * (apps/miniapp/config/index.ts).
 */
export const BAKED_BFF_ORIGIN = (process.env.TARO_APP_BFF_URL || 'http://127.0.0.1:3000').replace(
  /\/+$/,
  '',
)

/** How to start one mini-program. */
export interface LaunchOptions {
  platform: Platform
  distDir: string
  variant?: FunctionVariant
  /** The BFF the test started; requests to the baked-in origin go there. */
  bffUrl: string
  /** The simulator behind that BFF: login codes and the wallet. */
  simulatorUrl: string
  /** The simulator's shopper (`user` of /__sim/login-codes): the same name is the same payer. */
  user?: string
  /** The origin compiled into the bundle (default BAKED_BFF_ORIGIN). */
  bakedBffOrigin?: string
}

/** Something a test looks for on screen: exact visible text, a pattern, or `#id`. */
export type Matcher = string | RegExp

/** One live page of the stack. */
interface LivePage {
  route: string
  query: Record<string, string>
  instance: Record<string, unknown> & { data: Record<string, unknown> }
  /** Every distinct visible text the page showed, in order. */
  history: string[]
}

type Callable = (...args: unknown[]) => unknown

/** A launched mini-program; `close()` stops every timer inside it. */
export class MiniProgram {
  /** Errors anywhere inside the engine (load, lifecycles, handlers, timers, unhandled rejections). */
  readonly errors: string[] = []
  readonly console: EngineConsole = { lines: [], errors: [] }
  readonly shell: Shell
  readonly stack: LivePage[] = []
  /** Every page ever opened (closed ones included), for texts seen on the way. */
  readonly visited: LivePage[] = []
  loginMode: LoginMode = 'simulator'
  /** The payer id of the last code minted (the wallet pays as this shopper). */
  payer: string | undefined
  /** How many login codes the platform handed out. */
  loginCount = 0
  private readonly engine: Engine
  private readonly templates: TemplateMap
  private readonly pageConfigs = new Map<string, Record<string, unknown>>()
  private readonly componentConfigs = new Map<string, Record<string, unknown>>()
  private readonly payments: PaymentPlan[] = []
  private readonly modalAnswers: boolean[] = []
  private app: Record<string, unknown> | undefined
  private loadingFile = ''
  private bffReachable = true
  private deadOrigin = ''
  private readonly onRejection: (reason: unknown, promise: Promise<unknown>) => void

  private constructor(private readonly options: LaunchOptions) {
    this.templates = readTemplates(options.distDir, options.platform)
    const report = (where: string, error: unknown) =>
      this.errors.push(`${where}: ${describe(error)}`)
    const shell = this.createShell()
    const api = options.platform === 'weapp' ? createWx(shell) : createMy(shell)
    this.engine = createEngine(
      options.platform,
      options.variant ?? 'throws',
      {
        [options.platform === 'weapp' ? 'wx' : 'my']: api,
        App: (config: Record<string, unknown>) => this.registerApp(config),
        Page: (config: Record<string, unknown>) => this.registerPage(config),
        Component: (config: Record<string, unknown>) =>
          this.componentConfigs.set(this.loadingFile, config),
        getApp: () => this.app,
        getCurrentPages: () => this.stack.map((page) => page.instance),
      },
      report,
      this.console,
    )
    shell.engine = this.engine
    this.shell = shell
    // A rejection nobody handles inside the engine is an error of the mini-program (the platforms
    // report it through App.onUnhandledRejection / the console); promises of the engine's realm
    // are told apart from the test's own by their constructor.
    const EnginePromise = vm.runInContext('Promise', this.engine.context) as PromiseConstructor
    this.onRejection = (reason, promise) => {
      if (promise instanceof EnginePromise) report('unhandled rejection', reason)
    }
    process.on('unhandledRejection', this.onRejection)
  }

  /** Loads the build as the platform does and opens the first page; throws on any load-time error. */
  static async launch(options: LaunchOptions): Promise<MiniProgram> {
    const mp = new MiniProgram(options)
    mp.deadOrigin = `http://127.0.0.1:${await freePort()}`
    mp.start()
    if (mp.errors.length > 0) {
      mp.close()
      throw new Error(
        `the ${options.platform} mini-program failed to load:\n${mp.errors.join('\n')}`,
      )
    }
    return mp
  }

  private start(): void {
    const { distDir } = this.options
    const appJson = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8')) as {
      pages: string[]
    }
    const load = createDistRequire(
      this.engine,
      distDir,
      (file) => (this.loadingFile = file.replace(/\.js$/, '')),
    )
    const step = (where: string, run: () => void): boolean => {
      try {
        run()
        return true
      } catch (error) {
        this.errors.push(`${where}: ${describe(error)}`)
        return false
      }
    }
    // app.js first (it requires common, vendors, taro and runtime itself), then each page with the
    // custom components its JSON uses, in app.json order; then the app launches and the first page
    // opens.
    if (!step('app.js', () => load('app.js'))) return
    for (const route of appJson.pages) {
      for (const component of this.componentsOf(route))
        if (!step(`${component}.js`, () => load(component))) return
      if (!step(`${route}.js`, () => load(route))) return
    }
    if (this.app === undefined) {
      this.errors.push('app.js: App() was never called')
      return
    }
    const launch = { path: appJson.pages[0], query: {}, scene: 1001, referrerInfo: {} }
    if (!step('App.onLaunch', () => this.call(this.app!, 'onLaunch', this.shell.adopt(launch))))
      return
    if (!step('App.onShow', () => this.call(this.app!, 'onShow', this.shell.adopt(launch)))) return
    step('first page', () => this.open(appJson.pages[0]!, {}))
  }

  private componentsOf(route: string): string[] {
    const found: string[] = []
    const visit = (file: string) => {
      let json: { usingComponents?: Record<string, string> }
      try {
        json = JSON.parse(
          readFileSync(join(this.options.distDir, `${file}.json`), 'utf8'),
        ) as typeof json
      } catch {
        return
      }
      for (const path of Object.values(json.usingComponents ?? {})) {
        const component = posix.normalize(posix.join(posix.dirname(file), path))
        if (found.includes(component) || this.componentConfigs.has(component)) continue
        found.push(component)
        visit(component)
      }
    }
    visit(route)
    return found.reverse()
  }

  private registerApp(config: Record<string, unknown>): void {
    if (this.app !== undefined) throw new Error('App() may be called only once')
    // Both platforms keep the very object given to App(): getApp() returns it, prototype and all.
    this.app = config
  }

  private registerPage(config: Record<string, unknown>): void {
    this.pageConfigs.set(this.loadingFile, config)
  }

  private call(target: Record<string, unknown>, name: string, ...args: unknown[]): unknown {
    const method = target[name]
    return typeof method === 'function' ? (method as Callable).apply(target, args) : undefined
  }

  private guarded(where: string, run: () => void): void {
    try {
      run()
    } catch (error) {
      this.errors.push(`${where}: ${describe(error)}`)
    }
  }

  private open(route: string, query: Record<string, string>): void {
    const config = this.pageConfigs.get(route)
    if (config === undefined) throw new Error(`page "${route}" is not found`)
    const page: LivePage = {
      route,
      query,
      instance: this.instantiate(route, config, query),
      history: [],
    }
    this.stack.push(page)
    this.visited.push(page)
    this.guarded(`${route} onLoad`, () =>
      this.call(page.instance, 'onLoad', this.shell.adopt(query)),
    )
    this.guarded(`${route} onShow`, () => this.call(page.instance, 'onShow'))
    this.engine.later(() =>
      this.guarded(`${route} onReady`, () => this.call(page.instance, 'onReady')),
    )
  }

  private instantiate(
    route: string,
    config: Record<string, unknown>,
    query: Record<string, string>,
  ): LivePage['instance'] {
    // Page(): the instance gets the options' fields, `data` as a deep copy, `route`, `options` and
    // `setData`, which updates `data` at once and calls back after the view rendered.
    const instance = Object.assign(
      Object.create(Object.getPrototypeOf(config) as object) as object,
      config,
    ) as LivePage['instance']
    instance.data = JSON.parse(JSON.stringify(config.data ?? {})) as Record<string, unknown>
    instance.route = route
    instance.__route__ = route
    instance.options = this.shell.adopt(query)
    instance.setData = (payload: Record<string, unknown>, callback?: () => void) => {
      applySetData(instance.data, payload)
      const page =
        this.stack.find((live) => live.instance === instance) ??
        this.visited.find((live) => live.instance === instance)
      if (page !== undefined) {
        const text = this.pageText(page)
        if (page.history.at(-1) !== text) page.history.push(text)
      }
      if (typeof callback === 'function') this.engine.later(() => callback.call(instance))
    }
    return instance
  }

  private unload(page: LivePage): void {
    this.guarded(`${page.route} onUnload`, () => this.call(page.instance, 'onUnload'))
  }

  private navigate(request: NavigationRequest): Promise<void> {
    try {
      this.navigateNow(request)
      return Promise.resolve()
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }

  private navigateNow(request: NavigationRequest): void {
    const top = this.stack.at(-1)
    const target = () => {
      if (request.url === undefined) throw new Error('parameter error: url is required')
      const [path = '', search = ''] = request.url.split('?')
      const base = top === undefined ? '' : posix.dirname(top.route)
      const route = path.startsWith('/') ? path.slice(1) : posix.normalize(posix.join(base, path))
      if (!this.pageConfigs.has(route)) throw new Error(`page "${route}" is not found`)
      const query: Record<string, string> = {}
      for (const pair of search.split('&').filter((part) => part !== '')) {
        const [key = '', value = ''] = pair.split('=')
        query[key] = value
      }
      return { route, query }
    }
    switch (request.kind) {
      case 'navigateTo': {
        const { route, query } = target()
        if (this.stack.length >= 10) throw new Error('webview count limit exceed')
        if (top !== undefined)
          this.guarded(`${top.route} onHide`, () => this.call(top.instance, 'onHide'))
        this.open(route, query)
        return
      }
      case 'redirectTo': {
        const { route, query } = target()
        if (top !== undefined) {
          this.unload(top)
          this.stack.pop()
        }
        this.open(route, query)
        return
      }
      case 'navigateBack': {
        if (this.stack.length <= 1) throw new Error('cannot navigate back at first page.')
        const count = Math.min(Math.max(1, request.delta ?? 1), this.stack.length - 1)
        for (let i = 0; i < count; i += 1) this.unload(this.stack.pop()!)
        const shown = this.stack.at(-1)!
        this.guarded(`${shown.route} onShow`, () => this.call(shown.instance, 'onShow'))
        return
      }
      case 'reLaunch': {
        const { route, query } = target()
        while (this.stack.length > 0) this.unload(this.stack.pop()!)
        this.open(route, query)
        return
      }
      case 'switchTab':
        // app.json declares no tabBar, so every page is a non-tab page.
        throw new Error('can not switch to no-tabBar page')
    }
  }

  private createShell(): Shell {
    const { simulatorUrl, bffUrl } = this.options
    const baked = this.options.bakedBffOrigin ?? BAKED_BFF_ORIGIN
    const channelUser = this.options.user ?? 'shopper'
    const simulatorJson = async (path: string, body: unknown) => {
      const response = await fetch(`${simulatorUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    }
    const shell: Shell = {
      engine: undefined as unknown as Engine,
      adopt: <T>(value: T): T => {
        if (value === undefined) return value
        const parse = vm.runInContext('JSON.parse', this.engine.context) as (text: string) => T
        return parse(JSON.stringify(value))
      },
      http: async ({ url, method, headers, body, timeoutMs }) => {
        // The bundle calls the BFF at the origin baked in at build time; here that origin is the
        // BFF this test started (or a closed port while the test has the BFF "down"). Any other
        // origin is refused, as a domain missing from the request allow-list would be.
        if (!url.startsWith(`${baked}/`)) throw new Error(`url not in domain list: ${url}`)
        const target = `${this.bffReachable ? bffUrl : this.deadOrigin}${url.slice(baked.length)}`
        const response = await fetch(target, {
          method,
          headers,
          ...(body === undefined ? {} : { body }),
          signal: AbortSignal.timeout(timeoutMs),
        })
        const answerHeaders: Record<string, string> = {}
        response.headers.forEach((value, key) => (answerHeaders[key] = value))
        return { status: response.status, headers: answerHeaders, text: await response.text() }
      },
      storage: new Map(),
      loginCode: async (channel) => {
        this.loginCount += 1
        if (this.loginMode === 'fail') throw new Error('login failed (test)')
        if (this.loginMode === 'foreign') {
          // What WeChat DevTools or the Alipay IDE hand out: a well-formed code no simulator minted.
          return channel === 'wechat-miniprogram'
            ? `0e3IDE${Date.now().toString(36)}devtools`
            : `ide${Date.now()}`
        }
        const { status, body } = await simulatorJson('/__sim/login-codes', {
          channel,
          user: channelUser,
        })
        if (status !== 200)
          throw new Error(`the simulator refused to mint a code: ${JSON.stringify(body)}`)
        this.payer = String(body.openid)
        return String(body.code)
      },
      walletPay: (cloudpayParam: string, outcome: WalletOutcome) =>
        simulatorJson('/__sim/wallet/pay', {
          cloudpay_param: cloudpayParam,
          payer: this.payer ?? '',
          outcome,
        }),
      nextPayment: () => this.payments.shift() ?? { outcome: 'success' },
      navigate: (request) => this.navigate(request),
      nextModalAnswer: () => this.modalAnswers.shift() ?? true,
      shown: [],
      calls: [],
    }
    return shell
  }

  /** Queues what the shopper does at the next payment(s). */
  planPayments(...plans: PaymentPlan[]): void {
    this.payments.push(...plans)
  }

  /** Cuts the network path to the BFF (connections refused) or restores it. */
  setBffReachable(reachable: boolean): void {
    this.bffReachable = reachable
  }

  /** The page on top of the stack. */
  get currentPage(): LivePage {
    const top = this.stack.at(-1)
    if (top === undefined) throw new Error('no page is open')
    return top
  }

  /** The route of the page on top. */
  get route(): string {
    return this.currentPage.route
  }

  /** The page tree of the page on top. */
  tree(page: LivePage = this.currentPage): PageNode[] {
    return buildTree(page.instance.data, this.templates)
  }

  /** The visible text of a page, element texts joined with `|` in document order. */
  pageText(page: LivePage = this.currentPage): string {
    return normaliseText(
      elements(buildTree(page.instance.data, this.templates))
        .filter((node) => node.children.some((child) => child.template?.tag === '#text'))
        .map((node) =>
          node.children
            .filter((child) => child.template?.tag === '#text')
            .map((child) => child.text)
            .join(''),
        )
        .join(' | '),
    )
  }

  /** Elements on the current page whose visible text (or `#id`) matches. */
  find(matcher: Matcher): PageNode[] {
    const all = elements(this.tree())
    if (typeof matcher === 'string' && matcher.startsWith('#'))
      return all.filter((node) => node.raw.uid === matcher.slice(1))
    const matches = all.filter((node) => {
      const text = normaliseText(node.text)
      return typeof matcher === 'string' ? text === matcher : matcher.test(text)
    })
    // The innermost match is what the finger lands on (a button, not the view around it).
    return matches.filter(
      (node) => !matches.some((other) => other !== node && isAncestor(node, other)),
    )
  }

  /** Waits until `matcher` shows on the current page; fails early on any engine error. */
  async waitFor(matcher: Matcher, timeoutMs = 15_000): Promise<PageNode> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      this.assertHealthy()
      const found = this.stack.length > 0 ? this.find(matcher)[0] : undefined
      if (found !== undefined) return found
      if (Date.now() > deadline)
        throw new Error(
          `"${String(matcher)}" did not appear on ${this.stack.at(-1)?.route ?? 'no page'} within ${timeoutMs} ms; the page shows: ${this.stack.length > 0 ? this.pageText() : ''}`,
        )
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  /** Waits until `condition()` holds; fails early on any engine error. */
  async waitUntil(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!condition()) {
      this.assertHealthy()
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  /** True when an element showing `matcher` is on the current page and enabled. */
  isEnabled(matcher: Matcher): boolean {
    return this.find(matcher).some((node) => !isDisabled(node))
  }

  /** Waits until the page on top is `route`. */
  async waitForRoute(route: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (this.stack.at(-1)?.route !== route) {
      this.assertHealthy()
      if (Date.now() > deadline)
        throw new Error(
          `the page ${route} did not open within ${timeoutMs} ms (on ${this.stack.at(-1)?.route ?? 'none'})`,
        )
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  /**
   * Taps the element showing `matcher` (the `nth` one, default the first, once it is shown and
   * enabled): the platform calls `eh` for it and then for each ancestor whose template binds
   * `tap`, stopping at one that catches it, with `currentTarget` naming that node.
   */
  async tap(matcher: Matcher, options: { nth?: number; timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 15_000)
    let node: PageNode | undefined
    for (;;) {
      this.assertHealthy()
      const candidates =
        this.stack.length > 0 ? this.find(matcher).filter((found) => !isDisabled(found)) : []
      node = candidates[options.nth ?? 0]
      if (node !== undefined) break
      if (Date.now() > deadline)
        throw new Error(
          `nothing enabled shows "${String(matcher)}" on ${this.stack.at(-1)?.route ?? 'no page'}: ${this.stack.length > 0 ? this.pageText() : ''}`,
        )
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    const page = this.currentPage
    const handler = page.instance.eh
    if (typeof handler !== 'function') throw new Error(`${page.route} has no event handler "eh"`)
    const target = { id: node.id, dataset: { sid: node.raw.sid } }
    for (
      let current: PageNode | undefined = node;
      current !== undefined;
      current = current.parent
    ) {
      const binding = current.template?.tap ?? 'none'
      if (binding === 'none') continue
      const event = this.shell.adopt({
        type: 'tap',
        timeStamp: Date.now(),
        target:
          this.options.platform === 'alipay'
            ? { ...target, targetDataset: target.dataset }
            : target,
        currentTarget: { id: current.id, dataset: { sid: current.raw.sid } },
        detail: { x: 10, y: 10 },
        touches: [],
        changedTouches: [],
      })
      const where = `${page.route} tap "${String(matcher)}"`
      this.guarded(where, () => (handler as Callable).call(page.instance, event))
      if (binding === 'catch') break
    }
    this.assertHealthy()
  }

  /**
   * Pulls the page on top down, as a shopper does: the platform calls the page's
   * `onPullDownRefresh` only when its JSON enables pulling (`enablePullDownRefresh` on WeChat,
   * `pullRefresh` on Alipay); answers whether it did.
   */
  pullDown(): boolean {
    const page = this.currentPage
    const json = JSON.parse(
      readFileSync(join(this.options.distDir, `${page.route}.json`), 'utf8'),
    ) as { enablePullDownRefresh?: boolean; pullRefresh?: boolean }
    const enabled =
      this.options.platform === 'weapp' ? json.enablePullDownRefresh : json.pullRefresh
    if (enabled !== true) return false
    this.guarded(`${page.route} onPullDownRefresh`, () =>
      this.call(page.instance, 'onPullDownRefresh'),
    )
    this.assertHealthy()
    return true
  }

  /**
   * Throws with every engine error so far, if there was any. `console.error` counts too: React
   * reports an error thrown while rendering there (and leaves the page as it was), and neither
   * Taro nor the store logs errors on a healthy run.
   */
  assertHealthy(): void {
    if (this.errors.length === 0 && this.console.errors.length === 0) return
    const consoleErrors =
      this.console.errors.length > 0 ? `\nconsole.error:\n${this.console.errors.join('\n')}` : ''
    throw new Error(
      `the ${this.options.platform} mini-program failed:\n${this.errors.join('\n')}${consoleErrors}`,
    )
  }

  /** Every text any page showed, in order (closed pages included). */
  seenTexts(): string[] {
    return this.visited.flatMap((page) => page.history)
  }

  /** Stops the mini-program: no timer, callback or poll inside it runs any more. */
  close(): void {
    this.engine.dispose()
    process.off('unhandledRejection', this.onRejection)
  }
}

function isAncestor(ancestor: PageNode, node: PageNode): boolean {
  for (let current = node.parent; current !== undefined; current = current.parent)
    if (current === ancestor) return true
  return false
}

function describe(error: unknown): string {
  if (
    error instanceof Error ||
    (typeof error === 'object' && error !== null && 'message' in error)
  ) {
    const { name, message, stack } = error as Error
    const where =
      typeof stack === 'string'
        ? stack.split('\n').find((line) => line.includes('dist/'))
        : undefined
    return `${name}: ${message}${where === undefined ? '' : ` (${where.trim()})`}`
  }
  return JSON.stringify(error) ?? String(error)
}
