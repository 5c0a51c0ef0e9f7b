/**
 * The unified exchange service (DESIGN.md §4). Every venue layer provides it; programs `yield*` it
 * and call the same methods whichever venue is behind it. Every method returns an `Effect` or a
 * `Stream` with a precise error union; none throws.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import type * as Stream from "effect/Stream"
import type * as E from "./errors/ExchangeError.js"
import type { UserStreamState } from "./kernel/UserStream.js"
import type { Balance } from "./model/Balance.js"
import type { BookSync } from "./model/BookSync.js"
import type { Candle, Interval, TimeRange } from "./model/Candle.js"
import type { Decimal } from "./model/Decimal.js"
import type { FundingRate } from "./model/Funding.js"
import type { Market, Markets } from "./model/Market.js"
import type { Fill, Order, OrderRequest, OrderType, TimeInForce } from "./model/Order.js"
import type { BookUpdate, OrderBookSnapshot } from "./model/OrderBook.js"
import type { Position } from "./model/Position.js"
import type { Ticker } from "./model/Ticker.js"
import type { Trade } from "./model/Trade.js"

/**
 * LotusX venue ids.
 * @since 0.1.0
 */
export type VenueId = "binance" | "binance-usdm" | "bybit" | "okx" | "hyperliquid" | "backpack" | "paradex"

/**
 * Where a connector points: the local sandbox, the venue's testnet/demo, or real money.
 * @since 0.1.0
 */
export type Environment = "sandbox" | "testnet" | "mainnet"

/**
 * What a venue (and this connector) supports, so callers and the CLI can tell before calling. An
 * unsupported combination fails with `NotSupported` before anything is sent.
 * @since 0.1.0
 */
export interface Capabilities {
  readonly marketTypes: ReadonlyArray<Market["type"]>
  readonly marketData: {
    readonly ticker: boolean
    readonly tickers: boolean
    readonly orderBook: boolean
    readonly trades: boolean
    readonly candles: boolean
    readonly fundingRate: boolean
    readonly fundingRateHistory: boolean
  }
  readonly streams: {
    readonly ticker: boolean
    readonly trades: boolean
    readonly candles: boolean
    readonly bookUpdates: boolean
    readonly orders: boolean
    readonly fills: boolean
    readonly balances: boolean
    /** `watchPositions` (perpetuals). */
    readonly positions?: boolean | undefined
  }
  readonly candleIntervals: ReadonlyArray<Interval>
  readonly trading: {
    /** False until the connector can trade on this venue. */
    readonly enabled: boolean
    readonly orderTypes: ReadonlyArray<OrderType>
    readonly timeInForce: ReadonlyArray<TimeInForce>
    readonly postOnly: boolean
    readonly reduceOnly: boolean
    readonly amend: boolean
    /** Largest native batch per request; 0 when the venue has none (batches are sent one by one). */
    readonly batchPlaceMax: number
    readonly batchCancelMax: number
    readonly cancelAll: boolean
  }
  readonly account: {
    readonly balances: boolean
    readonly positions: boolean
  }
}

/**
 * Which order an operation is about: by exchange id or by client order id.
 * @since 0.1.0
 */
export type OrderRef =
  | { readonly symbol: string; readonly id: string; readonly clientOrderId?: undefined }
  | { readonly symbol: string; readonly clientOrderId: string; readonly id?: undefined }

/**
 * Changes to a resting order.
 * @since 0.1.0
 */
export interface OrderAmendment {
  readonly price?: Decimal | undefined
  readonly quantity?: Decimal | undefined
}

/**
 * One item of a batch: the order, or why that item failed. The batch itself fails only when nothing
 * could be sent.
 * @since 0.1.0
 */
export type BatchItem<A> = Either.Either<A, TradingError>

/**
 * Account settings a health check reports, where the venue has them.
 * @since 0.1.0
 */
export interface AccountSettings {
  /** The venue's account mode, as it names it (OKX: `futures (acctLv 2)`). */
  readonly mode?: string | undefined
  /** Perpetual positions: one net position per market, or a long and a short one (hedged). */
  readonly positionMode?: "net" | "long_short" | undefined
}

/**
 * What `healthCheck` learnt.
 * @since 0.1.0
 */
export interface HealthReport {
  readonly venue: VenueId
  readonly environment: Environment
  readonly reachable: boolean
  /** Round trip of the server-time request, ms. */
  readonly latencyMs: number
  /** Server time minus local time, ms (positive: the local clock is behind). */
  readonly clockSkewMs: number
  readonly credentials: "valid" | "invalid" | "missing"
  readonly permissions: {
    readonly read: boolean
    readonly trade: boolean
    readonly withdraw: boolean
  }
  /**
   * The account's settings that change how orders behave, where the venue reports them with the
   * key (OKX: the account mode `acctLv` and the position mode `posMode` of `/account/config`).
   */
  readonly account?: AccountSettings | undefined
  /** Request-weight usage seen in the venue's headers, where it sends them. */
  readonly rateLimit?: { readonly used: number; readonly limit: number } | undefined
  /** Why credentials are invalid, when they are. */
  readonly detail?: string | undefined
}

/**
 * Errors of market-data calls: what one request can end in (transport, rate limits, the venue's
 * refusal, decoding), an unknown symbol, or an unsupported call. Never an order or funds error: a
 * venue code that maps to one on a market-data call is reported as `InvalidRequest`.
 * @since 0.1.0
 */
export type MarketDataError =
  | Exclude<E.TransportError, E.InsufficientFunds | E.InvalidOrder | E.OrderNotFound | E.DuplicateClientOrderId>
  | E.UnknownSymbol
  | E.NotSupported

/**
 * Errors of trading calls (placing, cancelling, amending) and of the account streams.
 * @since 0.1.0
 */
export type TradingError = E.TransportError | E.UnknownSymbol | E.NotSupported | E.OrderStatusUnknown

/**
 * Errors of account reads (`openOrders`, `balances`, `positions`): what one signed request can end
 * in, an unknown symbol, or an unsupported call. Never an order or funds error: a venue code that
 * maps to one on a read is reported as `InvalidRequest`.
 * @since 0.1.0
 */
export type AccountError = MarketDataError

/**
 * Errors of `getOrder`: those of an account read, and `OrderNotFound` when the venue has no such
 * order.
 * @since 0.1.0
 */
export type OrderQueryError = AccountError | E.OrderNotFound

/**
 * The unified exchange.
 * @since 0.1.0
 */
export interface Exchange {
  readonly venue: VenueId
  readonly environment: Environment
  readonly capabilities: Capabilities

  // ---- market data -------------------------------------------------------------------------
  /** The venue's clock, epoch ms. */
  readonly serverTime: Effect.Effect<number, MarketDataError>
  /** The venue's markets, loaded once and cached; `reloadMarkets` refreshes them. */
  readonly markets: Effect.Effect<Markets, MarketDataError>
  readonly reloadMarkets: Effect.Effect<Markets, MarketDataError>
  /** One market, by native or unified symbol. */
  readonly market: (symbol: string) => Effect.Effect<Market, MarketDataError>
  readonly ticker: (symbol: string) => Effect.Effect<Ticker, MarketDataError>
  /** Tickers for the given symbols, or for every market when none are given. */
  readonly tickers: (symbols?: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<Ticker>, MarketDataError>
  readonly orderBook: (symbol: string, depth?: number) => Effect.Effect<OrderBookSnapshot, MarketDataError>
  /** Recent public trades. */
  readonly trades: (symbol: string, limit?: number) => Effect.Effect<ReadonlyArray<Trade>, MarketDataError>
  readonly candles: (
    symbol: string,
    interval: Interval,
    range?: TimeRange
  ) => Effect.Effect<ReadonlyArray<Candle>, MarketDataError>
  readonly fundingRate: (symbol: string) => Effect.Effect<FundingRate, MarketDataError>
  readonly fundingRateHistory: (
    symbol: string,
    range?: TimeRange
  ) => Effect.Effect<ReadonlyArray<FundingRate>, MarketDataError>

  // ---- streams -------------------------------------------------------------------------------
  /**
   * How this venue's book channel (`watchBookUpdates`) is kept consistent with its REST snapshots
   * (which updates to drop, what chains to what); `LiveOrderBook.fromExchange` uses it. `undefined`
   * when the connector has no such rule.
   */
  readonly bookSync: BookSync | undefined
  readonly watchTicker: (symbol: string) => Stream.Stream<Ticker, MarketDataError>
  readonly watchTrades: (symbol: string) => Stream.Stream<Trade, MarketDataError>
  readonly watchCandles: (symbol: string, interval: Interval) => Stream.Stream<Candle, MarketDataError>
  /**
   * The venue's raw book channel (diffs and/or snapshots), normalized. See `LiveOrderBook`. Where
   * the connector reads frames from their text (Binance, Bybit) the updates are `TextBookUpdate`s:
   * their `bids` and `asks` are the exact strings, built on first read.
   */
  readonly watchBookUpdates: (symbol: string) => Stream.Stream<BookUpdate, MarketDataError>
  /**
   * The account's orders, every status change in order, from the venue's private stream. After a
   * reconnect the connector reconciles from REST first and emits what was missed; an update is
   * never emitted twice, nor after a newer one (see `kernel/UserStream`).
   */
  readonly watchOrders: (symbol?: string) => Stream.Stream<Order, TradingError>
  /** The account's fills (trade id, price, quantity, fee and fee asset, maker/taker), each once. */
  readonly watchFills: (symbol?: string) => Stream.Stream<Fill, TradingError>
  /** The account's balances (every asset), each time one changes; the current ones first. */
  readonly watchBalances: Stream.Stream<ReadonlyArray<Balance>, TradingError>
  /** Perpetual positions as they change (size zero when flat); the current ones first. */
  readonly watchPositions: (symbols?: ReadonlyArray<string>) => Stream.Stream<Position, TradingError>
  /** The private stream's state: `connecting`, `reconciling` (after every connect), `live`, … */
  readonly userStreamState: Stream.Stream<UserStreamState>

  // ---- trading -------------------------------------------------------------------------------
  readonly placeOrder: (request: OrderRequest) => Effect.Effect<Order, TradingError>
  readonly placeOrders: (
    requests: ReadonlyArray<OrderRequest>
  ) => Effect.Effect<ReadonlyArray<BatchItem<Order>>, TradingError>
  readonly cancelOrder: (ref: OrderRef) => Effect.Effect<Order, TradingError>
  readonly cancelOrders: (refs: ReadonlyArray<OrderRef>) => Effect.Effect<ReadonlyArray<BatchItem<Order>>, TradingError>
  /** Cancels every open order on `symbol`; returns what was canceled. */
  readonly cancelAllOrders: (symbol: string) => Effect.Effect<ReadonlyArray<Order>, TradingError>
  readonly amendOrder: (ref: OrderRef, amendment: OrderAmendment) => Effect.Effect<Order, TradingError>
  readonly getOrder: (ref: OrderRef) => Effect.Effect<Order, OrderQueryError>
  readonly openOrders: (symbol?: string) => Effect.Effect<ReadonlyArray<Order>, AccountError>

  // ---- account -------------------------------------------------------------------------------
  readonly balances: Effect.Effect<ReadonlyArray<Balance>, AccountError>
  readonly positions: (symbols?: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<Position>, AccountError>
  /** Reachability, clock skew, credentials and permissions, rate-limit headroom. Never fails for bad keys: reports them. */
  readonly healthCheck: Effect.Effect<HealthReport, MarketDataError>
}

/**
 * The unified exchange service tag: `const exchange = yield* Exchange`.
 * @since 0.1.0
 */
export const Exchange: Context.Tag<Exchange, Exchange> = Context.GenericTag<Exchange>("lotusx/Exchange")
