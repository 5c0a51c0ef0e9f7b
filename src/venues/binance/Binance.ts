/**
 * Binance Spot: the connector that provides the unified `Exchange`.
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const exchange = yield* Exchange
 *   const ticker = yield* exchange.ticker("BTC/USDT")
 * })
 * program.pipe(Effect.provide(Binance.layer({ environment: "mainnet" })))
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
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { ConfigError, NotSupported } from "../../errors/ExchangeError.js"
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
import type { Interval } from "../../model/Candle.js"
import { makeMarkets, type Market } from "../../model/Market.js"
import { binanceSpotBookSync } from "./bookSync.js"
import * as Convert from "./convert.js"
import { decodeDepthPayload, isDepthDecodeFailure } from "./depthCodec.js"
import * as Endpoints from "./endpoints.js"
import * as Errors from "./errors.js"
import { type BinanceCredentials, makeSigner } from "./signing.js"
import * as Streams from "./stream.js"
import * as Trading from "./trading.js"
import * as Wire from "./wire.js"

/**
 * Official base URLs.
 * Mainnet: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-api-information
 * Testnet: https://developers.binance.com/docs/binance-spot-api-docs/testnet/rest-api/general-api-information
 * @since 0.1.0
 */
export const urls: Record<Exclude<Environment, "sandbox">, { readonly rest: string; readonly ws: string }> = {
  mainnet: { rest: "https://api.binance.com", ws: "wss://stream.binance.com:9443" },
  testnet: { rest: "https://testnet.binance.vision", ws: "wss://stream.testnet.binance.vision" }
}

/**
 * @since 0.1.0
 */
export interface BinanceOptions extends Connector.ConnectorOptions<BinanceCredentials> {}

/**
 * What the connector supports today.
 * @since 0.1.0
 */
export const capabilities: Capabilities = {
  marketTypes: ["spot"],
  marketData: {
    ticker: true,
    tickers: true,
    orderBook: true,
    trades: true,
    candles: true,
    fundingRate: false,
    fundingRateHistory: false
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
  account: { balances: true, positions: false }
}

const notSupported = (feature: string) => new NotSupported({ venue: Convert.VENUE, feature })

/** The facts of this venue the shared connector setup needs. */
const definition: Connector.VenueDefinition<BinanceCredentials> = {
  venue: Convert.VENUE,
  urls,
  rateLimit: { weightLimit: 6000, windowMs: 60_000, maxWaitMs: 10_000 },
  maxRecvWindowMs: 60_000,
  streamTimings: Streams.defaultStreamTimings,
  classify: Errors.classifyResponse,
  usedWeight: () => RestClient.integerHeader("X-MBX-USED-WEIGHT-1M"),
  signer: makeSigner
}

/**
 * Builds the connector in the current scope (its websocket session lives there).
 * @since 0.1.0
 */
export const make = (
  options: BinanceOptions
): Effect.Effect<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor | Scope.Scope> =>
  Effect.gen(function*() {
    const setup = yield* Connector.setup(definition, options)
    const { clock, recvWindowMs, rest } = setup
    const ws = yield* WsSession.make(Streams.protocol(setup.stream))

    const serverTime = Effect.map(rest.request(Endpoints.time), (r) => r.serverTime)

    const loadMarkets = Effect.gen(function*() {
      const info = yield* rest.request(Endpoints.exchangeInfo)
      const decodeSymbol = Schema.decodeUnknownEither(Wire.SymbolInfo)
      const markets: Array<Market> = []
      const skipped: Array<string> = []
      for (const raw of info.symbols) {
        const decoded = decodeSymbol(raw)
        if (Either.isLeft(decoded)) {
          const { detail, path } = RestClient.describeParseError(decoded.left)
          skipped.push(`${path}: ${detail}`)
          continue
        }
        const market = Convert.toMarket(decoded.right)
        if (Either.isLeft(market)) skipped.push(market.left)
        else markets.push(market.right)
      }
      if (skipped.length > 0) {
        yield* Effect.logWarning(
          `[binance] skipped ${skipped.length} instrument(s) from exchangeInfo: ${skipped.slice(0, 5).join("; ")}`
        )
      }
      return makeMarkets(Convert.VENUE, markets)
    }).pipe(Effect.withSpan("binance.markets"))

    const { market, markets, reloadMarkets } = yield* Connector.marketCache(loadMarkets)

    const ticker = (symbol: string) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const t = yield* rest.request(Endpoints.ticker24hr, { query: { symbol: m.symbol } })
        return Convert.toTicker(m, t)
      })

    const tickers = (symbols?: ReadonlyArray<string>) =>
      Effect.gen(function*() {
        const all = yield* markets
        const chosen = symbols === undefined
          ? undefined
          : yield* Effect.forEach(symbols, (s) => all.resolve(s))
        const list = yield* rest.request(
          Endpoints.tickers24hr(chosen?.length),
          chosen === undefined ? {} : { query: { symbols: JSON.stringify(chosen.map((m) => m.symbol)) } }
        )
        const out = []
        for (const t of list) {
          const m = all.byVenueSymbol(t.symbol)
          if (m !== undefined) out.push(Convert.toTicker(m, t))
        }
        return out
      })

    const orderBook = (symbol: string, depth = 100) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const limit = Math.max(1, Math.min(5000, Math.floor(depth)))
        const d = yield* rest.request(Endpoints.depth(limit), { query: { symbol: m.symbol, limit: String(limit) } })
        return Convert.toSnapshot(m, d)
      })

    const trades = (symbol: string, limit?: number) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const list = yield* rest.request(Endpoints.trades, {
          query: { symbol: m.symbol, limit: limit === undefined ? undefined : String(clamp(limit, 1, 1000)) }
        })
        return list.map((t) => Convert.toTrade(m, t))
      })

    const candles = (
      symbol: string,
      interval: Interval,
      range?: {
        readonly since?: number | undefined
        readonly until?: number | undefined
        readonly limit?: number | undefined
      }
    ) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const list = yield* rest.request(Endpoints.klines, {
          query: {
            symbol: m.symbol,
            interval,
            startTime: range?.since === undefined ? undefined : String(range.since),
            endTime: range?.until === undefined ? undefined : String(range.until),
            limit: range?.limit === undefined ? undefined : String(clamp(range.limit, 1, 1000))
          }
        })
        const now = yield* clock.now
        return list.map((k) => Convert.toCandle(m, interval, k, now))
      })

    const streamOf = <A>(
      symbol: string,
      topic: (m: Market) => string,
      decode: (m: Market) => (payload: unknown, receivedAt: number) => A | WsSession.DecodeFailure
    ): Stream.Stream<A, MarketDataError> =>
      Stream.unwrap(
        Effect.map(market(symbol), (m) => ws.messages(topic(m)).pipe(WsSession.decodeOrSkip(Convert.VENUE, decode(m))))
      )

    const trading = yield* Trading.make({ rest, market, markets, clock, recvWindowMs })

    const exchange: Exchange = {
      venue: "binance",
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
      fundingRate: () => Effect.fail(notSupported("funding rates (spot market)")),
      fundingRateHistory: () => Effect.fail(notSupported("funding rates (spot market)")),
      watchTicker: (symbol) => streamOf(symbol, Streams.tickerTopic, Streams.decodeTicker),
      watchTrades: (symbol) => streamOf(symbol, Streams.tradeTopic, Streams.decodeTrade),
      watchCandles: (symbol, interval) =>
        streamOf(symbol, (m) => Streams.klineTopic(m, interval), (m) => Streams.decodeKline(m, interval)),
      bookSync: binanceSpotBookSync,
      watchBookUpdates: (symbol) =>
        streamOf(symbol, Streams.depthTopic, () => (payload, receivedAt) => {
          const r = decodeDepthPayload(payload, receivedAt)
          return isDepthDecodeFailure(r) ? WsSession.decodeFailure(r.message) : r
        }),
      watchOrders: () => Stream.fail(notSupported("user data streams (orders)")),
      watchFills: () => Stream.fail(notSupported("user data streams (fills)")),
      watchBalances: Stream.fail(notSupported("user data streams (balances)")) as Stream.Stream<never, TradingError>,
      ...trading,
      healthCheck: Trading.healthCheck({ rest, environment: options.environment })
    }
    return exchange
  })

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.floor(n)))

/**
 * A layer providing the unified `Exchange` for Binance Spot.
 * @since 0.1.0
 */
export const layer = (
  options: BinanceOptions
): Layer.Layer<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor> =>
  Layer.scoped(Exchange, make(options))

/**
 * The same, with options read from `Config` (so from a `ConfigProvider`: environment variables,
 * `lotusx.config.toml`, …).
 * @since 0.1.0
 */
export const layerConfig = (
  config: Config.Config.Wrap<BinanceOptions>
): Layer.Layer<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor> =>
  Layer.scoped(
    Exchange,
    Effect.flatMap(
      Effect.mapError(
        Config.unwrap(config),
        (e) => new ConfigError({ venue: Convert.VENUE, path: "binance", detail: String(e) })
      ),
      make
    )
  )

/** @since 0.1.0 */
export type { BinanceCredentials } from "./signing.js"

/** @since 0.1.0 */
export type Secret = Redacted.Redacted<string>
