// Prints each build target's package size and fails when the WeChat package exceeds its budget.
import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const WEAPP_BUDGET_BYTES = 360 * 1024
const TARGETS = ['weapp', 'alipay', 'h5'] as const
/** H5's precompressed copies (`.br`, `.gz`) of its own files: counting them would count a file twice. */
const COMPRESSED_COPY = /\.(br|gz)$/

interface Size {
  bytes: number
  files: number
}

function sizeOf(dir: string): Size {
  let bytes = 0
  let files = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      const inner = sizeOf(path)
      bytes += inner.bytes
      files += inner.files
    } else if (entry.isFile() && !COMPRESSED_COPY.test(entry.name)) {
      bytes += statSync(path).size
      files += 1
    }
  }
  return { bytes, files }
}

function exists(dir: string): boolean {
  try {
    return statSync(dir).isDirectory()
  } catch {
    return false
  }
}

const distRoot = resolve(import.meta.dirname, '..', 'dist')
let failed = false
for (const target of TARGETS) {
  const dir = join(distRoot, target)
  if (!exists(dir)) {
    console.log(`${target.padEnd(7)} not built (run pnpm build:${target})`)
    continue
  }
  const { bytes, files } = sizeOf(dir)
  const kib = (bytes / 1024).toFixed(1)
  const overBudget = target === 'weapp' && bytes > WEAPP_BUDGET_BYTES
  if (overBudget) failed = true
  const budget =
    target === 'weapp'
      ? ` (budget ${WEAPP_BUDGET_BYTES / 1024} KiB${overBudget ? ': EXCEEDED' : ''})`
      : ''
  console.log(
    `${target.padEnd(7)} ${String(bytes).padStart(9)} B  ${kib.padStart(7)} KiB  ${String(files).padStart(3)} files${budget}`,
  )
}
if (failed) {
  console.error(
    `The WeChat mini-program package is over its ${WEAPP_BUDGET_BYTES / 1024} KiB budget.`,
  )
  process.exitCode = 1
}
