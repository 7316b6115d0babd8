/**
 * What the fake `wx` / `my` objects share: the network (the real BFF over loopback), storage,
 * the shopper's identity and wallet at the simulator, navigation, and a record of what the shopper
 * saw (toasts, modals, titles). The fakes only translate each platform's call shapes onto it.
 */
import type { WalletOutcome } from '@quickpay/contracts'

import type { Engine } from './engine-context'

/** How the next login answers: a code the simulator minted, a code it never minted (as in the IDEs), or a failure. */
export type LoginMode = 'simulator' | 'foreign' | 'fail'

/** What the shopper does in the wallet for one payment. */
export interface PaymentPlan {
  /** What the simulator's wallet does with the money (`success` and `unknown` pay). */
  outcome: WalletOutcome
  /** Alipay only: the resultCode the client reports instead of the wallet's own (e.g. `8000`). */
  resultCode?: string
  /** Runs once the wallet has moved the money, before the client API answers the page. */
  beforeAnswer?: () => void
}

/** One HTTP exchange as the host performed it. */
export interface HttpAnswer {
  status: number
  headers: Record<string, string>
  text: string
}

/** The navigation a page API asks for. */
export interface NavigationRequest {
  kind: 'navigateTo' | 'redirectTo' | 'navigateBack' | 'switchTab' | 'reLaunch'
  url?: string
  delta?: number
}

/** Host services behind the platform API. */
export interface Shell {
  engine: Engine
  /** Copies a JSON value into the engine's realm, as values the platform hands the page are. */
  adopt<T>(value: T): T
  /** Sends one request over loopback; rejects with a message when the connection fails or times out. */
  http(request: {
    url: string
    method: string
    headers: Record<string, string>
    body?: string
    timeoutMs: number
  }): Promise<HttpAnswer>
  /** Storage: each value kept as its JSON text, as the platforms persist it. */
  storage: Map<string, string>
  /** Mints a login code for `channel` according to the current mode; rejects on `fail`. */
  loginCode(channel: 'wechat-miniprogram' | 'alipay-miniprogram'): Promise<string>
  /** Has the simulator's wallet pay as the logged-in shopper; answers the wallet's JSON. */
  walletPay(
    cloudpayParam: string,
    outcome: WalletOutcome,
  ): Promise<{ status: number; body: Record<string, unknown> }>
  /** The next payment's plan (success when the test queued none). */
  nextPayment(): PaymentPlan
  /** Performs a navigation; rejects with the platform's reason. */
  navigate(request: NavigationRequest): Promise<void>
  /** The next modal's answer (confirm unless the test queued otherwise). */
  nextModalAnswer(): boolean
  /** What the shopper was shown, in order. */
  shown: { kind: 'toast' | 'loading' | 'modal' | 'title'; text: string }[]
  /** Calls the fakes received, by API name, with their options (callbacks left out). */
  calls: { api: string; options: Record<string, unknown> }[]
}
