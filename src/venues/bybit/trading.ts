/**
 * Bybit v5 trading and account, for spot and linear (the category comes from the market).
 *
 * Bybit's create / amend / cancel answer with ids only, so each is followed by a query of the order
 * (`/v5/order/realtime` by `orderId`, which also finds closed orders) to return its state. A
 * post-only order that would take liquidity is accepted and then cancelled by Bybit
 * (`rejectReason: EC_PostOnlyWillTakeLiquidity`); that is reported as
 * `InvalidOrder(post_only_would_cross)`.
 *
 * A placement whose outcome is ambiguous (timeout, reset, 5xx, an unreadable success body) is never
 * sent again: once the request's validity window (`X-BAPI-RECV-WINDOW`) has passed, the order is
 * looked up by its `orderLinkId`.
 *
 * https://bybit-exchange.github.io/docs/v5/order/create-order
 * https://bybit-exchange.github.io/docs/v5/order/open-order
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { ExchangeUnavailable, InvalidOrder, NotSupported, OrderNotFound } from "../../errors/ExchangeError.js"
import type {
  BatchItem,
  Capabilities,
  Environment,
  Exchange,
  HealthReport,
  MarketDataError,
  OrderAmendment,
  OrderRef,
  TradingError
} from "../../Exchange.js"
import * as AmbiguousPlacement from "../../kernel/AmbiguousPlacement.js"
import * as ClientOrderId from "../../kernel/ClientOrderId.js"
import * as HealthCheck from "../../kernel/HealthCheck.js"
import type * as RestClient from "../../kernel/RestClient.js"
import type { ServerClock } from "../../kernel/ServerClock.js"
import * as SignedCalls from "../../kernel/SignedCalls.js"
import type { Balance } from "../../model/Balance.js"
import * as Decimal from "../../model/Decimal.js"
import type { Market, Markets } from "../../model/Market.js"
import type { Order, OrderRequest, OrderStatus } from "../../model/Order.js"
import { checkOrder } from "../../model/OrderRules.js"
import type { Position } from "../../model/Position.js"
import { type Category, categoryOf, VENUE } from "./convert.js"
import * as Endpoints from "./endpoints.js"
import * as Errors from "./errors.js"
import type * as Wire from "./wire.js"

/** @since 0.1.0 */
export const tradingCapabilities: Capabilities["trading"] = {
  enabled: true,
  orderTypes: ["limit", "market"],
  timeInForce: ["GTC", "IOC", "FOK"],
  postOnly: true,
  reduceOnly: true,
  amend: true,
  batchPlaceMax: Endpoints.batchLimits.spot,
  batchCancelMax: Endpoints.batchLimits.spot,
  cancelAll: true
}

/**
 * Order status → unified status.
 * https://bybit-exchange.github.io/docs/v5/enum#orderstatus
 * @since 0.1.0
 */
export const orderStatus = (status: string): OrderStatus => {
  switch (status) {
    case "New":
      return "open"
    case "Created":
    case "Untriggered":
    case "Triggered":
      return "pending"
    case "PartiallyFilled":
      return "partially_filled"
    case "Filled":
      return "filled"
    case "Cancelled":
    case "PartiallyFilledCanceled":
    case "Deactivated":
      return "canceled"
    case "Rejected":
      return "rejected"
    default:
      return { _tag: "Unknown", raw: status }
  }
}

/** Bybit cancels an IOC/FOK/market remainder itself: that is `expired` in the unified model. */
const finalStatus = (o: Wire.Order): OrderStatus => {
  const status = orderStatus(o.orderStatus)
  const selfCanceled = o.orderType === "Market" || o.timeInForce === "IOC" || o.timeInForce === "FOK"
  return status === "canceled" && selfCanceled ? "expired" : status
}

/** @since 0.1.0 */
export const toOrder = (market: Market, o: Wire.Order): Order => {
  const tif = o.timeInForce === "GTC" || o.timeInForce === "IOC" || o.timeInForce === "FOK" ? o.timeInForce : undefined
  const isMarket = o.orderType === "Market"
  return {
    id: o.orderId,
    ...(o.orderLinkId !== "" ? { clientOrderId: o.orderLinkId } : {}),
    symbol: market.unified,
    venueSymbol: market.symbol,
    side: o.side === "Buy" ? "buy" : "sell",
    type: isMarket ? "market" : "limit",
    ...(tif !== undefined && !isMarket ? { timeInForce: tif } : {}),
    postOnly: o.timeInForce === "PostOnly",
    reduceOnly: o.reduceOnly === true,
    ...(!isMarket && o.price !== undefined && BigDecimal.isPositive(o.price) ? { price: o.price } : {}),
    quantity: o.qty,
    filledQuantity: o.cumExecQty,
    ...(o.cumExecValue !== undefined ? { filledQuote: o.cumExecValue } : {}),
    ...(o.avgPrice !== undefined && BigDecimal.isPositive(o.avgPrice) ? { averagePrice: o.avgPrice } : {}),
    status: finalStatus(o),
    venueStatus: o.orderStatus,
    createdAt: o.createdTime,
    updatedAt: o.updatedTime
  }
}

/**
 * `orderLinkId`: at most 36 characters of letters, digits, `-` and `_`.
 * https://bybit-exchange.github.io/docs/v5/order/create-order
 * @since 0.1.0
 */
export const clientOrderIdFormat: ClientOrderId.ClientOrderIdFormat = { prefix: "lx-", length: 32 }
const CLIENT_ORDER_ID = /^[A-Za-z0-9_-]{1,36}$/

/**
 * The body of `POST /v5/order/create` (and one item of `create-batch`, without `category`). GTC is
 * Bybit's default for limit orders and is not sent; spot market quantities are in the base coin
 * (`marketUnit: baseCoin`; Bybit's default for a spot market buy is the quote coin).
 * @since 0.1.0
 */
export const orderBody = (market: Market, request: OrderRequest, clientOrderId: string) => {
  const category = categoryOf(market)
  const timeInForce = request.type === "market"
    ? undefined
    : request.postOnly === true
    ? "PostOnly"
    : request.timeInForce === "IOC" || request.timeInForce === "FOK"
    ? request.timeInForce
    : undefined
  return {
    category,
    symbol: market.symbol,
    side: request.side === "buy" ? "Buy" : "Sell",
    orderType: request.type === "market" ? "Market" : "Limit",
    qty: Decimal.format(request.quantity),
    ...(request.price !== undefined ? { price: Decimal.format(request.price) } : {}),
    ...(timeInForce !== undefined ? { timeInForce } : {}),
    ...(category === "spot" && request.type === "market" ? { marketUnit: "baseCoin" } : {}),
    ...(request.reduceOnly === true ? { reduceOnly: true } : {}),
    orderLinkId: clientOrderId
  }
}

/**
 * Which order: `orderId` or `orderLinkId`.
 * @since 0.1.0
 */
export const refParams = (ref: OrderRef) =>
  ref.id !== undefined ? { orderId: ref.id } : { orderLinkId: ref.clientOrderId }

/** Body of `POST /v5/order/cancel`. @since 0.1.0 */
export const cancelBody = (market: Market, ref: OrderRef) => ({
  category: categoryOf(market),
  symbol: market.symbol,
  ...refParams(ref)
})

/** Body of `POST /v5/order/amend`. @since 0.1.0 */
export const amendBody = (market: Market, ref: OrderRef, amendment: OrderAmendment) => ({
  category: categoryOf(market),
  symbol: market.symbol,
  ...refParams(ref),
  ...(amendment.quantity !== undefined ? { qty: Decimal.format(amendment.quantity) } : {}),
  ...(amendment.price !== undefined ? { price: Decimal.format(amendment.price) } : {})
})

/** Body of `POST /v5/order/cancel-all`. @since 0.1.0 */
export const cancelAllBody = (market: Market) => ({ category: categoryOf(market), symbol: market.symbol })

/** Query of `GET /v5/order/realtime` for one order. @since 0.1.0 */
export const orderQuery = (market: Market, ref: OrderRef) => ({
  category: categoryOf(market),
  symbol: market.symbol,
  ...refParams(ref)
})

/** Query of `GET /v5/order/realtime` for the open orders of one market. @since 0.1.0 */
export const openOrdersQuery = (market: Market) => ({ symbol: market.symbol, category: categoryOf(market) })

/** Body of `POST /v5/order/create-batch` for orders of one category. @since 0.1.0 */
export const batchCreateBody = (
  category: Category,
  items: ReadonlyArray<{ readonly market: Market; readonly request: OrderRequest; readonly clientOrderId: string }>
) => ({
  category,
  request: items.map(({ clientOrderId, market, request }) => {
    const { category: _, ...item } = orderBody(market, request, clientOrderId)
    return item
  })
})

/** Body of `POST /v5/order/cancel-batch` for orders of one category. @since 0.1.0 */
export const batchCancelBody = (
  category: Category,
  items: ReadonlyArray<{ readonly market: Market; readonly ref: OrderRef }>
) => ({
  category,
  request: items.map(({ market, ref }) => ({ symbol: market.symbol, ...refParams(ref) }))
})

/** Query of `GET /v5/position/list`: by symbol, or every USDT-settled position. @since 0.1.0 */
export const positionsQuery = (market?: Market) =>
  market === undefined
    ? { settleCoin: "USDT", category: "linear", limit: "200" }
    : { category: "linear", symbol: market.symbol, limit: "200" }

/** Query of `GET /v5/account/wallet-balance`. @since 0.1.0 */
export const balanceQuery = { accountType: "UNIFIED" } as const

/**
 * @since 0.1.0
 */
export interface TradingDeps {
  readonly rest: RestClient.RestClient
  readonly market: (symbol: string) => Effect.Effect<Market, MarketDataError>
  readonly markets: Effect.Effect<Markets, MarketDataError>
  readonly clock: ServerClock
  readonly serverTime: Effect.Effect<number, MarketDataError>
  /** Validity window of signed requests, ms. */
  readonly recvWindowMs: number
}

type TradingMethods = Pick<
  Exchange,
  | "placeOrder"
  | "placeOrders"
  | "cancelOrder"
  | "cancelOrders"
  | "cancelAllOrders"
  | "amendOrder"
  | "getOrder"
  | "openOrders"
  | "balances"
  | "positions"
>

const notSupported = (feature: string) => new NotSupported({ venue: VENUE, feature })

const json = (value: unknown) => ({ body: { _tag: "json" as const, value } })

const chunk = <A>(items: ReadonlyArray<A>, size: number): ReadonlyArray<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * @since 0.1.0
 */
export const make = (deps: TradingDeps): Effect.Effect<TradingMethods> =>
  Effect.sync(() => {
    const { clock, rest } = deps

    const signed = SignedCalls.make({ venue: VENUE, rest, serverTime: deps.serverTime })

    const lookup = (market: Market, ref: OrderRef): Effect.Effect<Order, TradingError> =>
      Effect.flatMap(rest.request(Endpoints.openOrders, { query: orderQuery(market, ref) }), (r) => {
        const found = r.result.list.find((o) => o.symbol === market.symbol)
        return found === undefined
          ? Effect.fail(
            new OrderNotFound({
              venue: VENUE,
              endpoint: "GET /v5/order/realtime",
              orderId: ref.id,
              clientOrderId: ref.clientOrderId
            })
          )
          : Effect.succeed(toOrder(market, found))
      })

    /** The raw order (with its `rejectReason`, for the post-only check). */
    const lookupRaw = (market: Market, ref: OrderRef) =>
      Effect.flatMap(rest.request(Endpoints.openOrders, { query: orderQuery(market, ref) }), (r) => {
        const found = r.result.list.find((o) => o.symbol === market.symbol)
        return found === undefined
          ? Effect.fail(new OrderNotFound({ venue: VENUE, orderId: ref.id, clientOrderId: ref.clientOrderId }))
          : Effect.succeed(found)
      })

    const postOnlyCheck = (order: Order, rejectReason: string | undefined): Effect.Effect<Order, TradingError> =>
      order.postOnly && rejectReason === "EC_PostOnlyWillTakeLiquidity"
        ? Effect.fail(
          new InvalidOrder({
            venue: VENUE,
            reason: "post_only_would_cross",
            venueMessage: rejectReason,
            detail: `post-only order ${order.id} would have taken liquidity and was cancelled by Bybit`
          })
        )
        : Effect.succeed(order)

    const queryPlaced = (market: Market, request: OrderRequest, ids: { orderId: string; orderLinkId: string }) =>
      Effect.gen(function*() {
        const found = yield* Effect.either(lookupRaw(market, { symbol: market.symbol, id: ids.orderId }))
        if (Either.isLeft(found)) {
          yield* Effect.logWarning(
            `[bybit] order ${ids.orderId} was accepted but could not be queried: ${found.left.message}`
          )
          return createdOrder(market, request, ids)
        }
        return yield* postOnlyCheck(toOrder(market, found.right), found.right.rejectReason)
      })

    /** After an ambiguous placement: wait out the validity window, then ask by `orderLinkId`. */
    const resolveAmbiguous = (market: Market, clientOrderId: string, sentAt: number, cause: TradingError) =>
      AmbiguousPlacement.resolve({
        venue: VENUE,
        clock,
        recvWindowMs: deps.recvWindowMs,
        clientOrderId,
        sentAt,
        cause,
        lookup: Effect.flatMap(
          lookupRaw(market, { symbol: market.symbol, clientOrderId }),
          (found) => postOnlyCheck(toOrder(market, found), found.rejectReason)
        )
      })

    /** Local checks, then the client order id (one per intent, before any send). */
    const prepare = (request: OrderRequest) =>
      Effect.gen(function*() {
        const market = yield* deps.market(request.symbol)
        if (request.reduceOnly === true && market.type === "spot") {
          return yield* notSupported("reduce-only orders on a spot market")
        }
        if (request.type === "market" && request.timeInForce === "FOK") {
          return yield* notSupported("FOK market orders (Bybit market orders are IOC)")
        }
        yield* checkOrder(market, request)
        if (request.clientOrderId !== undefined && !CLIENT_ORDER_ID.test(request.clientOrderId)) {
          return yield* notSupported(
            `client order id "${request.clientOrderId}" (Bybit allows 1–36 of A-Z a-z 0-9 - _)`
          )
        }
        const clientOrderId = request.clientOrderId ?? (yield* ClientOrderId.generate(clientOrderIdFormat))
        return { market, request, clientOrderId }
      })

    const placeOrder = (request: OrderRequest): Effect.Effect<Order, TradingError> =>
      Effect.gen(function*() {
        const { clientOrderId, market } = yield* prepare(request)
        return yield* signed(Effect.gen(function*() {
          const sentAt = yield* clock.now
          return yield* rest.request(Endpoints.createOrder, json(orderBody(market, request, clientOrderId))).pipe(
            Effect.flatMap((r) => queryPlaced(market, request, r.result)),
            Effect.catchIf(
              (e) => e.outcome === "ambiguous",
              (e) => resolveAmbiguous(market, clientOrderId, sentAt, e)
            )
          )
        }))
      }).pipe(Effect.withSpan("bybit.placeOrder", { captureStackTrace: false }))

    const placeOrders = (
      requests: ReadonlyArray<OrderRequest>
    ): Effect.Effect<ReadonlyArray<BatchItem<Order>>, TradingError> =>
      Effect.gen(function*() {
        const results: Array<BatchItem<Order> | undefined> = requests.map(() => undefined)
        const prepared = yield* Effect.forEach(requests, (r) => Effect.either(prepare(r)))
        const byCategory = new Map<
          Category,
          Array<{ index: number; market: Market; request: OrderRequest; clientOrderId: string }>
        >()
        prepared.forEach((p, index) => {
          if (Either.isLeft(p)) {
            results[index] = Either.left(p.left)
            return
          }
          const category = categoryOf(p.right.market)
          const list = byCategory.get(category) ?? []
          list.push({ index, ...p.right })
          byCategory.set(category, list)
        })
        for (const [category, items] of byCategory) {
          for (const part of chunk(items, Endpoints.batchLimits[category])) {
            const sentAt = yield* clock.now
            const sent = yield* Effect.either(
              signed(rest.request(Endpoints.createBatch, json(batchCreateBody(category, part))))
            )
            if (Either.isLeft(sent)) {
              const error = sent.left
              const each = yield* Effect.forEach(part, (item) =>
                error.outcome === "ambiguous"
                  ? Effect.either(resolveAmbiguous(item.market, item.clientOrderId, sentAt, error))
                  : Effect.succeed(Either.left(error)), { concurrency: 4 })
              part.forEach((item, i) => {
                results[item.index] = each[i]!
              })
              continue
            }
            const answer = sent.right
            const each = yield* Effect.forEach(part, (item, i) => {
              const ext = answer.retExtInfo.list[i]
              const ids = answer.result.list[i]
              if (ext !== undefined && ext.code !== 0) {
                return Effect.succeed(
                  Either.left(
                    Errors.classify({ code: ext.code, msg: ext.msg, endpoint: "POST /v5/order/create-batch" })
                  )
                )
              }
              if (ids === undefined || ids.orderId === "") {
                return Effect.either(resolveAmbiguous(
                  item.market,
                  item.clientOrderId,
                  sentAt,
                  new ExchangeUnavailable({ venue: VENUE, outcome: "ambiguous", detail: "no result for this item" })
                ))
              }
              return Effect.either(queryPlaced(item.market, item.request, ids))
            }, { concurrency: 4 })
            part.forEach((item, i) => {
              results[item.index] = each[i]!
            })
          }
        }
        return results.map((r) => r ?? Either.left(notSupported("an empty batch item")))
      }).pipe(Effect.withSpan("bybit.placeOrders"))

    const cancelOrder = (ref: OrderRef): Effect.Effect<Order, TradingError> =>
      Effect.gen(function*() {
        const market = yield* deps.market(ref.symbol)
        const r = yield* signed(rest.request(Endpoints.cancelOrder, json(cancelBody(market, ref))))
        return yield* signed(lookup(market, { symbol: market.symbol, id: r.result.orderId }))
      }).pipe(Effect.withSpan("bybit.cancelOrder", { captureStackTrace: false }))

    const cancelOrders = (
      refs: ReadonlyArray<OrderRef>
    ): Effect.Effect<ReadonlyArray<BatchItem<Order>>, TradingError> =>
      Effect.gen(function*() {
        const results: Array<BatchItem<Order> | undefined> = refs.map(() => undefined)
        const byCategory = new Map<Category, Array<{ index: number; market: Market; ref: OrderRef }>>()
        for (let index = 0; index < refs.length; index++) {
          const ref = refs[index]!
          const market = yield* Effect.either(deps.market(ref.symbol))
          if (Either.isLeft(market)) {
            results[index] = Either.left(market.left)
            continue
          }
          const category = categoryOf(market.right)
          const list = byCategory.get(category) ?? []
          list.push({ index, market: market.right, ref })
          byCategory.set(category, list)
        }
        for (const [category, items] of byCategory) {
          for (const part of chunk(items, Endpoints.batchLimits[category])) {
            const sent = yield* Effect.either(
              signed(rest.request(Endpoints.cancelBatch, json(batchCancelBody(category, part))))
            )
            const each = yield* Effect.forEach(part, (item, i) => {
              if (Either.isLeft(sent)) return Effect.succeed(Either.left(sent.left))
              const ext = sent.right.retExtInfo.list[i]
              if (ext !== undefined && ext.code !== 0) {
                return Effect.succeed(Either.left(
                  Errors.classify({ code: ext.code, msg: ext.msg, endpoint: "POST /v5/order/cancel-batch" })
                ))
              }
              const orderId = sent.right.result.list[i]?.orderId
              return Effect.either(
                lookup(
                  item.market,
                  orderId !== undefined && orderId !== "" ? { symbol: item.market.symbol, id: orderId } : item.ref
                )
              )
            }, { concurrency: 4 })
            part.forEach((item, i) => {
              results[item.index] = each[i]!
            })
          }
        }
        return results.map((r) => r ?? Either.left(notSupported("an empty batch item")))
      }).pipe(Effect.withSpan("bybit.cancelOrders"))

    const cancelAllOrders = (symbol: string): Effect.Effect<ReadonlyArray<Order>, TradingError> =>
      Effect.gen(function*() {
        const market = yield* deps.market(symbol)
        const r = yield* signed(
          rest.request(Endpoints.cancelAll, json(cancelAllBody(market)))
        )
        const orders = yield* Effect.forEach(
          r.result.list,
          (ids) => Effect.option(lookup(market, { symbol: market.symbol, id: ids.orderId })),
          { concurrency: 4 }
        )
        return orders.flatMap(Option.toArray)
      })

    const amendOrder = (ref: OrderRef, amendment: OrderAmendment): Effect.Effect<Order, TradingError> =>
      Effect.gen(function*() {
        const market = yield* deps.market(ref.symbol)
        if (amendment.price === undefined && amendment.quantity === undefined) {
          return yield* new InvalidOrder({ venue: VENUE, reason: "invalid_parameter", detail: "nothing to amend" })
        }
        if (amendment.price !== undefined && !Decimal.isMultipleOf(amendment.price, market.tickSize)) {
          return yield* new InvalidOrder({
            venue: VENUE,
            reason: "tick_size",
            detail: `price ${Decimal.format(amendment.price)} is not a multiple of the tick size ${
              Decimal.format(market.tickSize)
            }`
          })
        }
        if (amendment.quantity !== undefined && !Decimal.isMultipleOf(amendment.quantity, market.lotStep)) {
          return yield* new InvalidOrder({
            venue: VENUE,
            reason: "lot_size",
            detail: `quantity ${Decimal.format(amendment.quantity)} is not a multiple of the lot step ${
              Decimal.format(market.lotStep)
            }`
          })
        }
        const r = yield* signed(rest.request(Endpoints.amendOrder, json(amendBody(market, ref, amendment))))
        return yield* lookup(market, { symbol: market.symbol, id: r.result.orderId })
      }).pipe(Effect.withSpan("bybit.amendOrder"))

    const getOrder = (ref: OrderRef): Effect.Effect<Order, TradingError> =>
      Effect.flatMap(deps.market(ref.symbol), (market) => signed(lookup(market, ref)))

    /** Every page of open orders for one query (Bybit pages by `cursor`). */
    const openPages = (query: Readonly<Record<string, string>>) =>
      Effect.gen(function*() {
        const out: Array<Wire.Order> = []
        let cursor: string | undefined
        for (let page = 0; page < 50; page++) {
          const r = yield* rest.request(Endpoints.openOrders, {
            query: cursor === undefined ? query : { ...query, cursor }
          })
          out.push(...r.result.list)
          cursor = r.result.nextPageCursor
          if (cursor === undefined || cursor === "" || r.result.list.length === 0) break
        }
        return out
      })

    const openOrders = (symbol?: string): Effect.Effect<ReadonlyArray<Order>, TradingError> =>
      signed(Effect.gen(function*() {
        if (symbol !== undefined) {
          const market = yield* deps.market(symbol)
          const list = yield* openPages(openOrdersQuery(market))
          return list.map((o) => toOrder(market, o))
        }
        const all = yield* deps.markets
        const queries: Array<Record<string, string>> = [{ category: "spot" }]
        const settles = new Set(all.all.flatMap((m) => m.type === "perp" && m.settle !== undefined ? [m.settle] : []))
        for (const settleCoin of settles) queries.push({ category: "linear", settleCoin })
        const out: Array<Order> = []
        for (const query of queries) {
          const list = yield* openPages(query)
          for (const o of list) {
            const market = all.all.find((m) => m.symbol === o.symbol && categoryOf(m) === query.category)
            if (market !== undefined) out.push(toOrder(market, o))
          }
        }
        return out
      }))

    const balances: Effect.Effect<ReadonlyArray<Balance>, TradingError> = Effect.map(
      signed(rest.request(Endpoints.walletBalance, { query: balanceQuery })),
      (r) =>
        r.result.list.flatMap((account) =>
          account.coin.map((c) => {
            const locked = [c.locked, c.totalOrderIM, c.totalPositionIM].reduce<Decimal.Decimal>(
              (sum, d) => (d === undefined ? sum : BigDecimal.sum(sum, d)),
              Decimal.zero
            )
            const free = BigDecimal.max(Decimal.zero, BigDecimal.subtract(c.walletBalance, locked))
            return { asset: c.coin, free, locked, total: c.walletBalance }
          })
        ).filter((b) => !BigDecimal.isZero(b.total))
    )

    const positions = (symbols?: ReadonlyArray<string>): Effect.Effect<ReadonlyArray<Position>, TradingError> =>
      signed(Effect.gen(function*() {
        const all = yield* deps.markets
        const chosen = symbols === undefined ? undefined : yield* Effect.forEach(symbols, (s) => all.resolve(s))
        if (chosen !== undefined && chosen.some((m) => m.type !== "perp")) {
          return yield* notSupported("positions of a spot market")
        }
        const queries = chosen === undefined ? [positionsQuery()] : chosen.map((m) => positionsQuery(m))
        const out: Array<Position> = []
        for (const query of queries) {
          const r = yield* rest.request(Endpoints.positions, { query })
          for (const p of r.result.list) {
            const market = all.all.find((m) => m.type === "perp" && m.symbol === p.symbol)
            if (market === undefined || !BigDecimal.isPositive(p.size) || (p.side !== "Buy" && p.side !== "Sell")) {
              continue
            }
            out.push({
              symbol: market.unified,
              venueSymbol: market.symbol,
              side: p.side === "Buy" ? "long" : "short",
              size: p.size,
              entryPrice: p.avgPrice ?? Decimal.zero,
              ...(p.markPrice !== undefined ? { markPrice: p.markPrice } : {}),
              ...(p.liqPrice !== undefined ? { liquidationPrice: p.liqPrice } : {}),
              ...(p.unrealisedPnl !== undefined ? { unrealizedPnl: p.unrealisedPnl } : {}),
              ...(p.leverage !== undefined ? { leverage: p.leverage } : {}),
              ...(p.tradeMode !== undefined
                ? { marginMode: p.tradeMode === 1 ? "isolated" as const : "cross" as const }
                : {}),
              ...(typeof p.updatedTime === "number" ? { timestamp: p.updatedTime } : {})
            })
          }
        }
        return out
      }))

    return {
      placeOrder,
      placeOrders,
      cancelOrder,
      cancelOrders,
      cancelAllOrders,
      amendOrder,
      getOrder,
      openOrders,
      balances,
      positions
    }
  })

/** What a create answered, before the order could be queried: Bybit's `Created` state. */
const createdOrder = (market: Market, request: OrderRequest, ids: { orderId: string; orderLinkId: string }): Order => ({
  id: ids.orderId,
  clientOrderId: ids.orderLinkId,
  symbol: market.unified,
  venueSymbol: market.symbol,
  side: request.side,
  type: request.type,
  ...(request.type === "limit" && request.postOnly !== true ? { timeInForce: request.timeInForce ?? "GTC" } : {}),
  postOnly: request.postOnly === true,
  reduceOnly: request.reduceOnly === true,
  ...(request.price !== undefined ? { price: request.price } : {}),
  quantity: request.quantity,
  filledQuantity: Decimal.zero,
  status: "pending",
  venueStatus: "Created"
})

/**
 * Reachability and latency (server time), clock skew, credentials and permissions
 * (`/v5/user/query-api`), and the request budget in use.
 * https://bybit-exchange.github.io/docs/v5/user/apikey-info
 * @since 0.1.0
 */
export const healthCheck = (deps: {
  readonly rest: RestClient.RestClient
  readonly environment: Environment
  readonly serverTime: Effect.Effect<number, MarketDataError>
}): Effect.Effect<HealthReport, MarketDataError> =>
  HealthCheck.make({
    venue: "bybit",
    environment: deps.environment,
    rest: deps.rest,
    serverTime: deps.serverTime,
    permissions: Effect.map(deps.rest.request(Endpoints.apiKeyInfo), (info) => {
      // Permission names from https://bybit-exchange.github.io/docs/v5/user/apikey-info:
      // `ContractTrade`: `Order`, `Position`; `Spot`: `SpotTrade`; `Wallet`: `AccountTransfer`,
      // `SubMemberTransfer`, `SubMemberTransferList`, `Withdraw`; `Options`: `OptionsTrade`;
      // `Derivatives`: `DerivativesTrade` — which every unified account has by default, so it says
      // nothing about this key's trading rights and is not counted as one.
      const p = info.result.permissions
      const has = (group: string, name: string) => (p[group] ?? []).includes(name)
      const readOnly = info.result.readOnly === 1
      return {
        read: true,
        trade: !readOnly && (has("Spot", "SpotTrade") || has("ContractTrade", "Order")),
        withdraw: !readOnly && has("Wallet", "Withdraw")
      }
    })
  })
