/**
 * What a venue is, as data and pure functions: the value each operator folder exports and the
 * kernel turns into the unified `Exchange` (`Connector.make(adapter)`). A venue's code never
 * orchestrates: it says where its endpoints are and how to read and write its wire formats; it
 * reaches the network only through the `VenueApi` the kernel hands to its operations.
 *
 * What the kernel does once for every venue (so no adapter does it): market loading, caching and
 * symbol resolution; `NotSupported` for what the capabilities leave out, before anything is sent;
 * the market rules (`OrderRules`); one client order id per intent, in the venue's format; the clock
 * sync and one resend on a timestamp rejection; never re-sending an ambiguous placement and
 * resolving it by client order id; batch chunking with per-item results; the websocket sessions;
 * the health check.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import type * as Redacted from "effect/Redacted"
import type { NotSupported, TransportError, UnknownSymbol } from "../errors/ExchangeError.js"
import type { Capabilities, Environment, OrderAmendment, OrderRef, TradingError, VenueId } from "../Exchange.js"
import type { Balance } from "../model/Balance.js"
import type { BookSync } from "../model/BookSync.js"
import type { Candle, Interval, TimeRange } from "../model/Candle.js"
import type { FundingRate } from "../model/Funding.js"
import type { Market, Markets } from "../model/Market.js"
import type { Fill, Order, OrderRequest } from "../model/Order.js"
import type { BookUpdate, OrderBookSnapshot } from "../model/OrderBook.js"
import type { Position } from "../model/Position.js"
import type { Ticker } from "../model/Ticker.js"
import type { Trade } from "../model/Trade.js"
import type { ClientOrderIdFormat } from "./ClientOrderId.js"
import type { EndpointLimits } from "./EndpointLimits.js"
import type { KeyReport } from "./HealthCheck.js"
import type * as RateLimiter from "./RateLimiter.js"
import type { RawResponse, RestClient, VenueRules } from "./RestClient.js"
import type { Signed } from "./SignedCalls.js"
import type { Signer } from "./Signer.js"
import type { UserConnection, UserFrame } from "./UserStream.js"
import type { DecodeFailure, WsProtocol } from "./WsSession.js"

/**
 * What an adapter's operations may use: the venue's REST client (signing, rate limits, retries and
 * decoding included), the server-corrected clock and the cached markets.
 * @since 0.1.0
 */
export interface VenueApi<Settings = unknown> {
  readonly venue: VenueId
  readonly environment: Environment
  readonly rest: RestClient
  /**
   * The venue's limits besides the request gate (per endpoint, per instrument, per order type),
   * for the operations that send those requests to wait on (see `EndpointLimits`).
   */
  readonly limits: EndpointLimits
  /** Server-corrected time, epoch ms. */
  readonly now: Effect.Effect<number>
  readonly markets: Effect.Effect<Markets, RequestError>
  /**
   * The signed-call rules (credentials present, clock measured, one resend after a timestamp
   * rejection) for an operation's own follow-up requests; the kernel already applies them around
   * each trading operation as a whole.
   */
  readonly signed: Signed
  /** The connector's venue-specific settings (OKX's margin mode, Hyperliquid's slippage…). */
  readonly settings: Settings
  /**
   * The account the credentials act for, where the venue's reads name it (Hyperliquid's user
   * address; see `Signer.account`); `undefined` without credentials or when the venue has none.
   */
  readonly account: string | undefined
  /** The public part of the credentials (`Signer.apiKey`: an API key, an agent wallet's address). */
  readonly apiKey: Redacted.Redacted<string> | undefined
}

/**
 * One credential field: its name in the credentials object, in `lotusx.config.toml` (and in
 * environment variables, upper-cased), and whether it is a secret (read as `Redacted`).
 * @since 0.1.0
 */
export interface CredentialField {
  readonly name: string
  /** The key under `[exchanges.<venue>.credentials]` (`api_key`). */
  readonly config: string
  readonly secret: boolean
  readonly optional?: boolean | undefined
  /** What it is, for error messages and docs. */
  readonly description: string
}

/**
 * The credentials a venue takes: its fields, and how a record of them becomes the venue's own
 * credentials value (or why it cannot).
 * @since 0.1.0
 */
export interface CredentialSpec<Credentials> {
  readonly fields: ReadonlyArray<CredentialField>
  readonly make: (
    values: Readonly<Record<string, Redacted.Redacted<string> | undefined>>
  ) => Either.Either<Credentials, string>
}

/**
 * A venue's official base URLs per real environment (the sandbox has none of its own).
 * @since 0.1.0
 */
export type VenueUrls = Record<Exclude<Environment, "sandbox">, { readonly rest: string; readonly ws: string }>

/**
 * The venue's own facts.
 * @since 0.1.0
 */
export interface VenueDefinition<Credentials> {
  readonly venue: VenueId
  /** Human name, for CLI output. */
  readonly name: string
  /** Official base URLs per real environment (with their doc URL beside them). */
  readonly urls: VenueUrls
  /** The venue's documented request budget. */
  readonly rateLimit: RateLimiter.RateLimitPolicy
  /** Largest validity window the venue accepts, ms. */
  readonly maxRecvWindowMs: number
  readonly streamTimings: { readonly watchdog: Duration.DurationInput; readonly heartbeat: Duration.DurationInput }
  readonly credentials: CredentialSpec<Credentials>
  /**
   * The signer for these credentials. `environment` is for venues whose signatures name the network
   * (Hyperliquid signs mainnet and testnet actions differently) or that mark demo-trading requests
   * (OKX's `x-simulated-trading`).
   */
  readonly signer: (credentials: Credentials, recvWindowMs: number, environment: Environment) => Signer
  /** The venue's error envelope → a unified error, or `undefined` for a success. */
  readonly classify: (response: RawResponse, context: { readonly endpoint: string }) => TransportError | undefined
  /** Reads the venue's usage header; receives the effective weight limit. */
  readonly usedWeight?: ((weightLimit: number) => VenueRules["usedWeight"]) | undefined
}

/**
 * What a venue's market-data operation can fail with; the kernel reports a trading-only error (a
 * venue code for insufficient funds on a ticker request…) as `InvalidRequest`, so `MarketDataError`
 * stays precise.
 * @since 0.1.0
 */
export type RequestError = TransportError | UnknownSymbol | NotSupported

/**
 * Market-data operations. Optional ones the venue (or this market type) does not have are answered
 * `NotSupported` by the kernel.
 * @since 0.1.0
 */
export interface MarketDataOps<S> {
  readonly serverTime: (api: VenueApi<S>) => Effect.Effect<number, RequestError>
  /** Every market; `skipped` says which instruments could not be read (logged once). */
  readonly loadMarkets: (
    api: VenueApi<S>
  ) => Effect.Effect<
    { readonly markets: ReadonlyArray<Market>; readonly skipped: ReadonlyArray<string> },
    RequestError
  >
  readonly ticker: (api: VenueApi<S>, market: Market) => Effect.Effect<Ticker, RequestError>
  /** Tickers of `chosen`, or of every market when `undefined`. */
  readonly tickers: (
    api: VenueApi<S>,
    markets: Markets,
    chosen: ReadonlyArray<Market> | undefined
  ) => Effect.Effect<ReadonlyArray<Ticker>, RequestError>
  readonly orderBook: (
    api: VenueApi<S>,
    market: Market,
    depth: number | undefined
  ) => Effect.Effect<OrderBookSnapshot, RequestError>
  readonly trades: (
    api: VenueApi<S>,
    market: Market,
    limit: number | undefined
  ) => Effect.Effect<ReadonlyArray<Trade>, RequestError>
  readonly candles: (
    api: VenueApi<S>,
    market: Market,
    interval: Interval,
    range: TimeRange | undefined
  ) => Effect.Effect<ReadonlyArray<Candle>, RequestError>
  /** Perpetuals only; the kernel refuses spot markets. */
  readonly fundingRate?: ((api: VenueApi<S>, market: Market) => Effect.Effect<FundingRate, RequestError>) | undefined
  readonly fundingRateHistory?:
    | ((
      api: VenueApi<S>,
      market: Market,
      range: TimeRange | undefined
    ) => Effect.Effect<ReadonlyArray<FundingRate>, RequestError>)
    | undefined
}

/**
 * A frame decoder for one market's topic: the value, several values (a frame carrying a batch of
 * trades), or why the frame could not be read (the frame is skipped and reported).
 * @since 0.1.0
 */
export type FrameDecoder<A> = (payload: unknown, receivedAt: number) => A | ReadonlyArray<A> | DecodeFailure

/**
 * One public channel: its topic name for a market and the decoder of its frames.
 * @since 0.1.0
 */
export interface Channel<A, Args extends ReadonlyArray<unknown> = []> {
  readonly topic: (market: Market, ...args: Args) => string
  readonly decode: (market: Market, ...args: Args) => FrameDecoder<A>
  /** The connection carrying this channel when it is not `connectionOf(market)` (OKX candles). */
  readonly connection?: string | undefined
}

/**
 * The venue's public websocket: its connections (one protocol each: Bybit has one per category) and
 * channels.
 * @since 0.1.0
 */
export interface StreamOps {
  /** The venue's websocket protocols by connection name, for the given base URL and timings. */
  readonly connections: (options: StreamConnectionOptions) => Readonly<Record<string, WsProtocol>>
  /** Which connection carries a market's channels. */
  readonly connectionOf: (market: Market) => string
  readonly ticker: Channel<Ticker>
  readonly trades: Channel<Trade>
  readonly candles: Channel<Candle, [Interval]>
  readonly book: Channel<BookUpdate>
  /** How `book` updates chain to the REST snapshot (the LiveOrderBook rule). */
  readonly bookSync: BookSync
}

/**
 * @since 0.1.0
 */
export interface StreamConnectionOptions {
  readonly baseUrl: string
  readonly watchdog: Duration.DurationInput
  readonly heartbeat: Duration.DurationInput
}

/**
 * A validated order about to be sent, with its client order id.
 * @since 0.1.0
 */
export interface PreparedOrder {
  readonly market: Market
  readonly request: OrderRequest
  readonly clientOrderId: string
}

/**
 * A venue's native batch: how many items one request takes, which items may share a request, and
 * the request itself, answering one result per item in order. An item whose outcome is ambiguous is
 * resolved by the kernel (by client order id), never sent again.
 * @since 0.1.0
 */
export interface NativeBatch<Item, S> {
  readonly max: number
  /** Items with different keys go in different requests (default: all share one). */
  readonly key?: ((item: Item) => string) | undefined
  readonly send: (
    api: VenueApi<S>,
    items: ReadonlyArray<Item>
  ) => Effect.Effect<ReadonlyArray<Either.Either<Order, TradingError>>, TradingError>
}

/**
 * Trading operations. The kernel has already resolved the market, checked the request against the
 * capabilities and the market rules, and fixed the client order id; it wraps every call in the
 * signed-call rules (credentials, clock sync, one resend on a timestamp rejection).
 * @since 0.1.0
 */
export interface TradingOps<S> {
  readonly clientOrderId: {
    readonly format: ClientOrderIdFormat
    /** Whether a caller's own client order id is acceptable. */
    readonly valid: (id: string) => boolean
    /** The rule in words, for the error. */
    readonly rule: string
  }
  /** A venue-specific refusal (a combination the venue does not offer), as the `NotSupported` feature. */
  readonly refuse?: ((market: Market, request: OrderRequest) => string | undefined) | undefined
  /** Sends one placement and returns the order as the venue then knows it. */
  readonly place: (api: VenueApi<S>, order: PreparedOrder) => Effect.Effect<Order, TradingError>
  /** One order by exchange id or client order id; `OrderNotFound` when the venue has none. */
  readonly lookup: (api: VenueApi<S>, market: Market, ref: OrderRef) => Effect.Effect<Order, TradingError>
  readonly cancel: (api: VenueApi<S>, market: Market, ref: OrderRef) => Effect.Effect<Order, TradingError>
  readonly cancelAll: (api: VenueApi<S>, market: Market) => Effect.Effect<ReadonlyArray<Order>, TradingError>
  readonly amend?:
    | ((
      api: VenueApi<S>,
      market: Market,
      ref: OrderRef,
      amendment: OrderAmendment
    ) => Effect.Effect<Order, TradingError>)
    | undefined
  /** Open orders of one market, or of every market when `undefined`. */
  readonly openOrders: (
    api: VenueApi<S>,
    markets: Markets,
    market: Market | undefined
  ) => Effect.Effect<ReadonlyArray<Order>, TradingError>
  readonly placeBatch?: NativeBatch<PreparedOrder, S> | undefined
  readonly cancelBatch?: NativeBatch<{ readonly market: Market; readonly ref: OrderRef }, S> | undefined
}

/**
 * Account operations.
 * @since 0.1.0
 */
export interface AccountOps<S> {
  readonly balances: (api: VenueApi<S>) => Effect.Effect<ReadonlyArray<Balance>, TradingError>
  /** Positions of the chosen perpetuals, or of all. */
  readonly positions?:
    | ((
      api: VenueApi<S>,
      markets: Markets,
      chosen: ReadonlyArray<Market> | undefined
    ) => Effect.Effect<ReadonlyArray<Position>, TradingError>)
    | undefined
  /**
   * The venue's signed key/account call, read as permissions and, where the venue has them there,
   * the account's settings (for the health check).
   */
  readonly permissions: (api: VenueApi<S>) => Effect.Effect<KeyReport, TransportError>
}

/**
 * The account's private stream (orders, fills, balances, positions): how the venue's connection is
 * opened and read. The kernel does the rest once (`UserStream`): connect, log in, subscribe,
 * keep-alive, heartbeat, watchdog, reconnect with a `Schedule`, reconciliation from REST after
 * every (re)connect, ordering and de-duplication.
 * @since 0.1.0
 */
export interface UserStreamOps<Credentials, S> {
  /**
   * The connection to open now: its URL (from the websocket base URL; may hold a listen key created
   * here), the login frames (signed with `credentials` at `now`), the subscription frames, and the
   * keep-alive of a listen key. Neither the URL nor the frames are ever logged.
   */
  readonly open: (
    api: VenueApi<S>,
    context: { readonly baseUrl: string; readonly credentials: Credentials; readonly now: number }
  ) => Effect.Effect<UserConnection, TradingError>
  /** What one parsed frame means. */
  readonly decode: (frame: unknown, markets: Markets, receivedAt: number) => UserFrame
  /**
   * The account's fills since `since` (epoch ms), for the reconciliation. `active`: the markets the
   * account is known to have touched (for venues that only answer per symbol).
   */
  readonly fillsSince: (
    api: VenueApi<S>,
    markets: Markets,
    since: number,
    active: ReadonlyArray<Market>
  ) => Effect.Effect<ReadonlyArray<Fill>, TradingError>
  /**
   * The account's orders created or changed since `since` (epoch ms), in any state: the order
   * history, so that an order placed and finished while the stream was down (canceled or expired
   * with no fill, placed from elsewhere) is not missed. `active`: the markets the account is known
   * to have touched, for venues that only answer per symbol. Without it, the reconciliation knows
   * only open orders, the orders it saw, and the orders of missed fills.
   */
  readonly ordersSince?:
    | ((
      api: VenueApi<S>,
      markets: Markets,
      since: number,
      active: ReadonlyArray<Market>
    ) => Effect.Effect<ReadonlyArray<Order>, TradingError>)
    | undefined
  /** The client's application-level ping on this connection (its interval is the connector's). */
  readonly heartbeat?: ((requestId: number) => string) | undefined
  /** How often `UserConnection.keepAlive` runs. */
  readonly keepAliveEvery?: Duration.DurationInput | undefined
  /** The venue cuts connections this old; the kernel reconnects a little before. */
  readonly maxConnectionAge?: Duration.DurationInput | undefined
}

/**
 * A venue, as the kernel needs it.
 * @since 0.1.0
 */
export interface VenueAdapter<Credentials, Settings = {}> {
  readonly definition: VenueDefinition<Credentials>
  readonly capabilities: Capabilities
  /** Venue-specific settings when the caller gives none. */
  readonly defaultSettings: Settings
  readonly marketData: MarketDataOps<Settings>
  readonly streams: StreamOps
  readonly trading: TradingOps<Settings>
  readonly account: AccountOps<Settings>
  /** The private stream; `watchOrders` and the others answer `NotSupported` without it. */
  readonly userStreams?: UserStreamOps<Credentials, Settings> | undefined
}
