/** `pnpm --filter @quickpay/simulator build`: the compiled simulator, dist/main.js (scripts/lib/server-bundle.js). */
import { bundleServer } from '../../scripts/lib/server-bundle.js'

await bundleServer({ packageDir: import.meta.dirname, entry: 'src/main.ts', external: [] })
