/**
 * The demo stack `pnpm start` and `pnpm serve` share: builds the H5 store and the merchant console
 * when they are missing or stale, starts the aggregator simulator and the BFF (compiled or through
 * tsx, as the caller decides), prints the URLs and how to pay. Ctrl-C stops every child cleanly.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'

import { buildConsole, consoleBuildStaleReason } from './console-build'
import { demoEnvironment } from './demo-environment'
import { buildH5, h5BuildStaleReason } from './h5-build'
import { lanAddress } from './lan-address'
import { startChild, stopAll, waitForOk } from './processes'
import { serverArgs } from './server-build'

/** Loads .env (if any), then runs the demo with the servers' `runtime`; returns once it is up. */
export async function runDemo(root: string, runtime: 'compiled' | 'tsx'): Promise<void> {
  if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'))
  const env = demoEnvironment(root, process.env)
  let stopping = false

  async function shutdown(code: number): Promise<void> {
    // A second Ctrl-C while stopping joins the stop under way instead of exiting half-way (stopAll
    // ends with SIGKILL after its grace period anyway). The scripts run as `node --import tsx`, not
    // through the tsx command, whose signal relay re-sends Ctrl-C and then SIGKILLs this process
    // when it does not hear back within 30 ms (seen on a busy machine: no "Stopped." line).
    if (stopping) return
    stopping = true
    console.log('\nStopping the BFF and the simulator…')
    await stopAll()
    console.log('Stopped.')
    process.exit(code)
  }
  process.on('SIGINT', () => void shutdown(0))
  process.on('SIGTERM', () => void shutdown(0))

  const staleReason = h5BuildStaleReason(root)
  if (staleReason !== undefined && process.env.SKIP_H5_BUILD !== '1') {
    console.log(`Building the H5 store: ${staleReason} (about 30 s the first time)…`)
    await buildH5(root)
  }
  // The BFF serves /console/ only if the build exists when it starts.
  const consoleStale = consoleBuildStaleReason(root)
  if (consoleStale !== undefined) {
    console.log(`Building the merchant console: ${consoleStale} (a few seconds)…`)
    await buildConsole(root)
  }

  const onUnexpectedExit = (name: string) => (code: number | null) => {
    if (!stopping) {
      console.error(`${name} exited unexpectedly (code ${String(code)}); stopping the demo.`)
      void shutdown(1)
    }
  }

  console.log(`Starting the simulator on ${env.SIMULATOR_URL} …`)
  startChild('simulator', process.execPath, serverArgs('simulator', runtime), {
    cwd: root,
    env,
    onExit: onUnexpectedExit('The simulator'),
  })
  await waitForOk(`${env.SIMULATOR_URL}/__sim/stats`, 30_000)

  console.log(`Starting the BFF on ${env.BFF_URL} …`)
  startChild('bff', process.execPath, serverArgs('bff', runtime), {
    cwd: root,
    env,
    onExit: onUnexpectedExit('The BFF'),
  })
  await waitForOk(`${env.BFF_URL}/readyz`, 60_000)

  // A phone on the same Wi-Fi reaches the BFF only on this machine's LAN address, and only when the
  // BFF listens there (HOST, default 127.0.0.1 so the demo is not exposed by accident).
  const lan = lanAddress()
  const host = env.HOST ?? '127.0.0.1'
  const lanUrl = lan === undefined ? undefined : `http://${lan}:${env.PORT ?? '3000'}`
  const phone =
    lanUrl === undefined
      ? ''
      : ['0.0.0.0', '::', lan].includes(host)
        ? `    Phone (Wi-Fi)    ${lanUrl}/   (mini-programs: build with TARO_APP_BFF_URL=${lanUrl})\n`
        : `    Phone (Wi-Fi)    ${lanUrl}/   (needs \`HOST=0.0.0.0 pnpm start\`; mini-programs also TARO_APP_BFF_URL=${lanUrl} at build time)\n`

  console.log(`
    The demo store is ready.

      Store            ${env.BFF_URL}/
  ${phone}    Merchant console ${env.BFF_URL}/console/   (admin token: ${env.ADMIN_TOKEN})
      Merchant API     ${env.BFF_URL}/api/admin/orders   (Authorization: Bearer <admin token>)
      Simulator        ${env.SIMULATOR_URL}/__sim/stats
      Database         ${env.DATABASE_URL.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@')}

    How to pay: open the store, add products, 去结算 (checkout), 立即支付 (pay). In a plain browser
    the sandbox cashier opens: choose 支付成功 and the order turns "paid" once the BFF has
    confirmed it with the simulated aggregator (notification, then Query).

    Ctrl-C stops everything.
  `)
}
