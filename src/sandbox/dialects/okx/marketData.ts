/**
 * OKX v5 public REST endpoints of the dialect: system time, instruments, tickers, order book,
 * trades, candles, funding rate and its history. Instruments are the engine's: spot pairs as
 * `BASE-QUOTE` (`BTC-USDT`), linear perpetuals as `BASE-QUOTE-SWAP` sized in contracts of `ctVal`
 * base units (BTC 0.01, ETH 0.1, others 1), so `lotSz` = the engine's lot step / `ctVal`.
 *
 * https://www.okx.com/docs-v5/en/#public-data-rest-api-get-system-time
 * https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-tickers
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-order-book
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-trades
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-candlesticks
 * https://www.okx.com/docs-v5/en/#public-data-rest-api-get-funding-rate
 * https://www.okx.com/docs-v5/en/#public-data-rest-api-get-funding-rate-history
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import type { Decimal } from "../../../model/Decimal.js"
import { format, roundToStep, unsafe } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import type { Trade } from "../../engine/Order.js"
import { interval, intervals, newestFirst } from "../kit/Intervals.js"
import { tickerWindow } from "../kit/Tickers.js"
import type { OkxError } from "./errors.js"
import * as Errors from "./errors.js"
import type { Route, RouteContext } from "./Route.js"
import { route } from "./Route.js"

/** A decimal as OKX writes it (plain, no exponent, no trailing zeros). @since 0.1.0 */
export const num = (d: Decimal): string => format(BigDecimal.normalize(d))

/** Contract value of the perpetuals, in base units. @since 0.1.0 */
const CONTRACT_VALUES: Record<string, string> = { BTC: "0.01", ETH: "0.1" }

/** `ctVal` of an instrument (1 for spot). @since 0.1.0 */
export const contractValue = (i: Instrument): Decimal =>
  i.kind === "perp" ? unsafe(CONTRACT_VALUES[i.base] ?? "1") : unsafe("1")

/** Base units → the size OKX writes (contracts for a SWAP). @since 0.1.0 */
export const toWire = (i: Instrument, base: Decimal): Decimal =>
  i.kind === "perp" ? BigDecimal.unsafeDivide(base, contractValue(i)) : base

/** A wire size → base units. @since 0.1.0 */
export const fromWire = (i: Instrument, size: Decimal): Decimal =>
  i.kind === "perp" ? BigDecimal.multiply(size, contractValue(i)) : size

/** The instrument id OKX writes. @since 0.1.0 */
export const instId = (i: Instrument): string =>
  i.kind === "perp" ? `${i.base}-${i.quote}-SWAP` : `${i.base}-${i.quote}`

/** `SPOT` or `SWAP`. @since 0.1.0 */
export const instType = (i: Instrument): "SPOT" | "SWAP" => i.kind === "perp" ? "SWAP" : "SPOT"

/** Every instrument the dialect lists. @since 0.1.0 */
export const listed = (engine: Engine): ReadonlyArray<Instrument> => [...engine.instruments, ...engine.perpetuals]

/** The instrument an `instId` names. @since 0.1.0 */
export const resolve = (engine: Engine, id: string): Instrument | undefined =>
  listed(engine).find((i) => instId(i) === id)

/** The `instId` parameter, resolved. @since 0.1.0 */
export const instrument = (ctx: RouteContext, name = "instId"): Either.Either<Instrument, OkxError> => {
  const id = ctx.params.get(name)
  if (id === undefined || id === "") return Either.left(Errors.empty(name))
  const i = resolve(ctx.engine, id)
  return i === undefined ? Either.left(Errors.instrumentUnknown) : Either.right(i)
}

/** `instType`: SPOT or SWAP (others answer nothing). @since 0.1.0 */
export const instTypeParam = (ctx: RouteContext, required: boolean): Either.Either<string | undefined, OkxError> => {
  const t = ctx.params.get("instType")
  if (t === undefined || t === "") return required ? Either.left(Errors.empty("instType")) : Either.right(undefined)
  if (!["SPOT", "MARGIN", "SWAP", "FUTURES", "OPTION"].includes(t)) return Either.left(Errors.param("instType"))
  return Either.right(t)
}

/** An integer parameter in `[1, max]`. @since 0.1.0 */
export const intParam = (
  ctx: RouteContext,
  name: string,
  def: number,
  max: number
): Either.Either<number, OkxError> => {
  const v = ctx.params.get(name)
  if (v === undefined || v === "") return Either.right(def)
  if (!/^\d{1,9}$/.test(v)) return Either.left(Errors.param(name))
  return Either.right(Math.min(max, Math.max(1, Number.parseInt(v, 10))))
}

/** An epoch-ms parameter. @since 0.1.0 */
export const timeParam = (ctx: RouteContext, name: string): Either.Either<number | undefined, OkxError> => {
  const v = ctx.params.get(name)
  if (v === undefined || v === "") return Either.right(undefined)
  return /^\d{1,16}$/.test(v) ? Either.right(Number.parseInt(v, 10)) : Either.left(Errors.param(name))
}

/**
 * Candle bars. The plain `6H` … `1M` bars are aligned to Hong Kong time (UTC+8), the `…utc` ones to
 * UTC.
 * @since 0.1.0
 */
export const bars = intervals(
  "1m 3m 5m 15m 30m 1H 2H 4H 6H 12H 1D 1W 6Hutc 12Hutc 1Dutc 1Wutc 1Mutc",
  (name) => name.endsWith("utc") ? interval(name.slice(0, -"utc".length)) : interval(name, 8)
)

/**
 * One ticker, as `/market/ticker(s)` and the `tickers` channel write it. SWAP: `vol24h` in
 * contracts, `volCcy24h` in base; SPOT: `vol24h` in base, `volCcy24h` in quote.
 * @since 0.1.0
 */
export const ticker = (engine: Engine, i: Instrument, now: number) => {
  const { ask, bid, last, open, stats } = tickerWindow(engine, i.symbol, now)
  return {
    instType: instType(i),
    instId: instId(i),
    last: num(last),
    lastSz: stats.count > 0 ? num(toWire(i, stats.lastQuantity)) : "0",
    askPx: ask === undefined ? "" : num(ask.price),
    askSz: ask === undefined ? "" : num(toWire(i, ask.total)),
    bidPx: bid === undefined ? "" : num(bid.price),
    bidSz: bid === undefined ? "" : num(toWire(i, bid.total)),
    open24h: num(open),
    high24h: num(stats.count > 0 ? stats.high : last),
    low24h: num(stats.count > 0 ? stats.low : last),
    volCcy24h: num(i.kind === "perp" ? stats.volume : stats.quoteVolume),
    vol24h: num(i.kind === "perp" ? toWire(i, stats.volume) : stats.volume),
    sodUtc0: num(open),
    sodUtc8: num(open),
    ts: String(now)
  }
}

/**
 * The smallest order, in base units. OKX publishes no minimum notional, while the engine enforces
 * one; it is folded into `minSz` (three times the notional floor at the instrument's initial price)
 * so that an order of `minSz` is accepted as long as the price stays within a factor of three.
 * @since 0.1.0
 */
export const minimumSize = (i: Instrument): Decimal => {
  const fromNotional = roundToStep(
    BigDecimal.unsafeDivide(BigDecimal.multiply(i.minNotional, unsafe("3")), i.initialPrice),
    i.lotStep,
    "up"
  )
  return BigDecimal.max(i.minQuantity, fromNotional)
}

/** An instrument as `/public/instruments` writes it. @since 0.1.0 */
export const instrumentJson = (i: Instrument) => {
  const perp = i.kind === "perp"
  const ctVal = contractValue(i)
  return {
    instType: instType(i),
    instId: instId(i),
    uly: perp ? `${i.base}-${i.quote}` : "",
    instFamily: perp ? `${i.base}-${i.quote}` : "",
    category: "1",
    baseCcy: perp ? "" : i.base,
    quoteCcy: perp ? "" : i.quote,
    settleCcy: perp ? i.settle : "",
    ctVal: perp ? num(ctVal) : "",
    ctMult: perp ? "1" : "",
    ctValCcy: perp ? i.base : "",
    optType: "",
    stk: "",
    listTime: "1606468572000",
    expTime: "",
    lever: perp ? String(i.maxLeverage) : "10",
    tickSz: num(i.tickSize),
    lotSz: num(toWire(i, i.lotStep)),
    minSz: num(toWire(i, minimumSize(i))),
    ctType: perp ? "linear" : "",
    alias: "",
    state: i.status === "trading" ? "live" : "suspend",
    maxLmtSz: num(toWire(i, i.maxQuantity)),
    maxMktSz: num(toWire(i, i.maxQuantity)),
    maxLmtAmt: "20000000",
    maxMktAmt: "1000000",
    maxTwapSz: num(toWire(i, i.maxQuantity)),
    maxIcebergSz: num(toWire(i, i.maxQuantity)),
    maxTriggerSz: num(toWire(i, i.maxQuantity)),
    maxStopSz: num(toWire(i, i.maxQuantity)),
    ruleType: "normal"
  }
}

/** The REST book (no sequence id, as on OKX). @since 0.1.0 */
export const book = (engine: Engine, i: Instrument, size: number, now: number) => {
  const depth = engine.depth(i.symbol, size)!
  const level = ([p, q]: readonly [Decimal, Decimal]) => [num(p), num(toWire(i, q)), "0", "1"]
  return { asks: depth.asks.map(level), bids: depth.bids.map(level), ts: String(now) }
}

/**
 * The public routes.
 * @since 0.1.0
 */
export const marketDataRoutes: ReadonlyArray<Route> = [
  route("GET", "/api/v5/public/time", "public", [10, "ip"], (ctx) => Either.right([{ ts: String(ctx.now) }])),
  route("GET", "/api/v5/public/instruments", "public", [20, "ip"], (ctx) =>
    Either.gen(function*() {
      const t = yield* instTypeParam(ctx, true)
      const id = ctx.params.get("instId")
      return listed(ctx.engine)
        .filter((i) => instType(i) === t && (id === undefined || id === "" || instId(i) === id))
        .map(instrumentJson)
    })),
  route(
    "GET",
    "/api/v5/market/ticker",
    "public",
    [20, "ip"],
    (ctx) => Either.map(instrument(ctx), (i) => [ticker(ctx.engine, i, ctx.now)])
  ),
  route("GET", "/api/v5/market/tickers", "public", [20, "ip"], (ctx) =>
    Either.map(
      instTypeParam(ctx, true),
      (t) => listed(ctx.engine).filter((i) => instType(i) === t).map((i) => ticker(ctx.engine, i, ctx.now))
    )),
  route("GET", "/api/v5/market/books", "public", [40, "ip"], (ctx) =>
    Either.gen(function*() {
      const i = yield* instrument(ctx)
      const size = yield* intParam(ctx, "sz", 1, 400)
      return [book(ctx.engine, i, size, ctx.now)]
    })),
  route("GET", "/api/v5/market/trades", "public", [100, "ip"], (ctx) =>
    Either.gen(function*() {
      const i = yield* instrument(ctx)
      const limit = yield* intParam(ctx, "limit", 100, 500)
      return ctx.engine.trades(i.symbol).slice(-limit).reverse().map((t) => tradeRow(i, t))
    })),
  route("GET", "/api/v5/market/candles", "public", [40, "ip"], (ctx) =>
    Either.gen(function*() {
      const i = yield* instrument(ctx)
      const name = ctx.params.get("bar") ?? "1m"
      const interval = bars.get(name)
      if (interval === undefined) return yield* Either.left(Errors.param("bar"))
      const limit = yield* intParam(ctx, "limit", 100, 300)
      const after = yield* timeParam(ctx, "after")
      const before = yield* timeParam(ctx, "before")
      const startTime = before === undefined ? undefined : before + 1
      const endTime = after === undefined ? undefined : after - 1
      return newestFirst(ctx.engine, i.symbol, interval, { now: ctx.now, limit, startTime, endTime })
        .map((k) => candleRow(i, k, ctx.now))
    })),
  route("GET", "/api/v5/public/funding-rate", "public", [20, "ip"], (ctx) =>
    Either.gen(function*() {
      const i = yield* instrument(ctx)
      const m = ctx.engine.perpMarket(i.symbol)
      if (m === undefined) return yield* Either.left(Errors.param("instId"))
      return [{
        instType: "SWAP",
        instId: instId(i),
        method: "current_period",
        fundingRate: num(m.fundingRate),
        nextFundingRate: "",
        fundingTime: String(m.nextFundingTime),
        nextFundingTime: String(m.nextFundingTime + m.fundingIntervalMs),
        minFundingRate: "-0.0075",
        maxFundingRate: "0.0075",
        settState: "processing",
        settFundingRate: num(m.fundingRate),
        premium: "0",
        ts: String(ctx.now)
      }]
    })),
  route("GET", "/api/v5/public/funding-rate-history", "public", [10, "ip"], (ctx) =>
    Either.gen(function*() {
      const i = yield* instrument(ctx)
      if (i.kind !== "perp") return yield* Either.left(Errors.param("instId"))
      const limit = yield* intParam(ctx, "limit", 100, 400)
      const after = yield* timeParam(ctx, "after")
      const before = yield* timeParam(ctx, "before")
      return ctx.engine.fundingHistory(i.symbol)
        .filter((e) =>
          (before === undefined || e.fundingTime > before) && (after === undefined || e.fundingTime < after)
        )
        .slice(-limit)
        .reverse()
        .map((e) => ({
          instType: "SWAP",
          instId: instId(i),
          fundingRate: num(e.rate),
          realizedRate: num(e.rate),
          fundingTime: String(e.fundingTime),
          method: "current_period"
        }))
    }))
]

/**
 * A trade as `/market/trades` and the `trades` channel write it (SWAP sizes in contracts).
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-trades
 * @since 0.1.0
 */
export const tradeRow = (i: Instrument, t: Trade) => ({
  instId: instId(i),
  tradeId: String(t.tradeId),
  px: num(t.price),
  sz: num(toWire(i, t.quantity)),
  side: t.buyerIsMaker ? "sell" : "buy",
  ts: String(t.time),
  count: "1",
  source: "0",
  seqId: t.tradeId
})

/**
 * `[ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]`: SPOT `vol` base, `volCcy` quote; SWAP `vol`
 * contracts, `volCcy` base.
 * @since 0.1.0
 */
export const candleRow = (
  i: Instrument,
  k: {
    openTime: number
    closeTime: number
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    volume: Decimal
    quoteVolume: Decimal
  },
  now: number
) => [
  String(k.openTime),
  num(k.open),
  num(k.high),
  num(k.low),
  num(k.close),
  num(toWire(i, k.volume)),
  num(i.kind === "perp" ? k.volume : k.quoteVolume),
  num(k.quoteVolume),
  k.closeTime < now ? "1" : "0"
]
