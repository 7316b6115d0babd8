/** The machine and the package versions a run measured, for the report's header. */
import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism, release, totalmem } from 'node:os'
import { dirname, join } from 'node:path'

import { PATHS } from './paths'

/** What the numbers were measured on. */
export interface MachineInfo {
  cpus: number
  cpuModel: string
  memoryGiB: number
  node: string
  kernel: string
  packages: Record<string, string>
}

// Each package is looked up from the workspace package that depends on it.
const PACKAGES: ReadonlyArray<readonly [string, string]> = [
  ['koa', 'apps/bff'],
  ['@koa/router', 'apps/bff'],
  ['kysely', 'apps/bff'],
  ['better-sqlite3', 'apps/bff'],
  ['zod', 'apps/bff'],
  ['pino', 'apps/bff'],
  ['undici', 'packages/lianke'],
  ['tsx', '.'],
  ['autocannon', 'bench'],
  ['playwright-core', 'bench'],
]

/** Reads the CPU, memory, Node and package versions. */
export function machineInfo(): MachineInfo {
  const packages: Record<string, string> = {}
  for (const [name, from] of PACKAGES)
    packages[name] = installedVersion(name, join(PATHS.root, from))
  return {
    cpus: availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel: release(),
    packages,
  }
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((each) => each.startsWith('model name'))
    return line?.split(':')[1]?.trim() ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

function installedVersion(name: string, from: string): string {
  let dir = from
  for (;;) {
    const manifest = join(dir, 'node_modules', name, 'package.json')
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }
      return typeof parsed.version === 'string' ? parsed.version : 'unknown'
    }
    const parent = dirname(dir)
    if (parent === dir) return 'not installed'
    dir = parent
  }
}
