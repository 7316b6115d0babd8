/**
 * Reads a V8 `.cpuprofile` (what `node --cpu-prof` writes) and attributes self time to functions
 * and to coarse areas (a dependency, the BFF's own code, Node internals, GC), leaving idle out.
 */
import { readFile } from 'node:fs/promises'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

/** The parts of a V8 `.cpuprofile` the summary reads. */
export interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

/**
 * A stretch of the profiled process's life in microseconds of CLOCK_MONOTONIC, the clock both
 * V8's profile timestamps and `process.hrtime` read, so a window taken here selects samples there.
 */
export interface ProfileWindow {
  startMicros: number
  endMicros: number
}

/** The current CLOCK_MONOTONIC time in microseconds, comparable with profile timestamps. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n)
}

/** A function or area and its share of busy (non-idle) CPU time. */
export interface ProfileEntry {
  name: string
  ms: number
  percent: number
}

/** The top functions and areas by self time, and the busy time they are shares of. */
export interface ProfileSummary {
  busyMs: number
  functions: ProfileEntry[]
  areas: ProfileEntry[]
}

/** Reads a `.cpuprofile` file. */
export async function readProfile(file: string): Promise<CpuProfile> {
  return JSON.parse(await readFile(file, 'utf8')) as CpuProfile
}

/**
 * Summarises the samples of `profile` taken inside `window` (start-up and shutdown left out),
 * keeping the `top` largest functions.
 */
export function summariseProfile(
  profile: CpuProfile,
  window: ProfileWindow,
  top: number,
): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfMicros = new Map<number, number>()
  let at = profile.startTime
  for (let index = 0; index < profile.samples.length; index += 1) {
    at += profile.timeDeltas[index] ?? 0
    if (at < window.startMicros || at > window.endMicros) continue
    // timeDeltas[i] is the gap before sample i, so the next gap is the time spent in sample i.
    const micros = profile.timeDeltas[index + 1] ?? 0
    const id = profile.samples[index]!
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + micros)
  }
  const functions = new Map<string, number>()
  const areas = new Map<string, number>()
  let busy = 0
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)?.callFrame
    if (!frame || frame.functionName === '(idle)') continue
    busy += micros
    const name = `${frame.functionName || '(anonymous)'} ${shortLocation(frame.url, frame.lineNumber)}`
    functions.set(name.trim(), (functions.get(name.trim()) ?? 0) + micros)
    const area = areaOf(frame.functionName, frame.url)
    areas.set(area, (areas.get(area) ?? 0) + micros)
  }
  const rank = (map: Map<string, number>, limit: number): ProfileEntry[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, micros]) => ({ name, ms: micros / 1000, percent: (100 * micros) / busy }))
  return { busyMs: busy / 1000, functions: rank(functions, top), areas: rank(areas, 10) }
}

function shortLocation(url: string, line: number): string {
  if (url === '') return ''
  const path = url.replace(/^file:\/\//, '')
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/(.+)$/.exec(path)
  const short = pnpm ? pnpm[1]! : path.replace(/^.*?\/(apps|packages)\//, '$1/')
  return `(${short}:${line + 1})`
}

function areaOf(functionName: string, url: string): string {
  if (functionName.startsWith('(')) return functionName
  if (url.includes('internal/deps/undici')) return 'fetch (undici, bundled in node)'
  if (url.startsWith('node:internal/modules')) return 'module loading (node)'
  if (/^node:(internal\/)?_?http/.test(url)) return 'node http'
  if (url.startsWith('node:')) return 'node internals (other)'
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pnpm) return pnpm[1]!
  const workspace = /\/(apps|packages)\/([^/]+)\//.exec(url)
  if (workspace) return `${workspace[1]}/${workspace[2]}`
  return url === '' ? '(native / V8)' : 'other'
}
