import type {
  CreateSessionRequest,
  Payment,
  PaymentOutcome,
  StoreConfig,
  WalletPayResponse,
} from '@quickpay/contracts'

/**
 * What a login attempt produced: a code for `POST /api/sessions`, or nothing yet because the
 * page is leaving for an OAuth authorize page (H5) and will come back with the code.
 */
export type LoginResult = { kind: 'code'; request: CreateSessionRequest } | { kind: 'redirect' }

/** One platform's login: wx.login, my.getAuthCode or the H5 OAuth redirect. */
export type PlatformLogin = (config: StoreConfig) => Promise<LoginResult>

/** The sandbox cashier: lets the shopper pick an outcome and answers with the simulated wallet's result. */
export type SandboxCashier = (orderNo: string) => Promise<WalletPayResponse>

/** Everything one payment attempt needs. */
export interface PayInput {
  orderNo: string
  payment: Payment
  config: StoreConfig
  cashier: SandboxCashier
}

/** The normalised client result plus the platform's own words, for the claim and for support. */
export interface PayResult {
  outcome: PaymentOutcome
  raw: string
}

/** One platform's payment call: wx.requestPayment, my.tradePay, a JS bridge or the sandbox cashier. */
export type PlatformPay = (input: PayInput) => Promise<PayResult>

/**
 * Makes sure the page that pays is the page the document loaded at (iOS WeChat checks the payment
 * directory against the landing URL). Returns false when it started a reload: pay after it.
 */
export type EnsurePayLanding = (payPageUrl: string) => boolean
