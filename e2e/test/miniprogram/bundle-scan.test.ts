import { describe, expect, it } from 'vitest'

import { scanBuild } from '../../support/miniprogram/bundle-scan'
import { ensureMiniBuild } from '../../support/miniprogram/mini-build'
import { ROOT } from '../../support/started-system'

// A second line of defence behind the runtime flows: the built bundles carry no unguarded
// globalThis / global and no string code generation (see support/miniprogram/bundle-scan.ts for
// what counts as guarded).
describe('the built mini-program bundles', () => {
  it.each(['weapp', 'alipay'] as const)(
    'dist/%s has no unguarded globalThis, global, eval or new Function',
    async (platform) => {
      const dir = await ensureMiniBuild(ROOT, platform)
      expect(scanBuild(dir)).toEqual([])
    },
  )
})
