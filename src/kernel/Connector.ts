/**
 * The kernel's connector: builds the unified `Exchange` from a `VenueAdapter` (DESIGN.md §3). Every
 * venue gets the same orchestration, written once here:
 *
 * - setup: base URLs per environment (the sandbox has none of its own), the validity window, the
 *   server clock, the rate-limit gate and the REST client;
 * - markets: loaded once, cached for an hour, every symbol resolved through them;
 * - streams: one websocket session per venue connection, topics shared by their subscribers;
 * - one order flow: capabilities → market rules → one client order id per intent → signed send →
 *   classification → an ambiguous placement is never re-sent but resolved by client order id
 *   (`AmbiguousPlacement`) → batches chunked to the venue's limit, with per-item results;
 * - the health check.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Socket from "@effect/platform/Socket"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import type * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import {
  AuthenticationFailed,
  ConfigError,
  InvalidRequest,
  NotSupported,
  OrderStatusUnknown,
  type TransportError,
  type UnknownSymbol
} from "../errors/ExchangeError.js"
import {
  type AccountError,
  type BatchItem,
  type Environment,
  Exchange,
  type MarketDataError,
  type OrderQueryError,
  type OrderRef,
  type TradingError
} from "../Exchange.js"
import type { BookSync } from "../model/BookSync.js"
import type { Market, Markets } from "../model/Market.js"
import { makeMarkets } from "../model/Market.js"
import type { Fill, Order, OrderRequest } from "../model/Order.js"
import { bookConnectionMarkers } from "../model/OrderBook.js"
import type { BookUpdate } from "../model/OrderBook.js"
import { checkOrder } from "../model/OrderRules.js"
import type { Position } from "../model/Position.js"
import * as AmbiguousPlacement from "./AmbiguousPlacement.js"
import * as ClientOrderId from "./ClientOrderId.js"
import * as EndpointLimits from "./EndpointLimits.js"
import * as ExpiringCache from "./ExpiringCache.js"
import * as HealthCheck from "./HealthCheck.js"
import * as RateLimiter from "./RateLimiter.js"
import * as RestClient from "./RestClient.js"
import * as ServerClock from "./ServerClock.js"
import * as SignedCalls from "./SignedCalls.js"
import * as Telemetry from "./Telemetry.js"
import * as UserStream from "./UserStream.js"
import type { Channel, NativeBatch, PreparedOrder, VenueAdapter, VenueApi, VenueDefinition } from "./VenueAdapter.js"
import * as WsSession from "./WsSession.js"

/**
 * Options every connector takes (`Binance.layer(options)`, `Bybit.layer(options)`, …).
 * @since 0.1.0
 */
export interface ConnectorOptions<Credentials, Settings = {}> {
  readonly environment: Environment
  /** REST base URL; required for `sandbox`, overrides the official one otherwise. */
  readonly restUrl?: string | undefined
  /** Websocket base URL; required for `sandbox`, overrides the official one otherwise. */
  readonly wsUrl?: string | undefined
  readonly credentials?: Credentials | undefined
  /** Validity window of signed requests. Default 5 s; keep it small. */
  readonly recvWindow?: Duration.DurationInput | undefined
  /** Request budget; defaults to the venue's documented limit. */
  readonly rateLimit?: Partial<RateLimiter.RateLimitPolicy> | undefined
  readonly retry?: RestClient.RetryPolicy | undefined
  /** Per REST attempt. Default 10 s. */
  readonly timeout?: Duration.DurationInput | undefined
  readonly stream?: {
    /** A websocket connection silent for this long is replaced. */
    readonly watchdog?: Duration.DurationInput | undefined
    /** Application-level heartbeat interval. */
    readonly heartbeat?: Duration.DurationInput | undefined
  } | undefined
  /**
   * How long, after an ambiguous placement's validity window, the connector keeps asking the venue
   * for the order (waiting out rate limits) before it reports `OrderStatusUnknown`. Default 30 s, or
   * two of the venue's rate-limit windows when longer (2 minutes where the budget is per minute).
   */
  readonly resolveWithin?: Duration.DurationInput | undefined
  /** Venue-specific settings (see the venue's module). */
  readonly settings?: Partial<Settings> | undefined
}

/**
 * What the setup built: the pieces every connector shares.
 * @since 0.1.0
 */
export interface Setup {
  readonly recvWindowMs: number
  /** The account the credentials act for (`Signer.account`). */
  readonly account: string | undefined
  /** The public part of the credentials (`Signer.apiKey`). */
  readonly apiKey: Redacted.Redacted<string> | undefined
  readonly clock: ServerClock.ServerClock
  readonly gate: RateLimiter.VenueGate
  /** The venue's limits besides the gate (`VenueApi.limits`). */
  readonly limits: EndpointLimits.EndpointLimits
  readonly rest: RestClient.RestClient
  readonly stream: {
    readonly baseUrl: string
    readonly watchdog: Duration.DurationInput
    readonly heartbeat: Duration.DurationInput
  }
}

/**
 * Resolves URLs, checks the validity window, builds the server clock, the gate and the REST client.
 * @since 0.1.0
 */
export const setup = <Credentials>(
  definition: VenueDefinition<Credentials>,
  options: ConnectorOptions<Credentials, any>
): Effect.Effect<Setup, ConfigError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const { venue } = definition
    const official = options.environment === "sandbox" ? undefined : definition.urls[options.environment]
    const restUrl = options.restUrl ?? official?.rest
    const wsUrl = options.wsUrl ?? official?.ws
    if (restUrl === undefined || wsUrl === undefined) {
      return yield* new ConfigError({
        venue,
        path: restUrl === undefined ? "restUrl" : "wsUrl",
        detail: "the sandbox environment needs explicit REST and websocket URLs (from `lotusx sandbox --json`)"
      })
    }
    const recvWindowMs = Duration.toMillis(options.recvWindow ?? Duration.seconds(5))
    if (recvWindowMs <= 0 || recvWindowMs > definition.maxRecvWindowMs) {
      return yield* new ConfigError({
        venue,
        path: "recvWindow",
        detail: `must be between 1 ms and ${Duration.format(Duration.millis(definition.maxRecvWindowMs))} ` +
          `(the venue's maximum), got ${recvWindowMs} ms`
      })
    }
    const policy: RateLimiter.RateLimitPolicy = { ...definition.rateLimit, ...options.rateLimit }
    const clock = yield* Effect.flatMap(ServerClock.ServerClockFactory, (clocks) => clocks.make(venue))
    const store = yield* RateLimiter.RateLimiter
    const gate = yield* store.gate(venue, policy)
    const signer = options.credentials === undefined
      ? undefined
      : definition.signer(options.credentials, recvWindowMs, options.environment)
    const rest = yield* RestClient.make({
      baseUrl: restUrl,
      rules: { venue, classify: definition.classify, usedWeight: definition.usedWeight?.(policy.weightLimit) },
      gate,
      clock,
      signer,
      retry: options.retry,
      timeout: options.timeout
    })
    return {
      recvWindowMs,
      account: signer?.account,
      apiKey: signer?.apiKey,
      clock,
      gate,
      limits: EndpointLimits.make(venue, policy.maxWaitMs),
      rest,
      stream: {
        baseUrl: wsUrl,
        watchdog: options.stream?.watchdog ?? definition.streamTimings.watchdog,
        heartbeat: options.stream?.heartbeat ?? definition.streamTimings.heartbeat
      }
    }
  })

const tradingOnly: ReadonlySet<string> = new Set([
  "InsufficientFunds",
  "InvalidOrder",
  "OrderNotFound",
  "DuplicateClientOrderId"
])

const asInvalidRequest = (e: TradingError, call: string) =>
  new InvalidRequest({
    venue: e.venue,
    venueCode: e.venueCode,
    venueMessage: e.venueMessage,
    httpStatus: "httpStatus" in e ? e.httpStatus : undefined,
    endpoint: "endpoint" in e ? e.endpoint : undefined,
    detail: `the venue answered ${call} with ${e._tag}: ${e.message}`
  })

/**
 * A market-data call's failure, precisely typed: a venue answer that maps to an order or funds
 * error (which a market-data call cannot meaningfully end in) is reported as `InvalidRequest`, with
 * the venue's code and message kept.
 * @since 0.1.0
 */
export const marketDataError = (e: TransportError | UnknownSymbol | NotSupported): MarketDataError =>
  tradingOnly.has(e._tag) ? asInvalidRequest(e, "a market-data request") : e as MarketDataError

/**
 * An account read's failure (`openOrders`, `balances`, `positions`), precisely typed the same way.
 * @since 0.1.0
 */
export const accountError = (e: TradingError): AccountError =>
  e._tag === "OrderStatusUnknown" || tradingOnly.has(e._tag)
    ? asInvalidRequest(e, "an account read")
    : e as AccountError

/**
 * `getOrder`'s failure: an account read's, or `OrderNotFound`.
 * @since 0.1.0
 */
export const orderQueryError = (e: TradingError): OrderQueryError => e._tag === "OrderNotFound" ? e : accountError(e)

const narrow = <A, R>(effect: Effect.Effect<A, TransportError | UnknownSymbol | NotSupported, R>) =>
  Effect.mapError(effect, marketDataError)

/**
 * Builds the unified `Exchange` for an adapter in the current scope (its websocket sessions live
 * there).
 * @since 0.1.0
 */
export const make = <C, S>(
  adapter: VenueAdapter<C, S>,
  options: ConnectorOptions<C, S>
): Effect.Effect<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor | Scope.Scope> =>
  Effect.gen(function*() {
    const { capabilities, definition, marketData: md, streams, trading } = adapter
    const venue = definition.venue
    const { account, apiKey, clock, limits, recvWindowMs, rest, stream } = yield* setup(definition, options)
    const notSupported = (feature: string) => new NotSupported({ venue, feature })

    let cachedMarkets: Effect.Effect<Markets, MarketDataError> = Effect.die("markets used before setup")
    const signed = SignedCalls.make({ venue, rest, serverTime: Effect.suspend(() => serverTime) })
    const api: VenueApi<S> = {
      venue,
      environment: options.environment,
      rest,
      limits,
      now: clock.now,
      markets: Effect.suspend(() => cachedMarkets),
      signed,
      settings: { ...adapter.defaultSettings, ...options.settings },
      account,
      apiKey
    }

    // ---- markets ------------------------------------------------------------------------------
    const loadMarkets = Effect.gen(function*() {
      const { markets, skipped } = yield* narrow(md.loadMarkets(api))
      if (skipped.length > 0) {
        yield* Effect.logWarning(
          `[${venue}] skipped ${skipped.length} instrument(s): ${skipped.slice(0, 5).join("; ")}`
        )
      }
      return makeMarkets(venue, markets)
    }).pipe(Effect.withSpan(`${venue}.markets`))
    const { get: markets, invalidate, unsafeGet: liveMarkets } = yield* ExpiringCache.make(
      loadMarkets,
      Duration.hours(1)
    )
    cachedMarkets = markets
    const market = (symbol: string): Effect.Effect<Market, MarketDataError> =>
      Effect.flatMap(markets, (m) => m.resolve(symbol))
    const resolveAll = (symbols: ReadonlyArray<string> | undefined) =>
      symbols === undefined
        ? Effect.succeed(undefined)
        : Effect.flatMap(markets, (all) => Effect.forEach(symbols, (s) => all.resolve(s)))
    const perp = (symbol: string) =>
      Effect.flatMap(
        market(symbol),
        (m) => m.type === "perp" ? Effect.succeed(m) : Effect.fail(notSupported("funding rates (spot market)"))
      )
    const serverTime = narrow(md.serverTime(api))

    // ---- streams ------------------------------------------------------------------------------
    const protocols = streams.connections(stream)
    const sessions: Record<string, WsSession.WsSession> = {}
    const sessionFactory = yield* WsSession.WsSessionFactory
    for (const [name, protocol] of Object.entries(protocols)) sessions[name] = yield* sessionFactory.make(protocol)
    /**
     * One channel of one market. A lost connection and its return are dropped from the stream,
     * except where `markers` make them values (the book channel: the book must stop trusting itself,
     * and rebuild only once its feed is back).
     */
    const streamOf = <A, Args extends ReadonlyArray<unknown>>(
      symbol: string,
      channel: Channel<A, Args>,
      markers: ((m: Market) => WsSession.ConnectionMarkers<A>) | undefined,
      ...args: Args
    ): Stream.Stream<A, MarketDataError> =>
      Stream.unwrap(Effect.map(market(symbol), (m) => {
        const session = sessions[channel.connection ?? streams.connectionOf(m)]
        if (session === undefined) return Stream.fail(notSupported(`streams for ${m.unified}`))
        return session.messages(channel.topic(m, ...args)).pipe(
          WsSession.decodeOrSkip(venue, channel.decode(m, ...args), markers?.(m)),
          Stream.mapConcat((a): ReadonlyArray<A> => Array.isArray(a) ? a : [a as A])
        )
      }))

    // ---- the order flow ---------------------------------------------------------------------
    // At least two of the venue's rate-limit windows: when the application's own traffic has used up
    // the budget, a lookup gets a fresh window to be asked in (the reliability figures: Hyperliquid's
    // 1,200 a minute left lookups refused by the local gate past a 30 s deadline).
    const resolveWithinMs = options.resolveWithin !== undefined
      ? Duration.toMillis(options.resolveWithin)
      : Math.max(30_000, 2 * (options.rateLimit?.windowMs ?? definition.rateLimit.windowMs))
    const t = capabilities.trading

    /** Why an order cannot be sent as asked (capabilities, then the market's rules), if it cannot. */
    const refusal = (m: Market, request: OrderRequest): TradingError | undefined => {
      if (!t.enabled) return notSupported("trading")
      if (!t.orderTypes.includes(request.type)) return notSupported(`${request.type} orders`)
      if (request.timeInForce !== undefined && !t.timeInForce.includes(request.timeInForce)) {
        return notSupported(`time in force ${request.timeInForce}`)
      }
      if (request.postOnly === true && !t.postOnly) return notSupported("post-only orders")
      if (request.reduceOnly === true && (!t.reduceOnly || m.type === "spot")) {
        return notSupported(`reduce-only orders on ${m.type === "spot" ? "a spot market" : venue}`)
      }
      const refused = trading.refuse?.(m, request)
      if (refused !== undefined) return notSupported(refused)
      const checked = checkOrder(m, request)
      if (Either.isLeft(checked)) return checked.left
      if (request.clientOrderId !== undefined && !trading.clientOrderId.valid(request.clientOrderId)) {
        return notSupported(`client order id "${request.clientOrderId}" (${trading.clientOrderId.rule})`)
      }
      return undefined
    }
    const newClientOrderId = ClientOrderId.generate(trading.clientOrderId.format)
    const makeClientOrderId = ClientOrderId.maker(trading.clientOrderId.format)

    /** Capabilities, market rules, then the client order id: one per intent, before any send. */
    const prepare = (request: OrderRequest): Effect.Effect<PreparedOrder, TradingError> =>
      Effect.flatMap(market(request.symbol), (m): Effect.Effect<PreparedOrder, TradingError> => {
        const refused = refusal(m, request)
        if (refused !== undefined) return Effect.fail(refused)
        return request.clientOrderId !== undefined
          ? Effect.succeed({ market: m, request, clientOrderId: request.clientOrderId })
          : Effect.map(newClientOrderId, (clientOrderId) => ({ market: m, request, clientOrderId }))
      })

    /**
     * When the ambiguous request was stamped: recorded on the error by the REST client; where an
     * adapter made the error itself, `observedAt` (the request was stamped before its failure was
     * seen, so its window has certainly ended by `observedAt` + the window).
     */
    const sentAtOf = (cause: TradingError, observedAt: number) => cause.sentAt ?? observedAt

    /** After an ambiguous placement: wait out the validity window, then ask by client order id. */
    const resolveAmbiguous = (order: PreparedOrder, sentAt: number, cause: TradingError) =>
      AmbiguousPlacement.resolve({
        venue,
        clock,
        recvWindowMs,
        resolveWithinMs,
        clientOrderId: order.clientOrderId,
        sentAt,
        cause,
        lookup: signed(trading.lookup(api, order.market, {
          symbol: order.market.symbol,
          clientOrderId: order.clientOrderId
        }))
      })

    /**
     * One placement. A venue's rate-limit refusal is reported (`RateLimited`: nothing was placed),
     * never re-sent behind the caller's back: by then the price may have moved.
     */
    const send = (order: PreparedOrder): Effect.Effect<Order, TradingError> =>
      signed(Effect.catchIf(
        trading.place(api, order),
        (e) => e.outcome === "ambiguous",
        (e) => Effect.flatMap(clock.now, (now) => resolveAmbiguous(order, sentAtOf(e, now), e))
      ))

    const placeSpan = `${venue}.placeOrder`
    const cancelSpan = `${venue}.cancelOrder`

    /**
     * One placement: with the market list loaded, everything up to the send is one synchronous
     * step (market, capabilities and rules, the client order id from one `Random` draw); else
     * `prepare` loads the markets first.
     */
    const placeOrder = (request: OrderRequest): Effect.Effect<Order, TradingError> =>
      Telemetry.withHotSpanOf<Order, TradingError, never>(placeSpan, Telemetry.hotSpan, (fiber) => {
        const services = fiber.currentDefaultServices
        const now = Context.get(services, Clock.Clock).unsafeCurrentTimeMillis()
        const all = liveMarkets(now)
        if (all === undefined) return Effect.flatMap(prepare(request), send)
        const m = all.resolve(request.symbol)
        if (Either.isLeft(m)) return Exit.fail(m.left)
        const refused = refusal(m.right, request)
        if (refused !== undefined) return Exit.fail(refused)
        const market = m.right
        if (request.clientOrderId !== undefined) {
          return send({ market, request, clientOrderId: request.clientOrderId })
        }
        const random = Context.get(services, Random.Random)
        const draw = ClientOrderId.unsafeDraw(random)
        if (draw !== undefined) return send({ market, request, clientOrderId: makeClientOrderId(now, draw) })
        return Effect.flatMap(
          random.next,
          (draw) => send({ market, request, clientOrderId: makeClientOrderId(now, draw) })
        )
      })

    /**
     * Runs a native batch (or one call per item when the venue has none): items grouped by the
     * batch key and chunked to its limit; per-item results in the callers' order. Items whose
     * outcome is ambiguous go to `onAmbiguous`.
     */
    const runBatch = <I>(
      items: ReadonlyArray<Either.Either<I, TradingError>>,
      batch: NativeBatch<I, S> | undefined,
      single: (item: I) => Effect.Effect<Order, TradingError>,
      onAmbiguous: (item: I, sentAt: number, cause: TradingError) => Effect.Effect<Order, TradingError>
    ): Effect.Effect<ReadonlyArray<BatchItem<Order>>, TradingError> =>
      Effect.gen(function*() {
        const results: Array<BatchItem<Order>> = items.map((i) =>
          Either.isLeft(i) ? Either.left(i.left) : Either.left(notSupported("unsent batch item"))
        )
        const valid = items.flatMap((i, index) => Either.isRight(i) ? [{ index, item: i.right }] : [])
        if (batch === undefined || batch.max <= 1) {
          const each = yield* Effect.forEach(valid, (v) => Effect.either(single(v.item)), { concurrency: 4 })
          valid.forEach((v, i) => (results[v.index] = each[i]!))
          return results
        }
        const groups = new Map<string, Array<{ index: number; item: I }>>()
        for (const v of valid) {
          const key = batch.key?.(v.item) ?? ""
          const list = groups.get(key) ?? []
          list.push(v)
          groups.set(key, list)
        }
        for (const group of groups.values()) {
          for (let start = 0; start < group.length; start += batch.max) {
            const part = group.slice(start, start + batch.max)
            const sent = yield* Effect.either(signed(batch.send(api, part.map((p) => p.item))))
            const answeredAt = yield* clock.now
            const each = yield* Effect.forEach(part, (p, i) => {
              const r: Either.Either<Order, TradingError> = Either.isLeft(sent)
                ? Either.left(sent.left)
                : sent.right[i] ?? Either.left(
                  new OrderStatusUnknown({ venue, clientOrderId: "", detail: "the batch response has no item for it" })
                )
              return Either.isLeft(r) && r.left.outcome === "ambiguous"
                ? Effect.either(onAmbiguous(p.item, sentAtOf(r.left, answeredAt), r.left))
                : Effect.succeed(r)
            }, { concurrency: 4 })
            part.forEach((p, i) => (results[p.index] = each[i]!))
          }
        }
        return results
      })

    const placeOrders = (requests: ReadonlyArray<OrderRequest>) =>
      Effect.flatMap(
        Effect.forEach(requests, (r) => Effect.either(prepare(r))),
        (prepared) => runBatch(prepared, trading.placeBatch, send, resolveAmbiguous)
      ).pipe(Effect.withSpan(`${venue}.placeOrders`))

    const cancelOrder = (ref: OrderRef): Effect.Effect<Order, TradingError> =>
      Telemetry.withHotSpanOf<Order, TradingError, never>(cancelSpan, Telemetry.hotSpan, (fiber) => {
        const all = liveMarkets(Context.get(fiber.currentDefaultServices, Clock.Clock).unsafeCurrentTimeMillis())
        if (all === undefined) return Effect.flatMap(market(ref.symbol), (m) => signed(trading.cancel(api, m, ref)))
        const m = all.resolve(ref.symbol)
        return Either.isLeft(m) ? Exit.fail(m.left) : signed(trading.cancel(api, m.right, ref))
      })

    const cancelOrders = (refs: ReadonlyArray<OrderRef>) =>
      Effect.flatMap(
        Effect.forEach(refs, (ref) => Effect.either(Effect.map(market(ref.symbol), (m) => ({ market: m, ref })))),
        (items) =>
          runBatch(
            items,
            trading.cancelBatch,
            (item) => signed(trading.cancel(api, item.market, item.ref)),
            (_item, _sentAt, cause) => Effect.fail(cause)
          )
      ).pipe(Effect.withSpan(`${venue}.cancelOrders`))

    const amend = trading.amend
    const positions = adapter.account.positions

    // ---- the account's private stream ----------------------------------------------------------
    const us = adapter.userStreams
    const credentials = options.credentials
    /** Unified symbols the user-stream subscribers filter on, with how many subscribers each. */
    const watched = new Map<string, number>()
    const userStream = us === undefined || credentials === undefined
      ? undefined
      : yield* UserStream.make({
        venue,
        // Signed with the server-corrected clock, like every signed request.
        open: () => Effect.flatMap(clock.now, (now) => us.open(api, { baseUrl: stream.baseUrl, credentials, now })),
        decode: us.decode,
        markets,
        watched: () => [...watched.keys()],
        reconcile: {
          openOrders: Effect.flatMap(markets, (all) => signed(trading.openOrders(api, all, undefined))),
          lookup: (symbol, id) => Effect.flatMap(market(symbol), (m) => signed(trading.lookup(api, m, { symbol, id }))),
          fillsSince: (since, active) =>
            Effect.flatMap(
              markets,
              (all) => signed(us.fillsSince(api, all, since, all.all.filter((m) => active.includes(m.unified))))
            ),
          ordersSince: us.ordersSince === undefined ? undefined : (since, active) =>
            Effect.flatMap(
              markets,
              (all) => signed(us.ordersSince!(api, all, since, all.all.filter((m) => active.includes(m.unified))))
            ),
          balances: signed(adapter.account.balances(api)),
          positions: positions === undefined || !capabilities.marketTypes.includes("perp")
            ? undefined
            : Effect.flatMap(markets, (all) => signed(positions(api, all, undefined)))
        },
        watchdog: stream.watchdog,
        heartbeat: us.heartbeat === undefined ? undefined : { interval: stream.heartbeat, frame: us.heartbeat },
        keepAliveEvery: us.keepAliveEvery,
        maxConnectionAge: us.maxConnectionAge
      })
    /** The private stream's events of one kind, for the chosen markets (all when none). */
    const userEvents = <A>(
      feature: string,
      symbols: ReadonlyArray<string> | undefined,
      pick: (event: UserStream.UserEvent) => A | undefined,
      venueSymbolOf: (a: A) => string | undefined
    ): Stream.Stream<A, TradingError> => {
      if (us === undefined) return Stream.fail(notSupported(`user data streams (${feature})`))
      if (userStream === undefined) {
        return Stream.fail(new AuthenticationFailed({ venue, reason: "no API credentials are configured" }))
      }
      return Stream.unwrapScoped(Effect.gen(function*() {
        const chosen = yield* resolveAll(symbols)
        const wanted = chosen === undefined ? undefined : new Set(chosen.map((m) => `${m.unified}|${m.symbol}`))
        // The markets a subscriber watches are read in every reconciliation, even with no activity
        // seen on them yet (venues that answer their history per symbol).
        yield* Effect.acquireRelease(
          Effect.sync(() => {
            for (const m of chosen ?? []) watched.set(m.unified, (watched.get(m.unified) ?? 0) + 1)
          }),
          () =>
            Effect.sync(() => {
              for (const m of chosen ?? []) {
                const n = (watched.get(m.unified) ?? 1) - 1
                if (n <= 0) watched.delete(m.unified)
                else watched.set(m.unified, n)
              }
            })
        )
        return userStream.events.pipe(
          Stream.filterMap((event) => {
            const a = pick(event)
            if (a === undefined) return Option.none()
            if (wanted === undefined) return Option.some(a)
            const key = venueSymbolOf(a)
            return key !== undefined && wanted.has(key) ? Option.some(a) : Option.none()
          })
        )
      }))
    }
    const pickOrder = (e: UserStream.UserEvent) => (e._tag === "Order" ? e.order : undefined)
    const pickFill = (e: UserStream.UserEvent) => (e._tag === "Fill" ? e.fill : undefined)
    const pickPosition = (e: UserStream.UserEvent) => (e._tag === "Position" ? e.position : undefined)
    const keyOf = (a: Order | Fill | Position) => `${a.symbol}|${a.venueSymbol}`

    const exchange: Exchange = {
      venue,
      environment: options.environment,
      capabilities,
      serverTime,
      markets,
      reloadMarkets: Effect.zipRight(invalidate, markets),
      market,
      ticker: (symbol) => Effect.flatMap(market(symbol), (m) => narrow(md.ticker(api, m))),
      tickers: (symbols) =>
        Effect.flatMap(
          Effect.zip(markets, resolveAll(symbols)),
          ([all, chosen]) => narrow(md.tickers(api, all, chosen))
        ),
      orderBook: (symbol, depth) => Effect.flatMap(market(symbol), (m) => narrow(md.orderBook(api, m, depth))),
      trades: (symbol, limit) => Effect.flatMap(market(symbol), (m) => narrow(md.trades(api, m, limit))),
      candles: (symbol, interval, range) =>
        capabilities.candleIntervals.includes(interval)
          ? Effect.flatMap(market(symbol), (m) => narrow(md.candles(api, m, interval, range)))
          : Effect.fail(notSupported(`${interval} candles`)),
      fundingRate: (symbol) => {
        const f = md.fundingRate
        return f === undefined
          ? Effect.fail(notSupported("funding rates"))
          : Effect.flatMap(perp(symbol), (m) => narrow(f(api, m)))
      },
      fundingRateHistory: (symbol, range) => {
        const f = md.fundingRateHistory
        return f === undefined
          ? Effect.fail(notSupported("funding rate history"))
          : Effect.flatMap(perp(symbol), (m) => narrow(f(api, m, range)))
      },
      bookSync: streams.bookSync,
      watchTicker: (symbol) => streamOf(symbol, streams.ticker, undefined),
      watchTrades: (symbol) => streamOf(symbol, streams.trades, undefined),
      watchCandles: (symbol, interval) =>
        capabilities.candleIntervals.includes(interval)
          ? streamOf(symbol, streams.candles, undefined, interval)
          : Stream.fail(notSupported(`${interval} candles`)),
      watchBookUpdates: (symbol) => {
        const updates = streamOf(symbol, streams.book, (m) => bookConnectionMarkers(m.symbol))
        return streams.bookSync.requiresSnapshot ? updates : resubscribeOnGap(updates, streams.bookSync)
      },
      watchOrders: (symbol) =>
        userEvents("orders", symbol === undefined ? undefined : [symbol], pickOrder, keyOf).pipe(
          Stream.withSpan(`${venue}.watchOrders`)
        ),
      watchFills: (symbol) => userEvents("fills", symbol === undefined ? undefined : [symbol], pickFill, keyOf),
      watchBalances: userEvents(
        "balances",
        undefined,
        (e) => (e._tag === "Balances" ? e.balances : undefined),
        () => undefined
      ),
      watchPositions: (symbols) =>
        positions === undefined
          ? Stream.fail(notSupported("positions"))
          : userEvents("positions", symbols, pickPosition, keyOf),
      userStreamState: userStream === undefined ? Stream.make("idle" as const) : userStream.state.changes,
      placeOrder,
      placeOrders,
      cancelOrder,
      cancelOrders,
      cancelAllOrders: (symbol) =>
        Effect.flatMap(market(symbol), (m) => signed(trading.cancelAll(api, m))).pipe(
          Effect.withSpan(`${venue}.cancelAllOrders`)
        ),
      amendOrder: (ref, amendment) =>
        amend === undefined
          ? Effect.fail(notSupported("amending orders"))
          : Effect.flatMap(market(ref.symbol), (m) => signed(amend(api, m, ref, amendment))).pipe(
            Effect.withSpan(`${venue}.amendOrder`)
          ),
      getOrder: (ref) =>
        Effect.flatMap(
          market(ref.symbol),
          (m) => Effect.mapError(signed(trading.lookup(api, m, ref)), orderQueryError)
        ),
      openOrders: (symbol) =>
        Effect.flatMap(
          Effect.zip(markets, symbol === undefined ? Effect.succeed(undefined) : market(symbol)),
          ([all, m]) => Effect.mapError(signed(trading.openOrders(api, all, m)), accountError)
        ),
      balances: Effect.mapError(signed(adapter.account.balances(api)), accountError),
      positions: (symbols) =>
        positions === undefined
          ? Effect.fail(notSupported("positions"))
          : Effect.flatMap(
            Effect.zip(markets, resolveAll(symbols)),
            ([all, chosen]) =>
              chosen !== undefined && chosen.some((m) => m.type !== "perp")
                ? Effect.fail(notSupported("positions of a spot market"))
                : Effect.mapError(signed(positions(api, all, chosen)), accountError)
          ),
      healthCheck: Effect.mapError(
        HealthCheck.make({
          venue,
          environment: options.environment,
          rest,
          serverTime,
          permissions: adapter.account.permissions(api)
        }),
        marketDataError
      )
    }
    return exchange
  })

/**
 * For venues whose book starts from the stream's own snapshot (`requiresSnapshot: false`, OKX):
 * the update that breaks the chain is passed on (so `LiveOrderBook` goes stale), then the channel
 * is unsubscribed and subscribed again, which makes the venue send a fresh snapshot.
 * @since 0.1.0
 */
export const resubscribeOnGap = <E>(
  updates: Stream.Stream<BookUpdate, E>,
  sync: BookSync
): Stream.Stream<BookUpdate, E> =>
  Stream.suspend(() => {
    let last: number | undefined
    return Stream.takeUntil(updates, (u) => {
      if (u.interrupted !== undefined) {
        // the session reconnects and subscribes again: the venue sends a fresh snapshot
        last = undefined
        return false
      }
      if (u.kind === "snapshot") {
        last = u.lastUpdateId
        return false
      }
      if (last === undefined) return false
      const decision = sync.next(last, u)
      if (decision === "apply") last = u.lastUpdateId
      return decision === "gap"
    })
  }).pipe(Stream.repeat(Schedule.spaced(Duration.millis(100))))

/**
 * A layer providing the unified `Exchange` for an adapter.
 * @since 0.1.0
 */
export const layer = <C, S>(
  adapter: VenueAdapter<C, S>,
  options: ConnectorOptions<C, S>
): Layer.Layer<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor> =>
  Layer.scoped(Exchange, make(adapter, options))

/**
 * The same, with options read from `Config` (so from a `ConfigProvider`: environment variables,
 * `lotusx.config.toml`, …).
 * @since 0.1.0
 */
export const layerConfig = <C, S>(
  adapter: VenueAdapter<C, S>,
  config: Config.Config.Wrap<ConnectorOptions<C, S>>
): Layer.Layer<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor> =>
  Layer.scoped(
    Exchange,
    Effect.flatMap(
      Effect.mapError(
        Config.unwrap(config),
        (e) => new ConfigError({ venue: adapter.definition.venue, path: adapter.definition.venue, detail: String(e) })
      ),
      (options) => make(adapter, options)
    )
  )

/**
 * A venue module's constructors in one line: `export const { layer, layerConfig, make } =
 * Connector.constructors(adapter)`. `make` builds the `Exchange` in the current scope, `layer`
 * provides it, `layerConfig` reads the options from `Config` (environment variables,
 * `lotusx.config.toml`, …).
 * @since 0.1.0
 */
export const constructors = <C, S>(adapter: VenueAdapter<C, S>) => ({
  make: (
    options: ConnectorOptions<C, S>
  ): Effect.Effect<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor | Scope.Scope> =>
    make(adapter, options),
  layer: (
    options: ConnectorOptions<C, S>
  ): Layer.Layer<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor> => layer(adapter, options),
  layerConfig: (
    config: Config.Config.Wrap<ConnectorOptions<C, S>>
  ): Layer.Layer<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor> =>
    layerConfig(adapter, config)
})

/**
 * Clamps a caller's count into a venue's documented range.
 * @since 0.1.0
 */
export const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, Math.floor(n)))
