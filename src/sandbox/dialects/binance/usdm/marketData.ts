/**
 * USDⓈ-M public endpoints: `ping`, `time`, `exchangeInfo`, `depth`, `trades`, `klines`,
 * `ticker/24hr`, `ticker/price`, `ticker/bookTicker`, `premiumIndex`, `fundingRate`.
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { format } from "../../../../model/Decimal.js"
import type { Engine } from "../../../engine/Engine.js"
import type { PerpInstrument } from "../../../engine/Instrument.js"
import { perpId } from "../../../engine/Instrument.js"
import { rolling } from "../../../engine/Statistics.js"
import { page } from "../../kit/Params.js"
import { bookTicker, generalRoutes, klinesRoute, perSymbol, topOfBook } from "../marketData.js"
import type { Params } from "../params.js"
import * as P from "../params.js"
import type { Route } from "../Route.js"
import { get } from "../Route.js"
import * as Shared from "../wire.js"
import * as Wire from "./wire.js"

/** USDⓈ-M names a perpetual by its native symbol (`BTCUSDT` ↔ engine `perp:BTCUSDT`). @since 0.1.0 */
export const { clientOrderIdOr, lookup, optionalSymbol, orderRef, symbol } = P.naming<PerpInstrument>(
  (engine, symbol) => {
    const i = engine.instrument(perpId(symbol))
    return i?.kind === "perp" ? i : undefined
  }
)

/** The optional `symbol`, else every perpetual. */
const selection = (p: Params, engine: Engine) =>
  Either.map(optionalSymbol(p, engine), (i) =>
    i === undefined
      ? { single: false, instruments: engine.perpetuals }
      : { single: true, instruments: [i] as ReadonlyArray<PerpInstrument> })

/** The `premiumIndex` object of one perpetual. @since 0.1.0 */
export const premiumIndex = (engine: Engine, i: PerpInstrument, now: number) => {
  const m = engine.perpMarket(i.symbol)!
  return {
    symbol: i.nativeSymbol,
    markPrice: Wire.amount(m.markPrice),
    indexPrice: Wire.amount(m.indexPrice),
    estimatedSettlePrice: Wire.amount(m.indexPrice),
    lastFundingRate: Shared.num(m.fundingRate),
    interestRate: "0.00010000",
    nextFundingTime: m.nextFundingTime,
    time: now
  }
}

const depthWeight = (p: Params): number => {
  const n = Number.parseInt(p.raw("limit") ?? "500", 10)
  return n <= 50 ? 2 : n <= 100 ? 5 : n <= 500 ? 10 : 20
}

const DEPTH_LIMITS = [5, 10, 20, 50, 100, 500, 1000]

/** @since 0.1.0 */
export const marketDataRoutes: ReadonlyArray<Route> = [
  ...generalRoutes("/fapi/v1"),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information
  get("/fapi/v1/exchangeInfo", [], 1, ({ engine, limiter, now }) =>
    Either.right({
      timezone: "UTC",
      serverTime: now,
      futuresType: "U_MARGINED",
      rateLimits: [
        { rateLimitType: "REQUEST_WEIGHT", interval: "MINUTE", intervalNum: 1, limit: limiter.weightPerMinute },
        { rateLimitType: "ORDERS", interval: "MINUTE", intervalNum: 1, limit: 1200 },
        { rateLimitType: "ORDERS", interval: "SECOND", intervalNum: 10, limit: 300 }
      ],
      exchangeFilters: [],
      assets: [...new Set(engine.perpetuals.map((i) => i.settle))].map((asset) => ({
        asset,
        marginAvailable: true,
        autoAssetExchange: "-10000"
      })),
      symbols: engine.perpetuals.map(Wire.symbolInfo)
    })),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Order-Book
  get("/fapi/v1/depth", ["symbol", "limit"], depthWeight, ({ engine, now, params }) =>
    Either.gen(function*() {
      const instrument = yield* symbol(params, engine)
      const n = yield* P.limit(params, 500, 1000)
      const size = DEPTH_LIMITS.find((l) => l >= n) ?? 1000
      const depth = engine.depth(instrument.symbol, size)!
      return {
        lastUpdateId: depth.lastUpdateId,
        E: now,
        T: now,
        bids: depth.bids.map(Wire.level(instrument)),
        asks: depth.asks.map(Wire.level(instrument))
      }
    })),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Recent-Trades-List
  get("/fapi/v1/trades", ["symbol", "limit"], 5, ({ engine, params }) =>
    Either.gen(function*() {
      const instrument = yield* symbol(params, engine)
      const n = yield* P.limit(params, 500, 1000)
      const level = Wire.level(instrument)
      return engine.trades(instrument.symbol).slice(-n).map((t) => Shared.recentTrade(level([t.price, t.quantity]), t))
    })),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Kline-Candlestick-Data
  klinesRoute("/fapi/v1/klines", symbol, 1500, false),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/24hr-Ticker-Price-Change-Statistics
  perSymbol("/fapi/v1/ticker/24hr", ["symbol"], [1, 40], selection, (engine, i, now) => {
    const { ask, bid } = topOfBook(engine, i.symbol)
    const { askPrice: _a, askQty: _aq, bidPrice: _b, bidQty: _bq, prevClosePrice: _p, ...rest } = Shared.ticker24hr(
      i.nativeSymbol,
      rolling(engine.trades(i.symbol), now),
      bid,
      ask
    )
    return rest
  }),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Symbol-Price-Ticker
  perSymbol("/fapi/v1/ticker/price", ["symbol"], [1, 2], selection, (engine, i, now) => ({
    symbol: i.nativeSymbol,
    price: Wire.px(i, engine.referencePrice(i.symbol)!),
    time: now
  })),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Symbol-Order-Book-Ticker
  perSymbol("/fapi/v1/ticker/bookTicker", ["symbol"], [2, 5], selection, (engine, i, now) => ({
    ...bookTicker(i.nativeSymbol, topOfBook(engine, i.symbol), Wire.level(i)),
    time: now
  })),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Mark-Price
  perSymbol("/fapi/v1/premiumIndex", ["symbol"], [1, 1], selection, premiumIndex),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Get-Funding-Rate-History
  get(
    "/fapi/v1/fundingRate",
    ["symbol", "startTime", "endTime", "limit"],
    1,
    ({ engine, params }) =>
      Either.gen(function*() {
        const { instruments } = yield* selection(params, engine)
        const window = yield* P.optionalIntegers(params, "startTime", "endTime")
        const n = yield* P.limit(params, 100, 1000)
        const events = instruments.flatMap((i) =>
          engine.fundingHistory(i.symbol).map((e) => ({
            symbol: i.nativeSymbol,
            fundingRate: format(e.rate),
            fundingTime: e.fundingTime,
            markPrice: Wire.amount(e.markPrice)
          }))
        ).sort((a, b) => a.fundingTime - b.fundingTime)
        return page(events, window, n, (e) => e.fundingTime, (e) => e.fundingTime)
      })
  )
]
