import { describe, expect, it } from 'vitest'

import { syncStorage, type SyncStorageApi } from '../../src/lib/sync-storage'

function platformStorage(missing: unknown): SyncStorageApi & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>()
  return {
    data,
    getStorageSync: (key) => (data.has(key) ? data.get(key) : missing),
    setStorageSync: (key, value) => void data.set(key, value),
    removeStorageSync: (key) => void data.delete(key),
  }
}

describe('storage over the platforms’ synchronous storage', () => {
  it.each([
    ['WeChat', ''],
    ['Alipay', null],
    ['H5', undefined],
  ])('reads a missing key as absent on %s and round-trips a string', (_platform, missing) => {
    const api = platformStorage(missing)
    const storage = syncStorage(api)
    expect(storage.get('qp.session')).toBeUndefined()
    storage.set('qp.session', '{"token":"t"}')
    expect(storage.get('qp.session')).toBe('{"token":"t"}')
    storage.remove('qp.session')
    expect(api.data.has('qp.session')).toBe(false)
    expect(storage.get('qp.session')).toBeUndefined()
  })

  it('reads a value that is not a string (written by another version) as absent', () => {
    const api = platformStorage('')
    api.data.set('qp.cart', { items: [] })
    expect(syncStorage(api).get('qp.cart')).toBeUndefined()
  })
})
