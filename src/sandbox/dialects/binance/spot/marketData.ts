/**
 * Binance Spot public endpoints: general (`ping`, `time`, `exchangeInfo`) and market data
 * (`depth`, `trades`, `klines`, `avgPrice`, `ticker/24hr`, `ticker/price`, `ticker/bookTicker`).
 *
 * General: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints
 * Market data: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { rolling } from "../../../engine/Statistics.js"
import { page } from "../../kit/Params.js"
import { volumeWeightedPrice } from "../../kit/Tickers.js"
import { bookTicker, generalRoutes, klinesRoute, one, perSymbol, topOfBook } from "../marketData.js"
import type { Params } from "../params.js"
import * as P from "../params.js"
import type { Route } from "../Route.js"
import { get } from "../Route.js"
import * as Shared from "../wire.js"
import { error as spotError } from "./errors.js"
import { selection, symbol } from "./symbols.js"
import * as Wire from "./wire.js"

const MINUTE = 60_000

const listWeight = (p: Params, single: number, upTo20: number, upTo100: number, all: number): number => {
  if (p.has("symbol")) return single
  const list = p.raw("symbols")
  if (list === undefined) return all
  const n = list.split(",").length
  return n <= 20 ? upTo20 : n <= 100 ? upTo100 : all
}

/** The public routes. @since 0.1.0 */
export const marketDataRoutes: ReadonlyArray<Route> = [
  ...generalRoutes("/api/v3"),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#exchange-information
  get(
    "/api/v3/exchangeInfo",
    ["symbol", "symbols", "permissions", "showPermissionSets", "symbolStatus"],
    20,
    ({ engine, limiter, now, params }) =>
      Either.map(selection(params, engine), ({ instruments }) => ({
        timezone: "UTC",
        serverTime: now,
        rateLimits: [
          { rateLimitType: "REQUEST_WEIGHT", interval: "MINUTE", intervalNum: 1, limit: limiter.weightPerMinute },
          { rateLimitType: "ORDERS", interval: "SECOND", intervalNum: 10, limit: limiter.orders.windows[0]!.limit },
          { rateLimitType: "ORDERS", interval: "DAY", intervalNum: 1, limit: limiter.orders.windows[1]!.limit },
          { rateLimitType: "RAW_REQUESTS", interval: "MINUTE", intervalNum: 5, limit: 61000 }
        ],
        exchangeFilters: [],
        symbols: instruments.map(Wire.symbolInfo)
      }))
  ),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#order-book
  get("/api/v3/depth", ["symbol", "limit"], (p) => {
    const raw = p.raw("limit")
    const n = raw === undefined || !/^\d{1,6}$/.test(raw) ? 100 : Number.parseInt(raw, 10)
    return n <= 100 ? 5 : n <= 500 ? 25 : n <= 1000 ? 50 : 250
  }, ({ engine, params }) =>
    Either.gen(function*() {
      const instrument = yield* symbol(params, engine)
      const n = yield* P.limit(params, 100, 5000)
      const depth = engine.depth(instrument.symbol, n)!
      return {
        lastUpdateId: depth.lastUpdateId,
        bids: depth.bids.map(Shared.level),
        asks: depth.asks.map(Shared.level)
      }
    })),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#recent-trades-list
  get("/api/v3/trades", ["symbol", "limit"], 25, ({ engine, params }) =>
    Either.gen(function*() {
      const instrument = yield* symbol(params, engine)
      const n = yield* P.limit(params, 500, 1000)
      return engine.trades(instrument.symbol).slice(-n).map(Wire.publicTrade)
    })),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#old-trade-lookup
  get("/api/v3/historicalTrades", ["symbol", "limit", "fromId"], 25, ({ engine, params }) =>
    Either.gen(function*() {
      const instrument = yield* symbol(params, engine)
      const n = yield* P.limit(params, 500, 1000)
      const from = yield* P.optionalInteger(params, "fromId")
      return page(engine.trades(instrument.symbol), { from }, n, (t) => t.tradeId, (t) => t.time).map(Wire.publicTrade)
    })),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#compressedaggregate-trades-list
  // Each sandbox trade is its own aggregate.
  get(
    "/api/v3/aggTrades",
    ["symbol", "fromId", "startTime", "endTime", "limit"],
    4,
    ({ engine, params }) =>
      Either.gen(function*() {
        const instrument = yield* symbol(params, engine)
        const { endTime, fromId, startTime } = yield* P.optionalIntegers(params, "fromId", "startTime", "endTime")
        const n = yield* P.limit(params, 500, 1000)
        if (fromId !== undefined && (startTime !== undefined || endTime !== undefined)) {
          return yield* Either.left(spotError("COMBINATION_INVALID"))
        }
        const trades = engine.trades(instrument.symbol)
        const selected = page(trades, { from: fromId, startTime, endTime }, n, (t) => t.tradeId, (t) => t.time)
        return selected.map(Wire.aggTrade)
      })
  ),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#klinecandlestick-data
  klinesRoute("/api/v3/klines", symbol, 1000, true),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#current-average-price
  get(
    "/api/v3/avgPrice",
    ["symbol"],
    2,
    ({ engine, now, params }) =>
      Either.map(symbol(params, engine), (instrument) => {
        const trades = engine.trades(instrument.symbol)
        const s = rolling(trades, now, 5 * MINUTE)
        const price = Shared.num(volumeWeightedPrice(s) ?? s.last)
        return { mins: 5, price, closeTime: trades[trades.length - 1]?.time ?? now }
      })
  ),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#24hr-ticker-price-change-statistics
  get(
    "/api/v3/ticker/24hr",
    ["symbol", "symbols", "type"],
    (p) => listWeight(p, 2, 2, 40, 80),
    ({ engine, now, params }) =>
      Either.gen(function*() {
        const { instruments, single } = yield* selection(params, engine)
        const type = (yield* P.optional(params, "type")) ?? "FULL"
        if (type !== "FULL" && type !== "MINI") return yield* Either.left(spotError("INVALID_TICKER_TYPE"))
        return one(
          single,
          instruments.map((i) => {
            const stats = rolling(engine.trades(i.symbol), now)
            if (type === "MINI") return Shared.ticker24hrMini(i.symbol, stats)
            const { ask, bid } = topOfBook(engine, i.symbol)
            return Shared.ticker24hr(i.symbol, stats, bid, ask)
          })
        )
      })
  ),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#symbol-price-ticker
  perSymbol("/api/v3/ticker/price", ["symbol", "symbols"], [2, 4], selection, (engine, i) => ({
    symbol: i.symbol,
    price: Shared.num(engine.referencePrice(i.symbol)!)
  })),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#symbol-order-book-ticker
  perSymbol(
    "/api/v3/ticker/bookTicker",
    ["symbol", "symbols"],
    [2, 4],
    selection,
    (engine, i) => bookTicker(i.symbol, topOfBook(engine, i.symbol), Shared.level)
  )
]
