/** Builds a missing store target with the root's `pnpm build:<target>`, output to a log file. */
import { spawnCommand } from './children'
import type { StoreTarget } from './store-size'

/** Runs the build; resolves true on exit code 0, false on failure or after `timeoutMs`. */
export async function buildStoreTarget(
  target: StoreTarget,
  logFile: string,
  timeoutMs: number,
): Promise<boolean> {
  const child = spawnCommand(`build:${target}`, 'pnpm', [`build:${target}`], { env: {}, logFile })
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs)
  })
  const outcome = await Promise.race([child.exited, late])
  clearTimeout(timer)
  await child.stop(2000)
  return outcome === 0
}
