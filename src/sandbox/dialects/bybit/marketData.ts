/**
 * Bybit v5 public REST endpoints of the dialect: server time, instruments, tickers, order book,
 * recent trades, klines, funding history.
 *
 * https://bybit-exchange.github.io/docs/v5/market/time
 * https://bybit-exchange.github.io/docs/v5/market/instrument
 * https://bybit-exchange.github.io/docs/v5/market/tickers
 * https://bybit-exchange.github.io/docs/v5/market/orderbook
 * https://bybit-exchange.github.io/docs/v5/market/recent-trade
 * https://bybit-exchange.github.io/docs/v5/market/kline
 * https://bybit-exchange.github.io/docs/v5/market/history-fund-rate
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type { Engine } from "../../engine/Engine.js"
import type { Instrument, PerpInstrument } from "../../engine/Instrument.js"
import { rolling } from "../../engine/Statistics.js"
import { interval, intervals, newestFirst } from "../kit/Intervals.js"
import { relativeChange, tickerWindow } from "../kit/Tickers.js"
import type { BybitError } from "./errors.js"
import * as Errors from "./errors.js"
import type { Route, RouteContext } from "./Route.js"
import { route } from "./Route.js"
import { listOf, num, resolve, wireSymbol } from "./wire.js"

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/**
 * Kline intervals `1 3 5 15 30 60 120 240 360 720 D W M` (weeks start on Monday).
 * https://bybit-exchange.github.io/docs/v5/enum#interval
 * @since 0.1.0
 */
export const klineIntervals = intervals(
  "1 3 5 15 30 60 120 240 360 720 D W M",
  (name) => interval(/^\d+$/.test(name) ? `${name}m` : `1${name}`)
)

/** `category` (required): `spot` or `linear`. @since 0.1.0 */
export const category = (ctx: RouteContext): Either.Either<"spot" | "linear", BybitError> => {
  const c = ctx.params.get("category")
  if (c === undefined || c === "") return Either.left(Errors.params("category is required"))
  if (c !== "spot" && c !== "linear") return Either.left(Errors.params(`category "${c}" is not supported`))
  return Either.right(c)
}

/** The `symbol` parameter, resolved within the category. @since 0.1.0 */
export const instrument = (
  ctx: RouteContext,
  c: "spot" | "linear",
  required = true
): Either.Either<Instrument | undefined, BybitError> => {
  const s = ctx.params.get("symbol")
  if (s === undefined || s === "") {
    return required
      ? Either.left(Errors.params("symbol is required"))
      : Either.right(undefined)
  }
  const i = resolve(ctx.engine, s, c)
  if (i === undefined) {
    return Either.left(c === "spot" ? Errors.error("INVALID_SYMBOL") : Errors.params("symbol invalid"))
  }
  return Either.right(i)
}

const intParam = (ctx: RouteContext, name: string, def: number, max: number): Either.Either<number, BybitError> => {
  const v = ctx.params.get(name)
  if (v === undefined || v === "") return Either.right(def)
  if (!/^\d{1,16}$/.test(v)) return Either.left(Errors.params(`${name} invalid`))
  return Either.right(Math.min(max, Math.max(1, Number.parseInt(v, 10))))
}

const optionalTime = (ctx: RouteContext, name: string): Either.Either<number | undefined, BybitError> => {
  const v = ctx.params.get(name)
  if (v === undefined || v === "") return Either.right(undefined)
  return /^\d{1,16}$/.test(v) ? Either.right(Number.parseInt(v, 10)) : Either.left(Errors.params(`${name} invalid`))
}

/**
 * One ticker, as `/v5/market/tickers` and the `tickers` topic write it.
 * @since 0.1.0
 */
export const ticker = (engine: Engine, i: Instrument, now: number) => {
  const { ask, bid, last, open: prev, stats } = tickerWindow(engine, i.symbol, now)
  const pcnt = relativeChange(prev, last, 4)
  const common = {
    symbol: wireSymbol(i),
    bid1Price: bid === undefined ? "" : num(bid.price),
    bid1Size: bid === undefined ? "" : num(bid.total),
    ask1Price: ask === undefined ? "" : num(ask.price),
    ask1Size: ask === undefined ? "" : num(ask.total),
    lastPrice: num(last),
    prevPrice24h: num(prev),
    price24hPcnt: num(pcnt),
    highPrice24h: num(stats.count > 0 ? stats.high : last),
    lowPrice24h: num(stats.count > 0 ? stats.low : last),
    turnover24h: num(stats.quoteVolume),
    volume24h: num(stats.volume)
  }
  if (i.kind === "spot") return { ...common, usdIndexPrice: "" }
  // Linear/Inverse fields: https://bybit-exchange.github.io/docs/v5/market/tickers
  const m = engine.perpMarket(i.symbol)!
  const hourAgo = rolling(engine.trades(i.symbol), now, HOUR)
  return {
    ...common,
    indexPrice: num(m.indexPrice),
    markPrice: num(m.markPrice),
    prevPrice1h: num(hourAgo.count > 0 ? hourAgo.open : last),
    openInterest: "0",
    openInterestValue: "0",
    fundingRate: num(m.fundingRate),
    nextFundingTime: String(m.nextFundingTime),
    predictedDeliveryPrice: "",
    basisRate: "",
    deliveryFeeRate: "",
    deliveryTime: "0"
  }
}

const spotInstrument = (i: Instrument) => ({
  symbol: i.symbol,
  baseCoin: i.base,
  quoteCoin: i.quote,
  innovation: "0",
  status: i.status === "trading" ? "Trading" : "PreLaunch",
  marginTrading: "none",
  stTag: "0",
  lotSizeFilter: {
    basePrecision: num(i.lotStep),
    quotePrecision: "0.00000001",
    minOrderQty: num(i.minQuantity),
    maxOrderQty: num(i.maxQuantity),
    minOrderAmt: num(i.minNotional),
    maxOrderAmt: num(i.maxNotional)
  },
  priceFilter: { tickSize: num(i.tickSize) },
  riskParameters: { priceLimitRatioX: "0.01", priceLimitRatioY: "0.02" }
})

/**
 * A linear perpetual as `instruments-info?category=linear` writes it.
 * https://bybit-exchange.github.io/docs/v5/market/instrument
 */
const linearInstrument = (i: PerpInstrument) => ({
  symbol: i.nativeSymbol,
  contractType: "LinearPerpetual",
  status: i.status === "trading" ? "Trading" : "PreLaunch",
  baseCoin: i.base,
  quoteCoin: i.quote,
  launchTime: "1585526400000",
  deliveryTime: "0",
  deliveryFeeRate: "",
  priceScale: String(Math.max(0, i.tickSize.scale)),
  leverageFilter: { minLeverage: "1", maxLeverage: `${i.maxLeverage}.00`, leverageStep: "0.01" },
  priceFilter: { minPrice: num(i.minPrice), maxPrice: num(i.maxPrice), tickSize: num(i.tickSize) },
  lotSizeFilter: {
    maxOrderQty: num(i.maxQuantity),
    minOrderQty: num(i.minQuantity),
    qtyStep: num(i.lotStep),
    postOnlyMaxOrderQty: num(i.maxQuantity),
    maxMktOrderQty: num(i.maxQuantity),
    minNotionalValue: num(i.minNotional)
  },
  unifiedMarginTrade: true,
  fundingInterval: i.fundingIntervalMs / MINUTE,
  settleCoin: i.settle,
  copyTrading: "both",
  upperFundingRate: "0.00375",
  lowerFundingRate: "-0.00375",
  isPreListing: false,
  preListingInfo: null,
  riskParameters: { priceLimitRatioX: "0.01", priceLimitRatioY: "0.02" }
})

/**
 * The public routes.
 * @since 0.1.0
 */
export const marketDataRoutes: ReadonlyArray<Route> = [
  route(
    "GET",
    "/v5/market/time",
    "public",
    (ctx) => Either.right({ timeSecond: String(Math.floor(ctx.now / 1000)), timeNano: `${ctx.now}000000` })
  ),
  route("GET", "/v5/market/instruments-info", "public", (ctx) =>
    Either.gen(function*() {
      const c = yield* category(ctx)
      const one = yield* instrument(ctx, c, false)
      const list = one === undefined ? listOf(ctx.engine, c) : [one]
      return c === "spot"
        ? { category: c, list: list.flatMap((i) => i.kind === "spot" ? [spotInstrument(i)] : []) }
        : {
          category: c,
          list: list.flatMap((i) => i.kind === "perp" ? [linearInstrument(i)] : []),
          nextPageCursor: ""
        }
    })),
  route("GET", "/v5/market/tickers", "public", (ctx) =>
    Either.gen(function*() {
      const c = yield* category(ctx)
      const one = yield* instrument(ctx, c, false)
      const list = one === undefined ? listOf(ctx.engine, c) : [one]
      return { category: c, list: list.map((i) => ticker(ctx.engine, i, ctx.now)) }
    })),
  route("GET", "/v5/market/orderbook", "public", (ctx) =>
    Either.gen(function*() {
      const c = yield* category(ctx)
      const i = (yield* instrument(ctx, c))!
      const limit = yield* intParam(ctx, "limit", c === "spot" ? 1 : 25, c === "spot" ? 200 : 500)
      return { ...ctx.feeds.get(i).snapshot(limit), ts: ctx.now, cts: ctx.now }
    })),
  route("GET", "/v5/market/recent-trade", "public", (ctx) =>
    Either.gen(function*() {
      const c = yield* category(ctx)
      const i = (yield* instrument(ctx, c))!
      const limit = yield* intParam(ctx, "limit", c === "spot" ? 60 : 500, c === "spot" ? 60 : 1000)
      const trades = ctx.engine.trades(i.symbol).slice(-limit).reverse()
      return {
        category: c,
        list: trades.map((t) => ({
          execId: String(t.tradeId),
          symbol: wireSymbol(i),
          price: num(t.price),
          size: num(t.quantity),
          side: t.buyerIsMaker ? "Sell" : "Buy",
          time: String(t.time),
          isBlockTrade: false,
          isRPITrade: false
        }))
      }
    })),
  route("GET", "/v5/market/kline", "public", (ctx) =>
    Either.gen(function*() {
      const c = yield* category(ctx)
      const i = (yield* instrument(ctx, c))!
      const name = ctx.params.get("interval")
      const interval = name === undefined ? undefined : klineIntervals.get(name)
      if (interval === undefined) return yield* Either.left(Errors.params("interval invalid"))
      const limit = yield* intParam(ctx, "limit", 200, 1000)
      const start = yield* optionalTime(ctx, "start")
      const end = yield* optionalTime(ctx, "end")
      const list = newestFirst(ctx.engine, i.symbol, interval, { now: ctx.now, limit, startTime: start, endTime: end })
      return {
        category: c,
        symbol: wireSymbol(i),
        list: list.map((k) => [
          String(k.openTime),
          num(k.open),
          num(k.high),
          num(k.low),
          num(k.close),
          num(k.volume),
          num(k.quoteVolume)
        ])
      }
    })),
  route("GET", "/v5/market/funding/history", "public", (ctx) =>
    Either.gen(function*() {
      const c = yield* category(ctx)
      if (c !== "linear") return yield* Either.left(Errors.params("category only support linear or inverse"))
      const i = (yield* instrument(ctx, c))!
      const limit = yield* intParam(ctx, "limit", 200, 200)
      const start = yield* optionalTime(ctx, "startTime")
      const end = yield* optionalTime(ctx, "endTime")
      if (start !== undefined && end === undefined) {
        return yield* Either.left(Errors.params("endTime is required when startTime is given"))
      }
      const list = ctx.engine.fundingHistory(i.symbol)
        .filter((e) => (start === undefined || e.fundingTime >= start) && (end === undefined || e.fundingTime <= end))
        .slice(-limit)
        .reverse()
      return {
        category: c,
        list: list.map((e) => ({
          symbol: wireSymbol(i),
          fundingRate: num(e.rate),
          fundingRateTimestamp: String(e.fundingTime)
        }))
      }
    }))
]
