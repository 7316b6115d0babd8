import type { CompiledQuery, Compilable } from 'kysely'

// A string no caller sends as a value: it marks where a slot's value goes in the compiled query.
const SLOT_MARK = '\u0000slot:'

/**
 * A named placeholder standing in for a value while a template is built; typed as whatever the
 * query builder expects at that place (its runtime value is a marker string).
 */
export function slot<T = string>(name: string): T {
  return `${SLOT_MARK}${name}` as T
}

/**
 * A query built and compiled once for its dialect; `bind` answers the compiled query with this
 * call's values in its slots. Kysely builds an immutable operation tree and compiles it to SQL on
 * every execution (with the statement cache in place, most of its remaining CPU on the hot paths);
 * a fixed-shape query needs that only once.
 */
export class QueryTemplate<Row, Name extends string> {
  private readonly compiled: CompiledQuery<Row>
  /** For each parameter: the slot it comes from, or its constant value. */
  private readonly sources: readonly ({ slot: Name } | { value: unknown })[]

  /** Compiles `query`; every name in `names` must appear as a slot and nothing else may. */
  constructor(query: Compilable<Row>, names: readonly Name[]) {
    this.compiled = query.compile()
    const known = new Set<string>(names)
    const seen = new Set<string>()
    this.sources = this.compiled.parameters.map((value) => {
      if (typeof value !== 'string' || !value.startsWith(SLOT_MARK)) return { value }
      const name = value.slice(SLOT_MARK.length)
      if (!known.has(name)) throw new Error(`query template: unknown slot ${name}`)
      seen.add(name)
      return { slot: name as Name }
    })
    const missing = names.filter((name) => !seen.has(name))
    if (missing.length > 0) {
      throw new Error(`query template: slot(s) ${missing.join(', ')} not among the parameters`)
    }
  }

  /** The compiled query with `values` bound to its slots. */
  bind(values: Readonly<Record<Name, unknown>>): CompiledQuery<Row> {
    return {
      ...this.compiled,
      parameters: this.sources.map((source) =>
        'slot' in source ? values[source.slot] : source.value,
      ),
    }
  }
}
