/**
 * Reading a paged list (Bybit's `nextPageCursor`…): each page names the cursor of the next; reading
 * stops at the last page, at an empty page, or after `maxPages` pages.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"

/**
 * One page: its items and the next page's cursor (`undefined` or `""` on the last page).
 * @since 0.1.0
 */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly next: string | undefined
}

/**
 * Every item of every page, in order.
 * @since 0.1.0
 */
export const collect = <A, E, R>(
  maxPages: number,
  page: (cursor: string | undefined) => Effect.Effect<Page<A>, E, R>
): Effect.Effect<Array<A>, E, R> =>
  Effect.gen(function*() {
    const out: Array<A> = []
    let cursor: string | undefined
    for (let n = 0; n < maxPages; n++) {
      const { items, next } = yield* page(cursor)
      out.push(...items)
      if (!next || items.length === 0) break
      cursor = next
    }
    return out
  })
