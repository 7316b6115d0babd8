import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer } from 'node:net'
import { join } from 'node:path'

import { SIMULATOR_DEFAULTS } from '@quickpay/simulator'
import { describe, expect, it } from 'vitest'

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

describe('main.ts', () => {
  it('starts listening and exits 0 on SIGTERM after closing the server, reconciler and database, writing its held request lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bff-main-'))
    const port = await freePort()
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: join(import.meta.dirname, '..'),
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
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
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
      // The request line is held (logger.ts, createRequestLineLogger) until exit at the latest.
      const exited = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      )
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(output).toContain('stopped')
      expect(output).toMatch(/"path":"\/healthz","status":200[^\n]*"msg":"request"/)
    } finally {
      child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
