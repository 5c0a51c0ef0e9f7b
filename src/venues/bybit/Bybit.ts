/**
 * Bybit v5: the connector that provides the unified `Exchange`, spot and linear (USDT/USDC
 * perpetuals) in one connector; each call's category comes from the resolved market.
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const exchange = yield* Exchange
 *   const ticker = yield* exchange.ticker("BTC/USDT:USDT")
 * })
 * program.pipe(Effect.provide(Bybit.layer({ environment: "mainnet" })))
 * ```
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Socket from "@effect/platform/Socket"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { ConfigError, DecodeError, NotSupported } from "../../errors/ExchangeError.js"
import {
  type Capabilities,
  type Environment,
  Exchange,
  type MarketDataError,
  type TradingError
} from "../../Exchange.js"
import * as Connector from "../../kernel/Connector.js"
import * as RestClient from "../../kernel/RestClient.js"
import * as WsSession from "../../kernel/WsSession.js"
import type { Interval, TimeRange } from "../../model/Candle.js"
import type { FundingRate } from "../../model/Funding.js"
import { makeMarkets, type Market } from "../../model/Market.js"
import { bybitBookSync } from "./bookSync.js"
import * as Convert from "./convert.js"
import { decodeOrderBookPayload, isDepthDecodeFailure } from "./depthCodec.js"
import * as Endpoints from "./endpoints.js"
import * as Errors from "./errors.js"
import { type BybitCredentials, makeSigner } from "./signing.js"
import * as Streams from "./stream.js"
import * as Trading from "./trading.js"
import * as Wire from "./wire.js"

/**
 * Official base URLs (websocket paths `/v5/public/spot`, `/v5/public/linear` follow).
 * https://bybit-exchange.github.io/docs/v5/guide#authentication (REST hosts)
 * https://bybit-exchange.github.io/docs/v5/ws/connect (websocket hosts)
 * @since 0.1.0
 */
export const urls: Record<Exclude<Environment, "sandbox">, { readonly rest: string; readonly ws: string }> = {
  mainnet: { rest: "https://api.bybit.com", ws: "wss://stream.bybit.com" },
  testnet: { rest: "https://api-testnet.bybit.com", ws: "wss://stream-testnet.bybit.com" }
}

/**
 * @since 0.1.0
 */
export interface BybitOptions extends Connector.ConnectorOptions<BybitCredentials> {}

/**
 * What the connector supports.
 * @since 0.1.0
 */
export const capabilities: Capabilities = {
  marketTypes: ["spot", "perp"],
  marketData: {
    ticker: true,
    tickers: true,
    orderBook: true,
    trades: true,
    candles: true,
    fundingRate: true,
    fundingRateHistory: true
  },
  streams: {
    ticker: true,
    trades: true,
    candles: true,
    bookUpdates: true,
    orders: false,
    fills: false,
    balances: false
  },
  candleIntervals: Convert.intervals,
  trading: Trading.tradingCapabilities,
  account: { balances: true, positions: true }
}

const notSupported = (feature: string) => new NotSupported({ venue: Convert.VENUE, feature })
const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.floor(n)))

/** The facts of this venue the shared connector setup needs. */
const definition: Connector.VenueDefinition<BybitCredentials> = {
  venue: Convert.VENUE,
  urls,
  rateLimit: { weightLimit: 600, windowMs: 5_000, maxWaitMs: 10_000 },
  maxRecvWindowMs: 60_000,
  streamTimings: Streams.defaultStreamTimings,
  classify: Errors.classifyResponse,
  usedWeight: Errors.usedWeight,
  signer: makeSigner
}

/**
 * Builds the connector in the current scope (its websocket sessions live there).
 * @since 0.1.0
 */
export const make = (
  options: BybitOptions
): Effect.Effect<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor | Scope.Scope> =>
  Effect.gen(function*() {
    const setup = yield* Connector.setup(definition, options)
    const { clock, recvWindowMs, rest } = setup
    const streamOptions = setup.stream
    const sessions = {
      spot: yield* WsSession.make(Streams.protocol(streamOptions, "spot")),
      linear: yield* WsSession.make(Streams.protocol(streamOptions, "linear"))
    }

    /** `timeNano` / 10^6, exactly (no float). */
    const serverTime = Effect.flatMap(rest.request(Endpoints.time), (r) => {
      const nano = r.result.timeNano
      return /^\d{7,}$/.test(nano)
        ? Effect.succeed(Number.parseInt(nano.slice(0, -6), 10))
        : Effect.succeed(r.time)
    })

    const loadCategory = (category: Convert.Category) =>
      Effect.gen(function*() {
        const out: Array<Market> = []
        const skipped: Array<string> = []
        let cursor: string | undefined
        for (let page = 0; page < 20; page++) {
          const r = yield* rest.request(Endpoints.instruments, {
            query: {
              category,
              ...(category === "linear" ? { limit: "1000" } : {}),
              ...(cursor !== undefined ? { cursor } : {})
            }
          })
          for (const raw of r.result.list) {
            const market = category === "spot"
              ? Either.flatMap(decodeWith(Wire.SpotInstrument, raw), Convert.spotMarket)
              : Either.flatMap(
                decodeWith(Wire.LinearInstrument, raw),
                (i) => Convert.linearMarket(i) ?? Either.left("")
              )
            if (Either.isRight(market)) out.push(market.right)
            else if (market.left !== "") skipped.push(market.left)
          }
          cursor = r.result.nextPageCursor
          if (category === "spot" || cursor === undefined || cursor === "" || r.result.list.length === 0) break
        }
        if (skipped.length > 0) {
          yield* Effect.logWarning(
            `[bybit] skipped ${skipped.length} ${category} instrument(s): ${skipped.slice(0, 5).join("; ")}`
          )
        }
        return out
      })

    const loadMarkets = Effect.map(
      Effect.all([loadCategory("spot"), loadCategory("linear")], { concurrency: 2 }),
      ([spot, linear]) => makeMarkets(Convert.VENUE, [...spot, ...linear])
    ).pipe(Effect.withSpan("bybit.markets"))

    const { market, markets, reloadMarkets } = yield* Connector.marketCache(loadMarkets)

    const tickerOf = (m: Market) =>
      Effect.flatMap(
        rest.request(Endpoints.tickers, { query: { category: Convert.categoryOf(m), symbol: m.symbol } }),
        (r) => {
          const t = r.result.list.find((x) => x.symbol === m.symbol)
          return t === undefined
            ? Effect.fail(
              new DecodeError({
                venue: Convert.VENUE,
                endpoint: "GET /v5/market/tickers",
                path: "$.result.list",
                outcome: "definitive",
                detail: `no ticker for ${m.symbol}`
              })
            )
            : Effect.succeed({ ticker: t, time: r.time })
        }
      )

    const ticker = (symbol: string) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const { ticker: t, time } = yield* tickerOf(m)
        return Convert.toTicker(m, t, time)
      })

    const tickers = (symbols?: ReadonlyArray<string>) =>
      Effect.gen(function*() {
        const all = yield* markets
        const chosen = symbols === undefined ? undefined : yield* Effect.forEach(symbols, (s) => all.resolve(s))
        const categories = new Set<Convert.Category>(
          chosen === undefined ? ["spot", "linear"] : chosen.map(Convert.categoryOf)
        )
        const wanted = chosen === undefined ? undefined : new Set(chosen)
        const out = []
        for (const category of categories) {
          const r = yield* rest.request(Endpoints.tickers, { query: { category } })
          for (const t of r.result.list) {
            const m = all.all.find((x) => x.symbol === t.symbol && Convert.categoryOf(x) === category)
            if (m !== undefined && (wanted === undefined || wanted.has(m))) out.push(Convert.toTicker(m, t, r.time))
          }
        }
        return out
      })

    const orderBook = (symbol: string, depth = 50) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const limit = clamp(depth, 1, m.type === "spot" ? 200 : 500)
        const r = yield* rest.request(Endpoints.orderBook, {
          query: { category: Convert.categoryOf(m), symbol: m.symbol, limit: String(limit) }
        })
        return Convert.toSnapshot(m, r.result)
      })

    const trades = (symbol: string, limit?: number) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const r = yield* rest.request(Endpoints.recentTrades, {
          query: {
            category: Convert.categoryOf(m),
            symbol: m.symbol,
            limit: limit === undefined ? undefined : String(clamp(limit, 1, m.type === "spot" ? 60 : 1000))
          }
        })
        return r.result.list.map((t) => Convert.toTrade(m, t))
      })

    const candles = (symbol: string, interval: Interval, range?: TimeRange) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const code = Convert.klineIntervals[interval]
        if (code === undefined) return yield* notSupported(`${interval} candles`)
        const r = yield* rest.request(Endpoints.kline, { query: klineQuery(m, code, range) })
        const now = yield* clock.now
        return [...r.result.list].reverse().map((k) => Convert.toCandle(m, interval, k, now))
      })

    const perp = (symbol: string) =>
      Effect.flatMap(
        market(symbol),
        (m) => m.type === "perp" ? Effect.succeed(m) : Effect.fail(notSupported("funding rates (spot market)"))
      )

    const fundingRate = (symbol: string) =>
      Effect.gen(function*() {
        const m = yield* perp(symbol)
        const { ticker: t, time } = yield* tickerOf(m)
        const rate = Convert.toFundingRate(m, t, time)
        if (Either.isLeft(rate)) {
          return yield* new DecodeError({
            venue: Convert.VENUE,
            endpoint: "GET /v5/market/tickers",
            path: "$.result.list[0].fundingRate",
            outcome: "definitive",
            detail: rate.left
          })
        }
        return rate.right
      })

    const fundingRateHistory = (symbol: string, range?: TimeRange) =>
      Effect.gen(function*() {
        const m = yield* perp(symbol)
        const now = yield* clock.now
        const r = yield* rest.request(Endpoints.fundingHistory, { query: fundingHistoryQuery(m, range, now) })
        return [...r.result.list].reverse().map((f): FundingRate => ({
          symbol: m.unified,
          venueSymbol: m.symbol,
          rate: f.fundingRate,
          timestamp: f.fundingRateTimestamp
        }))
      })

    const streamOf = <A>(
      symbol: string,
      topic: (m: Market) => string,
      decode: (m: Market) => (payload: unknown, receivedAt: number) => A | WsSession.DecodeFailure
    ): Stream.Stream<A, MarketDataError> =>
      Stream.unwrap(
        Effect.map(market(symbol), (m) =>
          sessions[Convert.categoryOf(m)].messages(topic(m)).pipe(WsSession.decodeOrSkip(Convert.VENUE, decode(m))))
      )

    const trading = yield* Trading.make({ rest, market, markets, clock, serverTime, recvWindowMs })

    const exchange: Exchange = {
      venue: "bybit",
      environment: options.environment,
      capabilities,
      serverTime,
      markets,
      reloadMarkets,
      market,
      ticker,
      tickers,
      orderBook,
      trades,
      candles,
      fundingRate,
      fundingRateHistory,
      watchTicker: (symbol) => streamOf(symbol, Streams.tickerTopic, Streams.decodeTicker),
      watchTrades: (symbol) => Stream.flattenIterables(streamOf(symbol, Streams.tradeTopic, Streams.decodeTrades)),
      watchCandles: (symbol, interval) =>
        Convert.klineIntervals[interval] === undefined
          ? Stream.fail(notSupported(`${interval} candles`))
          : Stream.flattenIterables(
            streamOf(symbol, (m) => Streams.klineTopic(m, interval), (m) => Streams.decodeKlines(m, interval))
          ),
      bookSync: bybitBookSync,
      watchBookUpdates: (symbol) =>
        streamOf(symbol, Streams.depthTopic, () => (payload, receivedAt) => {
          const r = decodeOrderBookPayload(payload, receivedAt)
          return isDepthDecodeFailure(r) ? WsSession.decodeFailure(r.message) : r
        }),
      watchOrders: () => Stream.fail(notSupported("user data streams (orders)")),
      watchFills: () => Stream.fail(notSupported("user data streams (fills)")),
      watchBalances: Stream.fail(notSupported("user data streams (balances)")) as Stream.Stream<never, TradingError>,
      ...trading,
      healthCheck: Trading.healthCheck({ rest, environment: options.environment, serverTime })
    }
    return exchange
  })

const decodeWith = <A, I>(schema: Schema.Schema<A, I>, raw: unknown): Either.Either<A, string> =>
  Either.mapLeft(Schema.decodeUnknownEither(schema)(raw), (e) => {
    const { detail, path } = RestClient.describeParseError(e)
    return `${path}: ${detail}`
  })

/**
 * Query of `GET /v5/market/kline` (limit default 200, Bybit's default, sent explicitly).
 * @since 0.1.0
 */
export const klineQuery = (m: Market, interval: string, range?: TimeRange) => ({
  category: Convert.categoryOf(m),
  symbol: m.symbol,
  interval,
  ...(range?.since !== undefined ? { start: String(range.since) } : {}),
  ...(range?.until !== undefined ? { end: String(range.until) } : {}),
  limit: String(clamp(range?.limit ?? 200, 1, 1000))
})

/**
 * Query of `GET /v5/market/funding/history`. Bybit rejects `startTime` alone, so a range with only
 * a start ends now.
 * @since 0.1.0
 */
export const fundingHistoryQuery = (m: Market, range: TimeRange | undefined, now: number) => ({
  category: "linear",
  symbol: m.symbol,
  ...(range?.since !== undefined ? { startTime: String(range.since), endTime: String(range.until ?? now) } : {}),
  ...(range?.since === undefined && range?.until !== undefined ? { endTime: String(range.until) } : {}),
  ...(range?.limit !== undefined ? { limit: String(clamp(range.limit, 1, 200)) } : {})
})

/**
 * A layer providing the unified `Exchange` for Bybit.
 * @since 0.1.0
 */
export const layer = (
  options: BybitOptions
): Layer.Layer<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor> =>
  Layer.scoped(Exchange, make(options))

/**
 * The same, with options read from `Config`.
 * @since 0.1.0
 */
export const layerConfig = (
  config: Config.Config.Wrap<BybitOptions>
): Layer.Layer<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor> =>
  Layer.scoped(
    Exchange,
    Effect.flatMap(
      Effect.mapError(Config.unwrap(config), (e) =>
        new ConfigError({ venue: Convert.VENUE, path: "bybit", detail: String(e) })),
      make
    )
  )

/** @since 0.1.0 */
export type { BybitCredentials } from "./signing.js"
