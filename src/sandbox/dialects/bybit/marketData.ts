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
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import type { Decimal } from "../../../model/Decimal.js"
import { format, unsafe } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import type { CandleInterval } from "../../engine/Statistics.js"
import { candles, rolling } from "../../engine/Statistics.js"
import type { BybitError } from "./errors.js"
import * as Errors from "./errors.js"
import type { Route, RouteContext } from "./Route.js"

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A decimal as Bybit writes it (plain, no exponent). @since 0.1.0 */
export const num = (d: Decimal): string => format(d)

/**
 * Kline intervals `1 3 5 15 30 60 120 240 360 720 D W M` (weeks start on Monday).
 * https://bybit-exchange.github.io/docs/v5/enum#interval
 * @since 0.1.0
 */
export const klineIntervals: ReadonlyMap<string, CandleInterval> = new Map<string, CandleInterval>([
  ["1", { _tag: "fixed", ms: MINUTE, offset: 0 }],
  ["3", { _tag: "fixed", ms: 3 * MINUTE, offset: 0 }],
  ["5", { _tag: "fixed", ms: 5 * MINUTE, offset: 0 }],
  ["15", { _tag: "fixed", ms: 15 * MINUTE, offset: 0 }],
  ["30", { _tag: "fixed", ms: 30 * MINUTE, offset: 0 }],
  ["60", { _tag: "fixed", ms: HOUR, offset: 0 }],
  ["120", { _tag: "fixed", ms: 2 * HOUR, offset: 0 }],
  ["240", { _tag: "fixed", ms: 4 * HOUR, offset: 0 }],
  ["360", { _tag: "fixed", ms: 6 * HOUR, offset: 0 }],
  ["720", { _tag: "fixed", ms: 12 * HOUR, offset: 0 }],
  ["D", { _tag: "fixed", ms: DAY, offset: 0 }],
  ["W", { _tag: "fixed", ms: 7 * DAY, offset: 4 * DAY }],
  ["M", { _tag: "month" }]
])

/** `category` (required): `spot` or `linear`. @since 0.1.0 */
export const category = (ctx: RouteContext): Either.Either<"spot" | "linear", BybitError> => {
  const c = ctx.params.get("category")
  if (c === undefined || c === "") return Either.left(Errors.params("category is required"))
  if (c !== "spot" && c !== "linear") return Either.left(Errors.params(`category "${c}" is not supported`))
  return Either.right(c)
}

const inCategory = (i: Instrument, c: "spot" | "linear") => (i.kind === "spot") === (c === "spot")

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
  const i = ctx.engine.instrument(s)
  if (i === undefined || !inCategory(i, c)) {
    return Either.left(c === "spot" ? Errors.invalidSymbol : Errors.params("symbol invalid"))
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
  const stats = rolling(engine.trades(i.symbol), now)
  const bid = engine.bestBid(i.symbol)
  const ask = engine.bestAsk(i.symbol)
  const last = stats.count > 0 ? stats.last : engine.referencePrice(i.symbol)!
  const prev = stats.count > 0 ? stats.open : last
  const pcnt = BigDecimal.isZero(prev)
    ? unsafe("0")
    : BigDecimal.round(BigDecimal.unsafeDivide(BigDecimal.subtract(last, prev), prev), { scale: 4 })
  return {
    symbol: i.symbol,
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
    volume24h: num(stats.volume),
    usdIndexPrice: ""
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
 * The public routes.
 * @since 0.1.0
 */
export const marketDataRoutes: ReadonlyArray<Route> = [
  {
    method: "GET",
    path: "/v5/market/time",
    signed: false,
    handle: (ctx) => Either.right({ timeSecond: String(Math.floor(ctx.now / 1000)), timeNano: `${ctx.now}000000` })
  },
  {
    method: "GET",
    path: "/v5/market/instruments-info",
    signed: false,
    handle: (ctx) =>
      Either.gen(function*() {
        const c = yield* category(ctx)
        const one = yield* instrument(ctx, c, false)
        const list = one === undefined ? ctx.engine.instruments.filter((i) => inCategory(i, c)) : [one]
        return c === "spot"
          ? { category: c, list: list.map(spotInstrument) }
          : { category: c, list: [], nextPageCursor: "" }
      })
  },
  {
    method: "GET",
    path: "/v5/market/tickers",
    signed: false,
    handle: (ctx) =>
      Either.gen(function*() {
        const c = yield* category(ctx)
        const one = yield* instrument(ctx, c, false)
        const list = one === undefined ? ctx.engine.instruments.filter((i) => inCategory(i, c)) : [one]
        return { category: c, list: list.map((i) => ticker(ctx.engine, i, ctx.now)) }
      })
  },
  {
    method: "GET",
    path: "/v5/market/orderbook",
    signed: false,
    handle: (ctx) =>
      Either.gen(function*() {
        const c = yield* category(ctx)
        const i = (yield* instrument(ctx, c))!
        const limit = yield* intParam(ctx, "limit", c === "spot" ? 1 : 25, c === "spot" ? 200 : 500)
        return { ...ctx.feeds.get(i.symbol).snapshot(limit), ts: ctx.now, cts: ctx.now }
      })
  },
  {
    method: "GET",
    path: "/v5/market/recent-trade",
    signed: false,
    handle: (ctx) =>
      Either.gen(function*() {
        const c = yield* category(ctx)
        const i = (yield* instrument(ctx, c))!
        const limit = yield* intParam(ctx, "limit", c === "spot" ? 60 : 500, c === "spot" ? 60 : 1000)
        const trades = ctx.engine.trades(i.symbol).slice(-limit).reverse()
        return {
          category: c,
          list: trades.map((t) => ({
            execId: String(t.tradeId),
            symbol: i.symbol,
            price: num(t.price),
            size: num(t.quantity),
            side: t.buyerIsMaker ? "Sell" : "Buy",
            time: String(t.time),
            isBlockTrade: false,
            isRPITrade: false
          }))
        }
      })
  },
  {
    method: "GET",
    path: "/v5/market/kline",
    signed: false,
    handle: (ctx) =>
      Either.gen(function*() {
        const c = yield* category(ctx)
        const i = (yield* instrument(ctx, c))!
        const name = ctx.params.get("interval")
        const interval = name === undefined ? undefined : klineIntervals.get(name)
        if (interval === undefined) return yield* Either.left(Errors.params("interval invalid"))
        const limit = yield* intParam(ctx, "limit", 200, 1000)
        const start = yield* optionalTime(ctx, "start")
        const end = yield* optionalTime(ctx, "end")
        const list = candles(ctx.engine.trades(i.symbol), interval, {
          now: ctx.now,
          limit,
          startTime: start,
          endTime: end
        })
        return {
          category: c,
          symbol: i.symbol,
          list: [...list].reverse().map((k) => [
            String(k.openTime),
            num(k.open),
            num(k.high),
            num(k.low),
            num(k.close),
            num(k.volume),
            num(k.quoteVolume)
          ])
        }
      })
  },
  {
    method: "GET",
    path: "/v5/market/funding/history",
    signed: false,
    handle: (ctx) =>
      Either.gen(function*() {
        const c = yield* category(ctx)
        if (c !== "linear") return yield* Either.left(Errors.params("category only support linear or inverse"))
        yield* instrument(ctx, c)
        return { category: c, list: [] }
      })
  }
]
