/**
 * Binance Spot trading and account: orders, balances, health check.
 *
 * A placement whose outcome is ambiguous (timeout, connection reset, 5xx, -1000/-1006/-1007, an
 * unreadable success body) is never sent again: once the request's validity window has passed —
 * after which Binance can no longer accept it — the order is looked up by its client order id. The
 * caller gets the order, a definitive error when it provably does not exist, or
 * `OrderStatusUnknown` only when the venue still cannot be asked.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { NotSupported } from "../../errors/ExchangeError.js"
import type {
  BatchItem,
  Capabilities,
  Environment,
  Exchange,
  HealthReport,
  MarketDataError,
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
import { Id } from "../../model/Id.js"
import type { Market, Markets } from "../../model/Market.js"
import type { Order, OrderRequest, OrderStatus } from "../../model/Order.js"
import { checkOrder } from "../../model/OrderRules.js"
import { VENUE } from "./convert.js"

/** @since 0.1.0 */
export const tradingCapabilities: Capabilities["trading"] = {
  enabled: true,
  orderTypes: ["limit", "market"],
  timeInForce: ["GTC", "IOC", "FOK"],
  postOnly: true,
  reduceOnly: false,
  amend: false,
  batchPlaceMax: 0,
  batchCancelMax: 0,
  cancelAll: true
}

/**
 * An order as `POST /api/v3/order` (RESULT/FULL), `GET /api/v3/order`, `GET /api/v3/openOrders`
 * and `DELETE /api/v3/order` return it. Cancel responses carry the order's own client id in
 * `origClientOrderId`.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#new-order-trade
 * @since 0.1.0
 */
export const WireOrder = Schema.Struct({
  symbol: Schema.String,
  orderId: Id,
  clientOrderId: Schema.String,
  origClientOrderId: Schema.optional(Schema.String),
  price: Decimal.Decimal,
  origQty: Decimal.Decimal,
  executedQty: Decimal.Decimal,
  cummulativeQuoteQty: Decimal.Decimal,
  status: Schema.String,
  timeInForce: Schema.optional(Schema.String),
  type: Schema.String,
  side: Schema.Literal("BUY", "SELL"),
  transactTime: Schema.optional(Schema.Number),
  time: Schema.optional(Schema.Number),
  updateTime: Schema.optional(Schema.Number)
})
/** @since 0.1.0 */
export type WireOrder = typeof WireOrder.Type

/**
 * GET /api/v3/account (weight 20).
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#account-information-user_data
 * @since 0.1.0
 */
export const WireAccount = Schema.Struct({
  canTrade: Schema.Boolean,
  canWithdraw: Schema.Boolean,
  canDeposit: Schema.Boolean,
  balances: Schema.Array(Schema.Struct({ asset: Schema.String, free: Decimal.Decimal, locked: Decimal.Decimal })),
  permissions: Schema.optional(Schema.Array(Schema.String))
})

const endpoint = <A, I>(
  method: RestClient.HttpMethod,
  path: string,
  weight: number,
  response: Schema.Schema<A, I>,
  idempotent?: boolean
): RestClient.Endpoint<A, I> => ({ method, path, weight, signed: true, response, idempotent })

/** Endpoints and weights: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints */
const Endpoints = {
  placeOrder: endpoint("POST", "/api/v3/order", 1, WireOrder),
  /** Cancelling by id is safe to repeat: a second attempt can only answer "unknown order". */
  cancelOrder: endpoint("DELETE", "/api/v3/order", 1, WireOrder, true),
  cancelOpenOrders: endpoint("DELETE", "/api/v3/openOrders", 1, Schema.Array(Schema.Unknown), true),
  getOrder: endpoint("GET", "/api/v3/order", 4, WireOrder),
  openOrders: (all: boolean) => endpoint("GET", "/api/v3/openOrders", all ? 80 : 6, Schema.Array(WireOrder)),
  account: endpoint("GET", "/api/v3/account", 20, WireAccount)
}

/**
 * Binance order status → unified status.
 * https://developers.binance.com/docs/binance-spot-api-docs/enums#order-status-status
 * @since 0.1.0
 */
export const orderStatus = (status: string): OrderStatus => {
  switch (status) {
    case "NEW":
      return "open"
    case "PENDING_NEW":
      return "pending"
    case "PARTIALLY_FILLED":
      return "partially_filled"
    case "FILLED":
      return "filled"
    case "CANCELED":
    case "PENDING_CANCEL":
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

/** @since 0.1.0 */
export const toOrder = (market: Market, o: WireOrder): Order => {
  const isMarket = o.type === "MARKET" || o.type === "STOP_LOSS" || o.type === "TAKE_PROFIT"
  const tif = o.timeInForce === "GTC" || o.timeInForce === "IOC" || o.timeInForce === "FOK" ? o.timeInForce : undefined
  const average = BigDecimal.isPositive(o.executedQty)
    ? BigDecimal.divide(o.cummulativeQuoteQty, o.executedQty).pipe(
      Option.map(BigDecimal.normalize),
      Option.getOrUndefined
    )
    : undefined
  const clientOrderId = o.origClientOrderId ?? o.clientOrderId
  return {
    id: o.orderId,
    clientOrderId,
    symbol: market.unified,
    venueSymbol: market.symbol,
    side: o.side === "BUY" ? "buy" : "sell",
    type: isMarket ? "market" : "limit",
    ...(tif !== undefined && o.type !== "LIMIT_MAKER" ? { timeInForce: tif } : {}),
    postOnly: o.type === "LIMIT_MAKER",
    reduceOnly: false,
    ...(isMarket || !BigDecimal.isPositive(o.price) ? {} : { price: o.price }),
    quantity: o.origQty,
    filledQuantity: o.executedQty,
    filledQuote: o.cummulativeQuoteQty,
    ...(average !== undefined ? { averagePrice: average } : {}),
    status: orderStatus(o.status),
    venueStatus: o.status,
    ...(o.time !== undefined || o.transactTime !== undefined ? { createdAt: o.time ?? o.transactTime } : {}),
    ...(o.updateTime !== undefined || o.transactTime !== undefined
      ? { updatedAt: o.updateTime ?? o.transactTime }
      : {})
  }
}

/**
 * Binance's client order id format: `^[\.A-Z\:/a-z0-9_-]{1,36}$`.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#new-order-trade
 * @since 0.1.0
 */
export const clientOrderIdFormat: ClientOrderId.ClientOrderIdFormat = { prefix: "lx-", length: 32 }
const CLIENT_ORDER_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/

/**
 * The request parameters of `POST /api/v3/order` for a unified order (after validation).
 * @since 0.1.0
 */
export const orderParams = (market: Market, request: OrderRequest, clientOrderId: string) => {
  const side = request.side === "buy" ? "BUY" : "SELL"
  const quantity = Decimal.format(request.quantity)
  if (request.type === "market") {
    return {
      symbol: market.symbol,
      side,
      type: "MARKET",
      quantity,
      newClientOrderId: clientOrderId,
      newOrderRespType: "RESULT"
    }
  }
  const price = Decimal.format(request.price!)
  if (request.postOnly === true) {
    return {
      symbol: market.symbol,
      side,
      type: "LIMIT_MAKER",
      quantity,
      price,
      newClientOrderId: clientOrderId,
      newOrderRespType: "RESULT"
    }
  }
  return {
    symbol: market.symbol,
    side,
    type: "LIMIT",
    timeInForce: request.timeInForce ?? "GTC",
    quantity,
    price,
    newClientOrderId: clientOrderId,
    newOrderRespType: "RESULT"
  }
}

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
      serverTime: Effect.map(rest.request(timeEndpoint), (r) => r.serverTime)
    })

    const lookup = (market: Market, ref: { id?: string | undefined; clientOrderId?: string | undefined }) =>
      Effect.map(
        rest.request(Endpoints.getOrder, {
          query: ref.id !== undefined
            ? { symbol: market.symbol, orderId: ref.id }
            : { symbol: market.symbol, origClientOrderId: ref.clientOrderId }
        }),
        (o) => toOrder(market, o)
      )

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

    const placeOrder = (request: OrderRequest): Effect.Effect<Order, TradingError> =>
      Effect.gen(function*() {
        if (request.reduceOnly === true) return yield* notSupported("reduce-only orders on a spot market")
        const market = yield* deps.market(request.symbol)
        yield* checkOrder(market, request)
        if (request.clientOrderId !== undefined && !CLIENT_ORDER_ID.test(request.clientOrderId)) {
          return yield* new NotSupported({
            venue: VENUE,
            feature: `client order id "${request.clientOrderId}" (Binance allows 1–36 of A-Z a-z 0-9 . : / _ -)`
          })
        }
        const clientOrderId = request.clientOrderId ?? (yield* ClientOrderId.generate(clientOrderIdFormat))
        const params = orderParams(market, request, clientOrderId)
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
      }).pipe(Effect.withSpan("binance.placeOrder", { captureStackTrace: false }))

    const cancelOrder = (ref: OrderRef): Effect.Effect<Order, TradingError> =>
      Effect.gen(function*() {
        const market = yield* deps.market(ref.symbol)
        const query = ref.id !== undefined
          ? { symbol: market.symbol, orderId: ref.id }
          : { symbol: market.symbol, origClientOrderId: ref.clientOrderId }
        const o = yield* signed(rest.request(Endpoints.cancelOrder, { query }))
        return toOrder(market, o)
      }).pipe(Effect.withSpan("binance.cancelOrder", { captureStackTrace: false }))

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

    const cancelAllOrders = (symbol: string): Effect.Effect<ReadonlyArray<Order>, TradingError> =>
      Effect.gen(function*() {
        const market = yield* deps.market(symbol)
        const result = yield* signed(rest.request(Endpoints.cancelOpenOrders, { query: { symbol: market.symbol } }))
          .pipe(
            // Binance answers -2011 "Unknown order sent." when there is nothing to cancel.
            Effect.catchIf((e) => e._tag === "OrderNotFound" || (e.venueCode === "-2011"), () => Effect.succeed([]))
          )
        const decode = Schema.decodeUnknownOption(WireOrder)
        // Entries for order lists (OCO) have another shape and are not single orders.
        return result.flatMap((raw) =>
          Option.match(decode(raw), { onNone: () => [], onSome: (o) => [toOrder(market, o)] })
        )
      })

    const balances: Effect.Effect<ReadonlyArray<Balance>, TradingError> = Effect.map(
      signed(rest.request(Endpoints.account)),
      (account) =>
        account.balances
          .map((b) => ({ asset: b.asset, free: b.free, locked: b.locked, total: BigDecimal.sum(b.free, b.locked) }))
          .filter((b) => !BigDecimal.isZero(b.total))
    )

    const batch = <A, B>(items: ReadonlyArray<A>, f: (a: A) => Effect.Effect<B, TradingError>) =>
      Effect.forEach(items, (item) => Effect.either(f(item)), { concurrency: 4 }) as Effect.Effect<
        ReadonlyArray<BatchItem<B>>
      >

    return {
      placeOrder,
      placeOrders: (requests) => batch(requests, placeOrder),
      cancelOrder,
      cancelOrders: (refs) => batch(refs, cancelOrder),
      cancelAllOrders,
      amendOrder: () => Effect.fail(notSupported("amending orders (Binance Spot has cancel-replace only)")),
      getOrder,
      openOrders,
      balances,
      positions: () => Effect.fail(notSupported("positions (spot market)"))
    }
  })

const timeEndpoint: RestClient.Endpoint<{ readonly serverTime: number }, { readonly serverTime: number }> = {
  method: "GET",
  path: "/api/v3/time",
  weight: 1,
  signed: false,
  response: Schema.Struct({ serverTime: Schema.Number })
}

/**
 * The health check: server time, then the account endpoint for credentials and permissions.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#account-information-user_data
 * @since 0.1.0
 */
export const healthCheck = (deps: {
  readonly rest: RestClient.RestClient
  readonly environment: Environment
}): Effect.Effect<HealthReport, MarketDataError> =>
  HealthCheck.make({
    venue: "binance",
    environment: deps.environment,
    rest: deps.rest,
    serverTime: Effect.map(deps.rest.request(timeEndpoint), (r) => r.serverTime),
    permissions: Effect.map(
      deps.rest.request(Endpoints.account),
      (a) => ({ read: true, trade: a.canTrade, withdraw: a.canWithdraw })
    )
  })
