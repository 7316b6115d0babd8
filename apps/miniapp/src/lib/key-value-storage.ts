/** Synchronous string storage: Taro's storage in the app, a Map in tests. */
export interface KeyValueStorage {
  get(key: string): string | undefined
  set(key: string, value: string): void
  remove(key: string): void
}
