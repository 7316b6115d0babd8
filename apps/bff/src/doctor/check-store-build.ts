import { existsSync, readFileSync } from 'node:fs'

import type { Env } from '../env'
import { line, type DoctorCheck } from './doctor-check'
import type { ResolvedDoctorDeps } from './doctor-deps'

const SETTINGS = ['WECHAT_MINIPROGRAM_APPID', 'ALIPAY_APPID'] as const

/** The `appid` of a built mini-program's project file, undefined when absent, null when unreadable. */
function builtAppid(path: string | undefined): string | undefined | null {
  if (path === undefined || !existsSync(path)) return undefined
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { appid?: unknown }
    return typeof parsed.appid === 'string' ? parsed.appid : null
  } catch {
    return null
  }
}

/**
 * The mini-programs are built with their appid (WeChat's `project.config.json`, Alipay's
 * `mini.project.json`); a login code from one app cannot be exchanged with another app's
 * settings, so a build whose appid differs from the BFF's fails every login.
 */
export function checkStoreBuild(env: Env, deps: ResolvedDoctorDeps): DoctorCheck {
  const builds = [
    {
      name: 'WeChat',
      setting: 'WECHAT_MINIPROGRAM_APPID',
      expected: env.WECHAT_MINIPROGRAM_APPID,
      path: deps.weappProjectConfigPath,
    },
    {
      name: 'Alipay',
      setting: 'ALIPAY_APPID',
      expected: env.ALIPAY_APPID,
      path: deps.alipayProjectConfigPath,
    },
  ]
  const found: string[] = []
  const wrong: string[] = []
  for (const build of builds) {
    const appid = builtAppid(build.path)
    if (appid === undefined) continue
    if (appid === build.expected) found.push(`${build.name} ${appid}`)
    else
      wrong.push(
        `the ${build.name} build (${build.path ?? ''}) has appid ${appid ?? '(unreadable)'}, ${build.setting} is ${build.expected}`,
      )
  }
  if (wrong.length > 0) {
    return line(
      'store-build',
      SETTINGS,
      'fail',
      `${wrong.join('; ')}.`,
      'Rebuild the mini-program with the production appid (TARO_APP_ID, see apps/miniapp/README.md) or correct the setting; both must name the same app.',
    )
  }
  if (found.length === 0) {
    return line(
      'store-build',
      SETTINGS,
      'unknown',
      'no mini-program build found here (apps/miniapp/dist/weapp or dist/alipay), so the appids it was built with are not compared.',
      'Run the doctor where the builds are, or check the appid in the build you upload.',
    )
  }
  return line(
    'store-build',
    SETTINGS,
    'ok',
    `the builds use the configured appids (${found.join(', ')}).`,
  )
}
