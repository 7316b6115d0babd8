import type { TestProject } from 'vitest/node'

import { startSystem, type StartedSystem } from './started-system'

declare module 'vitest' {
  export interface ProvidedContext {
    bffUrl: string
    simulatorUrl: string
    adminToken: string
  }
}

let system: StartedSystem | undefined

/** Starts `pnpm start` once for every E2E flow, with a short reconciler delay so flow 6 is quick. */
export async function setup(project: TestProject): Promise<void> {
  system = await startSystem({
    RECONCILE_AFTER_SECONDS: '5',
    RECONCILE_INTERVAL_MS: '1000',
    // Polls never trigger a Query here, so each flow shows which path (notification or reconciler) settled it.
    POLL_QUERY_AFTER_SECONDS: '60',
  })
  project.provide('bffUrl', system.bffUrl)
  project.provide('simulatorUrl', system.simulatorUrl)
  project.provide('adminToken', system.adminToken)
}

/** Stops the started system with Ctrl-C, as a person would. */
export async function teardown(): Promise<void> {
  await system?.stop('SIGINT')
}
