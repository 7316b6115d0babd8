import { afterAll, afterEach, beforeAll } from 'vitest'

import { ROOT } from '../started-system'
import { ensureMiniBuild } from './mini-build'
import { MiniProgram } from './mini-program'
import type { FunctionVariant, Platform } from './platform'
import type { SystemAccess } from './shopper-steps'

/** A BFF and simulator to run the bundles against; `stop` when the suite started them itself. */
export type SuiteSystem = SystemAccess & { stop?(): Promise<void> }

/** What a suite of mini-program flows works with. */
export interface MiniProgramSuite {
  /** The system the bundles talk to (available once the suite's `beforeAll` ran). */
  readonly system: SystemAccess
  /** Launches the built bundle of `platform` as shopper `user`; it is closed after the test. */
  launch(platform: Platform, user: string, variant?: FunctionVariant): Promise<MiniProgram>
}

/**
 * Registers the set-up every suite of flows in the built bundles shares: both bundles built when
 * stale (one after the other: two Taro builds at once would only compete for the same cores), the
 * system `start` answers, the programs a test launched closed after it, and the system stopped at
 * the end when it has a `stop`.
 */
export function miniProgramSuite(start: () => Promise<SuiteSystem>): MiniProgramSuite {
  const dist: Partial<Record<Platform, string>> = {}
  const running: MiniProgram[] = []
  let system: SuiteSystem | undefined

  beforeAll(async () => {
    dist.weapp = await ensureMiniBuild(ROOT, 'weapp')
    dist.alipay = await ensureMiniBuild(ROOT, 'alipay')
    system = await start()
  })
  afterEach(() => {
    for (const mp of running.splice(0)) mp.close()
  })
  afterAll(async () => {
    await system?.stop?.()
  })

  const started = (): SuiteSystem => {
    if (system === undefined) throw new Error('the mini-program suite has not started its system')
    return system
  }
  return {
    get system() {
      return started()
    },
    async launch(platform, user, variant) {
      const distDir = dist[platform]
      if (distDir === undefined) throw new Error(`the ${platform} bundle was not built`)
      const mp = await MiniProgram.launch({
        platform,
        distDir,
        bffUrl: started().bffUrl,
        simulatorUrl: started().simulatorUrl,
        user,
        ...(variant === undefined ? {} : { variant }),
      })
      running.push(mp)
      return mp
    },
  }
}
