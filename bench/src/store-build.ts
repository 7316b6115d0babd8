/** Builds a missing store target with the root's `pnpm build:<target>`, output to a log file. */
import { readFileSync } from 'node:fs'

import { spawnCommand } from './children'
import type { StoreTarget } from './store-size'

/** Runs the build; resolves null on success, or why it failed (with the output's last lines). */
export async function buildStoreTarget(
  target: StoreTarget,
  logFile: string,
  timeoutMs: number,
): Promise<string | null> {
  const child = spawnCommand(`build:${target}`, 'pnpm', [`build:${target}`], { env: {}, logFile })
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs)
  })
  const outcome = await Promise.race([child.exited, late])
  clearTimeout(timer)
  await child.stop(2000)
  if (outcome === 0) return null
  const why = outcome === 'late' ? `timed out after ${timeoutMs / 1000} s` : `exit ${outcome}`
  return `pnpm build:${target} failed (${why}): ${lastLines(logFile)}`
}

function lastLines(file: string): string {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('at '))
      .slice(-3)
      .join(' / ')
      .slice(0, 400)
  } catch {
    return '(no output)'
  }
}
