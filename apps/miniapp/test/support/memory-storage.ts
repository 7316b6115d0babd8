import type { KeyValueStorage } from '../../src/lib/key-value-storage'

/** A KeyValueStorage over a Map, with the map exposed for assertions. */
export function memoryStorage(): KeyValueStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>()
  return {
    entries,
    get: (key) => entries.get(key),
    set: (key, value) => void entries.set(key, value),
    remove: (key) => void entries.delete(key),
  }
}
