/**
 * The settings `pnpm start` and `pnpm dev` hand to the simulator and the BFF: sandbox mode, the
 * simulator's demo apps and sandbox-only keys, SQLite under data/. Anything already set in the
 * environment (or .env) wins. The app ids and secrets are the simulator's sandbox ones
 * (packages/simulator's SIMULATOR_DEFAULTS): nothing real.
 */
import { join } from 'node:path'

/** The demo's environment for both children, plus the two URLs for printing. */
export function demoEnvironment(
  root: string,
  base: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv & {
  BFF_URL: string
  SIMULATOR_URL: string
  ADMIN_TOKEN: string
  DATABASE_URL: string
} {
  const port = base.PORT ?? '3000'
  const simulatorPort = base.SIMULATOR_PORT ?? '4010'
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`
  const bffUrl = `http://127.0.0.1:${port}`
  const fixtures = join(root, 'packages/simulator/fixtures')
  const defaults: Record<string, string> = {
    PORT: port,
    SIMULATOR_PORT: simulatorPort,
    SIMULATOR_TIME_SCALE: '10',
    DATABASE_URL: `file:${join(root, 'data/bff.sqlite')}`,
    PUBLIC_BASE_URL: bffUrl,
    SANDBOX: 'true',
    NOTIFY_SECRET: 'demo-notify-secret-0123456789abcdef',
    ADMIN_TOKEN: 'demo-admin-token-0123456789abcdef',
    STATIC_DIR: join(root, 'apps/miniapp/dist/h5'),
    LIANKE_BASE_URL: `${simulatorUrl}/`,
    WECHAT_API_BASE_URL: `${simulatorUrl}/`,
    WECHAT_MINIPROGRAM_APPID: 'wx0000000000000001',
    WECHAT_MINIPROGRAM_SECRET: 'sim-miniprogram-secret',
    WECHAT_OA_APPID: 'wx0000000000000002',
    WECHAT_OA_SECRET: 'sim-official-account-secret',
    ALIPAY_APPID: '2021000000000001',
    LIANKE_STORE_NO: 'DEMO001',
    WECHAT_OAUTH_AUTHORIZE_URL: `${simulatorUrl}/connect/oauth2/authorize`,
    ALIPAY_GATEWAY_URL: `${simulatorUrl}/gateway.do`,
    ALIPAY_AUTHORIZE_URL: `${simulatorUrl}/oauth2/publicAppAuthorize.htm`,
    ALIPAY_PRIVATE_KEY_FILE: join(fixtures, 'alipay-app-private-key.pem'),
    ALIPAY_PUBLIC_KEY_FILE: join(fixtures, 'alipay-public-key.pem'),
  }
  const env: NodeJS.ProcessEnv = { ...defaults }
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value
  return {
    ...env,
    BFF_URL: bffUrl,
    SIMULATOR_URL: simulatorUrl,
    ADMIN_TOKEN: env.ADMIN_TOKEN ?? defaults.ADMIN_TOKEN!,
    DATABASE_URL: env.DATABASE_URL ?? defaults.DATABASE_URL!,
  }
}
