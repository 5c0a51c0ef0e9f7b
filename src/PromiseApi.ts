/**
 * `lotusx/promise`: the same venues and methods for programs that do not use Effect.
 *
 * ```js
 * import { connect, sandbox } from "lotusx/promise"
 *
 * const exchange = await connect("binance", { environment: "mainnet" })
 * const ticker = await exchange.ticker("BTC/USDT")
 * console.log(ticker.last)            // "60012.5": decimals are exact strings
 * for await (const trade of exchange.watchTrades("BTC/USDT")) console.log(trade.price)
 * await exchange.close()
 * ```
 *
 * It wraps the Effect API and adds no logic of its own: each method runs the `Exchange` method of
 * the same name. Results are the same values with every `BigDecimal` as its exact decimal string;
 * a batch item is `{ ok: true, value }` or `{ ok: false, error }`. A failure rejects with a
 * `LotusXError` (an `Error`) that keeps the unified tag (`error.tag`, also the subclass:
 * `error instanceof RateLimited`), the venue's code and message, the HTTP status, the endpoint and
 * the outcome (`definitive`, `transient`, `ambiguous`); `error.cause` is the original error.
 *
 * Runs on Node (undici HTTP, `ws` websockets).
 *
 * @since 0.1.0
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import * as BigDecimal from "effect/BigDecimal"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as LotusConfig from "./config/LotusConfig.js"
import type { ErrorContext, ErrorTag, ExchangeError, Outcome } from "./errors/ExchangeError.js"
import type * as Api from "./Exchange.js"
import { Exchange } from "./Exchange.js"
import * as HttpTransport from "./kernel/HttpTransport.js"
import type { Balance } from "./model/Balance.js"
import type { Candle, Interval, TimeRange } from "./model/Candle.js"
import * as Decimal from "./model/Decimal.js"
import type { FundingRate } from "./model/Funding.js"
import type { Market } from "./model/Market.js"
import type { Fill, Order, OrderRequest } from "./model/Order.js"
import type { OrderBookSnapshot } from "./model/OrderBook.js"
import type { Position } from "./model/Position.js"
import type { Ticker } from "./model/Ticker.js"
import type { Trade } from "./model/Trade.js"
import * as Sandbox from "./sandbox/Sandbox.js"
import * as SandboxExchange from "./SandboxExchange.js"
import * as Binance from "./venues/binance/Binance.js"
import * as BinanceUsdm from "./venues/binance/BinanceUsdm.js"
import * as Bybit from "./venues/bybit/Bybit.js"

// ---- values --------------------------------------------------------------------------------------

/**
 * A value of the Effect API with every `BigDecimal` as its exact decimal string.
 * @since 0.1.0
 */
export type Plain<A> = A extends BigDecimal.BigDecimal ? string
  : A extends string | number | boolean | bigint | null | undefined ? A
  : A extends object ? { readonly [K in keyof A]: Plain<A[K]> }
  : A

/**
 * One item of a batch: the order, or why that item failed.
 * @since 0.1.0
 */
export type BatchItem<A> =
  | { readonly ok: true; readonly value: Plain<A> }
  | { readonly ok: false; readonly error: LotusXError }

/**
 * An exact decimal, as the caller writes it: a string (`"0.001"`) or a `BigDecimal`.
 * @since 0.1.0
 */
export type DecimalInput = string | BigDecimal.BigDecimal

/**
 * An order request with decimals as strings.
 * @since 0.1.0
 */
export type OrderRequestInput = Omit<OrderRequest, "price" | "quantity"> & {
  readonly quantity: DecimalInput
  readonly price?: DecimalInput | undefined
}

/**
 * Changes to a resting order, decimals as strings.
 * @since 0.1.0
 */
export interface OrderAmendmentInput {
  readonly price?: DecimalInput | undefined
  readonly quantity?: DecimalInput | undefined
}

const plain = (value: unknown): unknown => {
  if (BigDecimal.isBigDecimal(value)) return Decimal.format(value)
  if (Array.isArray(value)) return value.map(plain)
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key]
      if (typeof v !== "function") out[key] = plain(v)
    }
    return out
  }
  return value
}

const decimal = (field: string, input: DecimalInput | undefined): BigDecimal.BigDecimal | undefined => {
  if (input === undefined || BigDecimal.isBigDecimal(input)) return input
  const parsed = Decimal.parse(input)
  if (Either.isLeft(parsed)) throw new TypeError(`${field}: expected a decimal string, found ${JSON.stringify(input)}`)
  return parsed.right
}

// ---- errors --------------------------------------------------------------------------------------

/**
 * A failure of a LotusX call: the unified error, as an `Error`.
 * @since 0.1.0
 */
export class LotusXError extends Error {
  /** The unified tag (`RateLimited`, `InsufficientFunds`, …). */
  readonly tag: ErrorTag
  /** Whether the request certainly did nothing (`definitive`), may be retried (`transient`), or may have taken effect (`ambiguous`). */
  readonly outcome: Outcome
  readonly venue: string | undefined
  /** The venue's own error code, as a string. */
  readonly venueCode: string | undefined
  readonly venueMessage: string | undefined
  readonly httpStatus: number | undefined
  readonly endpoint: string | undefined
  /** The error of the Effect API, with every field (`retryAfterMs`, `candidates`, `clientOrderId`…). */
  override readonly cause: ExchangeError

  constructor(error: ExchangeError) {
    super(error.message, { cause: error })
    const context = error as Partial<ErrorContext>
    this.name = error._tag
    this.tag = error._tag
    this.outcome = error.outcome
    this.venue = context.venue
    this.venueCode = context.venueCode
    this.venueMessage = context.venueMessage
    this.httpStatus = context.httpStatus
    this.endpoint = context.endpoint
    this.cause = error
  }
}

const subclass = <T extends ErrorTag>(tag: T) => {
  const C = class extends LotusXError {}
  Object.defineProperty(C, "name", { value: tag })
  return C
}

/** @since 0.1.0 */
export const AuthenticationFailed = subclass("AuthenticationFailed")
/** @since 0.1.0 */
export const PermissionDenied = subclass("PermissionDenied")
/** @since 0.1.0 */
export const InsufficientFunds = subclass("InsufficientFunds")
/** @since 0.1.0 */
export const InvalidOrder = subclass("InvalidOrder")
/** @since 0.1.0 */
export const InvalidRequest = subclass("InvalidRequest")
/** @since 0.1.0 */
export const OrderNotFound = subclass("OrderNotFound")
/** @since 0.1.0 */
export const DuplicateClientOrderId = subclass("DuplicateClientOrderId")
/** @since 0.1.0 */
export const UnknownSymbol = subclass("UnknownSymbol")
/** @since 0.1.0 */
export const RateLimited = subclass("RateLimited")
/** @since 0.1.0 */
export const IpBanned = subclass("IpBanned")
/** @since 0.1.0 */
export const TimestampOutOfWindow = subclass("TimestampOutOfWindow")
/** @since 0.1.0 */
export const ExchangeUnavailable = subclass("ExchangeUnavailable")
/** @since 0.1.0 */
export const RequestTimeout = subclass("RequestTimeout")
/** @since 0.1.0 */
export const OrderStatusUnknown = subclass("OrderStatusUnknown")
/** @since 0.1.0 */
export const DecodeError = subclass("DecodeError")
/** @since 0.1.0 */
export const NotSupported = subclass("NotSupported")
/** @since 0.1.0 */
export const ConfigError = subclass("ConfigError")

const classes: Record<ErrorTag, new(error: ExchangeError) => LotusXError> = {
  AuthenticationFailed,
  PermissionDenied,
  InsufficientFunds,
  InvalidOrder,
  InvalidRequest,
  OrderNotFound,
  DuplicateClientOrderId,
  UnknownSymbol,
  RateLimited,
  IpBanned,
  TimestampOutOfWindow,
  ExchangeUnavailable,
  RequestTimeout,
  OrderStatusUnknown,
  DecodeError,
  NotSupported,
  ConfigError
}

/**
 * The `LotusXError` subclass of a unified error.
 * @since 0.1.0
 */
export const toError = (error: ExchangeError): LotusXError => new classes[error._tag](error)

const isExchangeError = (u: unknown): u is ExchangeError =>
  typeof u === "object" && u !== null && "_tag" in u && typeof u._tag === "string" && u._tag in classes &&
  "outcome" in u

/** A failure's error: the unified error as a `LotusXError`; anything else (a defect) as it is. */
const rejection = (cause: Cause.Cause<unknown>): unknown => {
  const error = Cause.squash(cause)
  return isExchangeError(error) ? toError(error) : error
}

// ---- the exchange ---------------------------------------------------------------------------------

/**
 * The unified exchange, with Promises and async iterables.
 * @since 0.1.0
 */
export interface PromiseExchange {
  readonly venue: Api.VenueId
  readonly environment: Api.Environment
  readonly capabilities: Api.Capabilities

  readonly serverTime: () => Promise<number>
  /** Every market of the venue (loaded once and cached, as in the Effect API). */
  readonly markets: () => Promise<ReadonlyArray<Plain<Market>>>
  readonly reloadMarkets: () => Promise<ReadonlyArray<Plain<Market>>>
  readonly market: (symbol: string) => Promise<Plain<Market>>
  readonly ticker: (symbol: string) => Promise<Plain<Ticker>>
  readonly tickers: (symbols?: ReadonlyArray<string>) => Promise<ReadonlyArray<Plain<Ticker>>>
  readonly orderBook: (symbol: string, depth?: number) => Promise<Plain<OrderBookSnapshot>>
  readonly trades: (symbol: string, limit?: number) => Promise<ReadonlyArray<Plain<Trade>>>
  readonly candles: (symbol: string, interval: Interval, range?: TimeRange) => Promise<ReadonlyArray<Plain<Candle>>>
  readonly fundingRate: (symbol: string) => Promise<Plain<FundingRate>>
  readonly fundingRateHistory: (symbol: string, range?: TimeRange) => Promise<ReadonlyArray<Plain<FundingRate>>>

  /** Runs until the loop that reads it stops (`break`) or the stream fails (the loop throws). */
  readonly watchTicker: (symbol: string) => AsyncIterable<Plain<Ticker>>
  readonly watchTrades: (symbol: string) => AsyncIterable<Plain<Trade>>
  readonly watchCandles: (symbol: string, interval: Interval) => AsyncIterable<Plain<Candle>>
  readonly watchOrders: (symbol?: string) => AsyncIterable<Plain<Order>>
  readonly watchFills: (symbol?: string) => AsyncIterable<Plain<Fill>>
  readonly watchBalances: () => AsyncIterable<ReadonlyArray<Plain<Balance>>>

  readonly placeOrder: (request: OrderRequestInput) => Promise<Plain<Order>>
  readonly placeOrders: (requests: ReadonlyArray<OrderRequestInput>) => Promise<ReadonlyArray<BatchItem<Order>>>
  readonly cancelOrder: (ref: Api.OrderRef) => Promise<Plain<Order>>
  readonly cancelOrders: (refs: ReadonlyArray<Api.OrderRef>) => Promise<ReadonlyArray<BatchItem<Order>>>
  readonly cancelAllOrders: (symbol: string) => Promise<ReadonlyArray<Plain<Order>>>
  readonly amendOrder: (ref: Api.OrderRef, amendment: OrderAmendmentInput) => Promise<Plain<Order>>
  readonly getOrder: (ref: Api.OrderRef) => Promise<Plain<Order>>
  readonly openOrders: (symbol?: string) => Promise<ReadonlyArray<Plain<Order>>>
  readonly balances: () => Promise<ReadonlyArray<Plain<Balance>>>
  readonly positions: (symbols?: ReadonlyArray<string>) => Promise<ReadonlyArray<Plain<Position>>>
  readonly healthCheck: () => Promise<Plain<Api.HealthReport>>

  /** Closes connections (and stops an embedded sandbox). Call it once you are done. */
  readonly close: () => Promise<void>
}

/** The kernel's own HTTP transport for REST, undici's `HttpClient` beside it, `ws` sockets. */
const Platform = Layer.mergeAll(HttpTransport.layer(), NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor)

type Runtime<R> = ManagedRuntime.ManagedRuntime<R, unknown>

const make = async (runtime: Runtime<Exchange>): Promise<PromiseExchange> => {
  type R = Exchange
  const run = async <A, E>(effect: Effect.Effect<A, E, R>): Promise<A> => {
    const exit = await runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) return exit.value
    throw rejection(exit.cause)
  }
  const call = <A, E>(effect: Effect.Effect<A, E, R>) => run(effect).then((a) => plain(a) as Plain<A>)
  const batch = <E>(effect: Effect.Effect<ReadonlyArray<Api.BatchItem<Order>>, E, R>) =>
    run(effect).then((items) =>
      items.map((item): BatchItem<Order> =>
        Either.isRight(item)
          ? { ok: true, value: plain(item.right) as Plain<Order> }
          : { ok: false, error: toError(item.left) }
      )
    )
  const iterate = <A, E>(stream: Stream.Stream<A, E, R>): AsyncIterable<Plain<A>> => {
    const mapped = stream.pipe(
      Stream.map((a) => plain(a) as Plain<A>),
      Stream.mapError((e) => isExchangeError(e) ? toError(e) : e)
    )
    return {
      [Symbol.asyncIterator]: () => {
        const inner = Stream.toAsyncIterableRuntime(mapped, runtimeOf)[Symbol.asyncIterator]()
        return inner
      }
    }
  }
  const runtimeOf = await runtime.runtime()
  const exchange = await run(Exchange)
  const request = ({ price, quantity, ...rest }: OrderRequestInput): OrderRequest => ({
    ...rest,
    quantity: decimal("quantity", quantity)!,
    ...(price === undefined ? {} : { price: decimal("price", price)! })
  })
  const guard = <A>(f: () => Promise<A>): Promise<A> => {
    try {
      return f()
    } catch (error) {
      return Promise.reject(error)
    }
  }
  return {
    venue: exchange.venue,
    environment: exchange.environment,
    capabilities: exchange.capabilities,
    serverTime: () => run(exchange.serverTime),
    markets: () => call(Effect.map(exchange.markets, (m) => m.all)),
    reloadMarkets: () => call(Effect.map(exchange.reloadMarkets, (m) => m.all)),
    market: (symbol) => call(exchange.market(symbol)),
    ticker: (symbol) => call(exchange.ticker(symbol)),
    tickers: (symbols) => call(exchange.tickers(symbols)),
    orderBook: (symbol, depth) => call(exchange.orderBook(symbol, depth)),
    trades: (symbol, limit) => call(exchange.trades(symbol, limit)),
    candles: (symbol, interval, range) => call(exchange.candles(symbol, interval, range)),
    fundingRate: (symbol) => call(exchange.fundingRate(symbol)),
    fundingRateHistory: (symbol, range) => call(exchange.fundingRateHistory(symbol, range)),
    watchTicker: (symbol) => iterate(exchange.watchTicker(symbol)),
    watchTrades: (symbol) => iterate(exchange.watchTrades(symbol)),
    watchCandles: (symbol, interval) => iterate(exchange.watchCandles(symbol, interval)),
    watchOrders: (symbol) => iterate(exchange.watchOrders(symbol)),
    watchFills: (symbol) => iterate(exchange.watchFills(symbol)),
    watchBalances: () => iterate(exchange.watchBalances),
    placeOrder: (r) => guard(() => call(exchange.placeOrder(request(r)))),
    placeOrders: (rs) => guard(() => batch(exchange.placeOrders(rs.map(request)))),
    cancelOrder: (ref) => call(exchange.cancelOrder(ref)),
    cancelOrders: (refs) => batch(exchange.cancelOrders(refs)),
    cancelAllOrders: (symbol) => call(exchange.cancelAllOrders(symbol)),
    amendOrder: (ref, a) =>
      guard(() =>
        call(exchange.amendOrder(ref, {
          ...(a.price === undefined ? {} : { price: decimal("price", a.price)! }),
          ...(a.quantity === undefined ? {} : { quantity: decimal("quantity", a.quantity)! })
        }))
      ),
    getOrder: (ref) => call(exchange.getOrder(ref)),
    openOrders: (symbol) => call(exchange.openOrders(symbol)),
    balances: () => call(exchange.balances),
    positions: (symbols) => call(exchange.positions(symbols)),
    healthCheck: () => call(exchange.healthCheck),
    close: () => runtime.dispose()
  }
}

const open = async <R>(layer: Layer.Layer<R, unknown>): Promise<Runtime<R>> => {
  const runtime = ManagedRuntime.make(layer)
  try {
    await runtime.runtime()
  } catch (error) {
    await runtime.dispose()
    const failure = Cause.isCause(error) ? rejection(error) : error
    throw isExchangeError(failure) ? toError(failure) : unwrapFiberFailure(failure)
  }
  return runtime
}

/** `ManagedRuntime` rejects with a FiberFailure; hand the caller the error inside it. */
const unwrapFiberFailure = (error: unknown): unknown => {
  if (Cause.isCause(error)) return rejection(error)
  const cause = (error as { readonly [Symbol.toPrimitive]?: unknown } & Record<symbol, unknown>)[
    Symbol.for("effect/Runtime/FiberFailure/Cause")
  ]
  return Cause.isCause(cause) ? rejection(cause) : error
}

/**
 * API credentials as plain strings (they are wrapped in `Redacted` at once and never logged).
 * @since 0.1.0
 */
export interface CredentialsInput {
  readonly apiKey: string
  readonly secret: string
}

/**
 * Options of `connect`: the same as a venue layer's, with credentials as strings.
 * @since 0.1.0
 */
export interface ConnectOptions {
  readonly environment: Api.Environment
  readonly restUrl?: string | undefined
  readonly wsUrl?: string | undefined
  readonly credentials?: CredentialsInput | undefined
  /** Validity window of signed requests, ms. */
  readonly recvWindowMs?: number | undefined
  /** Per REST attempt, ms. */
  readonly timeoutMs?: number | undefined
}

/**
 * Venues `connect` can reach.
 * @since 0.1.0
 */
export type ConnectVenue = "binance" | "binance-usdm" | "bybit"

/**
 * Connects to a venue: `Binance.layer(options)` (or `BinanceUsdm`, `Bybit`) behind Promises.
 * @since 0.1.0
 */
export const connect = async (venue: ConnectVenue, options: ConnectOptions): Promise<PromiseExchange> => {
  const layerOptions = {
    environment: options.environment,
    restUrl: options.restUrl,
    wsUrl: options.wsUrl,
    credentials: options.credentials === undefined ? undefined : {
      apiKey: Redacted.make(options.credentials.apiKey),
      secret: Redacted.make(options.credentials.secret)
    },
    recvWindow: options.recvWindowMs === undefined ? undefined : `${options.recvWindowMs} millis` as const,
    timeout: options.timeoutMs === undefined ? undefined : `${options.timeoutMs} millis` as const
  }
  const layer = venue === "binance"
    ? Binance.layer(layerOptions)
    : venue === "binance-usdm"
    ? BinanceUsdm.layer(layerOptions)
    : Bybit.layer(layerOptions)
  return make(await open(Layer.provide(layer, Platform)))
}

/**
 * The exchange `lotusx.config.toml` describes (`LotusConfig.layer`): default the file's first.
 * @since 0.1.0
 */
export const fromConfig = async (
  venue?: string,
  options: LotusConfig.LoadOptions = {}
): Promise<PromiseExchange> => make(await open(Layer.provide(LotusConfig.layer(venue, options), Platform)))

/**
 * An exchange on an embedded sandbox (`SandboxExchange.layer`), with the sandbox's URLs and key,
 * for other clients.
 * @since 0.1.0
 */
export interface PromiseSandboxExchange extends PromiseExchange {
  readonly sandbox: {
    readonly port: number
    readonly seed: number
    readonly urls: Sandbox.Sandbox["urls"]
    /** Adds a fault rule (`"http429:count=1,retryAfter=2"`); resolves to its id. */
    readonly addFault: (spec: string) => Promise<number>
    readonly clearFaults: () => Promise<void>
  }
}

/**
 * Starts a sandbox in this process and connects to it (`close()` stops both).
 * @since 0.1.0
 */
export const sandbox = async (
  venue: Sandbox.Venue = "binance",
  options: Sandbox.Options = {}
): Promise<PromiseSandboxExchange> => {
  const runtime = await open(Layer.provide(SandboxExchange.layer(venue, options), Platform))
  const exchange = await make(runtime as unknown as Runtime<Exchange>)
  const running = Context.get((await runtime.runtime()).context, Sandbox.Sandbox)
  return {
    ...exchange,
    sandbox: {
      port: running.port,
      seed: running.seed,
      urls: running.urls,
      addFault: async (spec) => {
        const exit = await runtime.runPromiseExit(running.faults.add(spec))
        if (Exit.isSuccess(exit)) return exit.value
        const error = Cause.squash(exit.cause)
        throw error instanceof Error ? new Error(error.message) : error
      },
      clearFaults: () => runtime.runPromise(running.faults.clear)
    }
  }
}
