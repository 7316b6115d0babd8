import type { Env } from '../env'
import { line, type DoctorCheck } from './doctor-check'
import type { ResolvedDoctorDeps } from './doctor-deps'

/** The H5 pay page's folder: the store is served by the BFF at `/` (apps/miniapp/README.md). */
export const H5_PAY_PAGE_PATH = '/pages/pay/'

/**
 * WeChat Pay in the official account pays only from pages under a payment directory
 * (支付授权目录) the merchant registered; iOS checks the page the browser first loaded, which the
 * store makes the pay page. The directory is declared to the doctor in DOCTOR_PAYMENT_DIRECTORY
 * (comma-separated when several), since the BFF itself never needs it.
 */
export function checkPaymentDirectory(env: Env, deps: ResolvedDoctorDeps): DoctorCheck {
  const settings = ['PUBLIC_BASE_URL', 'DOCTOR_PAYMENT_DIRECTORY'] as const
  const payPage = `${new URL(env.PUBLIC_BASE_URL).origin}${H5_PAY_PAGE_PATH}`
  if (deps.paymentDirectory === undefined) {
    return line(
      'h5-payment-directory',
      settings,
      'unknown',
      `not checked: DOCTOR_PAYMENT_DIRECTORY is not set. The H5 pay page is ${payPage}index.`,
      `Register ${payPage} as the payment directory (pay.weixin.qq.com → 产品中心 → 开发配置 → JSAPI支付授权目录) and set DOCTOR_PAYMENT_DIRECTORY=${payPage} for the doctor.`,
    )
  }
  const declared = deps.paymentDirectory
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  if (declared.includes(payPage)) {
    return line(
      'h5-payment-directory',
      settings,
      'ok',
      `${payPage} is a declared payment directory.`,
    )
  }
  const parent = declared.find((entry) => entry.endsWith('/') && payPage.startsWith(entry))
  if (parent !== undefined) {
    return line(
      'h5-payment-directory',
      settings,
      'unknown',
      `the pay page's folder ${payPage} is only below the declared ${parent}; WeChat has required the exact folder of the paying page.`,
      `Register ${payPage} itself as a payment directory.`,
    )
  }
  return line(
    'h5-payment-directory',
    settings,
    'fail',
    `the pay page ${payPage}index is not inside the declared payment director${declared.length === 1 ? 'y' : 'ies'} (${declared.join(', ')}); WeChat would refuse to pay with “当前页面的URL未注册”.`,
    `Register ${payPage} as a payment directory, or correct PUBLIC_BASE_URL.`,
  )
}

/**
 * The official account's web-authorisation domain (网页授权域名) must be exactly the host the
 * store's pages are on, since the OAuth redirect_uri is the page itself; declared to the doctor in
 * DOCTOR_OAUTH_DOMAIN.
 */
export function checkOauthDomain(env: Env, deps: ResolvedDoctorDeps): DoctorCheck {
  const settings = ['PUBLIC_BASE_URL', 'DOCTOR_OAUTH_DOMAIN'] as const
  const url = new URL(env.PUBLIC_BASE_URL)
  if (deps.oauthDomain === undefined) {
    return line(
      'h5-oauth-domain',
      settings,
      'unknown',
      `not checked: DOCTOR_OAUTH_DOMAIN is not set. The H5 login redirects back to ${url.host}.`,
      `Set ${url.host} as 网页授权域名 (mp.weixin.qq.com → 设置与开发 → 公众号设置 → 功能设置) and DOCTOR_OAUTH_DOMAIN=${url.host} for the doctor.`,
    )
  }
  const declared = deps.oauthDomain
    .trim()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
  if (declared === url.host || declared === url.hostname) {
    return line(
      'h5-oauth-domain',
      settings,
      'ok',
      `the OAuth redirect host ${url.host} is the declared web-authorisation domain.`,
    )
  }
  return line(
    'h5-oauth-domain',
    settings,
    'fail',
    `the H5 login redirects back to ${url.host}, but the declared web-authorisation domain is ${declared}; WeChat would answer “redirect_uri 域名与后台配置不一致” (10003).`,
    `Set 网页授权域名 to ${url.host}, or correct PUBLIC_BASE_URL.`,
  )
}
