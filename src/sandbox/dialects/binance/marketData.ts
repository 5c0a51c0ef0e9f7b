/**
 * Binance Spot public endpoints: general (`ping`, `time`, `exchangeInfo`) and market data
 * (`depth`, `trades`, `klines`, `avgPrice`, `ticker/24hr`, `ticker/price`, `ticker/bookTicker`).
 *
 * General: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints
 * Market data: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import type { Decimal } from "../../../model/Decimal.js"
import { zero } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import type { CandleInterval } from "../../engine/Statistics.js"
import { candles, rolling } from "../../engine/Statistics.js"
import type { BinanceError } from "./errors.js"
import * as Errors from "./errors.js"
import type { Params } from "./params.js"
import { limit, optional, optionalInteger, required, symbol, symbolList } from "./params.js"
import type { Route } from "./Route.js"
import * as Wire from "./wire.js"

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** The epoch was a Thursday; Binance's weeks start on Monday. */
const MONDAY_OFFSET = 4 * DAY

/**
 * Kline intervals (https://developers.binance.com/docs/binance-spot-api-docs/enums#kline-intervals).
 * @since 0.1.0
 */
export const klineIntervals: ReadonlyMap<string, CandleInterval> = new Map<string, CandleInterval>([
  ["1s", { _tag: "fixed", ms: 1000, offset: 0 }],
  ["1m", { _tag: "fixed", ms: MINUTE, offset: 0 }],
  ["3m", { _tag: "fixed", ms: 3 * MINUTE, offset: 0 }],
  ["5m", { _tag: "fixed", ms: 5 * MINUTE, offset: 0 }],
  ["15m", { _tag: "fixed", ms: 15 * MINUTE, offset: 0 }],
  ["30m", { _tag: "fixed", ms: 30 * MINUTE, offset: 0 }],
  ["1h", { _tag: "fixed", ms: HOUR, offset: 0 }],
  ["2h", { _tag: "fixed", ms: 2 * HOUR, offset: 0 }],
  ["4h", { _tag: "fixed", ms: 4 * HOUR, offset: 0 }],
  ["6h", { _tag: "fixed", ms: 6 * HOUR, offset: 0 }],
  ["8h", { _tag: "fixed", ms: 8 * HOUR, offset: 0 }],
  ["12h", { _tag: "fixed", ms: 12 * HOUR, offset: 0 }],
  ["1d", { _tag: "fixed", ms: DAY, offset: 0 }],
  ["3d", { _tag: "fixed", ms: 3 * DAY, offset: 0 }],
  ["1w", { _tag: "fixed", ms: 7 * DAY, offset: MONDAY_OFFSET }],
  ["1M", { _tag: "month" }]
])

/**
 * The top of the book as `[price, quantity]` pairs (zeros when a side is empty).
 * @since 0.1.0
 */
export const topOfBook = (engine: Engine, sym: string) => {
  const bid = engine.bestBid(sym)
  const ask = engine.bestAsk(sym)
  return {
    bid: (bid === undefined ? [zero, zero] : [bid.price, bid.total]) as readonly [Decimal, Decimal],
    ask: (ask === undefined ? [zero, zero] : [ask.price, ask.total]) as readonly [Decimal, Decimal]
  }
}

/** `symbol`, `symbols`, or every instrument. */
const selection = (
  p: Params,
  engine: Engine
): Either.Either<{ readonly single: boolean; readonly instruments: ReadonlyArray<Instrument> }, BinanceError> =>
  Either.gen(function*() {
    const single = yield* optional(p, "symbol")
    const list = yield* optional(p, "symbols")
    if (single !== undefined && list !== undefined) {
      return yield* Either.left(Errors.error(-1128, "Combination of optional parameters invalid."))
    }
    if (single !== undefined) return { single: true, instruments: [yield* symbol(p, engine)] }
    if (list !== undefined) return { single: false, instruments: yield* symbolList(engine, list) }
    return { single: false, instruments: engine.instruments }
  })

const listWeight = (p: Params, single: number, upTo20: number, upTo100: number, all: number): number => {
  if (p.has("symbol")) return single
  const list = p.raw("symbols")
  if (list === undefined) return all
  const n = list.split(",").length
  return n <= 20 ? upTo20 : n <= 100 ? upTo100 : all
}

const one = <A>(single: boolean, items: ReadonlyArray<A>): A | ReadonlyArray<A> => (single ? items[0]! : items)

/** A ticker endpoint answering one object for `symbol`, else an array (weight 2 / 4). */
const perSymbolTicker = (path: string, render: (engine: Engine, instrument: Instrument) => unknown): Route => ({
  method: "GET",
  path,
  security: "NONE",
  params: ["symbol", "symbols"],
  weight: (p) => (p.has("symbol") ? 2 : 4),
  handle: ({ engine, params }) =>
    Either.map(
      selection(params, engine),
      ({ instruments, single }) => one(single, instruments.map((i) => render(engine, i)))
    )
})

/**
 * The public routes.
 * @since 0.1.0
 */
export const marketDataRoutes: ReadonlyArray<Route> = [
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#test-connectivity
  {
    method: "GET",
    path: "/api/v3/ping",
    security: "NONE",
    params: [],
    weight: () => 1,
    handle: () => Either.right({})
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#check-server-time
  {
    method: "GET",
    path: "/api/v3/time",
    security: "NONE",
    params: [],
    weight: () => 1,
    handle: ({ now }) => Either.right({ serverTime: now })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#exchange-information
  {
    method: "GET",
    path: "/api/v3/exchangeInfo",
    security: "NONE",
    params: ["symbol", "symbols", "permissions", "showPermissionSets", "symbolStatus"],
    weight: () => 20,
    handle: ({ engine, limiter, now, params }) =>
      Either.map(selection(params, engine), ({ instruments }) => ({
        timezone: "UTC",
        serverTime: now,
        rateLimits: [
          { rateLimitType: "REQUEST_WEIGHT", interval: "MINUTE", intervalNum: 1, limit: limiter.weightPerMinute },
          { rateLimitType: "ORDERS", interval: "SECOND", intervalNum: 10, limit: limiter.ordersPer10s },
          { rateLimitType: "ORDERS", interval: "DAY", intervalNum: 1, limit: limiter.ordersPerDay },
          { rateLimitType: "RAW_REQUESTS", interval: "MINUTE", intervalNum: 5, limit: 61000 }
        ],
        exchangeFilters: [],
        symbols: instruments.map(Wire.symbolInfo)
      }))
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#order-book
  {
    method: "GET",
    path: "/api/v3/depth",
    security: "NONE",
    params: ["symbol", "limit"],
    weight: (p) => {
      const raw = p.raw("limit")
      const n = raw === undefined || !/^\d{1,6}$/.test(raw) ? 100 : Number.parseInt(raw, 10)
      return n <= 100 ? 5 : n <= 500 ? 25 : n <= 1000 ? 50 : 250
    },
    handle: ({ engine, params }) =>
      Either.gen(function*() {
        const instrument = yield* symbol(params, engine)
        const n = yield* limit(params, 100, 5000)
        const depth = engine.depth(instrument.symbol, n)!
        return { lastUpdateId: depth.lastUpdateId, bids: depth.bids.map(Wire.level), asks: depth.asks.map(Wire.level) }
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#recent-trades-list
  {
    method: "GET",
    path: "/api/v3/trades",
    security: "NONE",
    params: ["symbol", "limit"],
    weight: () => 25,
    handle: ({ engine, params }) =>
      Either.gen(function*() {
        const instrument = yield* symbol(params, engine)
        const n = yield* limit(params, 500, 1000)
        return engine.trades(instrument.symbol).slice(-n).map(Wire.publicTrade)
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#old-trade-lookup
  {
    method: "GET",
    path: "/api/v3/historicalTrades",
    security: "NONE",
    params: ["symbol", "limit", "fromId"],
    weight: () => 25,
    handle: ({ engine, params }) =>
      Either.gen(function*() {
        const instrument = yield* symbol(params, engine)
        const n = yield* limit(params, 500, 1000)
        const fromId = yield* optionalInteger(params, "fromId")
        const trades = engine.trades(instrument.symbol)
        const selected = fromId === undefined ? trades.slice(-n) : trades.filter((t) => t.tradeId >= fromId).slice(0, n)
        return selected.map(Wire.publicTrade)
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#compressedaggregate-trades-list
  // Each sandbox trade is its own aggregate.
  {
    method: "GET",
    path: "/api/v3/aggTrades",
    security: "NONE",
    params: ["symbol", "fromId", "startTime", "endTime", "limit"],
    weight: () => 4,
    handle: ({ engine, params }) =>
      Either.gen(function*() {
        const instrument = yield* symbol(params, engine)
        const fromId = yield* optionalInteger(params, "fromId")
        const startTime = yield* optionalInteger(params, "startTime")
        const endTime = yield* optionalInteger(params, "endTime")
        const n = yield* limit(params, 500, 1000)
        if (fromId !== undefined && (startTime !== undefined || endTime !== undefined)) {
          return yield* Either.left(Errors.error(-1128, "Combination of optional parameters invalid."))
        }
        const trades = engine.trades(instrument.symbol).filter((t) =>
          (fromId === undefined || t.tradeId >= fromId) &&
          (startTime === undefined || t.time >= startTime) &&
          (endTime === undefined || t.time <= endTime)
        )
        const selected = fromId !== undefined || startTime !== undefined ? trades.slice(0, n) : trades.slice(-n)
        return selected.map((t) => {
          const e = Wire.aggTradeEvent(0, t)
          return { a: e.a, p: e.p, q: e.q, f: e.f, l: e.l, T: e.T, m: e.m, M: e.M }
        })
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#klinecandlestick-data
  {
    method: "GET",
    path: "/api/v3/klines",
    security: "NONE",
    params: ["symbol", "interval", "startTime", "endTime", "timeZone", "limit"],
    weight: () => 2,
    handle: ({ engine, now, params }) =>
      Either.gen(function*() {
        const instrument = yield* symbol(params, engine)
        const intervalName = yield* required(params, "interval")
        const interval = klineIntervals.get(intervalName)
        if (interval === undefined) return yield* Either.left(Errors.invalidInterval)
        const timeZone = yield* optional(params, "timeZone")
        if (timeZone !== undefined && !/^(\+|-)?0{0,2}0(:00)?$/.test(timeZone)) {
          return yield* Either.left(Errors.invalidParameter("timeZone"))
        }
        const startTime = yield* optionalInteger(params, "startTime")
        const endTime = yield* optionalInteger(params, "endTime")
        const n = yield* limit(params, 500, 1000)
        return candles(engine.trades(instrument.symbol), interval, { now, limit: n, startTime, endTime }).map(
          Wire.kline
        )
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#current-average-price
  {
    method: "GET",
    path: "/api/v3/avgPrice",
    security: "NONE",
    params: ["symbol"],
    weight: () => 2,
    handle: ({ engine, now, params }) =>
      Either.map(symbol(params, engine), (instrument) => {
        const trades = engine.trades(instrument.symbol)
        const s = rolling(trades, now, 5 * MINUTE)
        const price = BigDecimal.isZero(s.volume) ? s.last : BigDecimal.unsafeDivide(s.quoteVolume, s.volume)
        return { mins: 5, price: Wire.num(price), closeTime: trades[trades.length - 1]?.time ?? now }
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#24hr-ticker-price-change-statistics
  {
    method: "GET",
    path: "/api/v3/ticker/24hr",
    security: "NONE",
    params: ["symbol", "symbols", "type"],
    weight: (p) => listWeight(p, 2, 2, 40, 80),
    handle: ({ engine, now, params }) =>
      Either.gen(function*() {
        const { instruments, single } = yield* selection(params, engine)
        const type = (yield* optional(params, "type")) ?? "FULL"
        if (type !== "FULL" && type !== "MINI") return yield* Either.left(Errors.error(-1139, "Invalid ticker type."))
        return one(
          single,
          instruments.map((i) => {
            const stats = rolling(engine.trades(i.symbol), now)
            if (type === "MINI") return Wire.ticker24hrMini(i.symbol, stats)
            const { ask, bid } = topOfBook(engine, i.symbol)
            return Wire.ticker24hr(i.symbol, stats, bid, ask)
          })
        )
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#symbol-price-ticker
  perSymbolTicker("/api/v3/ticker/price", (engine, i) => ({
    symbol: i.symbol,
    price: Wire.num(engine.referencePrice(i.symbol)!)
  })),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#symbol-order-book-ticker
  perSymbolTicker("/api/v3/ticker/bookTicker", (engine, i) => {
    const { ask, bid } = topOfBook(engine, i.symbol)
    return {
      symbol: i.symbol,
      bidPrice: Wire.num(bid[0]),
      bidQty: Wire.num(bid[1]),
      askPrice: Wire.num(ask[0]),
      askQty: Wire.num(ask[1])
    }
  })
]
