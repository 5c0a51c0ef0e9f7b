/**
 * Hyperliquid: the connector that provides the unified `Exchange` for perpetuals and spot in one
 * connector (`BTC` / `BTC/USDC:USDC`, `PURR/USDC`, `@107`).
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const exchange = yield* Exchange
 *   const ticker = yield* exchange.ticker("BTC/USDC:USDC")
 * })
 * program.pipe(Effect.provide(Hyperliquid.layer({ environment: "mainnet" })))
 * ```
 *
 * Credentials: the agent (API) wallet's private key, the account address it trades for, and an
 * optional vault / sub-account. Reads about the account (`/info`) use the vault's address when one
 * is set, else the account's — never the agent's.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Socket from "@effect/platform/Socket"
import * as BigDecimal from "effect/BigDecimal"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import {
  AuthenticationFailed,
  ConfigError,
  DecodeError,
  InvalidOrder,
  NotSupported,
  OrderNotFound
} from "../../errors/ExchangeError.js"
import {
  type BatchItem,
  type Capabilities,
  type Environment,
  Exchange,
  type MarketDataError,
  type OrderAmendment,
  type OrderRef,
  type TradingError
} from "../../Exchange.js"
import * as AmbiguousPlacement from "../../kernel/AmbiguousPlacement.js"
import * as Connector from "../../kernel/Connector.js"
import * as HealthCheck from "../../kernel/HealthCheck.js"
import type * as RestClient from "../../kernel/RestClient.js"
import * as SignedCalls from "../../kernel/SignedCalls.js"
import * as WsSession from "../../kernel/WsSession.js"
import type { Balance } from "../../model/Balance.js"
import type { Interval, TimeRange } from "../../model/Candle.js"
import * as Decimal from "../../model/Decimal.js"
import { makeMarkets, type Market } from "../../model/Market.js"
import type { Order, OrderRequest } from "../../model/Order.js"
import { checkOrder } from "../../model/OrderRules.js"
import { hyperliquidBookSync } from "./bookSync.js"
import * as Convert from "./convert.js"
import * as Endpoints from "./endpoints.js"
import * as Errors from "./errors.js"
import { type HyperliquidCredentials, makeSigner } from "./signing.js"
import * as Streams from "./stream.js"
import * as Trading from "./trading.js"

/**
 * Official base URLs; the websocket is `<ws>/ws`.
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket
 * @since 0.1.0
 */
export const urls: Record<Exclude<Environment, "sandbox">, { readonly rest: string; readonly ws: string }> = {
  mainnet: { rest: "https://api.hyperliquid.xyz", ws: "wss://api.hyperliquid.xyz" },
  testnet: { rest: "https://api.hyperliquid-testnet.xyz", ws: "wss://api.hyperliquid-testnet.xyz" }
}

/**
 * @since 0.1.0
 */
export interface HyperliquidOptions extends Connector.ConnectorOptions<HyperliquidCredentials> {
  /**
   * How far a `market` order's limit price may be from the mid price, as a fraction. Default 0.05
   * (5 %, the venue's SDK default). A market order is an IOC limit at mid × (1 ± slippage).
   */
  readonly marketSlippage?: Decimal.Decimal | undefined
}

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

const VENUE = Convert.VENUE
const notSupported = (feature: string) => new NotSupported({ venue: VENUE, feature })
const json = (value: unknown) => ({ body: { _tag: "json" as const, value } })
const chunk = <A>(items: ReadonlyArray<A>, size: number): ReadonlyArray<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** The request budget: 1,200 weight per minute per IP. */
const rateLimit = { weightLimit: 1200, windowMs: 60_000, maxWaitMs: 10_000 }

/**
 * Builds the connector in the current scope (its websocket session lives there).
 * @since 0.1.0
 */
export const make = (
  options: HyperliquidOptions
): Effect.Effect<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor | Scope.Scope> =>
  Effect.gen(function*() {
    const source = options.environment === "mainnet" ? "a" : "b"
    const credentials = options.credentials
    const signer = credentials === undefined ? undefined : makeSigner(credentials, source)
    if (signer !== undefined && Either.isLeft(signer)) {
      return yield* new ConfigError({ venue: VENUE, path: "credentials", detail: signer.left })
    }
    const ready = signer !== undefined && Either.isRight(signer) ? signer.right : undefined
    const definition: Connector.VenueDefinition<HyperliquidCredentials> = {
      venue: VENUE,
      urls,
      rateLimit,
      // Hyperliquid has no receive window; placements carry `expiresAfter` = now + recvWindow instead.
      maxRecvWindowMs: 60_000,
      streamTimings: Streams.defaultStreamTimings,
      classify: Errors.classifyResponse,
      signer: () => ready!
    }
    const setup = yield* Connector.setup(definition, options)
    const { clock, recvWindowMs, rest } = setup
    const session = yield* WsSession.make(Streams.protocol({
      url: `${setup.stream.baseUrl.replace(/\/+$/, "")}/ws`,
      watchdog: setup.stream.watchdog,
      heartbeat: setup.stream.heartbeat
    }))
    const slippage = options.marketSlippage ?? Trading.defaultMarketSlippage
    const user = credentials === undefined ? undefined : (credentials.vaultAddress ?? credentials.accountAddress)
    const info = <A, I>(endpoint: RestClient.Endpoint<A, I>, body: unknown) => rest.request(endpoint, json(body))

    const loadMarkets = Effect.gen(function*() {
      const [meta, spot] = yield* Effect.all([
        info(Endpoints.meta, { type: "meta" }),
        info(Endpoints.spotMeta, { type: "spotMeta" })
      ], {
        concurrency: 2
      })
      const perps = meta.universe.map(Convert.perpMarket)
      const spots = Convert.spotMarkets(spot)
      if (spots.skipped.length > 0) {
        yield* Effect.logWarning(
          `[hyperliquid] skipped ${spots.skipped.length} spot pair(s): ${spots.skipped.slice(0, 5).join("; ")}`
        )
      }
      return makeMarkets(VENUE, [...perps, ...spots.markets])
    }).pipe(Effect.withSpan("hyperliquid.markets"))
    const { market, markets, reloadMarkets } = yield* Connector.marketCache(loadMarkets)

    /** The venue has no time endpoint: an `l2Book` carries the server's time. */
    const serverTime = Effect.gen(function*() {
      const all = yield* markets
      const first = all.all[0]
      if (first === undefined) return yield* clock.now
      return (yield* info(Endpoints.l2Book, { type: "l2Book", coin: first.symbol })).time
    })

    const contexts = Effect.all([
      info(Endpoints.metaAndAssetCtxs, { type: "metaAndAssetCtxs" }),
      info(Endpoints.spotMetaAndAssetCtxs, { type: "spotMetaAndAssetCtxs" })
    ], { concurrency: 2 })

    const tickers = (symbols?: ReadonlyArray<string>) =>
      Effect.gen(function*() {
        const all = yield* markets
        const chosen = symbols === undefined
          ? undefined
          : new Set(yield* Effect.forEach(symbols, (s) => all.resolve(s)))
        const [[meta, perpCtxs], [spotMeta, spotCtxs]] = yield* contexts
        const now = yield* clock.now
        const out = []
        for (let i = 0; i < meta.universe.length; i++) {
          const m = all.byVenueSymbol(meta.universe[i]!.name, "perp")
          const ctx = perpCtxs[i]
          if (m !== undefined && ctx !== undefined && (chosen === undefined || chosen.has(m))) {
            out.push(Convert.perpTicker(m, ctx, now))
          }
        }
        for (let i = 0; i < spotMeta.universe.length; i++) {
          const m = all.byVenueSymbol(spotMeta.universe[i]!.name, "spot")
          const ctx = spotCtxs[i]
          if (m !== undefined && ctx !== undefined && (chosen === undefined || chosen.has(m))) {
            out.push(Convert.spotTicker(m, ctx, now))
          }
        }
        return out
      })

    const ticker = (symbol: string) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const found = (yield* tickers([m.unified]))[0]
        if (found === undefined) {
          return yield* new DecodeError({
            venue: VENUE,
            endpoint: "POST /info",
            path: "$[1]",
            outcome: "definitive",
            detail: `no asset context for ${m.symbol}`
          })
        }
        return found
      })

    const orderBook = (symbol: string, depth = 20) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const book = Convert.toSnapshot(m, yield* info(Endpoints.l2Book, { type: "l2Book", coin: m.symbol }))
        return { ...book, bids: book.bids.slice(0, depth), asks: book.asks.slice(0, depth) }
      })

    const trades = (symbol: string, limit?: number) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const list = (yield* info(Endpoints.recentTrades, { type: "recentTrades", coin: m.symbol })).map((t) =>
          Convert.toTrade(m, t)
        )
        const sorted = [...list].sort((a, b) => a.timestamp - b.timestamp)
        return limit === undefined ? sorted : sorted.slice(-Math.max(1, Math.floor(limit)))
      })

    const candles = (symbol: string, interval: Interval, range?: TimeRange) =>
      Effect.gen(function*() {
        const m = yield* market(symbol)
        const code = Convert.candleIntervals[interval]
        if (code === undefined) return yield* notSupported(`${interval} candles`)
        const now = yield* clock.now
        const list = yield* info(Endpoints.candleSnapshot, candleRequest(m, interval, range, now))
        const out = list.map((c) => Convert.toCandle(m, interval, c, now))
        return range?.limit === undefined ? out : out.slice(-Math.max(1, Math.floor(range.limit)))
      })

    const perp = (symbol: string) =>
      Effect.flatMap(
        market(symbol),
        (m) => m.type === "perp" ? Effect.succeed(m) : Effect.fail(notSupported("funding rates (spot market)"))
      )

    const fundingRate = (symbol: string) =>
      Effect.gen(function*() {
        const m = yield* perp(symbol)
        const [[meta, ctxs]] = yield* Effect.all([info(Endpoints.metaAndAssetCtxs, { type: "metaAndAssetCtxs" })])
        const index = meta.universe.findIndex((a) => a.name === m.symbol)
        const ctx = ctxs[index]
        if (ctx === undefined) {
          return yield* new DecodeError({
            venue: VENUE,
            endpoint: "POST /info",
            path: "$[1]",
            outcome: "definitive",
            detail: `no asset context for ${m.symbol}`
          })
        }
        const now = yield* clock.now
        return {
          symbol: m.unified,
          venueSymbol: m.symbol,
          rate: ctx.funding,
          timestamp: now,
          // funding is paid every hour, on the hour
          nextFundingTime: Math.floor(now / 3_600_000) * 3_600_000 + 3_600_000,
          markPrice: ctx.markPx,
          indexPrice: ctx.oraclePx
        }
      })

    const fundingRateHistory = (symbol: string, range?: TimeRange) =>
      Effect.gen(function*() {
        const m = yield* perp(symbol)
        const now = yield* clock.now
        const list = yield* info(Endpoints.fundingHistory, fundingHistoryRequest(m, range, now))
        const out = list.map((f) => Convert.toFunding(m, f))
        return range?.limit === undefined ? out : out.slice(0, Math.max(1, Math.floor(range.limit)))
      })

    const streamOf = <A>(
      symbol: string,
      topic: (m: Market) => string,
      decode: (m: Market) => (payload: unknown, receivedAt: number) => A | WsSession.DecodeFailure
    ): Stream.Stream<A, MarketDataError> =>
      Stream.unwrap(
        Effect.map(market(symbol), (m) => session.messages(topic(m)).pipe(WsSession.decodeOrSkip(VENUE, decode(m))))
      )

    // ---- trading ---------------------------------------------------------------------------------

    const signedCall = SignedCalls.make({ venue: VENUE, rest, serverTime })
    const requireUser = user === undefined
      ? Effect.fail(new AuthenticationFailed({ venue: VENUE, reason: "no credentials are configured" }))
      : Effect.succeed(user)

    /**
     * What the key may do for the account, from `userRole`: an agent the account approved may
     * trade (agents can never withdraw); the account's own key may do both; anything else is
     * refused.
     */
    const permissions = Effect.gen(function*() {
      const agent = ready === undefined ? "" : Redacted.value(ready.apiKey)
      const account = (credentials?.accountAddress ?? "").toLowerCase()
      const role = yield* info(Endpoints.userRole, { type: "userRole", user: agent })
      if (role.role === "agent" && role.data?.user?.toLowerCase() === account) {
        return { read: true, trade: true, withdraw: false }
      }
      if (role.role === "user" && agent === account) return { read: true, trade: true, withdraw: true }
      return yield* new AuthenticationFailed({
        venue: VENUE,
        endpoint: "POST /info",
        reason: `the key's wallet ${agent} is ${
          role.role === "agent" ? "an agent of another account" : `not approved for ${account} (role: ${role.role})`
        }`
      })
    })

    /** Account calls check once per connector that the key may act for the account. */
    let approved = false
    const signed = <A, E extends TradingError>(call: Effect.Effect<A, E>) =>
      signedCall(Effect.gen(function*() {
        if (!approved) {
          yield* permissions
          approved = true
        }
        return yield* call
      }))

    const lookup = (m: Market, ref: number | string) =>
      Effect.gen(function*() {
        const address = yield* requireUser
        const r = yield* info(Endpoints.orderStatus, { type: "orderStatus", user: address, oid: ref })
        if (r.status === "unknownOid") {
          return yield* new OrderNotFound({
            venue: VENUE,
            ...(typeof ref === "string" ? { clientOrderId: ref } : { orderId: String(ref) })
          })
        }
        const found = yield* market(r.order.order.coin).pipe(Effect.orElseSucceed(() => m))
        return Convert.toOrder(found, r.order.order, r.order.status, r.order.statusTimestamp)
      })

    const refOf = (ref: OrderRef): Either.Either<number | string, NotSupported> => {
      if (ref.clientOrderId !== undefined) {
        return Trading.isCloid(ref.clientOrderId)
          ? Either.right(ref.clientOrderId.toLowerCase())
          : Either.left(notSupported(`client order id "${ref.clientOrderId}" (cloids are 0x + 32 hex digits)`))
      }
      return /^\d{1,19}$/.test(ref.id)
        ? Either.right(Number.parseInt(ref.id, 10))
        : Either.left(notSupported(`order id "${ref.id}"`))
    }

    /** Local checks, the price to send and the cloid (one per intent, before any send). */
    const prepare = (request: OrderRequest) =>
      Effect.gen(function*() {
        const m = yield* market(request.symbol)
        if (request.reduceOnly === true && m.type === "spot") {
          return yield* notSupported("reduce-only orders on a spot market")
        }
        const tif = yield* Trading.tifOf(request)
        yield* checkOrder(m, request)
        if (request.clientOrderId !== undefined && !Trading.isCloid(request.clientOrderId)) {
          return yield* notSupported(`client order id "${request.clientOrderId}" (cloids are 0x + 32 hex digits)`)
        }
        const cloid = (request.clientOrderId ?? (yield* Trading.generateCloid)).toLowerCase()
        let price = request.price
        if (price === undefined) {
          const mids = yield* info(Endpoints.allMids, { type: "allMids" })
          const mid = mids[m.symbol]
          if (mid === undefined) {
            return yield* new InvalidOrder({
              venue: VENUE,
              reason: "would_not_fill",
              detail: `no mid price for ${m.symbol}`
            })
          }
          price = Trading.marketOrderPrice(m, request.side, mid, slippage)
        }
        return { market: m, request, tif, cloid, price, wire: Trading.orderWire(m, request, price, tif, cloid) }
      })

    type Prepared = Effect.Effect.Success<ReturnType<typeof prepare>>

    const sendPlacements = (items: ReadonlyArray<Prepared>) =>
      Effect.gen(function*() {
        const sentAt = yield* clock.now
        const sent = yield* Effect.either(signed(rest.request(Endpoints.exchange(items.length), {
          body: {
            _tag: "json",
            value: { action: Trading.placeAction(items.map((i) => i.wire)), expiresAfter: sentAt + recvWindowMs }
          }
        })))
        const resolve = (item: Prepared, cause: TradingError) =>
          AmbiguousPlacement.resolve({
            venue: VENUE,
            clock,
            recvWindowMs,
            clientOrderId: item.cloid,
            sentAt,
            cause,
            lookup: lookup(item.market, item.cloid)
          })
        if (Either.isLeft(sent)) {
          const error = sent.left
          return yield* Effect.forEach(items, (item) =>
            error.outcome === "ambiguous" ? Effect.either(resolve(item, error)) : Effect.succeed(Either.left(error)), {
            concurrency: 4
          })
        }
        const statuses = Trading.statusesOf(sent.right, items.length)
        if (Either.isLeft(statuses)) {
          return yield* Effect.forEach(items, (item) =>
            Effect.either(resolve(item, statuses.left)), { concurrency: 4 })
        }
        const now = yield* clock.now
        return yield* Effect.forEach(items, (item, i) => {
          const result = Trading.placementResult(
            item.market,
            item.request,
            item.price,
            item.cloid,
            statuses.right[i]!,
            now
          )
          // An IOC that matched nothing is an error on the venue; the order it records says `expired`.
          return Either.isLeft(result) && result.left._tag === "InvalidOrder" &&
              result.left.reason === "would_not_fill" &&
              item.tif === "Ioc"
            ? Effect.map(Effect.either(lookup(item.market, item.cloid)), (found) =>
              Either.isRight(found) ? found : result)
            : Effect.succeed(result as BatchItem<Order>)
        }, { concurrency: 4 })
      })

    const placeOrders = (requests: ReadonlyArray<OrderRequest>) =>
      Effect.gen(function*() {
        const results: Array<BatchItem<Order> | undefined> = requests.map(() => undefined)
        const ready: Array<{ index: number; item: Prepared }> = []
        for (let index = 0; index < requests.length; index++) {
          const p = yield* Effect.either(prepare(requests[index]!))
          if (Either.isLeft(p)) results[index] = Either.left(p.left)
          else ready.push({ index, item: p.right })
        }
        for (const part of chunk(ready, Trading.tradingCapabilities.batchPlaceMax)) {
          const each = yield* sendPlacements(part.map((p) => p.item))
          part.forEach((p, i) => {
            results[p.index] = each[i]!
          })
        }
        return results.map((r) => r ?? Either.left(notSupported("an empty batch item")))
      }).pipe(Effect.withSpan("hyperliquid.placeOrders"))

    const placeOrder = (request: OrderRequest) =>
      Effect.gen(function*() {
        const item = yield* prepare(request)
        const [result] = yield* sendPlacements([item])
        return yield* result!
      }).pipe(Effect.withSpan("hyperliquid.placeOrder"))

    const cancelOrders = (refs: ReadonlyArray<OrderRef>) =>
      Effect.gen(function*() {
        const results: Array<BatchItem<Order> | undefined> = refs.map(() => undefined)
        const byOid: Array<{ index: number; market: Market; oid: number }> = []
        const byCloid: Array<{ index: number; market: Market; cloid: string }> = []
        for (let index = 0; index < refs.length; index++) {
          const ref = refs[index]!
          const m = yield* Effect.either(market(ref.symbol))
          const id = refOf(ref)
          if (Either.isLeft(m)) results[index] = Either.left(m.left)
          else if (Either.isLeft(id)) results[index] = Either.left(id.left)
          else if (typeof id.right === "number") byOid.push({ index, market: m.right, oid: id.right })
          else byCloid.push({ index, market: m.right, cloid: id.right })
        }
        const run = <T extends { index: number; market: Market }>(
          items: ReadonlyArray<T>,
          action: (part: ReadonlyArray<T>) => unknown,
          ref: (t: T) => number | string
        ) =>
          Effect.forEach(chunk(items, Trading.tradingCapabilities.batchCancelMax), (part) =>
            Effect.gen(function*() {
              const sent = yield* Effect.either(
                signed(rest.request(Endpoints.exchange(part.length), json({ action: action(part) })))
              )
              for (let i = 0; i < part.length; i++) {
                const t = part[i]!
                if (Either.isLeft(sent)) {
                  results[t.index] = Either.left(sent.left)
                  continue
                }
                const statuses = Trading.statusesOf(sent.right, part.length)
                const r = ref(t)
                const outcome = Either.isLeft(statuses)
                  ? Either.left<TradingError>(statuses.left)
                  : Trading.cancelResult(statuses.right[i]!, typeof r === "number" ? { oid: String(r) } : { cloid: r })
                results[t.index] = Either.isLeft(outcome)
                  ? Either.left(outcome.left)
                  : yield* Effect.either(lookup(t.market, r))
              }
            }))
        yield* run(byOid, (part) => Trading.cancelAction(part), (t) => t.oid)
        yield* run(byCloid, (part) => Trading.cancelByCloidAction(part), (t) => t.cloid)
        return results.map((r) => r ?? Either.left(notSupported("an empty batch item")))
      }).pipe(Effect.withSpan("hyperliquid.cancelOrders"))

    const cancelOrder = (ref: OrderRef) =>
      Effect.flatMap(cancelOrders([ref]), ([r]) => r!).pipe(Effect.withSpan("hyperliquid.cancelOrder"))

    const openOrders = (symbol?: string) =>
      Effect.gen(function*() {
        const address = yield* requireUser
        const only = symbol === undefined ? undefined : yield* market(symbol)
        const all = yield* markets
        const list = yield* info(Endpoints.frontendOpenOrders, { type: "frontendOpenOrders", user: address })
        const out: Array<Order> = []
        for (const o of list) {
          const m = all.byVenueSymbol(o.coin)
          if (m === undefined || (only !== undefined && m !== only)) continue
          out.push(Convert.toOrder(m, o, "open"))
        }
        return out
      })

    const cancelAllOrders = (symbol: string) =>
      Effect.gen(function*() {
        const open = yield* openOrders(symbol)
        if (open.length === 0) return []
        const results = yield* cancelOrders(open.map((o) => ({ symbol: o.symbol, id: o.id })))
        const out: Array<Order> = []
        for (const r of results) {
          if (Either.isRight(r)) out.push(r.right)
          else if (r.left._tag !== "OrderNotFound") return yield* r.left
        }
        return out
      })

    const getOrder = (ref: OrderRef) =>
      Effect.gen(function*() {
        const m = yield* market(ref.symbol)
        const id = yield* refOf(ref)
        return yield* lookup(m, id)
      })

    const amendOrder = (ref: OrderRef, amendment: OrderAmendment) =>
      Effect.gen(function*() {
        const current = yield* getOrder(ref)
        const m = yield* market(ref.symbol)
        const request: OrderRequest = {
          symbol: m.unified,
          side: current.side,
          type: "limit",
          quantity: amendment.quantity ?? current.quantity,
          price: amendment.price ?? current.price!,
          ...(current.timeInForce !== undefined ? { timeInForce: current.timeInForce } : {}),
          postOnly: current.postOnly,
          reduceOnly: current.reduceOnly
        }
        yield* checkOrder(m, request)
        const tif = yield* Trading.tifOf(request)
        const wire = Trading.orderWire(m, request, request.price!, tif, current.clientOrderId)
        const id = Number.parseInt(current.id, 10)
        const r = yield* signed(
          rest.request(Endpoints.exchange(1), json({ action: Trading.batchModifyAction([{ oid: id, order: wire }]) }))
        )
        const [status] = yield* Trading.statusesOf(r, 1)
        if (typeof status === "object" && "error" in status) {
          return yield* Errors.fromMessage(status.error, { endpoint: "POST /exchange" })
        }
        return yield* lookup(m, current.clientOrderId ?? id)
      }).pipe(Effect.withSpan("hyperliquid.amendOrder"))

    const balances = Effect.gen(function*() {
      const address = yield* requireUser
      const [spot, perps] = yield* Effect.all([
        info(Endpoints.spotClearinghouseState, { type: "spotClearinghouseState", user: address }),
        info(Endpoints.clearinghouseState, { type: "clearinghouseState", user: address })
      ], { concurrency: 2 })
      const out: Array<Balance> = spot.balances.map((b) => ({
        asset: b.coin,
        free: BigDecimal.subtract(b.total, b.hold),
        locked: b.hold,
        total: b.total
      }))
      // The perp account's USDC (margin) is its own balance on the venue: listed as `USDC:perp`.
      const value = perps.marginSummary.accountValue
      out.push({
        asset: `${Convert.USDC}:perp`,
        free: perps.withdrawable,
        locked: BigDecimal.subtract(value, perps.withdrawable),
        total: value
      })
      return out
    })

    const positions = (symbols?: ReadonlyArray<string>) =>
      Effect.gen(function*() {
        const address = yield* requireUser
        const all = yield* markets
        const only = symbols === undefined ? undefined : new Set(yield* Effect.forEach(symbols, (s) => all.resolve(s)))
        const state = yield* info(Endpoints.clearinghouseState, { type: "clearinghouseState", user: address })
        const out = []
        for (const { position } of state.assetPositions) {
          const m = all.byVenueSymbol(position.coin, "perp")
          if (m === undefined || (only !== undefined && !only.has(m)) || BigDecimal.isZero(position.szi)) continue
          out.push(Convert.toPosition(m, position, state.time))
        }
        return out
      })

    const healthCheck = HealthCheck.make({
      venue: "hyperliquid",
      environment: options.environment,
      rest,
      serverTime,
      // The venue has no key permissions: `userRole` says whether the key is the account's own
      // wallet or an agent it approved (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint).
      permissions
    })

    const exchange: Exchange = {
      venue: "hyperliquid",
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
      watchTicker: (symbol) => streamOf(symbol, Streams.bboTopic, Streams.decodeTicker),
      watchTrades: (symbol) => Stream.flattenIterables(streamOf(symbol, Streams.tradesTopic, Streams.decodeTrades)),
      watchCandles: (symbol, interval) =>
        Convert.candleIntervals[interval] === undefined
          ? Stream.fail(notSupported(`${interval} candles`))
          : streamOf(symbol, (m) => Streams.candleTopic(m, interval), (m) => Streams.decodeCandle(m, interval)),
      bookSync: hyperliquidBookSync,
      watchBookUpdates: (symbol) => streamOf(symbol, Streams.l2BookTopic, () => Streams.decodeBook),
      watchOrders: () => Stream.fail(notSupported("user data streams (orders)")),
      watchFills: () => Stream.fail(notSupported("user data streams (fills)")),
      watchBalances: Stream.fail(notSupported("user data streams (balances)")) as Stream.Stream<never, TradingError>,
      placeOrder: (request) => signed(placeOrder(request)),
      placeOrders: (requests) => signed(placeOrders(requests)),
      cancelOrder: (ref) => signed(cancelOrder(ref)),
      cancelOrders: (refs) => signed(cancelOrders(refs)),
      cancelAllOrders: (symbol) => signed(cancelAllOrders(symbol)),
      amendOrder: (ref, amendment) => signed(amendOrder(ref, amendment)),
      getOrder: (ref) => signed(getOrder(ref)),
      openOrders: (symbol) => signed(openOrders(symbol)),
      balances: signed(balances),
      positions: (symbols) => signed(positions(symbols)),
      healthCheck
    }
    return exchange
  })

/**
 * The `candleSnapshot` request: the venue needs a start; without one, the window is the last
 * `limit` (default 500) intervals before `until` (or now).
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#candle-snapshot
 * @since 0.1.0
 */
export const candleRequest = (m: Market, interval: Interval, range: TimeRange | undefined, now: number) => {
  const endTime = range?.until ?? now
  const step = intervalStepMs[interval] ?? 60_000
  const startTime = range?.since ?? endTime - step * Math.max(1, Math.min(5000, range?.limit ?? 500))
  return {
    type: "candleSnapshot",
    req: { coin: m.symbol, interval: Convert.candleIntervals[interval], startTime, endTime }
  }
}

const intervalStepMs: Partial<Record<Interval, number>> = {
  "1m": 60_000,
  "3m": 180_000,
  "5m": 300_000,
  "15m": 900_000,
  "30m": 1_800_000,
  "1h": 3_600_000,
  "2h": 7_200_000,
  "4h": 14_400_000,
  "8h": 28_800_000,
  "12h": 43_200_000,
  "1d": 86_400_000,
  "3d": 259_200_000,
  "1w": 604_800_000,
  "1M": 2_592_000_000
}

/**
 * The `fundingHistory` request (a start is required: default 7 days before the end).
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals
 * @since 0.1.0
 */
export const fundingHistoryRequest = (m: Market, range: TimeRange | undefined, now: number) => ({
  type: "fundingHistory",
  coin: m.symbol,
  startTime: range?.since ?? (range?.until ?? now) - 7 * 86_400_000,
  ...(range?.until !== undefined ? { endTime: range.until } : {})
})

/**
 * A layer providing the unified `Exchange` for Hyperliquid.
 * @since 0.1.0
 */
export const layer = (
  options: HyperliquidOptions
): Layer.Layer<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor> =>
  Layer.scoped(Exchange, make(options))

/**
 * The same, with options read from `Config`.
 * @since 0.1.0
 */
export const layerConfig = (
  config: Config.Config.Wrap<HyperliquidOptions>
): Layer.Layer<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor> =>
  Layer.scoped(
    Exchange,
    Effect.flatMap(
      Effect.mapError(Config.unwrap(config), (e) =>
        new ConfigError({ venue: VENUE, path: "hyperliquid", detail: String(e) })),
      make
    )
  )

/** @since 0.1.0 */
export type { HyperliquidCredentials } from "./signing.js"
