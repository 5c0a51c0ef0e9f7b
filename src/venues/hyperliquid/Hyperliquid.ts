/**
 * Hyperliquid as an adapter: perpetuals and spot in one connector (`BTC` / `BTC/USDC:USDC`,
 * `PURR/USDC`, `@107`); the kernel builds the unified `Exchange` from it.
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
 * optional vault / sub-account. Reads about the account (`/info`) name the vault's address when
 * one is set, else the account's — never the agent's. Every account call first checks once, with
 * `userRole`, that the key is the account's own or an agent the account approved.
 *
 * Settings: `marketSlippage` (default 0.05): a market order is an IOC limit at the mid price moved
 * by this fraction, as the venue's SDKs send it. `addressBudgetMaxWaitMs` (default 10,000): how
 * long an action may wait for the address-based budget's next 10-second slot before it fails with
 * `RateLimited` (see `addressBudget.ts`; the budget is read with `userRateLimit` before the first
 * action and counted locally after).
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import {
  AuthenticationFailed,
  DecodeError,
  InvalidOrder,
  OrderNotFound,
  RateLimited
} from "../../errors/ExchangeError.js"
import type { Capabilities, Environment, OrderRef, TradingError } from "../../Exchange.js"
import * as Caps from "../../kernel/Capabilities.js"
import * as Connector from "../../kernel/Connector.js"
import { persist } from "../../kernel/Persist.js"
import type { CredentialField, PreparedOrder, VenueAdapter, VenueApi } from "../../kernel/VenueAdapter.js"
import type { Balance } from "../../model/Balance.js"
import { type Interval, intervalMillis, type TimeRange } from "../../model/Candle.js"
import * as Decimal from "../../model/Decimal.js"
import type { Market, Markets, MarketType } from "../../model/Market.js"
import type { Order, OrderRequest } from "../../model/Order.js"
import { checkOrder } from "../../model/OrderRules.js"
import type { Ticker } from "../../model/Ticker.js"
import * as Budget from "./addressBudget.js"
import { hyperliquidBookSync } from "./bookSync.js"
import * as Convert from "./convert.js"
import * as Endpoints from "./endpoints.js"
import * as Errors from "./errors.js"
import { type HyperliquidCredentials, makeSigner, validate } from "./signing.js"
import * as Streams from "./stream.js"
import * as Trading from "./trading.js"
import * as UserStream from "./userStream.js"

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
 * What the connector supports.
 * @since 0.1.0
 */
export const capabilities: Capabilities = Caps.make({
  marketTypes: ["spot", "perp"],
  candleIntervals: Convert.intervals,
  funding: true,
  trading: Trading.tradingCapabilities,
  positions: true,
  userStreams: { orders: true, fills: true, balances: true, positions: true }
})

/**
 * The connector's Hyperliquid settings.
 * @since 0.1.0
 */
export interface HyperliquidSettings {
  /** How far a market order's limit price may be from the mid, as a fraction. Default 0.05. */
  readonly marketSlippage: Decimal.Decimal
  /** Longest wait for the address budget's next throttled slot, ms. Default 10,000. */
  readonly addressBudgetMaxWaitMs: number
}

const VENUE = Convert.VENUE
type Api = VenueApi<HyperliquidSettings>
const json = (value: unknown) => ({ body: { _tag: "json" as const, value } })
const info = <A, I>(api: Api, endpoint: import("../../kernel/RestClient.js").Endpoint<A, I>, body: unknown) =>
  api.rest.request(endpoint, json(body))
const noContext = (m: Market) =>
  new DecodeError({
    venue: VENUE,
    endpoint: "POST /info",
    path: "$[1]",
    outcome: "definitive",
    detail: `no asset context for ${m.symbol}`
  })

/**
 * The credential fields (`[exchanges.hyperliquid.credentials]`).
 * @since 0.1.0
 */
export const credentialFields: ReadonlyArray<CredentialField> = [
  { name: "privateKey", config: "private_key", secret: true, description: "the API (agent) wallet's private key" },
  { name: "accountAddress", config: "account_address", secret: false, description: "the account's address" },
  {
    name: "vaultAddress",
    config: "vault_address",
    secret: false,
    optional: true,
    description: "a vault or sub-account to trade for"
  }
]

// ---- market data ------------------------------------------------------------------------------

/** The venue has no time endpoint: an `l2Book` carries the server's time. */
const serverTime = (api: Api) =>
  Effect.gen(function*() {
    const first = (yield* api.markets).all[0]
    if (first === undefined) return yield* api.now
    return (yield* info(api, Endpoints.l2Book, Endpoints.requests.l2Book(first.symbol))).time
  })

const loadMarkets = (api: Api) =>
  Effect.map(
    Effect.all([
      info(api, Endpoints.meta, Endpoints.requests.meta),
      info(api, Endpoints.spotMeta, Endpoints.requests.spotMeta)
    ], {
      concurrency: 2
    }),
    ([meta, spot]) => {
      const spots = Convert.spotMarkets(spot)
      return { markets: [...meta.universe.map(Convert.perpMarket), ...spots.markets], skipped: spots.skipped }
    }
  )

const tickers = (api: Api, markets: Markets, chosen: ReadonlyArray<Market> | undefined) =>
  Effect.gen(function*() {
    const wanted = chosen === undefined ? undefined : new Set(chosen)
    const wants = (type: MarketType) => wanted === undefined || chosen!.some((m) => m.type === type)
    const now = yield* api.now
    const out: Array<Ticker> = []
    const add = (
      type: MarketType,
      [meta, ctxs]: readonly [
        { readonly universe: ReadonlyArray<{ readonly name: string }> },
        ReadonlyArray<Convert.TickerCtx>
      ]
    ) =>
      meta.universe.forEach((asset, i) => {
        const m = markets.byVenueSymbol(asset.name, type)
        const ctx = ctxs[i]
        if (m !== undefined && ctx !== undefined && (wanted === undefined || wanted.has(m))) {
          out.push(Convert.ticker(m, ctx, now))
        }
      })
    if (wants("perp")) add("perp", yield* info(api, Endpoints.metaAndAssetCtxs, Endpoints.requests.metaAndAssetCtxs))
    if (wants("spot")) {
      add("spot", yield* info(api, Endpoints.spotMetaAndAssetCtxs, Endpoints.requests.spotMetaAndAssetCtxs))
    }
    return out
  })

const ticker = (api: Api, m: Market) =>
  Effect.gen(function*() {
    const found = (yield* tickers(api, yield* api.markets, [m]))[0]
    return found ?? (yield* noContext(m))
  })

const orderBook = (api: Api, m: Market, depth: number | undefined) =>
  Effect.map(info(api, Endpoints.l2Book, Endpoints.requests.l2Book(m.symbol)), (book) => {
    const snapshot = Convert.toSnapshot(m, book)
    const n = Connector.clamp(depth ?? 20, 1, 20)
    return { ...snapshot, bids: snapshot.bids.slice(0, n), asks: snapshot.asks.slice(0, n) }
  })

const trades = (api: Api, m: Market, limit: number | undefined) =>
  Effect.map(info(api, Endpoints.recentTrades, Endpoints.requests.recentTrades(m.symbol)), (list) => {
    const sorted = list.map((t) => Convert.toTrade(m, t)).sort((a, b) => a.timestamp - b.timestamp)
    return limit === undefined ? sorted : sorted.slice(-Math.max(1, Math.floor(limit)))
  })

/**
 * The `candleSnapshot` request: the venue needs a start; without one, the window is the last
 * `limit` (default 500) intervals before `until` (or now).
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#candle-snapshot
 * @since 0.1.0
 */
export const candleRequest = (m: Market, interval: Interval, range: TimeRange | undefined, now: number) => {
  const endTime = range?.until ?? now
  const step = intervalMillis[interval]
  const startTime = range?.since ?? endTime - step * Connector.clamp(range?.limit ?? 500, 1, 5000)
  return {
    type: "candleSnapshot",
    req: { coin: m.symbol, interval: Convert.candleIntervals[interval] ?? interval, startTime, endTime }
  }
}

const candles = (api: Api, m: Market, interval: Interval, range: TimeRange | undefined) =>
  Effect.gen(function*() {
    const now = yield* api.now
    const list = yield* info(api, Endpoints.candleSnapshot, candleRequest(m, interval, range, now))
    const out = list.map((c) => Convert.toCandle(m, interval, c, now))
    return range?.limit === undefined ? out : out.slice(-Math.max(1, Math.floor(range.limit)))
  })

const fundingRate = (api: Api, m: Market) =>
  Effect.gen(function*() {
    const [meta, ctxs] = yield* info(api, Endpoints.metaAndAssetCtxs, Endpoints.requests.metaAndAssetCtxs)
    const ctx = ctxs[meta.universe.findIndex((a) => a.name === m.symbol)]
    if (ctx === undefined) return yield* noContext(m)
    const now = yield* api.now
    return {
      symbol: m.unified,
      venueSymbol: m.symbol,
      rate: ctx.funding,
      timestamp: now,
      // funding is paid every hour, on the hour (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/funding)
      nextFundingTime: Math.floor(now / 3_600_000) * 3_600_000 + 3_600_000,
      markPrice: ctx.markPx,
      indexPrice: ctx.oraclePx
    }
  })

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

const fundingRateHistory = (api: Api, m: Market, range: TimeRange | undefined) =>
  Effect.gen(function*() {
    const list = yield* info(api, Endpoints.fundingHistory, fundingHistoryRequest(m, range, yield* api.now))
    const out = list.map((f) => Convert.toFunding(m, f))
    return range?.limit === undefined ? out : out.slice(0, Math.max(1, Math.floor(range.limit)))
  })

// ---- account identity -------------------------------------------------------------------------

/**
 * What the key may do for the account, from `userRole`: an agent the account approved may trade
 * (agents never withdraw); the account's own key may do both; anything else is refused.
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint
 */
const permissions = (api: Api) =>
  Effect.gen(function*() {
    const signer = Redacted.value(api.apiKey ?? Redacted.make(""))
    const account = api.account ?? ""
    const role = yield* info(api, Endpoints.userRole, Endpoints.requests.userRole(signer))
    if (role.role === "agent" && role.data?.user?.toLowerCase() === account) {
      return { read: true, trade: true, withdraw: false }
    }
    if (role.role === "user" && signer === account) return { read: true, trade: true, withdraw: true }
    return yield* new AuthenticationFailed({
      venue: VENUE,
      endpoint: "POST /info",
      reason: `the key's wallet ${signer} is ${
        role.role === "agent" ? "an agent of another account" : `not approved for ${account} (role: ${role.role})`
      }`
    })
  })

/** Per connector (by its REST client): whether its key was found approved, and one check at a time. */
const approvals = new WeakMap<object, { approved: boolean; readonly lock: Effect.Semaphore }>()

/**
 * The account address, once the key is known to act for it (checked once per connector; calls
 * made meanwhile wait for that one check rather than each asking `userRole`, which weighs 60).
 */
const accountOf = (api: Api): Effect.Effect<string, TradingError> =>
  Effect.gen(function*() {
    const account = api.account
    if (account === undefined) {
      return yield* new AuthenticationFailed({ venue: VENUE, reason: "no credentials are configured" })
    }
    let state = approvals.get(api.rest)
    if (state === undefined) {
      state = { approved: false, lock: Effect.unsafeMakeSemaphore(1) }
      approvals.set(api.rest, state)
    }
    const s = state
    if (!s.approved) {
      yield* s.lock.withPermits(1)(Effect.gen(function*() {
        if (s.approved) return
        yield* permissions(api)
        s.approved = true
      }))
    }
    return account
  })

// ---- the address-based budget ------------------------------------------------------------------

/** Per connector (by its REST client): the account's address budget, read once, one read at a time. */
const budgets = new WeakMap<object, { budget: Budget.AddressBudget | undefined; readonly lock: Effect.Semaphore }>()

const readBudget = (api: Api, user: string) =>
  info(api, Endpoints.userRateLimit, Endpoints.requests.userRateLimit(user))

/** The account's budget; read from `userRateLimit` the first time, and again when `stale`. */
const budgetOf = (api: Api, user: string, stale: boolean) =>
  Effect.gen(function*() {
    let state = budgets.get(api.rest)
    if (state === undefined) {
      state = { budget: undefined, lock: Effect.unsafeMakeSemaphore(1) }
      budgets.set(api.rest, state)
    }
    const s = state
    return yield* s.lock.withPermits(1)(Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      if (s.budget !== undefined && !(stale && now - s.budget.readAt >= Budget.REFRESH_EVERY_MS)) return s.budget
      const status = yield* readBudget(api, user)
      if (s.budget === undefined) s.budget = new Budget.AddressBudget(user, status, now)
      else s.budget.refresh(status, now)
      return s.budget
    }))
  })

/**
 * Sends an `/exchange` action of `items` orders, cancels or modifies through the address budget:
 * it goes, waits for the next throttled slot (at most `addressBudgetMaxWaitMs`), or fails with
 * `RateLimited` before anything is sent. Volume a placement fills at once is counted.
 */
const sendAction = (api: Api, items: number, kind: Budget.ActionKind, action: unknown) =>
  Effect.gen(function*() {
    const user = yield* accountOf(api)
    const n = Budget.requestsOf(items)
    const maxWait = api.settings.addressBudgetMaxWaitMs
    let budget = yield* budgetOf(api, user, false)
    let decision = budget.decide(n, kind, yield* Clock.currentTimeMillis, maxWait)
    if (decision._tag === "refuse") {
      // volume traded by resting orders since the last read may have raised the cap
      budget = yield* budgetOf(api, user, true)
      decision = budget.decide(n, kind, yield* Clock.currentTimeMillis, maxWait)
    }
    if (decision._tag === "refuse") {
      return yield* new RateLimited({
        venue: VENUE,
        endpoint: "POST /exchange",
        retryAfterMs: decision.retryAfterMs,
        venueMessage: decision.reason
      })
    }
    if (decision._tag === "wait") {
      yield* Effect.logWarning(
        `[${VENUE}] address request budget used up: waiting ${decision.ms} ms for the next 10-second slot`
      )
      yield* Effect.sleep(Duration.millis(decision.ms))
    }
    const b = budget
    const answer = yield* api.rest.request(Endpoints.exchange(items), json({ action })).pipe(
      Effect.catchIf(
        (e) => e._tag === "RateLimited" && e.venueCode === "AddressRateLimit",
        (e) =>
          Effect.flatMap(Clock.currentTimeMillis, (now) => {
            b.exhausted(now)
            return Effect.fail(
              new RateLimited({
                venue: VENUE,
                venueCode: e.venueCode,
                venueMessage: e.venueMessage,
                httpStatus: e.httpStatus,
                endpoint: e.endpoint,
                retryAfterMs: Budget.THROTTLED_EVERY_MS
              })
            )
          })
      )
    )
    for (const status of answer.response.data?.statuses ?? []) {
      if (typeof status === "object" && "filled" in status) {
        b.addTraded(BigDecimal.multiply(status.filled.totalSz, status.filled.avgPx))
      }
    }
    return answer
  })

// ---- trading ----------------------------------------------------------------------------------

const lookupBy = (api: Api, fallback: Market, ref: number | string) =>
  Effect.gen(function*() {
    const user = yield* accountOf(api)
    const r = yield* info(api, Endpoints.orderStatus, Endpoints.requests.orderStatus(user, ref))
    if (r.status === "unknownOid") {
      return yield* new OrderNotFound({
        venue: VENUE,
        ...(typeof ref === "string" ? { clientOrderId: ref } : { orderId: String(ref) })
      })
    }
    const m = (yield* api.markets).byVenueSymbol(r.order.order.coin) ?? fallback
    return Convert.toOrder(m, r.order.order, r.order.status, r.order.statusTimestamp)
  })

/** An order reference as the venue takes it: an oid (number) or a cloid. */
export const refOf = (ref: OrderRef): number | string =>
  ref.clientOrderId !== undefined ? ref.clientOrderId.toLowerCase() : Number.parseInt(ref.id, 10)

const lookup = (api: Api, m: Market, ref: OrderRef) =>
  ref.clientOrderId === undefined && !/^\d{1,19}$/.test(ref.id)
    ? Effect.fail(new OrderNotFound({ venue: VENUE, orderId: ref.id }))
    : lookupBy(api, m, refOf(ref))

/** The limit price a placement is sent with (market orders: mid ± slippage). */
const priceOf = (api: Api, order: PreparedOrder) =>
  Effect.gen(function*() {
    if (order.request.price !== undefined) return order.request.price
    const mid = (yield* info(api, Endpoints.allMids, Endpoints.requests.allMids))[order.market.symbol]
    if (mid === undefined) {
      return yield* new InvalidOrder({
        venue: VENUE,
        reason: "would_not_fill",
        detail: `no mid price for ${order.market.symbol}`
      })
    }
    return Trading.marketOrderPrice(order.market, order.request.side, mid, api.settings.marketSlippage)
  })

/**
 * How long the order an unmatched IOC left is asked for while the venue is rate limited: two of the
 * venue's one-minute weight windows, as the kernel's deadline for ambiguous placements, so that a
 * bot whose own placements used up the window still gets its answer (the reliability figures: with
 * 30 s, 1–8 per 1,000 such IOCs at 50 in flight were reported `InvalidOrder` instead of `expired`).
 */
const MISSED_IOC_WITHIN = Duration.minutes(2)

const placeBatch = (api: Api, orders: ReadonlyArray<PreparedOrder>) =>
  Effect.gen(function*() {
    yield* accountOf(api)
    const items = yield* Effect.forEach(orders, (order) =>
      Effect.map(priceOf(api, order), (price) => {
        const tif = Either.getOrElse(Trading.tifOf(order.request), () => "Gtc" as const)
        return {
          order,
          price,
          tif,
          wire: Trading.orderWire(order.market, order.request, price, tif, order.clientOrderId)
        }
      }))
    const answer = yield* sendAction(api, items.length, "order", Trading.placeAction(items.map((i) => i.wire)))
    const statuses = yield* Trading.statusesOf(answer, items.length)
    const now = yield* api.now
    return yield* Effect.forEach(items, (item, i) => {
      const result = Trading.placementResult(
        item.order.market,
        item.order.request,
        item.price,
        item.order.clientOrderId,
        statuses[i]!,
        now
      )
      // An IOC that matched nothing is an error on the venue; the order it records says `expired`.
      // It is asked for while the venue is rate limited or unreachable (the reliability figures:
      // under load, a single rate-limited ask left such IOCs reported "not placed").
      const missed = Either.isLeft(result) && result.left._tag === "InvalidOrder" &&
        result.left.reason === "would_not_fill" && item.tif === "Ioc"
      return missed
        ? Effect.map(
          Effect.either(persist(lookupBy(api, item.order.market, item.order.clientOrderId), MISSED_IOC_WITHIN)),
          (found): Either.Either<Order, TradingError> => Either.isRight(found) ? found : result
        )
        : Effect.succeed(result as Either.Either<Order, TradingError>)
    }, { concurrency: 4 })
  })

const place = (api: Api, order: PreparedOrder) => Effect.flatMap(placeBatch(api, [order]), ([result]) => result!)

type CancelItem = { readonly market: Market; readonly ref: OrderRef }

const cancelBatch = (api: Api, items: ReadonlyArray<CancelItem>) =>
  Effect.gen(function*() {
    yield* accountOf(api)
    const byCloid = items[0]?.ref.clientOrderId !== undefined
    const action = byCloid
      ? Trading.cancelByCloidAction(items.map((i) => ({ market: i.market, cloid: i.ref.clientOrderId! })))
      : Trading.cancelAction(items.map((i) => ({ market: i.market, oid: refOf(i.ref) as number })))
    const answer = yield* sendAction(api, items.length, "cancel", action)
    const statuses = yield* Trading.statusesOf(answer, items.length)
    return yield* Effect.forEach(items, (item, i) => {
      const r = refOf(item.ref)
      const outcome = Trading.cancelResult(statuses[i]!, typeof r === "number" ? { oid: String(r) } : { cloid: r })
      return Either.isLeft(outcome)
        ? Effect.succeed(Either.left<TradingError>(outcome.left))
        : Effect.either(lookupBy(api, item.market, r))
    }, { concurrency: 4 })
  })

const validRef = (ref: OrderRef) =>
  ref.clientOrderId !== undefined ? Trading.isCloid(ref.clientOrderId) : /^\d{1,19}$/.test(ref.id)

const cancel = (api: Api, m: Market, ref: OrderRef) =>
  validRef(ref)
    ? Effect.flatMap(cancelBatch(api, [{ market: m, ref }]), ([r]) => r!)
    : Effect.fail(
      new OrderNotFound({
        venue: VENUE,
        ...(ref.id !== undefined ? { orderId: ref.id } : { clientOrderId: ref.clientOrderId })
      })
    )

const openOrders = (api: Api, markets: Markets, only: Market | undefined) =>
  Effect.gen(function*() {
    const user = yield* accountOf(api)
    const list = yield* info(api, Endpoints.frontendOpenOrders, Endpoints.requests.frontendOpenOrders(user))
    const out: Array<Order> = []
    for (const o of list) {
      const m = markets.byVenueSymbol(o.coin)
      if (m !== undefined && (only === undefined || m === only)) out.push(Convert.toOrder(m, o, "open"))
    }
    return out
  })

const cancelAll = (api: Api, m: Market) =>
  Effect.gen(function*() {
    const open = yield* openOrders(api, yield* api.markets, m)
    const out: Array<Order> = []
    for (let i = 0; i < open.length; i += capabilities.trading.batchCancelMax) {
      const part = open.slice(i, i + capabilities.trading.batchCancelMax)
      const results = yield* cancelBatch(api, part.map((o) => ({ market: m, ref: { symbol: m.symbol, id: o.id } })))
      for (const r of results) {
        if (Either.isRight(r)) out.push(r.right)
        else if (r.left._tag !== "OrderNotFound") return yield* r.left
      }
    }
    return out
  })

/** `batchModify` with one item (as the SDK's `modify_order` sends it); then the order as it now is. */
const amend = (
  api: Api,
  m: Market,
  ref: OrderRef,
  amendment: { readonly price?: Decimal.Decimal | undefined; readonly quantity?: Decimal.Decimal | undefined }
) =>
  Effect.gen(function*() {
    const current = yield* lookup(api, m, ref)
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
    const oid = Number.parseInt(current.id, 10)
    const answer = yield* sendAction(api, 1, "order", Trading.batchModifyAction([{ oid, order: wire }]))
    const [status] = yield* Trading.statusesOf(answer, 1)
    if (typeof status === "object" && "error" in status) {
      return yield* Errors.fromMessage(status.error, { endpoint: "POST /exchange" })
    }
    return yield* lookupBy(api, m, current.clientOrderId ?? oid)
  })

// ---- account ----------------------------------------------------------------------------------

const balances = (api: Api) =>
  Effect.gen(function*() {
    const user = yield* accountOf(api)
    const [spot, perps] = yield* Effect.all([
      info(api, Endpoints.spotClearinghouseState, Endpoints.requests.spotClearinghouseState(user)),
      info(api, Endpoints.clearinghouseState, Endpoints.requests.clearinghouseState(user))
    ], { concurrency: 2 })
    const out: Array<Balance> = spot.balances.map((b) => ({
      asset: b.coin,
      free: BigDecimal.subtract(b.total, b.hold),
      locked: b.hold,
      total: b.total
    }))
    // The perp account's margin is its own USDC balance on the venue: listed as `USDC:perp`.
    const value = perps.marginSummary.accountValue
    out.push({
      asset: `${Convert.USDC}:perp`,
      free: perps.withdrawable,
      locked: BigDecimal.max(Decimal.zero, BigDecimal.subtract(value, perps.withdrawable)),
      total: value
    })
    return out
  })

const positions = (api: Api, markets: Markets, chosen: ReadonlyArray<Market> | undefined) =>
  Effect.gen(function*() {
    const user = yield* accountOf(api)
    const wanted = chosen === undefined ? undefined : new Set(chosen)
    const state = yield* info(api, Endpoints.clearinghouseState, Endpoints.requests.clearinghouseState(user))
    const out = []
    for (const { position } of state.assetPositions) {
      const m = markets.byVenueSymbol(position.coin, "perp")
      if (m === undefined || (wanted !== undefined && !wanted.has(m)) || BigDecimal.isZero(position.szi)) continue
      out.push(Convert.toPosition(m, position, state.time))
    }
    return out
  })

// ---- the adapter ------------------------------------------------------------------------------

/**
 * Hyperliquid, as the kernel needs it.
 * @since 0.1.0
 */
export const adapter: VenueAdapter<HyperliquidCredentials, HyperliquidSettings> = {
  definition: {
    venue: VENUE,
    name: "Hyperliquid",
    urls,
    // 1,200 weight per minute per IP (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits)
    rateLimit: { weightLimit: 1200, windowMs: 60_000, maxWaitMs: 10_000 },
    // No receive window: actions carry `expiresAfter` = time + recvWindow instead (see signing.ts).
    maxRecvWindowMs: 60_000,
    streamTimings: Streams.defaultStreamTimings,
    credentials: {
      fields: credentialFields,
      make: (values) => {
        const privateKey = values.privateKey
        const accountAddress = values.accountAddress
        if (privateKey === undefined) return Either.left("missing private_key (the API (agent) wallet's private key)")
        if (accountAddress === undefined) return Either.left("missing account_address (the account's address)")
        const vault = values.vaultAddress
        return validate({
          privateKey,
          accountAddress: Redacted.value(accountAddress),
          ...(vault !== undefined ? { vaultAddress: Redacted.value(vault) } : {})
        })
      }
    },
    signer: (credentials, recvWindowMs, environment) =>
      makeSigner(credentials, environment === "mainnet" ? "a" : "b", recvWindowMs),
    classify: Errors.classifyResponse
  },
  capabilities,
  defaultSettings: { marketSlippage: Trading.defaultMarketSlippage, addressBudgetMaxWaitMs: 10_000 },
  marketData: {
    serverTime,
    loadMarkets,
    ticker,
    tickers,
    orderBook,
    trades,
    candles,
    fundingRate,
    fundingRateHistory
  },
  streams: {
    connections: (options) => ({
      main: Streams.protocol({
        url: `${options.baseUrl.replace(/\/+$/, "")}/ws`,
        watchdog: options.watchdog,
        heartbeat: options.heartbeat
      })
    }),
    connectionOf: () => "main",
    ticker: { topic: Streams.bboTopic, decode: Streams.decodeTicker },
    trades: { topic: Streams.tradesTopic, decode: Streams.decodeTrades },
    candles: { topic: Streams.candleTopic, decode: Streams.decodeCandle },
    book: { topic: Streams.l2BookTopic, decode: () => Streams.decodeBook },
    bookSync: hyperliquidBookSync
  },
  trading: {
    clientOrderId: {
      format: { prefix: "0x", length: 34, alphabet: "0123456789abcdef", timeRadix: 16 },
      valid: Trading.isCloid,
      rule: "a cloid: 0x followed by 32 hex digits"
    },
    refuse: (_m, request) =>
      Either.match(Trading.tifOf(request), { onLeft: (e) => e.feature, onRight: () => undefined }),
    place,
    lookup: (api, m, ref) => lookup(api, m, ref),
    cancel,
    cancelAll,
    amend,
    openOrders,
    placeBatch: { max: capabilities.trading.batchPlaceMax, send: placeBatch },
    cancelBatch: {
      max: capabilities.trading.batchCancelMax,
      key: (item) => item.ref.clientOrderId !== undefined ? "cloid" : validRef(item.ref) ? "oid" : "invalid",
      send: (api, items) =>
        items.every((i) => validRef(i.ref))
          ? cancelBatch(api, items)
          : Effect.succeed(items.map((i) =>
            Either.left<TradingError>(
              new OrderNotFound({ venue: VENUE, ...(i.ref.id !== undefined ? { orderId: i.ref.id } : {}) })
            )
          ))
    }
  },
  account: { balances, positions, permissions },
  userStreams: UserStream.make(accountOf)
}

/**
 * `make`, `layer` and `layerConfig` for Hyperliquid.
 * @since 0.1.0
 */
export const { layer, layerConfig, make } = Connector.constructors(adapter)

/** @since 0.1.0 */
export type { HyperliquidCredentials } from "./signing.js"
