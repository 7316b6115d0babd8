/**
 * The BFF configurations the load measures, each with its own targets: the default SQLite file
 * (`bff-*`), one BFF on a fresh PostgreSQL database (`bff-pg-*`), and two BFF instances on one
 * fresh PostgreSQL database with the load split across both (`bff-pg2-*`: two autocannon
 * instances at once, the two processes' CPU summed per answer).
 */
import { createBenchClient, type BenchClient } from './bench-client'
import { createBenchDatabase } from './bench-database'
import { prepareBff } from './bff-fixture'
import { startBffChild, type RunningChild } from './stack'
import { bffTargets, type BffFixture } from './targets/bff-targets'
import type { LoadTarget } from './targets/load-target'

/** Which configuration. */
export type BffVariantKind = 'sqlite' | 'postgres' | 'postgres-two'

const VARIANTS: Record<BffVariantKind, { prefix: string; label: string | null }> = {
  sqlite: { prefix: 'bff', label: null },
  postgres: { prefix: 'bff-pg', label: 'PostgreSQL' },
  'postgres-two': { prefix: 'bff-pg2', label: 'PostgreSQL, 2 instances' },
}

/** A started configuration: its targets, the first instance, and how to stop it. */
export interface StartedBffVariant {
  targets: LoadTarget[]
  primary: RunningChild & { notifySecret: string }
  client: BenchClient
  fixture: BffFixture
  notificationMissing: string | null
  /** Stops the instances and drops the database (PostgreSQL). */
  release(): Promise<void>
}

/** Starts `kind` (PostgreSQL ones on a fresh database of the server at `postgresAdminUrl`). */
export async function startBffVariant(
  kind: BffVariantKind,
  options: {
    workDir: string
    simulatorUrl: string
    simulatorPid: number | undefined
    shopperCount: number
    staticDir?: string
    postgresAdminUrl?: string
  },
): Promise<StartedBffVariant> {
  const variant = VARIANTS[kind]
  const database =
    kind === 'sqlite' ? null : await createBenchDatabase(options.postgresAdminUrl ?? '')
  const instances: (RunningChild & { notifySecret: string })[] = []
  const release = async (): Promise<void> => {
    await Promise.all(instances.map((instance) => instance.child.stop()))
    await database?.drop()
  }
  try {
    const count = kind === 'postgres-two' ? 2 : 1
    for (let index = 0; index < count; index += 1) {
      instances.push(
        await startBffChild({
          name: count === 1 ? variant.prefix : `${variant.prefix}-${index + 1}`,
          workDir: options.workDir,
          simulatorUrl: options.simulatorUrl,
          ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
          ...(database === null ? {} : { databaseUrl: database.url }),
          // Distinct names: an instance gives back the in-flight keys of its own earlier lives only.
          extraEnv: { INSTANCE_NAME: `${variant.prefix}-${index + 1}` },
        }),
      )
    }
    const primary = instances[0]!
    const client = createBenchClient({ bff: primary.url, simulator: options.simulatorUrl })
    const prepared = await prepareBff(client, {
      bffUrl: primary.url,
      notifySecret: primary.notifySecret,
      shopperCount: options.shopperCount,
    })
    const serverPids = instances.flatMap((instance) =>
      instance.child.process.pid === undefined ? [] : [instance.child.process.pid],
    )
    const upstreamPids = options.simulatorPid === undefined ? [] : [options.simulatorPid]
    const targets = bffTargets(prepared.fixture, variant).map((target) => ({
      ...target,
      serverPids,
      ...(target.method === 'POST' ? { upstreamPids } : {}),
      ...(instances.length > 1
        ? { alsoOrigins: instances.slice(1).map((instance) => instance.url) }
        : {}),
    }))
    return {
      targets,
      primary,
      client,
      fixture: prepared.fixture,
      notificationMissing: prepared.notificationMissing,
      release,
    }
  } catch (error) {
    await release()
    throw error
  }
}
