/**
 * Binance USDⓈ-M futures: the connector that provides the unified `Exchange` for the venue's
 * USDⓈ-margined perpetual contracts (`BTC/USDT:USDT`).
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const exchange = yield* Exchange
 *   const funding = yield* exchange.fundingRate("BTC/USDT:USDT")
 * })
 * program.pipe(Effect.provide(BinanceUsdm.layer({ environment: "mainnet" })))
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
import type { Interval, TimeRange } from "../../model/Candle.js"
import { makeMarkets, type Market } from "../../model/Market.js"
import { binanceUsdmBookSync } from "./bookSync.js"
import * as Convert from "./convert.js"
import { decodeDepthPayload, isDepthDecodeFailure } from "./depthCodec.js"
import * as Endpoints from "./endpoints.js"
import * as Errors from "./errors.js"
import { type BinanceUsdmCredentials, makeSigner } from "./signing.js"
import * as Streams from "./stream.js"
import * as Trading from "./trading.js"
import * as Wire from "./wire.js"

/**
 * Official base URLs.
 * Mainnet: https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info
 * (REST `https://fapi.binance.com`) and
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 * (`wss://fstream.binance.com`); testnet REST `https://testnet.binancefuture.com`, streams
 * `wss://fstream.binancefuture.com` (same pages).
 * @since 0.1.0
 */
export const urls: Record<Exclude<Environment, "sandbox">, { readonly rest: string; readonly ws: string }> = {
  mainnet: { rest: "https://fapi.binance.com", ws: "wss://fstream.binance.com" },
  testnet: { rest: "https://testnet.binancefuture.com", ws: "wss://fstream.binancefuture.com" }
}

/**
 * @since 0.1.0
 */
export interface BinanceUsdmOptions extends Connector.ConnectorOptions<BinanceUsdmCredentials> {}

/**
 * What the connector supports today.
 * @since 0.1.0
 */
export const capabilities: Capabilities = {
  marketTypes: ["perp"],
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
const definition: Connector.VenueDefinition<BinanceUsdmCredentials> = {
  venue: Convert.VENUE,
  urls,
  rateLimit: { weightLimit: 2400, windowMs: 60_000, maxWaitMs: 10_000 },
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
  options: BinanceUsdmOptions
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
        if (market === undefined) continue
        if (Either.isLeft(market)) skipped.push(market.left)
        else markets.push(market.right)
      }
      if (skipped.length > 0) {
        yield* Effect.logWarning(
          `[binance-usdm] skipped ${skipped.length} instrument(s) from exchangeInfo: ${skipped.slice(0, 5).join("; ")}`
        )
      }
      return makeMarkets(Convert.VENUE, markets)
    }).pipe(Effect.withSpan("binance-usdm.markets"))

    const { market, markets, reloadMarkets } = yield* Connector.marketCache(loadMarkets)

    /** `ticker/24hr` has no best bid/ask on USDⓈ-M: they come from `ticker/bookTicker`. */
    const ticker = (symbol: string) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const query = { symbol: m.symbol }
        const [t, book] = yield* Effect.all([
          rest.request(Endpoints.ticker24hr, { query }),
          rest.request(Endpoints.bookTicker, { query })
        ], { concurrency: 2 })
        return Convert.toTicker(m, t, book)
      })

    const tickers = (symbols?: ReadonlyArray<string>) =>
      Effect.gen(function*() {
        const all = yield* markets
        const chosen = symbols === undefined
          ? undefined
          : new Set((yield* Effect.forEach(symbols, (s) => all.resolve(s))).map((m) => m.symbol))
        const [list, books] = yield* Effect.all([
          rest.request(Endpoints.tickers24hr),
          rest.request(Endpoints.bookTickers)
        ], { concurrency: 2 })
        const bookOf = new Map(books.map((b) => [b.symbol, b]))
        const out = []
        for (const t of list) {
          const m = all.byVenueSymbol(t.symbol)
          if (m !== undefined && (chosen === undefined || chosen.has(t.symbol))) {
            out.push(Convert.toTicker(m, t, bookOf.get(t.symbol)))
          }
        }
        return out
      })

    const orderBook = (symbol: string, depth = 100) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const limit = Endpoints.depthLimits.find((l) => l >= depth) ?? 1000
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

    const candles = (symbol: string, interval: Interval, range?: TimeRange) =>
      Effect.gen(function*() {
        if (!Convert.intervals.includes(interval)) return yield* notSupported(`the ${interval} candle interval`)
        const m = yield* market(symbol)
        const limit = range?.limit === undefined ? undefined : clamp(range.limit, 1, 1500)
        const list = yield* rest.request(Endpoints.klines(limit ?? 500), {
          query: {
            symbol: m.symbol,
            interval,
            startTime: range?.since === undefined ? undefined : String(range.since),
            endTime: range?.until === undefined ? undefined : String(range.until),
            limit: limit === undefined ? undefined : String(limit)
          }
        })
        const now = yield* clock.now
        return list.map((k) => Convert.toCandle(m, interval, k, now))
      })

    const fundingRate = (symbol: string) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const p = yield* rest.request(Endpoints.premiumIndex, { query: { symbol: m.symbol } })
        return Convert.toFundingRate(m, p)
      })

    const fundingRateHistory = (symbol: string, range?: TimeRange) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const list = yield* rest.request(Endpoints.fundingRate, {
          query: {
            symbol: m.symbol,
            startTime: range?.since === undefined ? undefined : String(range.since),
            endTime: range?.until === undefined ? undefined : String(range.until),
            limit: range?.limit === undefined ? undefined : String(clamp(range.limit, 1, 1000))
          }
        })
        return list.map((r) => Convert.toFundingRecord(m, r))
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
      venue: "binance-usdm",
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
      watchTrades: (symbol) => streamOf(symbol, Streams.tradeTopic, Streams.decodeTrade),
      watchCandles: (symbol, interval) =>
        Convert.intervals.includes(interval)
          ? streamOf(symbol, (m) => Streams.klineTopic(m, interval), (m) => Streams.decodeKline(m, interval))
          : Stream.fail(notSupported(`the ${interval} candle interval`)),
      bookSync: binanceUsdmBookSync,
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

/**
 * A layer providing the unified `Exchange` for Binance USDⓈ-M futures.
 * @since 0.1.0
 */
export const layer = (
  options: BinanceUsdmOptions
): Layer.Layer<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor> =>
  Layer.scoped(Exchange, make(options))

/**
 * The same, with options read from `Config` (so from a `ConfigProvider`: environment variables,
 * `lotusx.config.toml`, …).
 * @since 0.1.0
 */
export const layerConfig = (
  config: Config.Config.Wrap<BinanceUsdmOptions>
): Layer.Layer<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor> =>
  Layer.scoped(
    Exchange,
    Effect.flatMap(
      Effect.mapError(
        Config.unwrap(config),
        (e) => new ConfigError({ venue: Convert.VENUE, path: "binance-usdm", detail: String(e) })
      ),
      make
    )
  )

/** @since 0.1.0 */
export type { BinanceUsdmCredentials } from "./signing.js"
