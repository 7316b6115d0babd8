/**
 * `pnpm bench --scale`: how the per-request cost grows with the data. One BFF child on a fresh
 * SQLite file, its fixture made through the API (bff-fixture.ts); then, at each size (10 k, then
 * 1 M orders by default), the seeded orders and their events are added in bulk (seed-orders.ts)
 * and every measure is run: GET by number and a duplicate notification (the bench's own targets),
 * the merchant list's first page and a deep page (GET /api/admin/orders, which pages by a keyset
 * cursor and counts matches up to 10 000; the deep page is the cursor half-way down, reached by
 * following next_cursor once, untimed), each as a short autocannon run with the BFF's CPU per
 * answer; and a reconciler sweep (`leaseDue`, the query every reconciler tick starts with) run
 * in this process through the BFF's own repository.
 */
import { join } from 'node:path'

import { createRepository } from '../../../apps/bff/src/store/create-repository'
import { createBenchClient } from '../bench-client'
import { prepareBff } from '../bff-fixture'
import { runLoad, type LoadSample, type LoadSettings } from '../load'
import { startBffChild, startSimulatorChild } from '../stack'
import { spread } from '../stats'
import { bffTargets } from '../targets/bff-targets'
import type { LoadTarget } from '../targets/load-target'
import { lastEventId, seedOrders } from './seed-orders'

/** One measure at one size. */
export interface ScaleMeasure {
  id: string
  label: string
  /** Median latency in µs (autocannon's p50 in ms × 1000 for HTTP; timed calls for the sweep). */
  p50Micros: number
  /** CPU µs per answer of the BFF (HTTP) or of this process (the in-process sweep). */
  cpuMicros: number | null
  /** Non-2xx answers or errors, which make the figure meaningless. */
  problems: number
}

/** Everything measured at one size. */
export interface ScaleStep {
  orders: number
  seedSeconds: number
  measures: ScaleMeasure[]
}

/** The whole scale run. */
export interface ScaleResults {
  startedAt: Date
  sizes: number[]
  load: LoadSettings
  steps: ScaleStep[]
}

const SWEEP_CALLS = 200

function httpMeasure(target: LoadTarget, sample: LoadSample): ScaleMeasure {
  return {
    id: target.id,
    label: target.label,
    p50Micros: sample.p50 * 1000,
    cpuMicros: sample.cpuPerAnswer,
    problems: sample.non2xx + sample.errors,
  }
}

/**
 * The merchant list's cursor after the first `depth` orders, by following next_cursor in pages
 * of 200 (the most the list gives), untimed, as a console reader would get there.
 */
async function cursorAt(
  listUrl: string,
  headers: Record<string, string>,
  depth: number,
): Promise<string> {
  let cursor: string | undefined
  for (let walked = 0; walked < depth;) {
    const limit = Math.min(200, depth - walked)
    const url = `${listUrl}?limit=${limit}${cursor === undefined ? '' : `&cursor=${cursor}`}`
    const response = await fetch(url, { headers })
    if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`)
    const page = (await response.json()) as { orders: unknown[]; next_cursor: string | null }
    if (page.next_cursor === null) throw new Error(`the list ended after ${walked} orders`)
    cursor = page.next_cursor
    walked += page.orders.length
  }
  if (cursor === undefined) throw new Error('no cursor at depth 0')
  return cursor
}

/** Runs the scale measures at each of `sizes` seeded orders (ascending). */
export async function runScale(options: {
  workDir: string
  sizes: readonly number[]
  load: LoadSettings
  log: (line: string) => void
}): Promise<ScaleResults> {
  const startedAt = new Date()
  const { log } = options
  const simulator = await startSimulatorChild(options.workDir, 1000)
  const databaseFile = join(options.workDir, 'bff-scale.sqlite')
  const bff = await startBffChild({
    name: 'bff-scale',
    workDir: options.workDir,
    simulatorUrl: simulator.url,
    databaseUrl: `file:${databaseFile}`,
  })
  const repository = await createRepository(`file:${databaseFile}`)
  try {
    const client = createBenchClient({ bff: bff.url, simulator: simulator.url })
    const prepared = await prepareBff(client, {
      bffUrl: bff.url,
      notifySecret: bff.notifySecret,
      shopperCount: 2,
    })
    const template = prepared.fixture.duplicateNotification?.orderNo
    if (template === undefined) {
      throw new Error(`no paid order to seed from: ${prepared.notificationMissing ?? 'unknown'}`)
    }
    // Its timeline as created and paid, before the duplicate notifications add to it.
    const templateLastEvent = lastEventId(databaseFile, template)
    const pid = bff.child.process.pid
    const serverPids = pid === undefined ? [] : [pid]
    const own = bffTargets(prepared.fixture)
      .filter((target) => target.method === 'GET' || target.id === 'bff-duplicate-notify')
      .map((target) => ({ ...target, serverPids }))
    const adminHeaders = { authorization: `Bearer ${bff.adminToken}` }
    const admin = (id: string, label: string, cursor: string | undefined): LoadTarget => ({
      id,
      label,
      url: `${bff.url}/api/admin/orders?limit=20${cursor === undefined ? '' : `&cursor=${cursor}`}`,
      method: 'GET',
      headers: adminHeaders,
      serverPids,
    })
    const steps: ScaleStep[] = []
    let seeded = 0
    for (const size of options.sizes) {
      const seedStarted = performance.now()
      log(`seeding orders ${seeded + 1}…${size} (with their events)`)
      seedOrders({
        databaseFile,
        templateOrderNo: template,
        lastEventId: templateLastEvent,
        from: seeded,
        to: size,
        now: Date.now(),
        progress: (done, total) => log(`  ${done} / ${total} orders`),
      })
      seeded = size
      const seedSeconds = (performance.now() - seedStarted) / 1000
      const targets = [
        ...own,
        admin('admin-first-page', 'merchant list, first page (limit 20)', undefined),
        admin(
          'admin-deep-page',
          'merchant list, deep page (the cursor half-way down)',
          await cursorAt(`${bff.url}/api/admin/orders`, adminHeaders, size / 2),
        ),
      ]
      const measures: ScaleMeasure[] = []
      for (const target of targets) {
        await runLoad(target, { connections: options.load.connections, durationSeconds: 2 })
        const sample = await runLoad(target, options.load)
        log(
          `  ${size} orders: ${target.id} p50 ${sample.p50} ms, ${sample.cpuPerAnswer?.toFixed(0) ?? '?'} µs CPU/answer`,
        )
        measures.push(httpMeasure(target, sample))
      }
      measures.push(await measureSweep(repository))
      steps.push({ orders: size, seedSeconds, measures })
    }
    return { startedAt, sizes: [...options.sizes], load: options.load, steps }
  } finally {
    await repository.close()
    await bff.child.stop()
    await simulator.child.stop()
  }
}

/**
 * `leaseDue` as a reconciler tick calls it (in a write transaction, pending and closed orders, 20
 * at most; services/reconciler.ts), timed.
 */
async function measureSweep(
  repository: Awaited<ReturnType<typeof createRepository>>,
): Promise<ScaleMeasure> {
  const times: number[] = []
  const cpuBefore = process.cpuUsage()
  for (let call = 0; call < SWEEP_CALLS; call += 1) {
    const now = Date.now()
    const started = performance.now()
    await repository.transaction((tx) =>
      tx.orders.leaseDue({
        now,
        owner: 'bench-scale#1',
        leaseUntil: now + 1,
        limit: 20,
        statuses: ['pending', 'closed'],
      }),
    )
    times.push((performance.now() - started) * 1000)
  }
  const cpu = process.cpuUsage(cpuBefore)
  return {
    id: 'reconciler-sweep',
    label: 'reconciler sweep (`leaseDue`, pending + closed, limit 20; in process)',
    p50Micros: spread(times).median,
    cpuMicros: (cpu.user + cpu.system) / SWEEP_CALLS,
    problems: 0,
  }
}
