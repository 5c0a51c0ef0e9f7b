/**
 * Venues that list market data per group of markets (Bybit's category, OKX's instrument type): one
 * request per group the chosen markets fall in, the answers kept for the chosen markets only.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { Market, Markets, MarketType } from "../model/Market.js"

/**
 * Values of `chosen` (every market when `undefined`) from per-group lists, in group order.
 * @since 0.1.0
 */
export const byGroup = <G, A extends { readonly symbol: string }, E>(
  groups: ReadonlyArray<G>,
  groupOf: (market: Market) => G,
  chosen: ReadonlyArray<Market> | undefined,
  list: (group: G) => Effect.Effect<ReadonlyArray<A>, E>
): Effect.Effect<Array<A>, E> => {
  const wanted = chosen === undefined ? undefined : new Set(chosen.map((m) => m.unified))
  const asked = chosen === undefined ? groups : groups.filter((g) => chosen.some((m) => groupOf(m) === g))
  return Effect.map(
    Effect.forEach(asked, list),
    (lists) => lists.flat().filter((a) => wanted === undefined || wanted.has(a.symbol))
  )
}

/**
 * The markets of every group (Bybit's categories, OKX's instrument types), loaded concurrently and
 * listed in group order, with every group's skipped instruments.
 * @since 0.1.0
 */
export const loadEach = <G, E>(
  groups: ReadonlyArray<G>,
  load: (
    group: G
  ) => Effect.Effect<{ readonly markets: ReadonlyArray<Market>; readonly skipped: ReadonlyArray<string> }, E>
) =>
  Effect.map(Effect.forEach(groups, load, { concurrency: "unbounded" }), (loaded) => ({
    markets: loaded.flatMap((l) => l.markets),
    skipped: loaded.flatMap((l) => l.skipped)
  }))

/**
 * The items of several list requests (one per query: Bybit's category or settle coin, OKX's
 * instrument type), in query order, each read with the query that listed it; an item `read` makes
 * nothing of (`undefined`: a market this connector does not list, a flat position) is left out.
 * @since 0.1.0
 */
export const readEach = <Q, W, A, E>(
  queries: ReadonlyArray<Q>,
  list: (query: Q) => Effect.Effect<ReadonlyArray<W>, E>,
  read: (item: W, query: Q) => A | undefined,
  options?: { readonly concurrency?: number | undefined }
): Effect.Effect<Array<A>, E> =>
  Effect.map(
    Effect.forEach(queries, (query) =>
      Effect.map(list(query), (items) =>
        items.flatMap((item) => {
          const a = read(item, query)
          return a === undefined ? [] : [a]
        })), options),
    (lists) => lists.flat()
  )

/**
 * A venue's names for the market types it groups its markets by (Bybit's categories): the names in
 * order, a market's name, and the market of a wire symbol listed under a name (`undefined` under a
 * name not given here: a group this connector does not trade, such as Bybit's `inverse`).
 * @since 0.1.0
 */
export const byType = <const G extends string>(types: Readonly<Record<G, MarketType>>) => {
  const groups = Object.keys(types) as unknown as ReadonlyArray<G>
  const groupOf = new Map(groups.map((group) => [types[group], group]))
  return {
    groups,
    groupOf: (market: Market): G => groupOf.get(market.type)!,
    marketOf: (markets: Markets, group: string | undefined, symbol: string): Market | undefined =>
      group !== undefined && Object.hasOwn(types, group) ? markets.byVenueSymbol(symbol, types[group as G]) : undefined
  }
}
