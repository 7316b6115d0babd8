/** Where things are: the repository root and the files the bench starts or reads. */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const root = join(benchDir, '..')

/** Absolute paths the bench uses, all derived from this file's location. */
export const PATHS = {
  root,
  bench: benchDir,
  servers: join(benchDir, 'src/servers'),
  bffMain: join(root, 'apps/bff/src/main.ts'),
  bffCompiledMain: join(root, 'apps/bff/dist/main.js'),
  simulatorMain: join(root, 'packages/simulator/src/main.ts'),
  miniappDist: join(root, 'apps/miniapp/dist'),
  consoleDist: join(root, 'apps/console/dist'),
  benchmarksFile: join(root, 'BENCHMARKS.md'),
} as const
