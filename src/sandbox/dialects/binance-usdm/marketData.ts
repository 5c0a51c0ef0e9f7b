/**
 * USDⓈ-M public endpoints: `ping`, `time`, `exchangeInfo`, `depth`, `trades`, `klines`,
 * `ticker/24hr`, `ticker/price`, `ticker/bookTicker`, `premiumIndex`, `fundingRate`.
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { format } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { PerpInstrument } from "../../engine/Instrument.js"
import { perpId } from "../../engine/Instrument.js"
import { candles, rolling } from "../../engine/Statistics.js"
import type { BinanceError } from "../binance/errors.js"
import * as Errors from "../binance/errors.js"
import { klineIntervals, topOfBook } from "../binance/marketData.js"
import type { Params } from "../binance/params.js"
import { limit, optional, optionalInteger, required } from "../binance/params.js"
import type { Route } from "../binance/Route.js"
import * as SpotWire from "../binance/wire.js"
import * as Wire from "./wire.js"

const SYMBOL = /^[A-Z0-9-_.]{1,20}$/

/**
 * Resolves a USDⓈ-M symbol (`BTCUSDT`) to the engine's perpetual (-1100 / -1121).
 * @since 0.1.0
 */
export const perpOf = (engine: Engine, symbol: string): Either.Either<PerpInstrument, BinanceError> => {
  if (!SYMBOL.test(symbol)) return Either.left(Errors.illegalChars("symbol", "^[A-Z0-9-_.]{1,20}$"))
  const instrument = engine.instrument(perpId(symbol))
  return instrument?.kind === "perp" ? Either.right(instrument) : Either.left(Errors.invalidSymbol)
}

/** The mandatory `symbol`, resolved. @since 0.1.0 */
export const symbol = (p: Params, engine: Engine): Either.Either<PerpInstrument, BinanceError> =>
  Either.flatMap(required(p, "symbol"), (s) => perpOf(engine, s))

const selection = (p: Params, engine: Engine) =>
  Either.map(optional(p, "symbol"), (s) => s === undefined ? undefined : s).pipe(
    Either.flatMap((s) =>
      s === undefined
        ? Either.right({ single: false, instruments: engine.perpetuals })
        : Either.map(perpOf(engine, s), (i) => ({ single: true, instruments: [i] as ReadonlyArray<PerpInstrument> }))
    )
  )

const one = <A>(single: boolean, items: ReadonlyArray<A>): A | ReadonlyArray<A> => single ? items[0]! : items

const depthWeight = (p: Params): number => {
  const n = Number.parseInt(p.raw("limit") ?? "500", 10)
  return n <= 50 ? 2 : n <= 100 ? 5 : n <= 500 ? 10 : 20
}

const DEPTH_LIMITS = [5, 10, 20, 50, 100, 500, 1000]

/** @since 0.1.0 */
export const marketDataRoutes: ReadonlyArray<Route> = [
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Test-Connectivity
  {
    method: "GET",
    path: "/fapi/v1/ping",
    security: "NONE",
    params: [],
    weight: () => 1,
    handle: () => Either.right({})
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Check-Server-Time
  {
    method: "GET",
    path: "/fapi/v1/time",
    security: "NONE",
    params: [],
    weight: () => 1,
    handle: ({ now }) => Either.right({ serverTime: now })
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information
  {
    method: "GET",
    path: "/fapi/v1/exchangeInfo",
    security: "NONE",
    params: [],
    weight: () => 1,
    handle: ({ engine, limiter, now }) =>
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
      })
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Order-Book
  {
    method: "GET",
    path: "/fapi/v1/depth",
    security: "NONE",
    params: ["symbol", "limit"],
    weight: depthWeight,
    handle: ({ engine, now, params }) =>
      Either.gen(function*() {
        const instrument = yield* symbol(params, engine)
        const n = yield* limit(params, 500, 1000)
        const size = DEPTH_LIMITS.find((l) => l >= n) ?? 1000
        const depth = engine.depth(instrument.symbol, size)!
        return {
          lastUpdateId: depth.lastUpdateId,
          E: now,
          T: now,
          bids: depth.bids.map(([p, q]) => [Wire.px(instrument, p), Wire.qty(instrument, q)]),
          asks: depth.asks.map(([p, q]) => [Wire.px(instrument, p), Wire.qty(instrument, q)])
        }
      })
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Recent-Trades-List
  {
    method: "GET",
    path: "/fapi/v1/trades",
    security: "NONE",
    params: ["symbol", "limit"],
    weight: () => 5,
    handle: ({ engine, params }) =>
      Either.gen(function*() {
        const instrument = yield* symbol(params, engine)
        const n = yield* limit(params, 500, 1000)
        return engine.trades(instrument.symbol).slice(-n).map((t) => ({
          id: t.tradeId,
          price: Wire.px(instrument, t.price),
          qty: Wire.qty(instrument, t.quantity),
          quoteQty: Wire.amount(t.quote),
          time: t.time,
          isBuyerMaker: t.buyerIsMaker
        }))
      })
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Kline-Candlestick-Data
  {
    method: "GET",
    path: "/fapi/v1/klines",
    security: "NONE",
    params: ["symbol", "interval", "startTime", "endTime", "limit"],
    weight: () => 2,
    handle: ({ engine, now, params }) =>
      Either.gen(function*() {
        const instrument = yield* symbol(params, engine)
        const interval = klineIntervals.get(yield* required(params, "interval"))
        if (interval === undefined) return yield* Either.left(Errors.invalidInterval)
        const startTime = yield* optionalInteger(params, "startTime")
        const endTime = yield* optionalInteger(params, "endTime")
        const n = yield* limit(params, 500, 1500)
        return candles(engine.trades(instrument.symbol), interval, { now, limit: n, startTime, endTime }).map(
          SpotWire.kline
        )
      })
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/24hr-Ticker-Price-Change-Statistics
  {
    method: "GET",
    path: "/fapi/v1/ticker/24hr",
    security: "NONE",
    params: ["symbol"],
    weight: (p) => (p.has("symbol") ? 1 : 40),
    handle: ({ engine, now, params }) =>
      Either.map(selection(params, engine), ({ instruments, single }) =>
        one(
          single,
          instruments.map((i) => {
            const { bidPrice: _b, bidQty: _bq, askPrice: _a, askQty: _aq, prevClosePrice: _p, ...rest } = SpotWire
              .ticker24hr(
                i.nativeSymbol,
                rolling(engine.trades(i.symbol), now),
                topOfBook(engine, i.symbol).bid,
                topOfBook(engine, i.symbol).ask
              ) as Record<string, unknown>
            return rest
          })
        ))
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Symbol-Price-Ticker
  {
    method: "GET",
    path: "/fapi/v1/ticker/price",
    security: "NONE",
    params: ["symbol"],
    weight: (p) => (p.has("symbol") ? 1 : 2),
    handle: ({ engine, now, params }) =>
      Either.map(selection(params, engine), ({ instruments, single }) =>
        one(
          single,
          instruments.map((i) => ({
            symbol: i.nativeSymbol,
            price: Wire.px(i, engine.referencePrice(i.symbol)!),
            time: now
          }))
        ))
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Symbol-Order-Book-Ticker
  {
    method: "GET",
    path: "/fapi/v1/ticker/bookTicker",
    security: "NONE",
    params: ["symbol"],
    weight: (p) => (p.has("symbol") ? 2 : 5),
    handle: ({ engine, now, params }) =>
      Either.map(selection(params, engine), ({ instruments, single }) =>
        one(
          single,
          instruments.map((i) => {
            const { ask, bid } = topOfBook(engine, i.symbol)
            return {
              symbol: i.nativeSymbol,
              bidPrice: Wire.px(i, bid[0]),
              bidQty: Wire.qty(i, bid[1]),
              askPrice: Wire.px(i, ask[0]),
              askQty: Wire.qty(i, ask[1]),
              time: now
            }
          })
        ))
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Mark-Price
  {
    method: "GET",
    path: "/fapi/v1/premiumIndex",
    security: "NONE",
    params: ["symbol"],
    weight: () => 1,
    handle: ({ engine, now, params }) =>
      Either.map(
        selection(params, engine),
        ({ instruments, single }) => one(single, instruments.map((i) => premiumIndex(engine, i, now)))
      )
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Get-Funding-Rate-History
  {
    method: "GET",
    path: "/fapi/v1/fundingRate",
    security: "NONE",
    params: ["symbol", "startTime", "endTime", "limit"],
    weight: () => 1,
    handle: ({ engine, params }) =>
      Either.gen(function*() {
        const s = yield* optional(params, "symbol")
        const instruments = s === undefined ? engine.perpetuals : [yield* perpOf(engine, s)]
        const startTime = yield* optionalInteger(params, "startTime")
        const endTime = yield* optionalInteger(params, "endTime")
        const n = yield* limit(params, 100, 1000)
        const events = instruments
          .flatMap((i) =>
            engine.fundingHistory(i.symbol).map((e) => ({
              symbol: i.nativeSymbol,
              fundingRate: format(e.rate),
              fundingTime: e.fundingTime,
              markPrice: Wire.amount(e.markPrice)
            }))
          )
          .filter((e) =>
            (startTime === undefined || e.fundingTime >= startTime) &&
            (endTime === undefined || e.fundingTime <= endTime)
          )
          .sort((a, b) => a.fundingTime - b.fundingTime)
        return startTime !== undefined ? events.slice(0, n) : events.slice(-n)
      })
  }
]

/** The `premiumIndex` object of one perpetual. @since 0.1.0 */
export const premiumIndex = (engine: Engine, i: PerpInstrument, now: number) => {
  const m = engine.perpMarket(i.symbol)!
  return {
    symbol: i.nativeSymbol,
    markPrice: Wire.amount(m.markPrice),
    indexPrice: Wire.amount(m.indexPrice),
    estimatedSettlePrice: Wire.amount(m.indexPrice),
    lastFundingRate: formatRate(m.fundingRate),
    interestRate: "0.00010000",
    nextFundingTime: m.nextFundingTime,
    time: now
  }
}

const formatRate = (d: Parameters<typeof format>[0]): string => SpotWire.num(d)
