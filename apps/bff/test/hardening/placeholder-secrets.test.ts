import { describe, expect, it } from 'vitest'

import { loadEnv } from '../../src/env'

// Regression test for issue #12: the `change-me-…` placeholders of .env.example were accepted
// as the notify secret and the admin token of a real (non-sandbox) deployment.

const BASE = {
  NOTIFY_SECRET: 'change-me-notify-secret-0123456789',
  ADMIN_TOKEN: 'change-me-admin-token-0123456789',
  WECHAT_MINIPROGRAM_SECRET: 's',
  WECHAT_OA_SECRET: 's',
}

describe('#12 the placeholder secrets of .env.example', () => {
  it('are refused outside SANDBOX, naming each setting', () => {
    expect(() => loadEnv({ ...BASE, SANDBOX: 'false' })).toThrow(
      /NOTIFY_SECRET, ADMIN_TOKEN: still the placeholder/,
    )
    expect(() =>
      loadEnv({ ...BASE, ADMIN_TOKEN: 'a-real-admin-token-9f8e7d6c5b4a', SANDBOX: 'false' }),
    ).toThrow(/NOTIFY_SECRET: still the placeholder/)
  })

  it('are accepted in SANDBOX, where the demo runs with them', () => {
    expect(loadEnv({ ...BASE, SANDBOX: 'true' }).SANDBOX).toBe(true)
  })
})
