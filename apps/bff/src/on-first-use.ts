/**
 * `load` run once, on the first call, its promise shared by every call after: for what a request
 * needs only sometimes (a module, or something built from one), kept out of start-up. A failed
 * load stays failed, as a failed `import()` does.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined
  return () => (loaded ??= load())
}
