/**
 * Request parameters read from a query string and an `application/x-www-form-urlencoded` body,
 * the query string winning when a name is in both, as exactly as received (a name repeated within
 * one of them is reported, venues refuse it).
 *
 * @since 0.1.0
 */

/**
 * The parameters of one request.
 * @since 0.1.0
 */
export class FormParams {
  private constructor(private readonly values: ReadonlyMap<string, string>) {}

  /** Parses query string and body; `{ duplicate }` names a parameter sent twice in one of them. */
  static parse(rawQuery: string, body: string): FormParams | { readonly duplicate: string } {
    const values = new Map<string, string>()
    for (const source of [rawQuery, body]) {
      const seen = new Set<string>()
      for (const [name, value] of new URLSearchParams(source)) {
        if (seen.has(name)) return { duplicate: name }
        seen.add(name)
        if (!values.has(name)) values.set(name, value)
      }
    }
    return new FormParams(values)
  }

  get names(): ReadonlyArray<string> {
    return [...this.values.keys()]
  }

  has(name: string): boolean {
    return this.values.has(name)
  }

  raw(name: string): string | undefined {
    return this.values.get(name)
  }
}
