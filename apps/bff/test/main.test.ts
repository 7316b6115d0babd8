import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { SIMULATOR_DEFAULTS } from '@quickpay/simulator'
import { describe, expect, it } from 'vitest'

describe('main.ts', () => {
  it('starts listening and exits 0 on SIGTERM after closing the server, reconciler and database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bff-main-'))
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: join(import.meta.dirname, '..'),
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        DATABASE_URL: `file:${join(dir, 'bff.sqlite')}`,
        NOTIFY_SECRET: 'main-test-notify-secret-0123456789',
        ADMIN_TOKEN: 'main-test-admin-token-0123456789',
        WECHAT_MINIPROGRAM_SECRET: SIMULATOR_DEFAULTS.wechatMiniprogram.secret,
        WECHAT_OA_SECRET: SIMULATOR_DEFAULTS.wechatOfficialAccount.secret,
        RECONCILE_INTERVAL_MS: '600000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      let output = ''
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString()
          if (output.includes('BFF listening')) resolve()
        })
        child.once('exit', (code) => reject(new Error(`exited early (${String(code)}): ${output}`)))
      })
      const exited = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      )
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(output).toContain('stopped')
    } finally {
      child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
