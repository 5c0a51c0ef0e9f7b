/**
 * Public market data both Binance products serve alike: the kline intervals, the top of the book,
 * the `ping` and `time` endpoints, and the answer shape "one object for `symbol`, else an array".
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type { Decimal } from "../../../model/Decimal.js"
import { zero } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import { candles } from "../../engine/Statistics.js"
import { intervals } from "../kit/Intervals.js"
import type { BinanceError } from "./errors.js"
import { error } from "./errors.js"
import type { Params } from "./params.js"
import { limit, optional, optionalIntegers, required } from "./params.js"
import type { Route } from "./Route.js"
import { get } from "./Route.js"
import { kline } from "./wire.js"

/**
 * Kline intervals (https://developers.binance.com/docs/binance-spot-api-docs/enums#kline-intervals;
 * USDⓈ-M lists the same but `1s`).
 * @since 0.1.0
 */
export const klineIntervals = intervals("1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M")

/** The top of the book as `[price, quantity]` pairs (zeros when a side is empty). @since 0.1.0 */
export const topOfBook = (engine: Engine, symbol: string) => {
  const bid = engine.bestBid(symbol)
  const ask = engine.bestAsk(symbol)
  return {
    bid: (bid === undefined ? [zero, zero] : [bid.price, bid.total]) as readonly [Decimal, Decimal],
    ask: (ask === undefined ? [zero, zero] : [ask.price, ask.total]) as readonly [Decimal, Decimal]
  }
}

/** The best bid and ask as the `bookTicker` endpoints write them. @since 0.1.0 */
export const bookTicker = (
  symbol: string,
  { ask, bid }: ReturnType<typeof topOfBook>,
  level: (level: readonly [Decimal, Decimal]) => readonly [string, string]
) => {
  const [bidPrice, bidQty] = level(bid)
  const [askPrice, askQty] = level(ask)
  return { symbol, bidPrice, bidQty, askPrice, askQty }
}

/** One item when the request named one `symbol`, else the list. @since 0.1.0 */
export const one = <A>(single: boolean, items: ReadonlyArray<A>): A | ReadonlyArray<A> => (single ? items[0]! : items)

/** The instruments a request names; `single` when it named one `symbol`. @since 0.1.0 */
export interface Selection<I extends Instrument> {
  readonly single: boolean
  readonly instruments: ReadonlyArray<I>
}

/**
 * An endpoint answering one object when the request named one `symbol`, else an array; its weight
 * for one and for more.
 * @since 0.1.0
 */
export const perSymbol = <I extends Instrument>(
  path: string,
  params: ReadonlyArray<string>,
  [weightOne, weightMore]: readonly [number, number],
  selection: (p: Params, engine: Engine) => Either.Either<Selection<I>, BinanceError>,
  render: (engine: Engine, instrument: I, now: number) => unknown
): Route =>
  get(path, params, (p) => (p.has("symbol") ? weightOne : weightMore), ({ engine, now, params }) =>
    Either.map(
      selection(params, engine),
      ({ instruments, single }) => one(single, instruments.map((i) => render(engine, i, now)))
    ))

/** `ping` and `time` under a product's prefix (`/api/v3`, `/fapi/v1`). @since 0.1.0 */
export const generalRoutes = (prefix: string): ReadonlyArray<Route> => [
  get(`${prefix}/ping`, [], 1, () => Either.right({})),
  get(`${prefix}/time`, [], 1, ({ now }) => Either.right({ serverTime: now }))
]

/**
 * `klines` under `path`: `interval` (-1120), `timeZone` when the product reads it (only 0 offsets
 * are served), `startTime`, `endTime`, `limit` up to `maxLimit`.
 * @since 0.1.0
 */
export const klinesRoute = (
  path: string,
  symbol: (p: Params, engine: Engine) => Either.Either<Instrument, BinanceError>,
  maxLimit: number,
  timeZone: boolean
): Route =>
  get(
    path,
    ["symbol", "interval", "startTime", "endTime", ...(timeZone ? ["timeZone"] : []), "limit"],
    2,
    ({ engine, now, params }) =>
      Either.gen(function*() {
        const instrument = yield* symbol(params, engine)
        const interval = klineIntervals.get(yield* required(params, "interval"))
        if (interval === undefined) return yield* Either.left(error("BAD_INTERVAL"))
        const zone = timeZone ? yield* optional(params, "timeZone") : undefined
        if (zone !== undefined && !/^(\+|-)?0{0,2}0(:00)?$/.test(zone)) {
          return yield* Either.left(error("INVALID_PARAMETER", "timeZone"))
        }
        const { endTime, startTime } = yield* optionalIntegers(params, "startTime", "endTime")
        const n = yield* limit(params, 500, maxLimit)
        return candles(engine.trades(instrument.symbol), interval, { now, limit: n, startTime, endTime }).map(kline)
      })
  )
