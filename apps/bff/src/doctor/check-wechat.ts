import type { Env } from '../env'
import { line, type DoctorCheck, type DoctorCheckId } from './doctor-check'
import type { ResolvedDoctorDeps } from './doctor-deps'
import { probeWechatExchange, type WechatProbe } from './probe-wechat-exchange'

interface App {
  id: DoctorCheckId
  name: string
  appidSetting: string
  secretSetting: string
  console: string
}

const MINIPROGRAM: App = {
  id: 'wechat-miniprogram',
  name: 'mini-program',
  appidSetting: 'WECHAT_MINIPROGRAM_APPID',
  secretSetting: 'WECHAT_MINIPROGRAM_SECRET',
  console: 'mp.weixin.qq.com → 开发管理 → 开发设置 (AppID / AppSecret)',
}

const OFFICIAL_ACCOUNT: App = {
  id: 'wechat-official-account',
  name: 'official account',
  appidSetting: 'WECHAT_OA_APPID',
  secretSetting: 'WECHAT_OA_SECRET',
  console: 'mp.weixin.qq.com → 设置与开发 → 基本配置 (开发者ID AppID / 开发者密码 AppSecret)',
}

/** One app's line from its probe; errcodes as WeChat documents them (global return codes). */
function appLine(app: App, appid: string, probe: WechatProbe): DoctorCheck {
  const settings = [app.appidSetting, app.secretSetting]
  if (probe.kind === 'unreachable') {
    return line(
      app.id,
      settings,
      'unknown',
      `not checked: WeChat's API did not answer (${probe.reason}).`,
    )
  }
  switch (probe.errcode) {
    case 40029:
    case 40163:
      return line(
        app.id,
        settings,
        'ok',
        `WeChat accepted appid ${appid} and its secret (a made-up code was refused with ${probe.errcode}, as it should be).`,
      )
    case 40125:
      return line(
        app.id,
        settings,
        'fail',
        `WeChat refused ${app.secretSetting} for appid ${appid} (40125 invalid appsecret).`,
        `Copy the AppSecret of this ${app.name} from ${app.console} into ${app.secretSetting}; a reset secret replaces the old one at once.`,
      )
    case 40013:
      return line(
        app.id,
        settings,
        'fail',
        `WeChat does not know appid ${appid} (40013 invalid appid).`,
        `Copy the AppID of this ${app.name} from ${app.console} into ${app.appidSetting}.`,
      )
    case 40164:
    case 61004:
      return line(
        app.id,
        settings,
        'fail',
        `WeChat refused this server's IP address for appid ${appid} (${probe.errcode}: not in the IP whitelist).`,
        `Add the BFF's outgoing public IP address to the IP whitelist (IP白名单) in ${app.console}.`,
      )
    case -1:
    case 45011:
      return line(
        app.id,
        settings,
        'unknown',
        `WeChat was busy or rate-limited the check (${probe.errcode}).`,
        'Run the doctor again in a minute.',
      )
    default:
      return line(
        app.id,
        settings,
        'unknown',
        `WeChat answered errcode ${probe.errcode}, which the doctor does not know.`,
        'Look the errcode up in WeChat’s global return codes.',
      )
  }
}

/**
 * WeChat: does WECHAT_API_BASE_URL answer like WeChat's API, and are the mini-program's and the
 * official account's appid and secret accepted (a made-up code tells a bad secret from a bad code)?
 */
export async function checkWechat(env: Env, deps: ResolvedDoctorDeps): Promise<DoctorCheck[]> {
  const [mini, account] = await Promise.all([
    probeWechatExchange(deps, env.WECHAT_API_BASE_URL, 'sns/jscode2session', {
      appid: env.WECHAT_MINIPROGRAM_APPID,
      secret: env.WECHAT_MINIPROGRAM_SECRET,
    }),
    probeWechatExchange(deps, env.WECHAT_API_BASE_URL, 'sns/oauth2/access_token', {
      appid: env.WECHAT_OA_APPID,
      secret: env.WECHAT_OA_SECRET,
    }),
  ])
  const failed = [mini, account].find((probe) => probe.kind === 'unreachable')
  const api =
    failed === undefined
      ? line(
          'wechat-api',
          ['WECHAT_API_BASE_URL'],
          'ok',
          `${env.WECHAT_API_BASE_URL} answers like WeChat's API.`,
        )
      : line(
          'wechat-api',
          ['WECHAT_API_BASE_URL'],
          'fail',
          `${env.WECHAT_API_BASE_URL} does not answer like WeChat's API (${failed.reason}).`,
          'Set WECHAT_API_BASE_URL to https://api.weixin.qq.com/ and allow the BFF outgoing https to it.',
        )
  return [
    api,
    appLine(MINIPROGRAM, env.WECHAT_MINIPROGRAM_APPID, mini),
    appLine(OFFICIAL_ACCOUNT, env.WECHAT_OA_APPID, account),
  ]
}
