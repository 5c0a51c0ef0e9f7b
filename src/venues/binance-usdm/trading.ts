/**
 * Binance USDⓈ-M trading and account: orders (single, batch, amend), balances, positions, health
 * check.
 *
 * A placement whose outcome is ambiguous (timeout, connection reset, 5xx, -1000/-1006/-1007, an
 * unreadable success body) is never sent again: once the request's validity window has passed —
 * after which Binance can no longer accept it — the order is looked up by its client order id. The
 * caller gets the order, a definitive error when it provably does not exist, or
 * `OrderStatusUnknown` only when the venue still cannot be asked. The same holds per item of a
 * batch whose request failed ambiguously.
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { DecodeError, NotSupported, OrderStatusUnknown } from "../../errors/ExchangeError.js"
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
import { VENUE } from "./convert.js"
import * as Endpoints from "./endpoints.js"
import { classify } from "./errors.js"
import * as Wire from "./wire.js"

/** Batch limits: https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Place-Multiple-Orders */
export const BATCH_PLACE_MAX = 5
/** https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Cancel-Multiple-Orders */
export const BATCH_CANCEL_MAX = 10

/** @since 0.1.0 */
export const tradingCapabilities: Capabilities["trading"] = {
  enabled: true,
  orderTypes: ["limit", "market"],
  timeInForce: ["GTC", "IOC", "FOK"],
  postOnly: true,
  reduceOnly: true,
  amend: true,
  batchPlaceMax: BATCH_PLACE_MAX,
  batchCancelMax: BATCH_CANCEL_MAX,
  cancelAll: true
}

/**
 * USDⓈ-M order status → unified status.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/common-definition#order-status-status
 * @since 0.1.0
 */
export const orderStatus = (status: string): OrderStatus => {
  switch (status) {
    case "NEW":
      return "open"
    case "PARTIALLY_FILLED":
      return "partially_filled"
    case "FILLED":
      return "filled"
    case "CANCELED":
      return "canceled"
    case "REJECTED":
      return "rejected"
    case "EXPIRED":
    case "EXPIRED_IN_MATCH":
      return "expired"
    default:
      return { _tag: "Unknown", raw: status }
  }
}

/**
 * A wire order → the unified order. Time in force `GTX` is post-only.
 * @since 0.1.0
 */
export const toOrder = (market: Market, o: Wire.Order): Order => {
  const isMarket = o.type === "MARKET" || o.type.endsWith("_MARKET")
  const tif = o.timeInForce === "GTC" || o.timeInForce === "IOC" || o.timeInForce === "FOK" ? o.timeInForce : undefined
  const createdAt = o.time ?? o.updateTime
  return {
    id: o.orderId,
    clientOrderId: o.clientOrderId,
    symbol: market.unified,
    venueSymbol: market.symbol,
    side: o.side === "BUY" ? "buy" : "sell",
    type: isMarket ? "market" : "limit",
    ...(tif !== undefined && !isMarket ? { timeInForce: tif } : {}),
    postOnly: o.timeInForce === "GTX",
    reduceOnly: o.reduceOnly,
    ...(isMarket || !BigDecimal.isPositive(o.price) ? {} : { price: o.price }),
    quantity: o.origQty,
    filledQuantity: o.executedQty,
    filledQuote: o.cumQuote,
    ...(BigDecimal.isPositive(o.avgPrice) ? { averagePrice: o.avgPrice } : {}),
    status: orderStatus(o.status),
    venueStatus: o.status,
    ...(createdAt !== undefined ? { createdAt } : {}),
    ...(o.updateTime !== undefined ? { updatedAt: o.updateTime } : {})
  }
}

/**
 * USDⓈ-M's client order id format: `^[\.A-Z\:/a-z0-9_-]{1,36}$`.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/New-Order
 * @since 0.1.0
 */
export const clientOrderIdFormat: ClientOrderId.ClientOrderIdFormat = { prefix: "lx-", length: 32 }
const CLIENT_ORDER_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/
const ORDER_ID = /^[0-9]{1,20}$/

/**
 * The parameters of `POST /fapi/v1/order` (and of one `batchOrders` item) for a validated unified
 * order. Post-only is time in force `GTX`; a market order has no time in force.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/New-Order
 * @since 0.1.0
 */
export const orderParams = (
  market: Market,
  request: OrderRequest,
  clientOrderId: string
): Readonly<Record<string, string>> => ({
  symbol: market.symbol,
  side: request.side === "buy" ? "BUY" : "SELL",
  type: request.type === "market" ? "MARKET" : "LIMIT",
  ...(request.type === "limit"
    ? { timeInForce: request.postOnly === true ? "GTX" : request.timeInForce ?? "GTC" }
    : {}),
  quantity: Decimal.format(request.quantity),
  ...(request.type === "limit" && request.price !== undefined ? { price: Decimal.format(request.price) } : {}),
  ...(request.reduceOnly === true ? { reduceOnly: "true" } : {}),
  newClientOrderId: clientOrderId,
  newOrderRespType: "RESULT"
})

/**
 * The body of `POST /fapi/v1/batchOrders`: `batchOrders` = a JSON array of order parameter objects.
 * @since 0.1.0
 */
export const batchPlaceParams = (items: ReadonlyArray<Readonly<Record<string, string>>>) => ({
  batchOrders: JSON.stringify(items)
})

/**
 * The query of `DELETE /fapi/v1/batchOrders` for refs of one symbol and one kind: `orderIdList`
 * (a JSON array of integers) or `origClientOrderIdList` (a JSON array of strings).
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Cancel-Multiple-Orders
 * @since 0.1.0
 */
export const batchCancelParams = (
  market: Market,
  refs: { readonly ids: ReadonlyArray<string> } | { readonly clientOrderIds: ReadonlyArray<string> }
): Readonly<Record<string, string>> =>
  "ids" in refs
    ? { symbol: market.symbol, orderIdList: `[${refs.ids.join(",")}]` }
    : { symbol: market.symbol, origClientOrderIdList: JSON.stringify(refs.clientOrderIds) }

/**
 * The parameters of `PUT /fapi/v1/order`: `symbol`, the order, and the required `side`,
 * `quantity` and `price`.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Modify-Order
 * @since 0.1.0
 */
export const amendParams = (
  market: Market,
  ref: OrderRef,
  order: { readonly side: "buy" | "sell"; readonly quantity: Decimal.Decimal; readonly price: Decimal.Decimal }
): Readonly<Record<string, string>> => ({
  symbol: market.symbol,
  ...(ref.id !== undefined ? { orderId: ref.id } : { origClientOrderId: ref.clientOrderId }),
  side: order.side === "buy" ? "BUY" : "SELL",
  quantity: Decimal.format(order.quantity),
  price: Decimal.format(order.price)
})

const refQuery = (market: Market, ref: { id?: string | undefined; clientOrderId?: string | undefined }) =>
  ref.id !== undefined
    ? { symbol: market.symbol, orderId: ref.id }
    : { symbol: market.symbol, origClientOrderId: ref.clientOrderId }

/**
 * @since 0.1.0
 */
export interface TradingDeps {
  readonly rest: RestClient.RestClient
  readonly market: (symbol: string) => Effect.Effect<Market, MarketDataError>
  readonly markets: Effect.Effect<Markets, MarketDataError>
  readonly clock: ServerClock
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

const decodeOrder = Schema.decodeUnknownEither(Wire.Order)
const decodeEnvelope = Schema.decodeUnknownEither(Wire.ErrorEnvelope)

/**
 * One item of a batch response: an order, or `{code, msg}` mapped through the error-code table.
 * @since 0.1.0
 */
export const batchItem = (market: Market, raw: unknown, endpoint: string): Either.Either<Order, TradingError> => {
  const envelope = decodeEnvelope(raw)
  if (Either.isRight(envelope) && envelope.right.code < 0) {
    return Either.left(classify({ code: envelope.right.code, msg: envelope.right.msg, endpoint }))
  }
  const order = decodeOrder(raw)
  if (Either.isRight(order)) return Either.right(toOrder(market, order.right))
  return Either.left(
    new DecodeError({
      venue: VENUE,
      endpoint,
      path: "batch item",
      detail: "neither an order nor an error envelope",
      snippet: JSON.stringify(raw).slice(0, 200),
      outcome: "ambiguous"
    })
  )
}

const chunks = <A>(items: ReadonlyArray<A>, size: number): ReadonlyArray<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const notSupported = (feature: string) => new NotSupported({ venue: VENUE, feature })

/**
 * @since 0.1.0
 */
export const make = (deps: TradingDeps): Effect.Effect<TradingMethods> =>
  Effect.sync(() => {
    const { clock, rest } = deps

    const signed = SignedCalls.make({
      venue: VENUE,
      rest,
      serverTime: Effect.map(rest.request(Endpoints.time), (r) => r.serverTime)
    })

    const lookup = (market: Market, ref: { id?: string | undefined; clientOrderId?: string | undefined }) =>
      Effect.map(rest.request(Endpoints.getOrder, { query: refQuery(market, ref) }), (o) => toOrder(market, o))

    /** After an ambiguous placement: wait out the validity window, then ask by client id. */
    const resolveAmbiguous = (market: Market, clientOrderId: string, sentAt: number, cause: TradingError) =>
      AmbiguousPlacement.resolve({
        venue: VENUE,
        clock,
        recvWindowMs: deps.recvWindowMs,
        clientOrderId,
        sentAt,
        cause,
        lookup: lookup(market, { clientOrderId })
      })

    /** Validates a request and fixes its client order id (one per intent, before any send). */
    const prepare = (request: OrderRequest) =>
      Effect.gen(function*() {
        const market = yield* deps.market(request.symbol)
        yield* checkOrder(market, request)
        if (request.clientOrderId !== undefined && !CLIENT_ORDER_ID.test(request.clientOrderId)) {
          return yield* notSupported(
            `client order id "${request.clientOrderId}" (USDⓈ-M allows 1–36 of A-Z a-z 0-9 . : / _ -)`
          )
        }
        const clientOrderId = request.clientOrderId ?? (yield* ClientOrderId.generate(clientOrderIdFormat))
        return { market, clientOrderId, params: orderParams(market, request, clientOrderId) }
      })

    const placeOrder = (request: OrderRequest): Effect.Effect<Order, TradingError> =>
      Effect.gen(function*() {
        const { clientOrderId, market, params } = yield* prepare(request)
        return yield* signed(Effect.gen(function*() {
          const sentAt = yield* clock.now
          return yield* rest.request(Endpoints.placeOrder, { body: { _tag: "form", params } }).pipe(
            Effect.map((o) => toOrder(market, o)),
            Effect.catchIf(
              (e) => e.outcome === "ambiguous",
              (e) => resolveAmbiguous(market, clientOrderId, sentAt, e)
            )
          )
        }))
      }).pipe(Effect.withSpan("binance-usdm.placeOrder"))

    type Prepared = Effect.Effect.Success<ReturnType<typeof prepare>>

    /** One `batchOrders` request of at most 5 prepared orders; per-item results in order. */
    const placeChunk = (chunk: ReadonlyArray<Prepared>): Effect.Effect<ReadonlyArray<BatchItem<Order>>, TradingError> =>
      signed(Effect.gen(function*() {
        const sentAt = yield* clock.now
        const body = batchPlaceParams(chunk.map((p) => p.params))
        const sent = yield* Effect.either(rest.request(Endpoints.placeBatch, { body: { _tag: "form", params: body } }))
        if (Either.isLeft(sent)) {
          const error = sent.left
          if (error.outcome !== "ambiguous") return chunk.map(() => Either.left(error))
          return yield* Effect.forEach(
            chunk,
            (p) => Effect.either(resolveAmbiguous(p.market, p.clientOrderId, sentAt, error)),
            { concurrency: 1 }
          )
        }
        return chunk.map((p, i) =>
          sent.right[i] === undefined
            ? Either.left(
              new OrderStatusUnknown({
                venue: VENUE,
                clientOrderId: p.clientOrderId,
                detail: "the batch response has no item for this order"
              })
            )
            : batchItem(p.market, sent.right[i], Endpoints.placeBatch.path)
        )
      }))

    const placeOrders = (
      requests: ReadonlyArray<OrderRequest>
    ): Effect.Effect<ReadonlyArray<BatchItem<Order>>, TradingError> =>
      Effect.gen(function*() {
        const prepared = yield* Effect.forEach(requests, (r) => Effect.either(prepare(r)))
        const valid = prepared.flatMap((p, index) => Either.isRight(p) ? [{ index, p: p.right }] : [])
        const results: Array<BatchItem<Order>> = prepared.map((p) =>
          Either.isLeft(p) ? Either.left(p.left) : Either.left(notSupported("unreachable"))
        )
        for (const chunk of chunks(valid, BATCH_PLACE_MAX)) {
          const out = yield* placeChunk(chunk.map((c) => c.p))
          chunk.forEach((c, i) => {
            results[c.index] = out[i]!
          })
        }
        return results
      }).pipe(Effect.withSpan("binance-usdm.placeOrders"))

    const cancelOrder = (ref: OrderRef): Effect.Effect<Order, TradingError> =>
      Effect.gen(function*() {
        const market = yield* deps.market(ref.symbol)
        const o = yield* signed(rest.request(Endpoints.cancelOrder, { query: refQuery(market, ref) }))
        return toOrder(market, o)
      }).pipe(Effect.withSpan("binance-usdm.cancelOrder"))

    const cancelOrders = (
      refs: ReadonlyArray<OrderRef>
    ): Effect.Effect<ReadonlyArray<BatchItem<Order>>, TradingError> =>
      Effect.gen(function*() {
        const results: Array<BatchItem<Order>> = refs.map(() => Either.left(notSupported("unreachable")))
        const groups = new Map<
          string,
          { market: Market; byId: boolean; items: Array<{ index: number; key: string }> }
        >()
        for (const [index, ref] of refs.entries()) {
          const market = yield* Effect.either(deps.market(ref.symbol))
          if (Either.isLeft(market)) {
            results[index] = Either.left(market.left)
            continue
          }
          const byId = ref.id !== undefined
          const key = byId ? ref.id! : ref.clientOrderId!
          if (byId ? !ORDER_ID.test(key) : !CLIENT_ORDER_ID.test(key)) {
            results[index] = Either.left(notSupported(`order reference "${key}" (not a USDⓈ-M order id)`))
            continue
          }
          const groupKey = `${market.right.symbol}:${byId ? "id" : "cid"}`
          const group = groups.get(groupKey) ?? { market: market.right, byId, items: [] }
          group.items.push({ index, key })
          groups.set(groupKey, group)
        }
        for (const { byId, items, market } of groups.values()) {
          for (const chunk of chunks(items, BATCH_CANCEL_MAX)) {
            const keys = chunk.map((c) => c.key)
            const query = batchCancelParams(market, byId ? { ids: keys } : { clientOrderIds: keys })
            const sent = yield* Effect.either(signed(rest.request(Endpoints.cancelBatch, { query })))
            chunk.forEach((c, i) => {
              results[c.index] = Either.isLeft(sent)
                ? Either.left(sent.left)
                : sent.right[i] === undefined
                ? Either.left(
                  new OrderStatusUnknown({
                    venue: VENUE,
                    clientOrderId: c.key,
                    detail: `the batch response has no item for order ${c.key}`
                  })
                )
                : batchItem(market, sent.right[i], Endpoints.cancelBatch.path)
            })
          }
        }
        return results
      }).pipe(Effect.withSpan("binance-usdm.cancelOrders"))

    const getOrder = (ref: OrderRef): Effect.Effect<Order, TradingError> =>
      Effect.flatMap(deps.market(ref.symbol), (market) => signed(lookup(market, ref)))

    const openOrders = (symbol?: string): Effect.Effect<ReadonlyArray<Order>, TradingError> =>
      Effect.gen(function*() {
        if (symbol !== undefined) {
          const market = yield* deps.market(symbol)
          const list = yield* signed(rest.request(Endpoints.openOrders(false), { query: { symbol: market.symbol } }))
          return list.map((o) => toOrder(market, o))
        }
        const all = yield* deps.markets
        const list = yield* signed(rest.request(Endpoints.openOrders(true)))
        return list.flatMap((o) => {
          const market = all.byVenueSymbol(o.symbol)
          return market === undefined ? [] : [toOrder(market, o)]
        })
      })

    /**
     * `allOpenOrders` answers only a code and message, so the open orders are read first and
     * reported as canceled once the venue confirms.
     */
    const cancelAllOrders = (symbol: string): Effect.Effect<ReadonlyArray<Order>, TradingError> =>
      Effect.gen(function*() {
        const market = yield* deps.market(symbol)
        const open = yield* openOrders(market.symbol)
        yield* signed(rest.request(Endpoints.cancelAllOpenOrders, { query: { symbol: market.symbol } }))
        return open.map((o): Order => ({ ...o, status: "canceled", venueStatus: "CANCELED" }))
      }).pipe(Effect.withSpan("binance-usdm.cancelAllOrders"))

    /**
     * USDⓈ-M's modify needs side, quantity and price together: what the amendment leaves out is
     * taken from the order as it stands. Only limit orders can be modified.
     */
    const amendOrder = (ref: OrderRef, amendment: OrderAmendment): Effect.Effect<Order, TradingError> =>
      Effect.gen(function*() {
        if (amendment.price === undefined && amendment.quantity === undefined) {
          return yield* notSupported("an amendment that changes neither price nor quantity")
        }
        const market = yield* deps.market(ref.symbol)
        const current = yield* signed(lookup(market, ref))
        if (current.type !== "limit" || current.price === undefined) {
          return yield* notSupported("amending a market order (USDⓈ-M modifies LIMIT orders only)")
        }
        const next = {
          side: current.side,
          quantity: amendment.quantity ?? current.quantity,
          price: amendment.price ?? current.price
        }
        yield* checkOrder(market, { symbol: market.symbol, type: "limit", ...next })
        const o = yield* signed(
          rest.request(Endpoints.amendOrder, { body: { _tag: "form", params: amendParams(market, ref, next) } })
        )
        return toOrder(market, o)
      }).pipe(Effect.withSpan("binance-usdm.amendOrder"))

    /** Wallet balance is the total; `availableBalance` is free; the rest is held as margin. */
    const balances: Effect.Effect<ReadonlyArray<Balance>, TradingError> = Effect.map(
      signed(rest.request(Endpoints.balance)),
      (list) =>
        list
          .map((b): Balance => {
            const held = BigDecimal.subtract(b.balance, b.availableBalance)
            return {
              asset: b.asset,
              free: b.availableBalance,
              locked: BigDecimal.isNegative(held) ? Decimal.zero : held,
              total: b.balance
            }
          })
          .filter((b) => !BigDecimal.isZero(b.total))
    )

    const positions = (symbols?: ReadonlyArray<string>): Effect.Effect<ReadonlyArray<Position>, TradingError> =>
      Effect.gen(function*() {
        const all = yield* deps.markets
        const wanted = symbols === undefined
          ? undefined
          : new Set((yield* Effect.forEach(symbols, (s) => all.resolve(s))).map((m) => m.symbol))
        const only = wanted !== undefined && wanted.size === 1 ? [...wanted][0] : undefined
        const list = yield* signed(
          rest.request(Endpoints.positionRisk, only === undefined ? {} : { query: { symbol: only } })
        )
        return list.flatMap((p) => {
          const market = all.byVenueSymbol(p.symbol)
          if (market === undefined || BigDecimal.isZero(p.positionAmt)) return []
          if (wanted !== undefined && !wanted.has(p.symbol)) return []
          return [toPosition(market, p)]
        })
      }).pipe(Effect.withSpan("binance-usdm.positions"))

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

/**
 * A `positionRisk` entry → a position: the sign of `positionAmt` is the side (one-way mode).
 * @since 0.1.0
 */
export const toPosition = (market: Market, p: Wire.PositionRisk): Position => ({
  symbol: market.unified,
  venueSymbol: market.symbol,
  side: BigDecimal.isNegative(p.positionAmt) ? "short" : "long",
  size: BigDecimal.abs(p.positionAmt),
  entryPrice: p.entryPrice,
  markPrice: p.markPrice,
  ...(BigDecimal.isPositive(p.liquidationPrice) ? { liquidationPrice: p.liquidationPrice } : {}),
  unrealizedPnl: p.unRealizedProfit,
  leverage: p.leverage,
  ...(p.marginType.toLowerCase() === "isolated"
    ? { marginMode: "isolated" as const }
    : p.marginType.toLowerCase() === "cross"
    ? { marginMode: "cross" as const }
    : {}),
  ...(p.updateTime !== undefined ? { timestamp: p.updateTime } : {})
})

/**
 * The health check: server time, then the account endpoint for credentials and permissions.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Account-Information-V2
 * @since 0.1.0
 */
export const healthCheck = (deps: {
  readonly rest: RestClient.RestClient
  readonly environment: Environment
}): Effect.Effect<HealthReport, MarketDataError> =>
  HealthCheck.make({
    venue: "binance-usdm",
    environment: deps.environment,
    rest: deps.rest,
    serverTime: Effect.map(deps.rest.request(Endpoints.time), (r) => r.serverTime),
    permissions: Effect.map(
      deps.rest.request(Endpoints.account),
      (a) => ({ read: true, trade: a.canTrade, withdraw: a.canWithdraw })
    )
  })
